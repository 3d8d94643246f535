"""Article text -> findings: language, watchlist actors and keywords, quotations, new names.
Pure: the same code serves the stream (``detect/agents.py``) and ``media-monitor analyze``.

    detector = Detector(watchlist)          # builds the watchlist trie once
    findings = detector.detect(text)        # then about a millisecond per 5 KB article
    findings.actor_ids()                    # ids that count (outside page furniture)

Every offset indexes ``text`` exactly: ``text[m.start:m.end] == m.text``.

The text is read as chunks separated by spaces and line breaks; each distinct chunk is
tokenised once and remembered (``CHUNK_CACHE`` per detector), as articles share most words.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date as Date
from itertools import accumulate, compress
from operator import attrgetter, itemgetter, not_
from typing import Any

from pydantic import TypeAdapter

from monitor.catalog import Watchlist
from monitor.detect.candidates import find_candidates, shape
from monitor.detect.furniture import furniture_spans, inside
from monitor.detect.language import ENGLISH, FRENCH, count_common, decide
from monitor.detect.match import ACTOR, Hit, Matcher
from monitor.detect.quotes import ActorMention, extract_quotes
from monitor.detect.text import Chunk, chunk_pieces
from monitor.models import ActorHit, Candidate, KeywordHit, Quote

CHUNK_CACHE = 1 << 16  # chunks remembered per detector
CHUNK_MAX = 100  # longer chunks (a blob without spaces) are not remembered
_FOLD = attrgetter("fold")
_FRENCH, _ENGLISH = itemgetter(Chunk._fields.index("french")), itemgetter(Chunk._fields.index("english"))
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
    """Detection for one watchlist: build once (the trie), then ``detect`` any number of texts.
    Safe to share between threads."""

    def __init__(self, watchlist: Watchlist) -> None:
        self.watchlist = watchlist
        self.matcher = Matcher(watchlist)
        self._chunks: dict[str, Chunk] = {}  # chunk text -> what detection needs of it

    def _read(self, text: str) -> Chunk:
        pieces, trail = chunk_pieces(text)
        if len(pieces) == 1 and not trail and not pieces[0].lead:  # one plain word, the usual case
            piece = pieces[0]
            starts = (0,) if piece.key in self.matcher.root else ()
            french, english = int(piece.fold in FRENCH), int(piece.fold in ENGLISH)
            return Chunk(pieces, "", starts, french, english, shape(pieces, ""), self.matcher.anchors(pieces))
        french, english = count_common(map(_FOLD, pieces))
        return Chunk(pieces, trail, self.matcher.starts(pieces), french, english, shape(pieces, trail),
                     self.matcher.anchors(pieces))

    def _read_all(self, texts: list[str]) -> list[Chunk]:
        known = self._chunks
        chunks: list[Chunk | None] = list(map(known.get, texts))
        missing = list(compress(range(len(texts)), map(not_, chunks)))
        if len(known) + len(missing) > CHUNK_CACHE:
            known.clear()  # a simple bound: the common words come back within an article or two
        for index in missing:
            text = texts[index]
            chunk = known.get(text)
            if chunk is None:
                chunk = self._read(text)
                if len(text) <= CHUNK_MAX:
                    known[text] = chunk
            chunks[index] = chunk
        return chunks  # type: ignore[return-value]  # no None left

    def detect(self, text: str, date: Date | None = None) -> Findings:
        """Everything the watchlist and the heuristics find in ``text``; ``date``, the article's,
        decides who holds a role ("le Président de la Transition"): without it, the current holder."""
        words = text.replace("\n", " ").split(" ")  # one-character separators: offsets stay exact
        chunks = self._read_all(words)
        offsets = list(accumulate(map(len, words), initial=0))  # chunk k starts at offsets[k] + k
        language = decide(text, sum(map(_FRENCH, chunks)), sum(map(_ENGLISH, chunks)))
        furniture = furniture_spans(text)
        hits = self.matcher.find(text, chunks, offsets, date)
        actors, keywords = self._group(text, hits, furniture)
        listed = self.watchlist.actors
        spoken = [  # actor mentions in text order, for quotations and new names
            ActorMention(hit.start, hit.end, listed[hit.index].id, listed[hit.index].type)
            for hit in hits
            if hit.kind == ACTOR
        ]
        quotes = extract_quotes(text, spoken, furniture)
        candidates = find_candidates(text, chunks, offsets, [(m.start, m.end) for m in spoken], furniture)
        return Findings(language, actors, keywords, quotes, candidates, tuple(furniture))

    def _group(self, text: str, hits: list[Hit], furniture: list[tuple[int, int]]
               ) -> tuple[tuple[ActorHit, ...], tuple[KeywordHit, ...]]:
        found: dict[tuple[int, int], list[dict[str, Any]]] = {}
        for hit in hits:  # in text order
            mention = {"start": hit.start, "end": hit.end, "text": text[hit.start:hit.end]}
            if furniture and inside(furniture, hit.start):
                mention["furniture"] = True
            found.setdefault((hit.kind, hit.index), []).append(mention)
        ranked = sorted(
            ((sum("furniture" not in m for m in mentions), mentions[0]["start"], kind, index, mentions)
             for (kind, index), mentions in found.items()),
            key=lambda row: (-row[0], row[1]),
        )
        actors, keywords = [], []
        for count, _, kind, index, mentions in ranked:
            if kind == ACTOR:
                actor = self.watchlist.actors[index]
                actors.append({"id": actor.id, "name": actor.name, "type": actor.type, "count": count,
                               "mentions": mentions})
            else:
                keywords.append({"id": self.watchlist.keywords[index].id, "count": count, "mentions": mentions})
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
