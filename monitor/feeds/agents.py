"""The feed stage on Kafka: the poller publishes entries, the dedup agent turns the first
sighting of each article into one message on monitor.articles.

Feeds are spread over the workers by Kafka: a worker polls the feeds whose partition of
monitor.feed-states (by feed id) it holds, so each feed has one poller, and when a worker dies
the group gives its partitions, and so its feeds, to the others. Each poll that changes a
feed's state sends it to monitor.feed-states; the owner's agent keeps it in the feed-states
table, whose changelog brings it back after a restart and hands it to the next owner. The
dedup table is keyed like monitor.entries (article id), so every worker dedups its partitions.
"""

from __future__ import annotations

import asyncio
import functools
import hashlib
import heapq
import multiprocessing
import random
import signal
import time
from collections import Counter
from collections.abc import Awaitable, Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import AsyncExitStack
from dataclasses import asdict, replace
from urllib.parse import urlsplit

import faust
import structlog
from aiohttp.abc import AbstractResolver

from monitor import logging, metrics
from monitor.broker import die_with_parent
from monitor.catalog import Feed
from monitor.deadletters import each_event
from monitor.errors import FetchError, HTTPStatus, ParseError
from monitor.feeds import schedule
from monitor.feeds.fetch import Fetcher, FetchLimits, FetchResult, loggable
from monitor.feeds.fulltext import FullText, extract_main_text
from monitor.feeds.parse import ParsedFeed, parse_feed
from monitor.feeds.websub import WebSub, discover
from monitor.models import Article, Entry, PollState, article_id, decode, parse_iso, utc_now
from monitor.settings import Settings
from monitor.topics import ENTRIES, FEED_STATES, Topics, partition_for, table

log = logging.get("monitor.feeds")
TICK = 0.25
MAX_ENTRIES_PER_POLL = 1000
PARSE_WORKERS = 2  # feedparser is CPU-bound: one process per core of the target machine

Publish = Callable[[Entry], Awaitable[None]]
Save = Callable[[PollState], Awaitable[None]]
Stored = Callable[[str], PollState | None]
Owned = Callable[[], frozenset[int] | None]


