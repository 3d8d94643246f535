"""The fast paths of detection give what the plain code they stand for gives."""

from __future__ import annotations

import random

from monitor.detect import furniture, quotes, text
from monitor.detect.candidates import name_words, shape
from monitor.detect.text import chunk_pieces


def test_paired_quotations_match_the_lazy_patterns():
    """«…» and “…” found by _paired are exactly what the _STYLES regexes find, including
    whitespace-only insides, nesting and the 3000-character bound."""
    rng = random.Random(4)
    alphabet = ["«", "»", "“", "”", " ", "\u00a0", "\n", "\t", "a", "b", "x y", "«»"]
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randrange(14))) for _ in range(20_000)]
    texts += ["«" + "a" * n + " »" for n in (2999, 3000, 3001)] + ["« " + "b" * 3001 + " » « ok »"]
    styles = dict(quotes._STYLES)
    for text in texts:
        for opening in ("«", "“"):
            expected = [(m.start(), m.end(), m.group(1), m.span(1)) for m in styles[opening].finditer(text)]
            found = [(m.start(), m.end(), m.group(1), m.span(1))
                     for m in quotes._paired(quotes._PAIRED[opening], text)]
            assert found == expected, text


def test_remembered_furniture_lines_are_judged_alike():
    """Short lines remembered by _classify get classify's answer, the first time and after."""
    lines = ["Suivez-nous sur Facebook", "Par Jean DUPONT", "By John Smith", "Partager",
             "Lire aussi : Goïta à Moscou", "Articles similaires", "Le président a parlé.",
             "Moussa Traoré est journaliste à Bamako", "pa", "", "Tags :"]
    for line in lines * 2:
        assert furniture._classify(line) == furniture.classify(line)


def test_plain_word_chunks_read_like_any_chunk(detector):
    """Detector._read's path for one plain word agrees with the general one."""
    for word in ("Goïta", "GOITA", "accords", "Mali", "AES", "Poutine", "x", "Xi", "le", "the", "Diop", "12"):
        chunk = detector._read(word)
        pieces, trail = chunk_pieces(word)
        assert chunk.pieces == pieces and trail == chunk.trail == ""
        assert chunk.name == shape(pieces, trail)
        assert chunk.anchors == detector.matcher.anchors(pieces)
        assert (chunk.seq, chunk.slots) == detector.matcher.sequence(pieces, trail)


def _pieces_by_regex(chunk: str) -> tuple:
    """chunk_pieces as written before its fast paths: whole-chunk words, else _WORD."""
    if chunk.isalnum():
        return (text.Piece(0, len(chunk), chunk, text.fold_word(chunk), text.word_key(chunk),
                           text.word_accents(chunk), ""),), ""
    pieces, last = [], 0
    for match in text._WORD.finditer(chunk):
        start, end = match.span()
        raw = match.group()
        pieces.append(text.Piece(start, end, raw, text.fold_word(raw), text.word_key(raw), text.word_accents(raw),
                                 chunk[last:start]))
        last = end
    return tuple(pieces), chunk[last:]


def test_chunk_pieces_fast_paths_match_the_word_pattern():
    """Words between punctuation and elided words ("l’armée,") read as _WORD reads them,
    whatever the apostrophe, combining mark or invisible character around them."""
    rng = random.Random(6)
    alphabet = [*"lLdDsqu'’ʼʻ`.,;:!?()«»\"“”-–_aé²", "\u0301", "\u064b", "\u0670", "\u2060", "\u00ad",
                "\u200b", "\u00a0", "x\u0301y", "jusqu", "Mali", "12", "ſ", "İ"]
    chunks = ["".join(rng.choice(alphabet) for _ in range(rng.randrange(1, 8))) for _ in range(30_000)]
    chunks += ["l’armée,", "(AFP)", "«Goïta»", "d'Alexandre.", "qu’il", "aujourd’hui", "Mali\u0301,",
               "lʼarmée"]
    for chunk in chunks:
        assert chunk_pieces(chunk) == _pieces_by_regex(chunk), chunk


def test_one_word_chunks_read_their_name_words_like_name_words(detector):
    """Detector._read's inline name_words for one word agrees with name_words."""
    for word in ("Goïta", "GOITA", "(Mali)", "«Diop»,", "Le", "Président", "D'Alexandre", "l’AES", "Xi"):
        chunk = detector._read(word)
        if chunk.name:
            assert (chunk.words, chunk.good) == name_words(word, chunk.pieces)


def test_a_full_chunk_cache_is_emptied_without_losing_a_chunk(detector, monkeypatch):
    """When the chunk cache is full it starts again, and the text is still read whole."""
    from monitor.detect import pipeline
    monkeypatch.setattr(pipeline, "CHUNK_CACHE", 8)
    fresh = pipeline.Detector(detector.watchlist)
    text = "Assimi Goïta a reçu Sadio Camara à Bamako pour parler de drones et de coopération militaire."
    expected = detector.detect(text)
    fresh.detect("Bamako pour parler de drones et")  # some of the words below, known before the cache fills
    assert fresh.detect(text) == expected
    assert len(fresh._chunks) <= len(set(text.split(" ")))


def test_forgetting_the_caches_changes_no_finding(detector):
    """A detector that forgot what it had read finds what it found before."""
    text = "Le ministre Rokia Dembélé a reçu Sadio Camara à Bamako : « La coopération militaire avance bien »."
    expected = detector.detect(text)
    detector.forget()
    assert not detector._chunks and not detector._runs
    assert detector.detect(text) == expected
