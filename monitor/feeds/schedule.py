"""When is a feed due, and what a poll did to its state. Pure: the caller passes the clock."""

from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass, field, replace

BACKOFF_CAP = 6 * 3600.0
JITTER = 0.1
START_SPREAD = 5.0  # first polls spread over this many seconds: no thundering herd at start


@dataclass(frozen=True)
class FeedState:
    url: str
    state: str = "ok"                 # ok | backoff | stopped (metric label values)
    next_due: float = 0.0             # monotonic seconds
    failures: int = 0
    etag: str | None = None
    last_modified: str | None = None
    body_hash: str | None = None
    known_ids: frozenset[str] = field(default_factory=frozenset)
    polled: bool = False              # has a poll ever succeeded (backfill applies before)


def _unit(seed: str) -> float:
    """A stable number in [0, 1) per feed, so restarts spread feeds the same way."""
    return int.from_bytes(hashlib.blake2b(seed.encode(), digest_size=4).digest()) / 2**32


def initial(feed_id: str, url: str, now: float) -> FeedState:
    return FeedState(url=url, next_due=now + _unit(feed_id) * START_SPREAD)


def jittered(seconds: float, rng: random.Random) -> float:
    return seconds * (1 + rng.uniform(-JITTER, JITTER))


def succeeded(state: FeedState, interval: float, now: float, rng: random.Random, **changes) -> FeedState:
    return replace(state, state="ok", failures=0, polled=True, next_due=now + jittered(interval, rng), **changes)


def failed(state: FeedState, interval: float, now: float, rng: random.Random,
           retry_after: float | None = None, permanent: bool = False) -> FeedState:
    """Exponential backoff with a cap; never silent forever: a failing feed is retried at
    least every BACKOFF_CAP. ``permanent`` (410 Gone) stops the feed."""
    if permanent:
        return replace(state, state="stopped", failures=state.failures + 1, next_due=float("inf"))
    failures = state.failures + 1
    delay = min(BACKOFF_CAP, interval * 2 ** (failures - 1))
    if retry_after:
        delay = min(BACKOFF_CAP, max(delay, retry_after))
    return replace(state, state="backoff", failures=failures, next_due=now + jittered(delay, rng))


def too_old(published_epoch: float | None, now_epoch: float, backfill: float) -> bool:
    """On a feed's first poll, entries older than the backfill window are not published."""
    return published_epoch is not None and published_epoch < now_epoch - backfill
