from pathlib import Path

import pytest

from monitor.errors import ConfigError
from monitor.settings import Settings, parse_duration, parse_size


def test_defaults_follow_the_contract():
    """With an empty environment the documented defaults apply and the broker is embedded."""
    settings = Settings.load({})
    assert settings.config_dir == Path("./config") and settings.data_dir == Path("./data")
    assert settings.web_port == 6066 and settings.broker is None and settings.embedded
    assert settings.allow_networks == ()


def test_cli_overrides_beat_the_environment():
    """A flag given on the command line wins over the MONITOR_* variable."""
    settings = Settings.load({"MONITOR_WEB_PORT": "7000", "MONITOR_BROKER": "kafka://a:9092"}, web_port="7001")
    assert settings.web_port == 7001 and settings.broker == "kafka://a:9092" and not settings.embedded


def test_every_bad_value_is_reported_with_its_source():
    """Each invalid variable yields one line naming the variable."""
    with pytest.raises(ConfigError) as caught:
        Settings.load({"MONITOR_BROKER": "localhost:9092", "MONITOR_ALLOW_NETWORKS": "10.0.0.0/33", "MONITOR_WEB_PORT": "x"})
    problems = caught.value.problems
    assert len(problems) == 3
    assert any("MONITOR_BROKER" in p and "kafka://" in p for p in problems)
    assert any("MONITOR_ALLOW_NETWORKS" in p for p in problems)
    assert all(p.startswith("config: settings: ") for p in problems)


def test_durations_and_sizes_parse_with_units():
    """Human units turn into seconds and bytes."""
    assert parse_duration("90s") == 90 and parse_duration("5m") == 300 and parse_duration("2h") == 7200
    assert parse_size("10MB") == 10 * 1024 * 1024 and parse_size("512k") == 512 * 1024
    with pytest.raises(ValueError):
        parse_duration("soon")
