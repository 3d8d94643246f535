"""When is a feed due, and what a poll did to its state. Pure: the caller passes the clock.

A feed is polled at its configured interval, stretched (never shortened) by what its publisher
says and by what it does:

* the publisher's hints: RSS ``<ttl>`` (or ``sy:updatePeriod``), and HTTP freshness
  (``Cache-Control: max-age``, ``Expires``), since polling a response the server calls fresh
  only earns a ban;
* its pace: a feed that publishes every six hours is polled every three, at half the
  observed gap between new entries (so a new entry waits at most half a gap), but never
  more than PACE_STRETCH times its configured interval.

Every interval stays within MIN_INTERVAL .. MAX_INTERVAL. Failures back off exponentially up to
BACKOFF_CAP, and ``Retry-After`` is honoured; only 410 Gone stops a feed, so no feed goes silent
forever. Jitter keeps feeds from falling into step, and the first polls are spread over a window
that grows with the number of feeds, so a start-up is no thundering herd.
"""

from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass, field, replace

MIN_INTERVAL = 10.0
MAX_INTERVAL = 24 * 3600.0
BACKOFF_CAP = 6 * 3600.0
JITTER = 0.1
START_SPREAD = 5.0      # the first polls are spread over at least this many seconds ...
START_RATE = 50.0       # ... and at most this many feeds start per second
PACE_SHARE = 0.5        # poll at this share of the observed gap between new entries
PACE_WEIGHT = 0.3       # weight of the newest gap in the running average
PACE_STRETCH = 4.0      # pace alone never stretches the configured interval beyond this factor:
                        # a quiet outlet's rare scoop must not wait hours


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
    ttl: float | None = None          # seconds the feed's own <ttl> says it stays fresh
    fresh_for: float | None = None    # seconds the last response stays fresh by HTTP caching
    gap: float | None = None          # running average of seconds between new entries
    last_new: float | None = None     # when new entries were last seen (monotonic)


def _unit(seed: str) -> float:
    """A stable number in [0, 1) per feed, so restarts spread feeds the same way."""
    return int.from_bytes(hashlib.blake2b(seed.encode(), digest_size=4).digest()) / 2**32


def start_spread(feed_count: int) -> float:
    """Seconds over which the first polls of ``feed_count`` feeds are spread."""
    return max(START_SPREAD, feed_count / START_RATE)


def initial(feed_id: str, url: str, now: float, interval: float = MAX_INTERVAL,
            spread: float = START_SPREAD) -> FeedState:
    """A feed's first poll falls somewhere in the spread, but never later than one interval."""
    return FeedState(url=url, next_due=now + _unit(feed_id) * min(spread, interval))


def interval(configured: float, state: FeedState) -> float:
    """Seconds until the next poll of a healthy feed, before jitter."""
    pace = min((state.gap or 0.0) * PACE_SHARE, configured * PACE_STRETCH)
    wanted = max(configured, state.ttl or 0.0, state.fresh_for or 0.0, pace)
    return min(max(wanted, MIN_INTERVAL), MAX_INTERVAL)


def jittered(seconds: float, rng: random.Random) -> float:
    return seconds * (1 + rng.uniform(-JITTER, JITTER))


def succeeded(state: FeedState, configured: float, now: float, rng: random.Random, *,
              new_entries: int = 0, **changes) -> FeedState:
    """A poll went through (200, 304 or an unchanged body): clear the failures, learn the
    feed's pace from ``new_entries``, and schedule the next poll."""
    gap, last_new = state.gap, state.last_new
    if not state.polled:
        last_new = now  # the first poll finds the backlog, not the pace
    elif new_entries:
        sample = (now - (last_new if last_new is not None else now)) / new_entries
        gap = sample if gap is None else PACE_WEIGHT * sample + (1 - PACE_WEIGHT) * gap
        last_new = now
    new = replace(state, state="ok", failures=0, polled=True, gap=gap, last_new=last_new, **changes)
    # jitter may shorten the interval, but never below what the publisher asked for
    hint = min(max(new.ttl or 0.0, new.fresh_for or 0.0), MAX_INTERVAL)
    return replace(new, next_due=now + max(jittered(interval(configured, new), rng), hint))


def failed(state: FeedState, configured: float, now: float, rng: random.Random,
           retry_after: float | None = None, permanent: bool = False) -> FeedState:
    """Exponential backoff with a cap; never silent forever: a failing feed is retried at
    least every BACKOFF_CAP. ``permanent`` (410 Gone) stops the feed."""
    if permanent:
        return replace(state, state="stopped", failures=state.failures + 1, next_due=float("inf"))
    failures = state.failures + 1
    delay = min(BACKOFF_CAP, configured * 2 ** min(failures - 1, 32))
    wait = jittered(delay, rng)
    if retry_after:  # asked by the server: never earlier, and jitter only adds
        wait = min(BACKOFF_CAP, max(wait, retry_after * (1 + rng.uniform(0, JITTER))))
    return replace(state, state="backoff", failures=failures, next_due=now + wait)


def too_old(published_epoch: float | None, now_epoch: float, backfill: float) -> bool:
    """On a feed's first poll, entries older than the backfill window are not published."""
    return published_epoch is not None and published_epoch < now_epoch - backfill


def durable(old: FeedState, new: FeedState) -> bool:
    """Whether a poll changed more than the time of the next one. Only then is the state saved:
    an unchanged feed answering 304 every few minutes is not worth a write each time, and a
    worker that takes the feed over just polls it a little early."""
    return replace(old, next_due=new.next_due) != new


def to_wall(state: FeedState, now: float, wall_now: float) -> FeedState:
    """The state with its monotonic times as epoch seconds, for another worker to read."""
    shift = wall_now - now
    return replace(state, next_due=state.next_due + shift,
                   last_new=None if state.last_new is None else state.last_new + shift)


def from_wall(state: FeedState, now: float, wall_now: float, feed_id: str, spread: float) -> FeedState:
    """A saved state on this worker's clock. Feeds already due are spread like a start-up's,
    so a worker that takes over many feeds does not fetch them all in one burst."""
    shift = now - wall_now
    due = max(state.next_due + shift, now + _unit(feed_id) * spread)
    return replace(state, next_due=due, last_new=None if state.last_new is None else state.last_new + shift)
