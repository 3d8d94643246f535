"""The detector's findings and the `analyze --json` record."""

from __future__ import annotations

import dataclasses

import orjson
import pytest

from monitor.detect.pipeline import Detector, Findings, analysis_record
from monitor.models import Detection

TEXT = (
    "Le président Assimi Goïta a rencontré Vladimir Poutine au Kremlin.\n\n"
    "« La coopération militaire entre nos pays ira plus loin », a déclaré Assimi Goïta. "
    "Les drones livrés aux FAMa ont été présentés au ministre Aloussény SANOU.\n\n"
    "Suivez-nous sur Facebook et WhatsApp pour ne rien rater de l’actualité de Rosatom"
)


def test_findings_are_frozen_and_complete(detector):
    """detect() returns frozen Findings with every part filled for a rich text."""
    found = detector.detect(TEXT)
    assert isinstance(found, Findings)
    with pytest.raises(dataclasses.FrozenInstanceError):
        found.language = "en"  # type: ignore[misc]
    assert found.language == "fr"
    assert found.actor_ids() == {"assimi-goita", "vladimir-putin", "fama"}
    assert found.keyword_ids() == {"military-cooperation", "drones"}
    assert [(q.speaker, q.text[:15]) for q in found.quotes] == [("assimi-goita", "La coopération ")]
    assert [(c.name, c.type, c.count) for c in found.candidates] == [("Aloussény Sanou", "person", 1)]


def test_every_offset_indexes_the_input(detector):
    """Mentions and quotes satisfy text[start:end] == text."""
    found = detector.detect(TEXT)
    for hit in (*found.actors, *found.keywords):
        for mention in hit.mentions:
            assert TEXT[mention.start:mention.end] == mention.text
    for quote in found.quotes:
        assert TEXT[quote.start:quote.end] == quote.text


def test_hits_are_ranked_by_count_then_first_mention(detector):
    """Actors come most-counted first, ties in order of first mention; mentions in text order."""
    found = detector.detect(TEXT)
    assert [hit.id for hit in found.actors] == ["assimi-goita", "vladimir-putin", "fama", "rosatom"]
    assert [hit.count for hit in found.actors] == [2, 1, 1, 0]
    starts = [m.start for m in found.actors[0].mentions]
    assert starts == sorted(starts)


def test_analysis_record_has_the_contract_shape(detector):
    """analysis_record() gives exactly the CONTRACTS.md keys, JSON-ready, furniture only when true."""
    record = analysis_record("a.txt", detector.detect(TEXT))
    assert list(record) == ["path", "language", "actors", "keywords", "quotes", "candidates"]
    assert record["path"] == "a.txt" and record["language"] == "fr"
    goita = record["actors"][0]
    assert list(goita) == ["id", "name", "type", "count", "mentions"]
    assert goita["name"] == "Assimi Goïta" and goita["type"] == "person"
    assert list(goita["mentions"][0]) == ["start", "end", "text"]
    rosatom = next(a for a in record["actors"] if a["id"] == "rosatom")
    assert rosatom["count"] == 0 and rosatom["mentions"][0]["furniture"] is True
    assert list(record["keywords"][0]) == ["id", "count", "mentions"]
    assert list(record["quotes"][0]) == ["text", "speaker", "start", "end"]
    assert record["candidates"] == [{"name": "Aloussény Sanou", "type": "person", "count": 1}]
    assert orjson.loads(orjson.dumps(record)) == record


def test_findings_fit_the_detection_record(detector):
    """The findings' hits, quotes and candidates build a Detection wire record as they are."""
    found = detector.detect(TEXT)
    detection = Detection(article_id="x", language=found.language, actors=found.actors,
                          keywords=found.keywords, quotes=found.quotes, candidates=found.candidates)
    assert orjson.loads(detection.to_json())["actors"][0]["id"] == "assimi-goita"


def test_repeated_detection_gives_the_same_findings(detector):
    """The per-detector word cache changes nothing: a second run equals the first."""
    assert detector.detect(TEXT) == detector.detect(TEXT)
    assert Detector(detector.watchlist).detect(TEXT) == detector.detect(TEXT)


def test_large_input_counts_every_repetition(detector):
    """A 500 KB text of repeated articles is processed whole: every repetition counts."""
    found = detector.detect((TEXT + "\n") * 1000)
    goita = next(hit for hit in found.actors if hit.id == "assimi-goita")
    assert goita.count == 2000


def test_odd_inputs_keep_exact_offsets(detector):
    """Tabs, form feeds, lone carriage returns, emoji and a long run without spaces keep offsets exact."""
    text = "x" * 5000 + "\tMali\x0cRussie\rSadio Camara 🇲🇱 AES\u200b"
    found = detector.detect(text)
    assert found.actor_ids() == {"mali", "russia", "sadio-camara", "aes"}
    for hit in found.actors:
        for mention in hit.mentions:
            assert text[mention.start:mention.end] == mention.text
