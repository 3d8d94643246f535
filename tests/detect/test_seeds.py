"""Detection on the real articles in ../shared/seeds (read in place, never copied)."""

from __future__ import annotations

from support import seed_paths


import pytest

from monitor.detect.pipeline import Findings



@pytest.fixture(scope="module")
def seeds(detector) -> dict[str, tuple[str, Findings]]:
    texts = {path.name: path.read_text(encoding="utf-8") for path in seed_paths()}
    return {name: (text, detector.detect(text)) for name, text in texts.items()}


def test_watchlist_actors_and_keyword_are_found(seeds):
    """Goïta, Putin (as Poutine), Camara, Diop, Rosatom and military cooperation are in the seeds."""
    actors = frozenset().union(*(found.actor_ids() for _, found in seeds.values()))
    keywords = frozenset().union(*(found.keyword_ids() for _, found in seeds.values()))
    assert {"assimi-goita", "vladimir-putin", "sadio-camara", "abdoulaye-diop", "rosatom"} <= actors
    assert "military-cooperation" in keywords


def test_spellings_of_goita_and_putin_are_all_found(seeds):
    """Assimi GOÏTA, Assimi GOITA, Goïta alone and Poutine all name their actors."""
    texts = {m.text for _, found in seeds.values() for hit in found.actors
             if hit.id in ("assimi-goita", "vladimir-putin") for m in hit.mentions}
    assert {"Assimi GOÏTA", "Assimi GOITA", "Assimi Goïta", "Goïta", "Poutine"} <= texts


def test_every_offset_round_trips(seeds):
    """In every seed, text[start:end] is the mention's or quote's text."""
    for text, found in seeds.values():
        for hit in (*found.actors, *found.keywords):
            for mention in hit.mentions:
                assert text[mention.start:mention.end] == mention.text
        for quote in found.quotes:
            assert text[quote.start:quote.end] == quote.text
        for start, end in found.furniture:
            assert 0 <= start < end <= len(text)


def test_suivez_nous_lines_are_furniture(seeds):
    """Every "Suivez-nous sur ..." line in the seeds lies inside a furniture span."""
    checked = 0
    for text, found in seeds.values():
        at = text.find("Suivez-nous")
        while at >= 0:
            assert any(start <= at < end for start, end in found.furniture)
            checked += 1
            at = text.find("Suivez-nous", at + 1)
    assert checked >= 2


def test_related_articles_do_not_count(seeds):
    """Names met only in "Lire aussi" teasers and author pages are listed as furniture, not counted."""
    maiga = [hit for _, found in seeds.values() for hit in found.actors if hit.id == "abdoulaye-maiga"]
    assert maiga and all(hit.count == 0 and all(m.furniture for m in hit.mentions) for hit in maiga)


def test_quotes_with_speakers_are_extracted(seeds):
    """Quotations are attributed: Goïta's on terrorism, Camara's before the CNT, Diop's."""
    attributed = {(q.speaker, q.text.split()[0]) for _, found in seeds.values() for q in found.quotes if q.speaker}
    assert ("assimi-goita", "Le") in attributed
    assert ("sadio-camara", "Aujourd’hui,") in attributed
    assert ("abdoulaye-diop", "Notre") in attributed


def test_seeds_are_french_with_new_names(seeds):
    """Every seed is French, and ministers outside the watchlist come out as candidates."""
    assert {found.language for _, found in seeds.values()} == {"fr"}
    candidates = {c.name for _, found in seeds.values() for c in found.candidates}
    assert {"Alousséni Sanou", "Boubacar Diane"} <= candidates
