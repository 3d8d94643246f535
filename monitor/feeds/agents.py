"""The feed stage on Kafka: the poller publishes entries, the dedup agent turns the first
sighting of each article into one message on monitor.articles.

Polling runs on the group leader only, so one worker polls each feed however many join; the
dedup table is keyed like monitor.entries (article id), so every worker dedups its partitions.
"""

from __future__ import annotations

import asyncio
import functools
import hashlib
import random
import time
from dataclasses import replace

import faust
import structlog

from monitor import logging, metrics
from monitor.catalog import Feed
from monitor.deadletters import each_event
from monitor.errors import FetchError, HTTPStatus, ParseError
from monitor.feeds import schedule
from monitor.feeds.fetch import Fetcher, FetchLimits
from monitor.feeds.parse import parse_feed
from monitor.models import Article, Entry, article_id, decode, parse_iso, utc_now
from monitor.settings import Settings
from monitor.topics import ENTRIES, Topics

log = logging.get("monitor.feeds")
TICK = 0.25
MAX_ENTRIES_PER_POLL = 1000


class Poller:
    def __init__(self, feeds: tuple[Feed, ...], settings: Settings, entries: faust.TopicT) -> None:
        self.feeds = {feed.id: feed for feed in feeds}
        self.settings = settings
        self.entries = entries
        now = time.monotonic()
        self.states = {feed.id: schedule.initial(feed.id, feed.url, now) for feed in feeds}
        self.in_flight: set[str] = set()
        self.slots = asyncio.Semaphore(settings.fetch_concurrency)
        self.rng = random.Random()
        self._tasks: set[asyncio.Task] = set()
        self._publish_gauges()

    def _publish_gauges(self) -> None:
        for state in metrics.FEED_STATES:
            metrics.feeds.labels(state=state).set(sum(s.state == state for s in self.states.values()))

    def counts(self) -> dict[str, int]:
        return {state: sum(s.state == state for s in self.states.values()) for state in metrics.FEED_STATES}

    async def run(self, is_leader) -> None:
        async with Fetcher(FetchLimits.from_settings(self.settings)) as fetcher:
            while True:
                if is_leader():
                    now = time.monotonic()
                    for feed_id, state in self.states.items():
                        if state.next_due <= now and feed_id not in self.in_flight:
                            self.in_flight.add(feed_id)
                            task = asyncio.create_task(self.poll(fetcher, self.feeds[feed_id]))
                            self._tasks.add(task)
                            task.add_done_callback(self._tasks.discard)
                await asyncio.sleep(TICK)

    async def poll(self, fetcher: Fetcher, feed: Feed) -> None:
        structlog.contextvars.bind_contextvars(feed_id=feed.id)
        try:
            async with self.slots:
                self.states[feed.id] = await self._poll(fetcher, feed, self.states[feed.id])
        except Exception:  # a bug must not stop the poller: log it, back the feed off
            log.exception("poll crashed")
            self.states[feed.id] = schedule.failed(self.states[feed.id], feed.interval, time.monotonic(), self.rng)
        finally:
            self.in_flight.discard(feed.id)
            self._publish_gauges()

    async def _poll(self, fetcher: Fetcher, feed: Feed, state: schedule.FeedState) -> schedule.FeedState:
        started = time.monotonic()
        try:
            result = await fetcher.fetch(state.url, etag=state.etag, last_modified=state.last_modified)
        except FetchError as exc:
            metrics.feed_fetches.labels(status=exc.status).inc()
            permanent = isinstance(exc, HTTPStatus) and exc.code == 410
            new = schedule.failed(state, feed.interval, time.monotonic(), self.rng,
                                  retry_after=exc.retry_after if isinstance(exc, HTTPStatus) else None, permanent=permanent)
            log.warning("feed failed", error=str(exc), state=new.state,
                        retry_in=None if permanent else round(new.next_due - time.monotonic()))
            return new
        finally:
            metrics.feed_fetch_seconds.observe(time.monotonic() - started)
        validators = {"etag": result.etag, "last_modified": result.last_modified}
        if result.not_modified:
            metrics.feed_fetches.labels(status="304").inc()
            return schedule.succeeded(state, feed.interval, time.monotonic(), self.rng)
        body_hash = hashlib.blake2b(result.body or b"", digest_size=16).hexdigest()
        if body_hash == state.body_hash:
            metrics.feed_fetches.labels(status="unchanged").inc()
            return schedule.succeeded(state, feed.interval, time.monotonic(), self.rng, **validators)
        try:
            # feedparser is slow and CPU-bound: keep it off the event loop
            parsed = await asyncio.get_running_loop().run_in_executor(
                None, functools.partial(parse_feed, result.body, base_url=result.url))
            if parsed.is_html:
                hint = f"; it links to {parsed.alternate_links[0]}" if parsed.alternate_links else ""
                raise ParseError(f"got an HTML page, not a feed{hint}")
        except ParseError as exc:
            metrics.feed_fetches.labels(status="parse_error").inc()
            new = schedule.failed(state, feed.interval, time.monotonic(), self.rng)
            log.warning("feed failed", error=str(exc), state=new.state, retry_in=round(new.next_due - time.monotonic()))
            return new
        metrics.feed_fetches.labels(status="200").inc()
        if parsed.bozo:
            metrics.feed_bozo.inc()
        known = await self._publish(feed, parsed.entries[:MAX_ENTRIES_PER_POLL], state)
        url = result.permanent_redirect or state.url
        if url != state.url:
            log.info("feed moved permanently", new_url=url)
        return schedule.succeeded(replace(state, url=url), feed.interval, time.monotonic(), self.rng,
                                  body_hash=body_hash, known_ids=known, **validators)

    async def _publish(self, feed: Feed, parsed_entries, state: schedule.FeedState) -> frozenset[str]:
        now_epoch, fetched_at = time.time(), utc_now()
        ids: set[str] = set()
        published = 0
        for item in parsed_entries:
            entry_id = article_id(item.url)
            ids.add(entry_id)
            if entry_id in state.known_ids:
                metrics.feed_entries.labels(outcome="known").inc()
                continue
            epoch = parse_iso(item.published).timestamp() if item.published else None
            if not state.polled and schedule.too_old(epoch, now_epoch, self.settings.backfill):
                metrics.feed_entries.labels(outcome="too_old").inc()
                continue
            entry = Entry(id=entry_id, url=item.url, feed_id=feed.id, title=item.title, summary=item.summary,
                          text=item.text, language=item.language or feed.language, published=item.published,
                          fetched_at=fetched_at)
            await self.entries.send(key=entry_id.encode(), value=entry.to_json())
            metrics.feed_entries.labels(outcome="published").inc()
            published += 1
        if published:
            log.info("feed polled", new_entries=published)
        return frozenset(ids)


def register(app: faust.App, topics: Topics, feeds: tuple[Feed, ...], settings: Settings) -> Poller:
    poller = Poller(feeds, settings, topics.entries)
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
