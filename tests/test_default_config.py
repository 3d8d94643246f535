"""The shipped config/ (the default Sahel watch) loads and covers what our first users asked for."""

from __future__ import annotations

import unicodedata
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from monitor.catalog import Catalog, load_catalog

CONFIG = Path(__file__).resolve().parents[1] / "config"

# Surface forms the desk asked for by name: each must belong to some actor (accents and case
# folded as the matcher folds them; acronyms compared exactly).
REQUIRED_ACTORS = [
    # Mali
    "Assimi Goïta", "Sadio Camara", "Abdoulaye Diop", "Choguel Maïga", "Abdoulaye Maïga", "Alousséni Sanou",
    # Burkina Faso
    "Ibrahim Traoré", "Apollinaire Kyélem de Tambèla",
    # Niger
    "Abdourahamane Tiani", "Tchiani", "Ali Lamine Zeine",
    # Russia
    "Vladimir Putin", "Vladimir Poutine", "Sergueï Lavrov", "Sergey Lavrov", "Andreï Belooussov", "Belousov",
    "Beloussov", "Sergueï Choïgou", "Shoigu", "Iounous-Bek Evkourov", "Yevkurov", "Alexandre Novak", "Alexander Novak",
    # others
    "Emmanuel Macron", "Bola Tinubu", "Alassane Ouattara",
    # organisations and groups
    "FAMa", "Forces armées maliennes", "AES", "Alliance des États du Sahel", "CEDEAO", "ECOWAS", "MINUSMA",
    "Wagner", "Africa Corps", "Rosatom", "JNIM", "GSIM", "EIGS", "État islamique au Sahel", "Union africaine",
    "ONU", "Barkhane",
    # places
    "Bamako", "Kidal", "Tombouctou", "Gao", "Ménaka", "Ouagadougou", "Niamey", "Moscou", "Moscow", "Kremlin",
    "Liptako-Gourma",
]
REQUIRED_KEYWORDS = [
    "military-cooperation", "terrorism", "drones-arms", "agreements", "sanctions", "energy-nuclear", "mining",
    "coup-transition", "humanitarian-displacement",
]


def is_acronym(form: str) -> bool:
    return " " not in form and sum(c.isupper() for c in form) >= 2


def fold(form: str) -> str:
    """Accents and case dropped, except for acronyms (the matching rule stated in watchlist.yaml)."""
    if is_acronym(form):
        return form
    decomposed = unicodedata.normalize("NFKD", form)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(CONFIG, env={})


def test_shipped_config_loads(catalog: Catalog) -> None:
    """config/ loads through monitor.catalog.load_catalog with feeds, actors, keywords, rules and sinks."""
    summary = catalog.summary()
    assert all(summary[k] > 0 for k in ("feeds", "actors", "keywords", "rules", "sinks")), summary


def test_feed_urls_are_http_or_https(catalog: Catalog) -> None:
    """Every shipped feed URL is an absolute http or https URL with a host."""
    for feed in catalog.feeds:
        parts = urlsplit(feed.url)
        assert parts.scheme in {"http", "https"} and parts.netloc, f"{feed.id}: {feed.url}"


def test_feeds_are_french_and_polled_sensibly(catalog: Catalog) -> None:
    """Every feed is named, in French, and polled between every 5 minutes and every 30 minutes."""
    for feed in catalog.feeds:
        assert feed.name and feed.language == "fr", feed.id
        assert 300 <= feed.interval <= 1800, f"{feed.id}: {feed.interval}s"


def test_rules_reference_existing_ids(catalog: Catalog) -> None:
    """Every actor, keyword and sink a rule names exists (load_catalog already refuses otherwise)."""
    actors = {a.id for a in catalog.watchlist.actors}
    keywords = {k.id for k in catalog.watchlist.keywords}
    sinks = {s.id for s in catalog.sinks}
    for rule in catalog.rules:
        assert set(rule.actors.ids() if rule.actors else ()) <= actors, rule.id
        assert set(rule.keywords.ids() if rule.keywords else ()) <= keywords, rule.id
        assert set(rule.sinks or ()) <= sinks, rule.id


def test_sinks_are_console_archive_and_topic(catalog: Catalog) -> None:
    """The shipped sinks are the console, the alerts.jsonl archive and the monitor.alerts topic."""
    sinks = {s.id: s for s in catalog.sinks}
    assert sinks["console"].type == "console"
    assert sinks["archive"].type == "file" and sinks["archive"].path == "alerts.jsonl"
    assert sinks["alerts-topic"].type == "kafka" and sinks["alerts-topic"].topic == "monitor.alerts"


def test_watchlist_has_the_requested_actors(catalog: Catalog) -> None:
    """Each actor our first users named is on the watchlist under at least that spelling."""
    forms = {fold(form) for actor in catalog.watchlist.actors for form in actor.surface_forms}
    missing = [name for name in REQUIRED_ACTORS if fold(name) not in forms]
    assert not missing, f"not on the watchlist: {missing}"
    ids = {a.id for a in catalog.watchlist.actors}
    assert {"assimi-goita", "vladimir-putin"} <= ids      # the ids CONTRACTS.md uses in its examples


def test_watchlist_has_the_requested_keyword_groups(catalog: Catalog) -> None:
    """Each keyword group our first users named exists and has terms."""
    keywords = {k.id: k for k in catalog.watchlist.keywords}
    missing = [k for k in REQUIRED_KEYWORDS if k not in keywords]
    assert not missing, f"missing keyword groups: {missing}"


def test_no_surface_form_names_two_actors(catalog: Catalog) -> None:
    """No spelling, once accents and case are folded, belongs to two actors (or twice to one)."""
    owner: dict[str, str] = {}
    clashes = []
    for actor in catalog.watchlist.actors:
        for form in actor.surface_forms:
            key = fold(form)
            if key in owner:
                clashes.append(f"{form!r}: {owner[key]} and {actor.id}")
            owner[key] = actor.id
    assert not clashes, clashes


def test_no_person_alias_is_a_lone_first_name(catalog: Catalog) -> None:
    """No one-word alias of a person is the first name of any person on the watchlist."""
    people = [a for a in catalog.watchlist.actors if a.type == "person"]
    first_names = {fold(p.name.split()[0]) for p in people}
    lone = [f"{p.id}: {alias}" for p in people for alias in p.aliases if " " not in alias and fold(alias) in first_names]
    assert not lone, lone
