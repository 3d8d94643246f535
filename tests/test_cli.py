import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from monitor.cli import main
from support import SEEDS

ROOT = Path(__file__).resolve().parents[1]


def media_monitor(*args: str, env: dict | None = None, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "monitor", *args], capture_output=True, text=True,
                          cwd=ROOT, env=env, input=stdin, timeout=60)


@pytest.fixture
def config_copy(tmp_path: Path) -> Path:
    target = tmp_path / "config"
    shutil.copytree(ROOT / "config", target)
    return target


def test_check_config_accepts_the_shipped_config(capsys):
    """The default config validates and the summary names what was loaded."""
    assert main(["check-config", "--config", str(ROOT / "config")], env={}) == 0
    out = capsys.readouterr().out
    assert out.startswith("config: ") and " ok (" in out and "feeds" in out


def test_a_typo_in_rules_yaml_is_one_line_and_exit_1(config_copy: Path):
    """A misspelt field in rules.yaml prints one line naming file, rule and field, and no traceback."""
    rules = config_copy / "rules.yaml"
    rules.write_text(rules.read_text().replace("severity:", "sevrity:", 1))
    result = media_monitor("check-config", "--config", str(config_copy))
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr
    assert lines[0].startswith("config: rules.yaml: rules[") and lines[0].endswith("sevrity: unknown field (typo?)")


def test_run_refuses_a_broken_config_before_starting_anything(config_copy: Path, tmp_path: Path):
    """`run` with a bad config exits 1 with the same one-line errors and starts no broker."""
    (config_copy / "feeds.yaml").write_text("feeds:\n  - {id: x, url: 'gopher://old'}\n")
    result = media_monitor("run", "--config", str(config_copy), "--data-dir", str(tmp_path / "data"))
    assert result.returncode == 1
    assert result.stderr.strip().splitlines()[-1] == "config: feeds.yaml: feeds[0] (id=x): url: 'gopher://old' is not an http or https URL"
    assert not (tmp_path / "data" / "broker").exists()


def test_worker_without_a_broker_says_how_to_give_one(tmp_path: Path):
    """`worker` never starts a broker; without one it says which flag or variable to set."""
    result = media_monitor("worker", "--data-dir", str(tmp_path))
    assert result.returncode == 1 and "--broker" in result.stderr and "MONITOR_BROKER" in result.stderr


def test_bad_setting_is_reported_with_its_variable():
    """A malformed MONITOR_BROKER is one line naming the variable."""
    result = media_monitor("check-config", env={"MONITOR_BROKER": "localhost:9092", "PATH": "/usr/bin"})
    assert result.returncode == 1 and result.stderr.startswith("config: settings: MONITOR_BROKER:")


def test_analyze_json_follows_the_contract_on_a_seed():
    """`analyze --json` prints one object per input with actors, offsets, keywords, quotes and candidates."""
    seed = next(SEEDS.glob("000_*.txt"))
    result = media_monitor("analyze", "--json", str(seed), "-", stdin="Le président Assimi Goïta a reçu des drones.")
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["path"] for r in records] == [str(seed), "-"]
    text = seed.read_text(encoding="utf-8")
    first = records[0]
    assert set(first) >= {"path", "language", "actors", "keywords", "quotes", "candidates"} and first["language"] == "fr"
    goita = next(a for a in first["actors"] if a["id"] == "assimi-goita")
    assert goita["type"] == "person" and goita["count"] >= 2
    for actor in first["actors"]:
        for mention in actor["mentions"]:
            assert text[mention["start"]:mention["end"]] == mention["text"]
    assert any(a["id"] == "assimi-goita" for a in records[1]["actors"])


def test_analyze_reports_an_unreadable_file_in_one_line(tmp_path: Path):
    """A missing input file is a one-line error and exit 1."""
    result = media_monitor("analyze", str(tmp_path / "missing.txt"))
    assert result.returncode == 1 and result.stderr.count("\n") == 1 and "cannot read" in result.stderr