class Poller:
    """Polls each feed it owns when due and publishes the entries it has not seen before.

    ``publish`` sends one Entry on (to monitor.entries in production). ``save`` keeps a feed's
    state where ``stored`` finds it again, on this worker or the next owner (the feed-states
    table); without them state lives in memory. ``async with poller`` opens the HTTP session
    and the parser processes; ``run()`` does so itself, and tests may call ``poll()`` inside it.
    ``resolver`` is the Fetcher's: tests give names to loopback.
    """

    def __init__(self, feeds: tuple[Feed, ...], settings: Settings, publish: Publish,
                 *, resolver: AbstractResolver | None = None, save: Save | None = None,
                 stored: Stored | None = None) -> None:
        self.feeds = {feed.id: feed for feed in feeds}
        self.settings = settings
        self.publish = publish
        self._save = save
        self._stored = stored
        self._owned: frozenset[int] | None = None  # partitions held; None: every feed, unpartitioned
        self.websub = WebSub(settings, self.feeds, self.on_push)
        now, spread = time.monotonic(), schedule.start_spread(len(feeds))
        self.states = {feed.id: schedule.initial(feed.id, feed.url, now, feed.interval, spread) for feed in feeds}
        self.in_flight: set[str] = set()
        self.slots = asyncio.Semaphore(settings.fetch_concurrency)
        self.rng = random.Random()
        self._resolver = resolver
        self._host_slots: dict[str, asyncio.Semaphore] = {}
        self._due = [(state.next_due, feed_id) for feed_id, state in self.states.items()]
        heapq.heapify(self._due)
        self._tasks: set[asyncio.Task] = set()
        self._counts = Counter(state.state for state in self.states.values())
        self._exit: AsyncExitStack | None = None
        self._fetcher: Fetcher | None = None
        self._parsers: ProcessPoolExecutor | None = None
        self._fulltext: FullText | None = None
        self._publish_gauges()

    def _publish_gauges(self) -> None:
        for state in metrics.FEED_STATES:
            metrics.feeds.labels(state=state).set(self._counts[state])
        metrics.feeds_due.set(len(self.in_flight))

    def partitions(self) -> list[int] | None:
        """The partitions whose feeds this worker polls; None before the first assignment."""
        return None if self._owned is None else sorted(self._owned)

    def counts(self) -> dict[str, int]:
        return {state: self._counts[state] for state in metrics.FEED_STATES}

    async def __aenter__(self) -> Poller:
        self._exit = AsyncExitStack()
        self._fetcher = await self._exit.enter_async_context(
            Fetcher(FetchLimits.from_settings(self.settings), resolver=self._resolver))
        self._parsers = _parser_pool()
        self._fulltext = FullText(self._fetcher.fetch, self._extract, self._host_slot)
        if self.websub.enabled:
            self._track(asyncio.create_task(self.websub.run(self._fetcher.post_form)))
        return self

    def _track(self, task: asyncio.Task) -> None:
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def __aexit__(self, *exc_info) -> None:
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        if self._parsers is not None:
            self._parsers.shutdown(wait=False, cancel_futures=True)
            self._parsers = None
        await self._exit.aclose()
        self._fetcher = None

    async def run(self, owned: Owned | None = None) -> None:
        """Poll feeds as they fall due, until cancelled. ``owned()`` gives the partitions of
        monitor.feed-states this worker holds, or None while the group rebalances (polling
        pauses); without it every feed is this worker's."""
        async with self:
            while True:
                partitions = owned() if owned else self._owned
                if owned and partitions is None:
                    await asyncio.sleep(TICK)
                    continue
                if partitions != self._owned:
                    self.assign(partitions)
                now = time.monotonic()
                while self._due and self._due[0][0] <= now:
                    due, feed_id = heapq.heappop(self._due)
                    state = self.states.get(feed_id)
                    if feed_id in self.in_flight or state is None or state.next_due != due:
                        continue  # stale: polled (and queued again) meanwhile, or no longer ours
                    self._track(asyncio.create_task(self.poll(feed_id)))
                # wake for the next due feed, not a tick later: lateness would stretch every interval
                await asyncio.sleep(min(TICK, max(0.0, self._due[0][0] - now)) if self._due else TICK)

    def assign(self, partitions: frozenset[int]) -> None:
        """Own the feeds of ``partitions``, from their saved state (else a first poll within the
        start spread), and drop the others."""
        now, wall = time.monotonic(), time.time()
        mine = [feed_id for feed_id in self.feeds if partition_for(feed_id, self.settings.partitions) in partitions]
        for feed_id in set(self.states) - set(mine):
            del self.states[feed_id]
            self.websub.forget(feed_id)
        spread = schedule.start_spread(len(mine))
        for feed_id in mine:
            # the states built before the first assignment are placeholders: the saved ones win
            if self._owned is None or feed_id not in self.states:
                self.states[feed_id] = self._restored(self.feeds[feed_id], now, wall, spread)
        self._owned = partitions
        self._due = [(state.next_due, feed_id) for feed_id, state in self.states.items()]
        heapq.heapify(self._due)
        self._counts = Counter(state.state for state in self.states.values())
        self._publish_gauges()
        log.info("feeds assigned", partitions=sorted(partitions), feeds=len(mine))

    def _restored(self, feed: Feed, now: float, wall: float, spread: float) -> schedule.FeedState:
        record = self._stored(feed.id) if self._stored else None
        if record is None or record.source != feed.url:  # never saved, or feeds.yaml moved it
            return schedule.initial(feed.id, feed.url, now, feed.interval, spread)
        saved = schedule.FeedState(
            **record.model_dump(exclude={"schema_", "feed_id", "source", "next_due", "known_ids"}),
            next_due=float("inf") if record.next_due is None else record.next_due,
            known_ids=frozenset(record.known_ids))
        return schedule.from_wall(saved, now, wall, feed.id, min(spread, feed.interval))

    async def _saved(self, feed: Feed, state: schedule.FeedState) -> None:
        """Send a feed's state to be kept; a failure costs a re-poll after a move, not the poll."""
        wall = schedule.to_wall(state, time.monotonic(), time.time())
        fields = asdict(wall)
        fields.update(next_due=None if wall.next_due == float("inf") else wall.next_due,
                      known_ids=tuple(sorted(wall.known_ids)))
        try:
            await self._save(PollState(feed_id=feed.id, source=feed.url, **fields))
        except Exception as exc:  # noqa: BLE001 - the broker's trouble is logged, polling goes on
            log.warning("feed state not saved", error=str(exc) or type(exc).__name__)

    async def poll(self, feed_id: str) -> None:
        """Poll one feed now (slots permitting), then queue its next poll."""
        feed, state = self.feeds[feed_id], self.states[feed_id]
        structlog.contextvars.bind_contextvars(feed_id=feed_id)
        self.in_flight.add(feed_id)
        metrics.feeds_due.set(len(self.in_flight))
        new = state
        held: list[Entry] = []  # new entries of a fulltext feed, published once their pages are read
        try:
            # the host's slot first: a busy host must not sit on global slots other hosts could use
            async with self._host_slot(state.url), self.slots:
                metrics.feed_poll_delay.observe(max(0.0, time.monotonic() - state.next_due))
                new = await self._poll(feed, state, held)
            # with the feed's slots released: each page takes its own host's slot
            await self._publish_full_text(feed, held)
        except Exception:  # a bug must not stop the poller: log it, count it, back the feed off
            log.exception("poll crashed")
            metrics.feed_fetches.labels(status="error").inc()
            new = schedule.failed(state, feed.interval, time.monotonic(), self.rng)
        finally:
            self.in_flight.discard(feed_id)
            if feed_id in self.states:  # not moved to another worker while it was polled
                self.states[feed_id] = new
                self._counts[state.state] -= 1
                self._counts[new.state] += 1
                if new.next_due != float("inf"):
                    heapq.heappush(self._due, (new.next_due, feed_id))
            self._publish_gauges()
        if self._save is not None and feed_id in self.states and schedule.durable(state, new):
            await self._saved(feed, new)

    def _host_slot(self, url: str) -> asyncio.Semaphore:
        host = urlsplit(url).hostname or ""
        if host not in self._host_slots:
            self._host_slots[host] = asyncio.Semaphore(self.settings.fetch_per_host)
        return self._host_slots[host]

    async def _poll(self, feed: Feed, state: schedule.FeedState, held: list[Entry]) -> schedule.FeedState:
        # the interval counts from this start, not from the end: a slow answer does not stretch it
        started = time.monotonic()
        try:
            result = await self._fetcher.fetch(state.url, etag=state.etag, last_modified=state.last_modified)
        except FetchError as exc:
            return self._failed(feed, state, exc)
        finally:
            metrics.feed_fetch_seconds.observe(time.monotonic() - started)
        if result.not_modified:
            return self._succeeded(feed, state, started, "304", result)
        body_hash = hashlib.blake2b(result.body or b"", digest_size=16).hexdigest()
        if body_hash == state.body_hash:
            return self._succeeded(feed, state, started, "unchanged", result)
        try:
            parsed, result, discovered = await self._feed_at(result)
        except (FetchError, ParseError) as exc:
            return self._failed(feed, state, exc)
        if parsed.bozo:
            metrics.feed_bozo.inc()
        if (hub := discover(parsed, result.link, result.url)) is not None:
            self.websub.wanted(feed.id, *hub)
        known, new_entries = await self._publish(feed, parsed.entries[:MAX_ENTRIES_PER_POLL], state, held)
        # not result.url: that may be a temporary redirect's target
        url = result.permanent_redirect or discovered or state.url
        if url != state.url:
            log.info("feed URL updated", url=loggable(url), reason="discovered" if discovered else "moved permanently")
        if discovered:
            body_hash = hashlib.blake2b(result.body or b"", digest_size=16).hexdigest()
        return self._succeeded(feed, replace(state, url=url, ttl=parsed.ttl_seconds), started, "200", result,
                               body_hash=body_hash, known_ids=known,
                               new_entries=new_entries if self.settings.poll_adapt else 0)

    async def _feed_at(self, result: FetchResult) -> tuple[ParsedFeed, FetchResult, str | None]:
        """The feed in a fetched body. An HTML page is replaced by the first feed it
        advertises, fetched through the same guard and limits; its URL comes third."""
        parsed = await self._parse(result)
        if not parsed.is_html:
            return parsed, result, None
        if not parsed.alternate_links:
            raise ParseError("got an HTML page that advertises no feed")
        url = parsed.alternate_links[0]
        advertised = await self._fetcher.fetch(url)
        found = await self._parse(advertised)
        if found.is_html:
            raise ParseError("got an HTML page whose advertised feed is another HTML page")
        log.info("feed discovered", url=loggable(url))
        return found, advertised, url

    async def _parse(self, result: FetchResult) -> ParsedFeed:
        return await self._in_pool(functools.partial(parse_feed, result.body or b"", base_url=result.url))

    async def _extract(self, body: bytes, url: str, charset: str | None, title: str) -> str:
        return await self._in_pool(functools.partial(extract_main_text, body, url, charset, title))

    async def _in_pool(self, call: Callable):
        pool = self._parsers
        try:
            return await asyncio.get_running_loop().run_in_executor(pool, call)
        except BrokenProcessPool:
            if self._parsers is pool:  # the first to notice replaces the pool; the others just fail
                pool.shutdown(wait=False, cancel_futures=True)
                self._parsers = _parser_pool()
            raise ParseError("the parser process died") from None

    def _succeeded(self, feed: Feed, state: schedule.FeedState, started: float, status: str, result: FetchResult,
                   **changes) -> schedule.FeedState:
        metrics.feed_fetches.labels(status=status).inc()
        # a feed its hub pushes is polled only as a safety net
        interval = self.websub.poll_interval_for(feed.id, feed.interval)
        return schedule.succeeded(state, interval, started, self.rng, etag=result.etag,
                                  last_modified=result.last_modified, fresh_for=result.fresh_for, **changes)

    def _failed(self, feed: Feed, state: schedule.FeedState, exc: FetchError | ParseError) -> schedule.FeedState:
        metrics.feed_fetches.labels(status=exc.status).inc()
        gone = isinstance(exc, HTTPStatus) and exc.code == 410
        new = schedule.failed(state, feed.interval, time.monotonic(), self.rng, permanent=gone,
                              retry_after=exc.retry_after if isinstance(exc, HTTPStatus) else None)
        log.warning("feed failed", error=str(exc), state=new.state,
                    retry_in=None if gone else round(new.next_due - time.monotonic()))
        return new

    async def _publish(self, feed: Feed, parsed_entries, state: schedule.FeedState,
                       held: list[Entry]) -> tuple[frozenset[str], int]:
        """Publish the entries not seen in the last poll (a fulltext feed's go to ``held``);
        returns the ids seen and how many were new."""
        now_epoch, fetched_at = time.time(), utc_now()
        ids: set[str] = set()
        new = published = 0
        for item in parsed_entries:
            entry_id = article_id(item.url)
            ids.add(entry_id)
            if entry_id in state.known_ids:
                metrics.feed_entries.labels(outcome="known").inc()
                continue
            new += 1
            epoch = parse_iso(item.published).timestamp() if item.published else None
            if not state.polled and schedule.too_old(epoch, now_epoch, self.settings.backfill):
                metrics.feed_entries.labels(outcome="too_old").inc()
                continue
            entry = Entry(id=entry_id, url=item.url, feed_id=feed.id, title=item.title,
                          summary=item.summary, text=item.text, language=item.language or feed.language,
                          published=item.published, fetched_at=fetched_at)
            if feed.fulltext:
                held.append(entry)
            else:
                await self.publish(entry)
            metrics.feed_entries.labels(outcome="published").inc()
            published += 1
        if published:
            log.info("feed polled", new_entries=published)
        return frozenset(ids), new

    async def _publish_full_text(self, feed: Feed, held: list[Entry]) -> None:
        """Publish a fulltext feed's new entries, in feed order, each with its page's main text
        (or the feed's own text, else its summary, when the page gives none)."""
        texts = await asyncio.gather(*(self._fulltext.text(feed.id, entry.url, entry.title, entry.text or entry.summary)
                                       for entry in held))
        for entry, text in zip(held, texts):
            await self.publish(entry.model_copy(update={"text": text}))

    async def on_push(self, feed_id: str, body: bytes, content_type: str | None) -> None:  # noqa: ARG002
        """A body the feed's hub pushed: parsed and published as a poll's would be. Any worker
        may receive it; dedup drops what the owner's polls publish again."""
        feed = self.feeds[feed_id]
        state = self.states.get(feed_id) or schedule.FeedState(url=feed.url)
        parsed = await self._in_pool(functools.partial(parse_feed, body, base_url=state.url))
        if parsed.is_html:
            raise ParseError("a pushed body is not a feed")
        held: list[Entry] = []
        # pushed content is news by definition: the backfill window guards first polls only
        known, _ = await self._publish(feed, parsed.entries[:MAX_ENTRIES_PER_POLL], replace(state, polled=True), held)
        await self._publish_full_text(feed, held)
        if (current := self.states.get(feed_id)) is not None:
            self.states[feed_id] = replace(current, known_ids=current.known_ids | known)


