"""Wire records: what travels on the monitor.* topics, as UTF-8 JSON (see CONTRACTS.md).

Topics carry raw bytes and agents decode with ``decode()`` themselves, rather than letting
Faust deserialize: a message that does not decode must reach our handler so it can go to the
dead-letter topic with its error, instead of being skipped inside the consumer.

Each record carries a ``schema`` version; times are ISO-8601 UTC strings ending in ``Z``.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from typing import Any, Literal, TypeVar
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import orjson
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from monitor.errors import MessageError

TRACKING_PARAMS = frozenset({"fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "igshid", "yclid", "_ga", "ref_src"})


def utc_now() -> str:
    """Now, to the millisecond: pipeline latency is measured between such stamps."""
    return iso(datetime.now(UTC), timespec="milliseconds")


def iso(moment: datetime, timespec: str = "seconds") -> str:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat(timespec=timespec).replace("+00:00", "Z")


def parse_iso(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def canonical_url(url: str) -> str:
    """Lower-case scheme and host, no fragment, no default port, no tracking parameters."""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower()
    if parts.port and not (parts.scheme.lower(), parts.port) in (("http", 80), ("https", 443)):
        host = f"{host}:{parts.port}"
    query = [
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if not k.lower().startswith("utm_") and k.lower() not in TRACKING_PARAMS
    ]
    return urlunsplit((parts.scheme.lower(), host, parts.path or "/", urlencode(query), ""))


def article_id(url: str) -> str:
    """Stable id of an article: a short hash of its canonical URL (same URL, same id)."""
    return hashlib.sha256(canonical_url(url).encode("utf-8")).hexdigest()[:20]


class Wire(BaseModel):
    model_config = ConfigDict(frozen=True, populate_by_name=True, extra="ignore")

    def to_json(self) -> bytes:
        return self.model_dump_json(by_alias=True).encode("utf-8")

    def to_dict(self) -> dict[str, Any]:
        return self.model_dump(by_alias=True, mode="json")


W = TypeVar("W", bound=Wire)


def decode(model: type[W], raw: bytes | str | None, topic: str) -> W:
    """Bytes from a topic -> record; anything else -> MessageError naming the topic and field."""
    if raw is None:
        raise MessageError(f"{topic}: empty message")
    try:
        return model.model_validate_json(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "value"
        raise MessageError(f"{topic}: {where}: {first['msg']}") from None


# --- records --------------------------------------------------------------------------------
class Entry(Wire):
    """A feed item as the poller saw it, before dedup (topic monitor.entries)."""

    schema_: Literal["entry/1"] = Field("entry/1", alias="schema")
    id: str
    url: str
    feed_id: str
    title: str = ""
    summary: str = ""
    text: str = ""
    language: str | None = None
    published: str | None = None
    fetched_at: str


class Article(Wire):
    schema_: Literal["article/1"] = Field("article/1", alias="schema")
    id: str
    url: str
    feed_id: str
    title: str = ""
    summary: str = ""
    text: str = ""
    language: str | None = None
    published: str | None = None
    fetched_at: str

    @classmethod
    def from_entry(cls, entry: Entry) -> Article:
        return cls(**entry.model_dump(exclude={"schema_"}))

    def ref(self) -> ArticleRef:
        return ArticleRef(id=self.id, url=self.url, title=self.title, feed_id=self.feed_id,
                          published=self.published, fetched_at=self.fetched_at)


class ArticleRef(Wire):
    id: str
    url: str
    title: str = ""
    feed_id: str
    published: str | None = None
    fetched_at: str | None = None


class Mention(Wire):
    start: int
    end: int
    text: str
    furniture: bool = False
    word: int | None = None  # index of its first word among the document's (for rules' ``near``)


class ActorHit(Wire):
    id: str
    name: str
    type: str
    count: int
    mentions: tuple[Mention, ...] = ()


class KeywordHit(Wire):
    id: str
    count: int
    mentions: tuple[Mention, ...] = ()


class Quote(Wire):
    text: str
    speaker: str | None = None
    start: int
    end: int


class Candidate(Wire):
    name: str
    type: str
    count: int


class Detection(Wire):
    """What the detector found in one article. ``article`` extends the contract so that the
    rules stage needs no second lookup."""

    schema_: Literal["detection/1"] = Field("detection/1", alias="schema")
    article_id: str
    language: str | None = None
    actors: tuple[ActorHit, ...] = ()
    keywords: tuple[KeywordHit, ...] = ()
    quotes: tuple[Quote, ...] = ()
    candidates: tuple[Candidate, ...] = ()
    article: ArticleRef | None = None


class Discovery(Wire):
    """New names the NER stage found in one article (topic monitor.candidates); ``model`` is
    the spaCy pipeline that read it."""

    schema_: Literal["candidates/1"] = Field("candidates/1", alias="schema")
    article_id: str
    candidates: tuple[Candidate, ...] = ()
    model: str


class Alert(Wire):
    schema_: Literal["alert/1"] = Field("alert/1", alias="schema")
    id: str
    rule: str
    severity: str
    created_at: str
    article: ArticleRef
    actors: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()


class DeadLetter(Wire):
    schema_: Literal["dead-letter/1"] = Field("dead-letter/1", alias="schema")
    topic: str
    error: str
    event: Any = None
    key: str | None = None
    failed_at: str = Field(default_factory=utc_now)

    @classmethod
    def of(cls, topic: str, error: BaseException | str, raw: bytes | None, key: bytes | str | None) -> DeadLetter:
        """Keep the event as JSON when it parses, else as text, so nothing is lost."""
        event: Any = None
        if raw is not None:
            try:
                event = orjson.loads(raw)
            except orjson.JSONDecodeError:
                event = raw.decode("utf-8", errors="replace")
        if isinstance(key, bytes):
            key = key.decode("utf-8", errors="replace")
        message = str(error) if isinstance(error, str) or str(error) else type(error).__name__
        return cls(topic=topic, error=message, event=event, key=key)


class PollState(Wire):
    """A feed's polling state (monitor.feed-states and the feed-states table), so that it
    survives restarts and moves with its partition to another worker. Times are epoch seconds
    (a worker's monotonic clock means nothing to another); ``next_due`` is None once stopped."""

    schema_: Literal["feed-state/1"] = Field("feed-state/1", alias="schema")
    feed_id: str
    source: str  # the URL in feeds.yaml: a state saved for another URL is not reused
    url: str  # the URL polled: differs after a permanent redirect or autodiscovery
    state: Literal["ok", "backoff", "stopped"]
    next_due: float | None
    failures: int = Field(0, ge=0)
    etag: str | None = None
    last_modified: str | None = None
    body_hash: str | None = None
    known_ids: tuple[str, ...] = Field((), max_length=1000)
    polled: bool = False
    ttl: float | None = None
    fresh_for: float | None = None
    gap: float | None = None
    last_new: float | None = None
