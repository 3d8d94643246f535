"""Article text -> findings: language, watchlist actors and keywords, quotations, new names.
Pure: the same code serves the stream (``detect/agents.py``) and ``media-monitor analyze``.

    detector = Detector(watchlist)          # builds the watchlist automaton once
    findings = detector.detect(text)        # then about a millisecond per 5 KB article
    findings.actor_ids()                    # ids that count (outside page furniture)

Every offset indexes ``text`` exactly: ``text[m.start:m.end] == m.text``.

The text is read as chunks separated by spaces and line breaks; each distinct chunk is
tokenised once and remembered (``CHUNK_CACHE`` per detector), as articles share most words.
What is remembered includes the chunk's words as the watchlist automaton reads them
(``Chunk.seq``), so that one pass of the automaton over the whole text finds every form, and
detection then visits only the chunks marked ``busy`` (a surname variant or part of a name).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from datetime import date as Date
from itertools import accumulate, compress, count
from operator import add, attrgetter, itemgetter, not_
from typing import Any

from pydantic import TypeAdapter

from monitor.catalog import Watchlist
from monitor.detect.candidates import GOES_ON, NAME, OPEN, STOPWORDS, TITLES, find_candidates, name_words, shape
from monitor.detect.furniture import furniture_spans
from monitor.detect.language import ENGLISH, FRENCH, count_common, decide
from monitor.detect.match import ACTOR, Matcher
from monitor.detect.quotes import ActorMention, extract_quotes
from monitor.detect.text import Chunk, Piece, chunk_pieces, fold_word, word_accents, word_key
from monitor.models import ActorHit, Candidate, KeywordHit, Quote

CHUNK_CACHE = 1 << 16  # chunks remembered per detector
CHUNK_MAX = 100  # longer chunks (a blob without spaces) are not remembered
_FOLD = attrgetter("fold")
_LANG, _BUSY = itemgetter(Chunk._fields.index("lang")), itemgetter(Chunk._fields.index("busy"))
_LANG_SHIFT = 40  # Chunk.lang: french + (english << _LANG_SHIFT)
_LANG_MASK = (1 << _LANG_SHIFT) - 1
_new = tuple.__new__  # builds a NamedTuple without its Python-level __new__ (all fields given)
_NO_WORDS: tuple[tuple, int] = ((), 0)  # Chunk.words and Chunk.good of a chunk without a name shape
_ACTOR_HITS = TypeAdapter(tuple[ActorHit, ...])  # one validation call for all hits
_KEYWORD_HITS = TypeAdapter(tuple[KeywordHit, ...])


@dataclass(frozen=True, slots=True)
class Findings:
    language: str | None
    actors: tuple[ActorHit, ...]
    keywords: tuple[KeywordHit, ...]
    quotes: tuple[Quote, ...]
    candidates: tuple[Candidate, ...]
    furniture: tuple[tuple[int, int], ...] = ()  # [start, end) spans of page furniture

    def actor_ids(self) -> frozenset[str]:
        """Actors mentioned outside page furniture."""
        return frozenset(hit.id for hit in self.actors if hit.count > 0)

    def keyword_ids(self) -> frozenset[str]:
        """Keywords found outside page furniture."""
        return frozenset(hit.id for hit in self.keywords if hit.count > 0)


class Detector:
    """Detection for one watchlist: build once (the automaton), then ``detect`` any number of texts.
    Safe to share between threads."""

    def __init__(self, watchlist: Watchlist) -> None:
        self.watchlist = watchlist
        self.matcher = Matcher(watchlist)
        self._chunks: dict[str, Chunk] = {}  # chunk text -> what detection needs of it
        self._runs: dict[str, tuple] = {}  # runs of capitalised words -> their name groups (candidates)
        self._speakers = [(actor.id, actor.type) for actor in watchlist.actors]

    def forget(self) -> None:
        """Empty the caches: the next text is read as if by a new detector (benchmarks)."""
        self._chunks.clear()
        self._runs.clear()

    def _read(self, text: str) -> Chunk:
        matcher = self.matcher
        if text.isalnum():  # one plain word, the usual case
            piece = _new(Piece, (0, len(text), text, fold_word(text), word_key(text), word_accents(text), ""))
            pieces, trail = (piece,), ""
        else:
            pieces, trail = chunk_pieces(text)
            if len(pieces) != 1:
                seq, slots = matcher.sequence(pieces, trail)
                french, english = count_common(map(_FOLD, pieces))
                name = shape(pieces, trail)
                anchors = matcher.anchors(pieces)
                words, good = name_words(text, pieces) if name else _NO_WORDS
                return _new(Chunk, (pieces, trail, seq, slots, french, english, name, anchors,
                                    french + (english << _LANG_SHIFT), bool(anchors or name), words, good))
            piece = pieces[0]
        # one word, with punctuation around it or not: count_common, shape and anchors inline
        raw, fold = piece.raw, piece.fold
        french, english = int(fold in FRENCH), int(fold in ENGLISH)  # (the two sets are disjoint)
        if raw[0].isupper():
            name = (NAME | (0 if piece.lead else OPEN) | (0 if trail else GOES_ON)) if len(raw) >= 2 and (
                raw.isalpha() and (raw[1:].islower() or raw.isupper())) else 0
            anchors = (0,) if len(fold) >= 3 and matcher.anchored(piece) else ()
        else:
            name, anchors = 0, ()
        seq, slots = matcher.sequence(pieces, trail)
        if name:  # name_words() of one word
            words, good = ((piece.start, raw, fold),), int(fold not in STOPWORDS and fold not in TITLES)
        else:
            words, good = _NO_WORDS
        return _new(Chunk, (pieces, trail, seq, slots, french, english, name, anchors,
                            french + (english << _LANG_SHIFT), bool(anchors or name), words, good))

    def _read_all(self, texts: list[str]) -> list[Chunk]:
        known = self._chunks
        try:
            return list(map(known.__getitem__, texts))  # the usual case once warm: every chunk known
        except KeyError:
            pass
        new = dict.fromkeys(compress(texts, map(not_, map(known.get, texts))))  # each new chunk once
        if len(known) + len(new) > CHUNK_CACHE:
            known.clear()  # a simple bound: the common words come back within an article or two
            new = dict.fromkeys(texts)
        for text in new:
            known[text] = self._read(text)
        chunks = list(map(known.__getitem__, texts))
        for text in new:
            if len(text) > CHUNK_MAX:  # a blob without spaces: not worth remembering
                del known[text]
        return chunks

    def detect(self, text: str, date: Date | None = None) -> Findings:
        """Everything the watchlist and the heuristics find in ``text``; ``date``, the article's,
        decides who holds a role ("le Président de la Transition"): without it, the current holder."""
        words = text.replace("\n", " ").split(" ")  # one-character separators: offsets stay exact
        chunks = self._read_all(words)
        offsets = list(accumulate(map(len, words), initial=0))  # chunk k starts at offsets[k] + k
        lang = sum(map(_LANG, chunks))
        language = decide(text, lang & _LANG_MASK, lang >> _LANG_SHIFT)
        busy = list(compress(range(len(chunks)), map(_BUSY, chunks)))  # the chunks detection visits
        furniture = furniture_spans(text)
        blanks = list(compress(count(), map(not_, words)))  # empty chunks: separators in a row
        hits = self.matcher.find(text, chunks, offsets, date, busy, blanks)
        actors, keywords = self._group(text, hits, furniture, offsets, blanks)
        speakers = self._speakers
        spoken = [  # actor mentions in text order, for quotations and new names
            _new(ActorMention, (start, end, *speakers[index])) for start, end, kind, index in hits if kind == ACTOR
        ]
        quotes = extract_quotes(text, spoken, furniture)
        candidates = find_candidates(text, chunks, offsets, [m[:2] for m in spoken], furniture, busy, self._runs)
        return Findings(language, actors, keywords, quotes, candidates, tuple(furniture))

    def _group(self, text: str, hits: list[tuple[int, int, int, int]], furniture: list[tuple[int, int]],
               offsets: list[int], blanks: list[int]) -> tuple[tuple[ActorHit, ...], tuple[KeywordHit, ...]]:
        """Hits by actor and keyword, most mentioned first. Each mention carries the index of its
        first word among the text's words (runs of non-space), for rules that ask for two
        mentions near each other: chunk k starts at offsets[k] + k, and empty chunks are no words."""
        starts = list(map(add, offsets, range(len(offsets))))  # where each chunk starts
        found: dict[tuple[int, int], list[dict[str, Any]]] = {}
        counts: dict[tuple[int, int], int] = {}  # mentions outside furniture
        spans = iter(furniture)  # sorted and disjoint, walked along with the hits (as ``inside``)
        span = next(spans, None)
        for start, end, kind, index in hits:  # in text order
            k = bisect_right(starts, start) - 1  # the mention's chunk
            mention = {"start": start, "end": end, "text": text[start:end], "word": k - bisect_left(blanks, k)}
            outside = 1
            while span is not None and span[1] <= start:
                span = next(spans, None)
            if span is not None and span[0] <= start:
                mention["furniture"] = True
                outside = 0
            key = (kind, index)
            mentions = found.get(key)
            if mentions is None:
                found[key] = [mention]
                counts[key] = outside
            else:
                mentions.append(mention)
                counts[key] += outside
        ranked = sorted(
            ((counts[key], mentions[0]["start"], key[0], key[1], mentions) for key, mentions in found.items()),
            key=lambda row: (-row[0], row[1]),
        )
        actors, keywords = [], []
        listed, terms = self.watchlist.actors, self.watchlist.keywords
        for count, _, kind, index, mentions in ranked:
            if kind == ACTOR:
                actor = listed[index]
                actors.append({"id": actor.id, "name": actor.name, "type": actor.type, "count": count,
                               "mentions": mentions})
            else:
                keywords.append({"id": terms[index].id, "count": count, "mentions": mentions})
        return _ACTOR_HITS.validate_python(actors), _KEYWORD_HITS.validate_python(keywords)


def _mention(mention: Mention) -> dict[str, Any]:
    record: dict[str, Any] = {"start": mention.start, "end": mention.end, "text": mention.text}
    if mention.furniture:
        record["furniture"] = True
    return record


def analysis_record(path: str, findings: Findings) -> dict[str, Any]:
    """The ``analyze --json`` object for one input (CONTRACTS.md)."""
    return {
        "path": path,
        "language": findings.language,
        "actors": [
            {"id": hit.id, "name": hit.name, "type": hit.type, "count": hit.count,
             "mentions": [_mention(m) for m in hit.mentions]}
            for hit in findings.actors
        ],
        "keywords": [
            {"id": hit.id, "count": hit.count, "mentions": [_mention(m) for m in hit.mentions]}
            for hit in findings.keywords
        ],
        "quotes": [
            {"text": q.text, "speaker": q.speaker, "start": q.start, "end": q.end} for q in findings.quotes
        ],
        "candidates": [{"name": c.name, "type": c.type, "count": c.count} for c in findings.candidates],
    }
