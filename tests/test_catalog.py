from pathlib import Path

import pytest

from monitor.catalog import load_catalog, parse_catalog
from monitor.errors import ConfigError

WATCHLIST = """
actors:
  - id: assimi-goita
    name: Assimi Goïta
    type: person
    aliases: [Goïta]
  - {id: vladimir-putin, name: Vladimir Putin, type: person, aliases: [Poutine]}
keywords:
  - id: military-cooperation
    terms: [coopération militaire]
"""
RULES = """
sinks:
  - {id: archive, type: file, path: alerts.jsonl}
  - {id: screen, type: console}
rules:
  - id: goita-meets-putin
    actors: {all: [assimi-goita, vladimir-putin]}
    keywords: {any: [military-cooperation]}
    severity: high
    sinks: [archive]
"""
FEEDS = """
feeds:
  - id: journal-du-faso
    url: https://example.org/feed/
    interval: 5m
"""


def problems_of(**texts) -> list[str]:
    base = {"feeds.yaml": FEEDS, "watchlist.yaml": WATCHLIST, "rules.yaml": RULES}
    base.update({name.replace("_", "."): text for name, text in texts.items()})
    with pytest.raises(ConfigError) as caught:
        parse_catalog(base)
    return caught.value.problems


def test_contract_example_loads_in_block_and_flow_styles():
    """The CONTRACTS.md example loads, with both YAML styles, into frozen models."""
    catalog = parse_catalog({"feeds.yaml": FEEDS, "watchlist.yaml": WATCHLIST, "rules.yaml": RULES})
    assert catalog.summary() == {"feeds": 1, "actors": 2, "keywords": 1, "rules": 1, "sinks": 2}
    assert catalog.feeds[0].interval == 300
    assert [s.id for s in catalog.sinks_for(catalog.rules[0])] == ["archive"]
    with pytest.raises(Exception):
        catalog.feeds[0].url = "https://other"  # frozen


def test_typo_in_a_field_name_is_one_line_naming_file_entry_and_field():
    """A misspelt field gives exactly one line with file, rule and field."""
    problems = problems_of(rules_yaml=RULES.replace("severity: high", "sevrity: high"))
    assert problems == ["config: rules.yaml: rules[0] (id=goita-meets-putin): sevrity: unknown field (typo?)"]


def test_unknown_ids_are_reported_with_rule_and_field():
    """A rule naming a missing actor or sink is a config error saying where."""
    problems = problems_of(rules_yaml=RULES.replace("vladimir-putin]", "vladimir-poutine]").replace("[archive]", "[archiv]"))
    assert "config: rules.yaml: rules[0] (id=goita-meets-putin): actors.all: unknown actor 'vladimir-poutine' (not in watchlist.yaml)" in problems
    assert "config: rules.yaml: rules[0] (id=goita-meets-putin): sinks: unknown sink 'archiv' (not in rules.yaml sinks)" in problems


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        ("feeds.yaml", "feeds:\n  - {id: a, url: ftp://x.org/}", "feeds.yaml: feeds[0] (id=a): url: 'ftp://x.org/' is not an http or https URL"),
        ("feeds.yaml", "feeds:\n  - {id: a, url: https://x.org/, interval: 2s}", "feeds.yaml: feeds[0] (id=a): interval: '2s' is outside 10s .. 24h"),
        ("feeds.yaml", "feeds:\n  - {id: A b, url: https://x.org/}", "feeds.yaml: feeds[0] (id=A b): id: 'A b' is not a slug"),
        ("feeds.yaml", "feeds:\n  - {id: a, url: https://x.org/}\n  - {id: a, url: https://y.org/}", "feeds.yaml: feeds[1] (id=a): id: duplicate of feeds[0]"),
        ("feeds.yaml", "feeds: [\n", "feeds.yaml: line"),
        ("watchlist.yaml", "actors:\n  - {id: x, name: X, type: persn}", "watchlist.yaml: actors[0] (id=x): type: 'persn' is not allowed"),
        ("watchlist.yaml", "keywords:\n  - {id: k, terms: []}", "watchlist.yaml: keywords[0] (id=k): terms:"),
        ("rules.yaml", "sinks:\n  - {id: s, type: pigeon}", "rules.yaml: sinks[0] (id=s): type: unknown sink type 'pigeon'"),
        ("rules.yaml", "rules:\n  - {id: r, severity: low}", "rules.yaml: rules[0] (id=r): needs an actors or keywords condition"),
        ("rules.yaml", "- just\n- a list", "rules.yaml: expected a mapping at the top"),
    ],
)
def test_each_mistake_gives_a_precise_line(name, text, expected):
    """Every kind of mistake is reported on one line that starts with the file and entry."""
    problems = problems_of(**{name.replace(".", "_"): text})
    assert any(p.startswith(f"config: {expected}") for p in problems), problems
    assert all("\n" not in p for p in problems)


def test_environment_references_are_substituted_and_missing_ones_reported():
    """${NAME} takes its value from the environment; an unset name is an error naming it."""
    rules = RULES.replace("path: alerts.jsonl", 'path: "${ALERT_FILE}"')
    catalog = parse_catalog({"feeds.yaml": FEEDS, "watchlist.yaml": WATCHLIST, "rules.yaml": rules}, {"ALERT_FILE": "x.jsonl"})
    assert catalog.sinks[0].path == "x.jsonl"
    problems = problems_of(rules_yaml=rules)
    assert problems == ["config: rules.yaml: sinks[0].path: environment variable ALERT_FILE is not set"]


def test_missing_directory_is_a_clear_error(tmp_path: Path):
    """Pointing --config at nothing says so and how to fix it."""
    with pytest.raises(ConfigError) as caught:
        load_catalog(tmp_path / "nope")
    assert "not a directory" in caught.value.problems[0] and "MONITOR_CONFIG" in caught.value.problems[0]