def _parser_pool() -> ProcessPoolExecutor:
    # forkserver, not fork: the monitor has threads (Faust, aiokafka) that a fork would copy
    # mid-flight; the server preloads the parser, so a replacement worker starts in milliseconds
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["monitor.feeds.forkserver"])
    return ProcessPoolExecutor(PARSE_WORKERS, mp_context=context, initializer=_leave_interrupts_to_the_monitor)


def _leave_interrupts_to_the_monitor() -> None:
    # Ctrl-C reaches the whole process group; the monitor stops the pool itself, in order
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    die_with_parent()  # the fork server, which dies with the monitor


def register(app: faust.App, topics: Topics, feeds: tuple[Feed, ...], settings: Settings) -> Poller:
    seen = table(app, "seen-articles")  # article id -> first fetched_at
    feed_states = table(app, "feed-states")  # feed id -> PollState JSON

    async def publish(entry: Entry) -> None:
        await topics.entries.send(key=entry.id.encode(), value=entry.to_json())

    async def save(record: PollState) -> None:
        # to the partition the feed's owner holds: its agent writes the table there
        await topics.feed_states.send(key=record.feed_id.encode(), value=record.to_json(),
                                      partition=partition_for(record.feed_id, settings.partitions))

    def stored(feed_id: str) -> PollState | None:
        kept = feed_states.get(feed_id.encode())
        if kept is None:
            return None
        try:
            return decode(PollState, kept, FEED_STATES)
        except Exception as exc:  # noqa: BLE001 - a state we cannot read: the feed starts afresh
            log.warning("saved feed state unreadable", feed_id=feed_id, error=str(exc))
            return None

    def owned() -> frozenset[int] | None:
        """Partitions of monitor.feed-states held here, once assigned and their table recovered."""
        if app.rebalancing or app.in_recovery or not app.tables.recovery.completed.is_set():
            return None
        return frozenset(tp.partition for tp in app.assignor.assigned_actives() if tp.topic == FEED_STATES)

    poller = Poller(feeds, settings, publish, save=save, stored=stored)

    @app.task
    async def poll_feeds() -> None:
        await poller.run(owned)

    async def keep_state(key: bytes | None, value: bytes | None) -> None:
        record = decode(PollState, value, FEED_STATES)  # only a readable state is kept
        feed_states[record.feed_id.encode()] = value

    @app.agent(topics.feed_states, name="feed-states")
    async def feed_state_agent(stream: faust.StreamT) -> None:
        await each_event(stream, FEED_STATES, keep_state, topics.dead_letters)

    async def first_sighting(key: bytes | None, value: bytes | None) -> None:
        entry = decode(Entry, value, ENTRIES)
        structlog.contextvars.bind_contextvars(article_id=entry.id, feed_id=entry.feed_id)
        if seen.get(entry.id.encode()) is not None:
            metrics.duplicates.inc()
            return
        seen[entry.id.encode()] = entry.fetched_at.encode()
        await topics.articles.send(key=entry.id.encode(), value=Article.from_entry(entry).to_json())
        metrics.articles.inc()

    @app.agent(topics.entries, name="dedup")
    async def dedup(stream: faust.StreamT) -> None:
        await each_event(stream, ENTRIES, first_sighting, topics.dead_letters)

    return poller
