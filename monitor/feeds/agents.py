"""The feed stage on Kafka: the poller publishes entries, the dedup agent turns the first
sighting of each article into one message on monitor.articles.

Polling runs on the group leader only, so one worker polls each feed however many join; the
dedup table is keyed like monitor.entries (article id), so every worker dedups its partitions.
"""

from __future__ import annotations

import asyncio
import signal
import functools
import hashlib
import heapq
import multiprocessing
import random
import time
from collections import Counter
from collections.abc import Awaitable, Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import AsyncExitStack
from dataclasses import replace
from urllib.parse import urlsplit

import faust
import structlog
from aiohttp.abc import AbstractResolver

from monitor import logging, metrics
from monitor.catalog import Feed
from monitor.deadletters import each_event
from monitor.errors import FetchError, HTTPStatus, ParseError
from monitor.feeds import schedule
from monitor.feeds.fetch import Fetcher, FetchLimits, FetchResult, loggable
from monitor.feeds.fulltext import FullText, extract_main_text
from monitor.feeds.parse import ParsedFeed, parse_feed
from monitor.models import Article, Entry, article_id, decode, parse_iso, utc_now
from monitor.settings import Settings
from monitor.topics import ENTRIES, Topics

log = logging.get("monitor.feeds")
TICK = 0.25
MAX_ENTRIES_PER_POLL = 1000
PARSE_WORKERS = 2  # feedparser is CPU-bound: one process per core of the target machine

Publish = Callable[[Entry], Awaitable[None]]


class Poller:
    """Polls each feed when due and publishes the entries it has not seen before.

    ``publish`` sends one Entry on (to monitor.entries in production). ``async with poller``
    opens the HTTP session and the parser processes; ``run()`` does so itself, and tests may
    call ``poll()`` inside it. ``resolver`` is the Fetcher's: tests give names to loopback.
    """

    def __init__(self, feeds: tuple[Feed, ...], settings: Settings, publish: Publish,
                 *, resolver: AbstractResolver | None = None) -> None:
        self.feeds = {feed.id: feed for feed in feeds}
        self.settings = settings
        self.publish = publish
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

    def counts(self) -> dict[str, int]:
        return {state: self._counts[state] for state in metrics.FEED_STATES}

    async def __aenter__(self) -> Poller:
        self._exit = AsyncExitStack()
        self._fetcher = await self._exit.enter_async_context(
            Fetcher(FetchLimits.from_settings(self.settings), resolver=self._resolver))
        self._parsers = _parser_pool()
        self._fulltext = FullText(self._fetcher.fetch, self._extract, self._host_slot)
        return self

    async def __aexit__(self, *exc_info) -> None:
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        if self._parsers is not None:
            self._parsers.shutdown(wait=False, cancel_futures=True)
            self._parsers = None
        await self._exit.aclose()
        self._fetcher = None

    async def run(self, is_leader: Callable[[], bool]) -> None:
        async with self:
            while True:
                if is_leader():
                    now = time.monotonic()
                    while self._due and self._due[0][0] <= now:
                        due, feed_id = heapq.heappop(self._due)
                        if feed_id in self.in_flight or self.states[feed_id].next_due != due:
                            continue  # stale: the feed was polled (and queued again) meanwhile
                        task = asyncio.create_task(self.poll(feed_id))
                        self._tasks.add(task)
                        task.add_done_callback(self._tasks.discard)
                    # wake for the next due feed, not a tick later: lateness would stretch every interval
                    await asyncio.sleep(min(TICK, max(0.0, self._due[0][0] - now)) if self._due else TICK)
                else:
                    await asyncio.sleep(TICK)

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
            self.states[feed_id] = new
            self._counts[state.state] -= 1
            self._counts[new.state] += 1
            self.in_flight.discard(feed_id)
            if new.next_due != float("inf"):
                heapq.heappush(self._due, (new.next_due, feed_id))
            self._publish_gauges()

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
        return schedule.succeeded(state, feed.interval, started, self.rng, etag=result.etag,
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


def _parser_pool() -> ProcessPoolExecutor:
    # forkserver, not fork: the monitor has threads (Faust, aiokafka) that a fork would copy
    # mid-flight; the server preloads the parser, so a replacement worker starts in milliseconds
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["monitor.feeds.parse"])
    return ProcessPoolExecutor(PARSE_WORKERS, mp_context=context, initializer=_leave_interrupts_to_the_monitor)


def _leave_interrupts_to_the_monitor() -> None:
    # Ctrl-C reaches the whole process group; the monitor stops the pool itself, in order
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def register(app: faust.App, topics: Topics, feeds: tuple[Feed, ...], settings: Settings) -> Poller:
    async def publish(entry: Entry) -> None:
        await topics.entries.send(key=entry.id.encode(), value=entry.to_json())

    poller = Poller(feeds, settings, publish)
    # keys and values stay raw bytes (the app's serializers): article id -> first fetched_at
    seen = app.Table("seen-articles", partitions=settings.partitions)

    @app.task
    async def poll_feeds() -> None:
        await poller.run(app.is_leader)

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
