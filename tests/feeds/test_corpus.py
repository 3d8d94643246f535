"""parse_feed, and the whole Poller, over feedparser's own test corpus: hundreds of odd, broken and hostile feeds."""

from __future__ import annotations

import asyncio
import re
import time

from aiohttp import web

from monitor import metrics
from monitor.catalog import Feed
from monitor.errors import ParseError
from monitor.feeds.agents import Poller
from monitor.feeds.parse import ParsedFeed, parse_feed
from monitor.models import Entry
from monitor.settings import Settings
from support import CORPUS
from test_fetch import LOOPBACK, StaticResolver

MARKUP = re.compile(r"<[a-zA-Z/!?]|\bon[a-z]+\s*=", re.IGNORECASE)


def fields(feed: ParsedFeed) -> list[str]:
    return [feed.title, *feed.alternate_links] + [
        value
        for entry in feed.entries
        for value in (entry.url, entry.guid, entry.title, entry.summary, entry.text, entry.published or "", entry.language or "")
    ]


def test_corpus_parses_without_crash_or_markup():
    """Every corpus file gives a ParsedFeed or a ParseError, never another exception, and no field carries markup or a handler."""
    files = sorted(CORPUS.rglob("*.xml"))
    assert files, f"no *.xml under {CORPUS}"
    parsed, refused, leaks = 0, [], []
    started = time.monotonic()
    for path in files:
        try:
            feed = parse_feed(path.read_bytes(), base_url="http://example.org/feeds/test.xml")
        except ParseError as error:
            refused.append(f"{path.relative_to(CORPUS)}: {error}")
            continue
        parsed += 1
        leaks += [f"{path.relative_to(CORPUS)}: {value[:120]!r}" for value in fields(feed) if MARKUP.search(value)]
    elapsed = time.monotonic() - started
    assert not leaks, "\n".join(leaks[:20])
    assert parsed >= 0.95 * len(files), "\n".join(refused[:20])
    assert elapsed < 30, f"{len(files)} files took {elapsed:.1f} s"


async def test_poller_over_the_corpus_served_on_loopback(serve):
    """The real Poller over every corpus file served on loopback: no crash, one counted status per feed, and no markup in any published Entry."""
    files = sorted(CORPUS.rglob("*.xml"))

    async def corpus_file(request: web.Request) -> web.Response:
        return web.Response(body=files[int(request.match_info["n"])].read_bytes(), content_type="application/xml")

    application = web.Application()
    application.router.add_get("/{n}", corpus_file)
    server = await serve(application)
    feeds = tuple(Feed(id=f"c{n}", url=f"http://127.0.0.1:{server.port}/{n}") for n in range(len(files)))
    entries: list[Entry] = []

    async def publish(entry: Entry) -> None:
        entries.append(entry)

    settings = Settings(allow_networks=LOOPBACK, fetch_per_host=16, fetch_timeout=10.0, backfill=100 * 365 * 86400.0)
    # names resolve nowhere: a feed that links elsewhere must not send this test to the internet
    poller = Poller(feeds, settings, publish, resolver=StaticResolver({}))
    before = {s: metrics.feed_fetches.labels(status=s)._value.get() for s in metrics.FETCH_STATUSES}
    started = time.monotonic()
    async with poller:
        await asyncio.gather(*(poller.poll(feed.id) for feed in feeds))
    elapsed = time.monotonic() - started
    counted = {s: metrics.feed_fetches.labels(status=s)._value.get() - before[s] for s in metrics.FETCH_STATUSES}
    assert sum(counted.values()) == len(files), counted
    assert counted["200"] >= 0.9 * len(files) and counted["error"] == 0, counted
    assert sum(poller.counts().values()) == len(files)
    leaks = [f"{e.feed_id}: {value[:120]!r}" for e in entries
             for value in (e.url, e.title, e.summary, e.text or "", e.language or "") if MARKUP.search(value)]
    assert entries and not leaks, "\n".join(leaks[:20])
    assert elapsed < 60, f"{len(files)} feeds took {elapsed:.1f} s"
