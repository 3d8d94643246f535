"""The real Poller against hostile and impolite loopback servers: for each, the precise outcome
of one poll (the status counted, the feed's state, what was published), with parsing in the
real process pool. Entries are collected through Poller's ``publish`` instead of Kafka."""

from __future__ import annotations

import asyncio
import os
import signal
import time
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import brotli
import pytest
import structlog
from aiohttp import web
from aiohttp.test_utils import TestServer

from monitor import metrics
from monitor.catalog import Feed
from monitor.feeds import schedule
from monitor.feeds.agents import Poller
from monitor.models import Entry, PollState
from monitor.settings import Settings
from monitor.topics import partition_for
from support import Item, dripping, rss
from test_fetch import LOOPBACK, StaticResolver, app, feed, redirect

NEWS = rss("Le Sahel", [Item("Crue du fleuve à Ségou", "https://exemple.ml/crue", "Le Niger monte.")])


def fetches() -> dict[str, float]:
    return {status: metrics.feed_fetches.labels(status=status)._value.get() for status in metrics.FETCH_STATUSES}


class Run:
    """One Poller over the given feeds (id -> URL), with the statuses its polls counted."""

    def __init__(self, urls: dict[str, str], resolver=None, **settings) -> None:
        options = {"allow_networks": LOOPBACK, "fetch_timeout": 5.0, "backfill": 100 * 365 * 86400.0, **settings}
        self.entries: list[Entry] = []
        self.poller = Poller(tuple(Feed(id=i, url=u, interval=300) for i, u in urls.items()),
                             Settings(**options), self._collect, resolver=resolver)
        self.before = fetches()

    async def _collect(self, entry: Entry) -> None:
        self.entries.append(entry)

    async def poll(self, *feed_ids: str) -> None:
        await asyncio.gather(*(self.poller.poll(i) for i in feed_ids or list(self.poller.states)))

    def state(self, feed_id: str = "f") -> schedule.FeedState:
        return self.poller.states[feed_id]

    @property
    def counted(self) -> dict[str, float]:
        """Status -> how many polls ended with it since this run began."""
        return {s: n - self.before[s] for s, n in fetches().items() if n != self.before[s]}


async def poll_once(url: str, **options) -> Run:
    run = Run({"f": url}, **options)
    async with run.poller:
        await run.poll()
    return run


def stream(size: int, chunk: bytes = b"<" * 65536, *, length: bool = False):
    """A handler streaming ``size`` bytes (declaring them when ``length``)."""

    async def handler(request: web.Request) -> web.StreamResponse:
        response = web.StreamResponse(headers={"Content-Type": "application/rss+xml"})
        if length:
            response.content_length = size
        else:
            response.enable_chunked_encoding()
        await response.prepare(request)
        sent = 0
        try:
            while sent < size:
                await response.write(chunk[: size - sent])
                sent += len(chunk)
        except (ConnectionResetError, RuntimeError):
            pass  # the poller hung up, as it should
        return response

    return handler


def status(code: int, **headers: str):
    async def handler(request: web.Request) -> web.Response:
        return web.Response(status=code, headers=headers)

    return handler


# --- size, time and broken transfers -----------------------------------------------------
async def test_brotli_bomb_is_too_large(serve):
    """40 MB of spaces brotli-compressed to a few KB is refused once decompression passes the 10 MB cap."""
    bomb = brotli.compress(b" " * (40 * 1024 * 1024), quality=5)
    assert len(bomb) < 50_000
    server = await serve(app({"/": feed(bomb, **{"Content-Encoding": "br"})}))
    started = time.monotonic()
    run = await poll_once(str(server.make_url("/")))
    assert run.counted == {"too_large": 1} and run.state().state == "backoff" and not run.entries
    assert time.monotonic() - started < 5


async def test_60_mb_streamed_body_is_cut_at_the_cap(serve):
    """A 60 MB chunked body is cut off at the 10 MB cap as too_large, in seconds."""
    server = await serve(app({"/": stream(60 * 1024 * 1024)}))
    started = time.monotonic()
    run = await poll_once(str(server.make_url("/")))
    assert run.counted == {"too_large": 1} and run.state().state == "backoff"
    assert time.monotonic() - started < 4


async def test_60_mb_declared_body_is_refused_before_reading(serve):
    """A Content-Length of 60 MB is refused from the headers alone."""
    server = await serve(app({"/": stream(60 * 1024 * 1024, length=True)}))
    started = time.monotonic()
    run = await poll_once(str(server.make_url("/")))
    assert run.counted == {"too_large": 1} and time.monotonic() - started < 1


async def test_one_byte_every_two_seconds_ends_at_the_total_timeout(serve):
    """A drip of one byte per 2 s never trips the read timeout, so the 5 s total timeout ends it as a timeout."""

    server = await serve(app({"/": dripping(30, 2)}))
    started = time.monotonic()
    run = await poll_once(str(server.make_url("/")), fetch_timeout=5.0)
    assert run.counted == {"timeout": 1} and run.state().state == "backoff"
    assert 4.9 < time.monotonic() - started < 8


async def test_wrong_content_length_is_an_error(raw_server):
    """A body shorter than its Content-Length is counted as error and backs the feed off."""
    port = await raw_server(b"HTTP/1.1 200 OK\r\nContent-Length: 5000\r\nContent-Type: application/xml\r\n\r\n" + NEWS[:200])
    run = await poll_once(f"http://127.0.0.1:{port}/")
    assert run.counted == {"error": 1} and run.state().state == "backoff" and not run.entries


# --- bytes that are barely a feed --------------------------------------------------------
async def test_invalid_utf8_and_nul_bytes_still_publish_clean_text(serve):
    """Invalid UTF-8 and NUL bytes make a bozo feed whose entry is still published, with no NUL left in any field."""
    body = (b'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Bad \xff\xfe\x00</title>'
            b"<item><title>Nul\x00 and \xc3\x28 broken</title><link>https://exemple.ml/a</link>"
            b"<description>ok \x00 d</description></item></channel></rss>")
    server = await serve(app({"/": feed(body)}))
    bozo = metrics.feed_bozo._value.get()
    run = await poll_once(str(server.make_url("/")))
    assert run.counted == {"200": 1} and metrics.feed_bozo._value.get() - bozo == 1
    [entry] = run.entries
    assert entry.url == "https://exemple.ml/a" and entry.title.startswith("Nul and")
    assert not any("\x00" in (value or "") for value in entry.to_dict().values() if isinstance(value, str))


async def test_conflicting_charsets_follow_the_xml_declaration(serve):
    """A header claiming ISO-8859-1 over a UTF-8 body declared UTF-8 in XML still gives the right accents."""

    async def liar(request: web.Request) -> web.Response:
        return web.Response(body=NEWS, headers={"Content-Type": "application/rss+xml; charset=iso-8859-1"})

    server = await serve(app({"/": liar}))
    run = await poll_once(str(server.make_url("/")))
    assert run.counted == {"200": 1} and [e.title for e in run.entries] == ["Crue du fleuve à Ségou"]


async def test_quadratic_entities_are_not_expanded(serve):
    """A 50 KB entity referenced 10,000 times (a quadratic blowup) is cut with the DOCTYPE: quick, and nothing grows."""
    body = (b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "' + b"A" * 50_000 + b'">]><rss version="2.0"><channel>'
            b"<title>Q</title><item><title>" + b"&a;" * 10_000 + b"</title><link>https://exemple.ml/q</link></item></channel></rss>")
    server = await serve(app({"/": feed(body)}))
    started = time.monotonic()
    run = await poll_once(str(server.make_url("/")))
    assert run.counted == {"200": 1} and time.monotonic() - started < 3
    [entry] = run.entries
    assert "AAAA" not in entry.title and len(entry.title) < 50_000


async def test_external_entities_read_no_file_and_fetch_nothing(serve, tmp_path):
    """External entities (a local file, a URL) are cut with the DOCTYPE: neither is read, and the server sees one request."""
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-42")
    requests: list[str] = []

    async def xxe(request: web.Request) -> web.Response:
        requests.append(request.path)
        port = request.url.port
        return web.Response(content_type="application/rss+xml", body=(
            f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY s SYSTEM "file://{secret}">'
            f'<!ENTITY r SYSTEM "http://127.0.0.1:{port}/leak.dtd">%r;]><rss version="2.0"><channel><title>X</title>'
            "<item><title>t &s; &r;</title><link>https://exemple.ml/x</link><description>&s;</description></item>"
            "</channel></rss>").encode())

    server = await serve(app({"/": xxe, "/leak.dtd": xxe}))
    run = await poll_once(str(server.make_url("/")))
    assert run.counted == {"200": 1} and requests == ["/"]
    assert all("TOP-SECRET" not in (e.title + e.summary + e.text) for e in run.entries) and run.entries


async def test_garbage_is_a_parse_error(serve):
    """Bytes that are neither feed nor page are counted parse_error and back the feed off."""
    server = await serve(app({"/": feed(b"\x89PNG\r\n\x1a\n" + os.urandom(2000))}))
    run = await poll_once(str(server.make_url("/")))
    assert run.counted == {"parse_error": 1} and run.state().state == "backoff"


# --- HTML instead of a feed ----------------------------------------------------------------
def page(href: str | None = None):
    """A handler serving a home page that advertises the feed at ``href``."""
    link = f'<link rel="alternate" type="application/rss+xml" href="{href}">' if href else ""
    body = f"<!DOCTYPE html><html><head><title>Accueil</title>{link}</head><body>Bienvenue</body></html>"

    async def handler(request: web.Request) -> web.Response:
        return web.Response(text=body, content_type="text/html")

    return handler


async def test_html_page_leads_to_its_advertised_feed(serve):
    """An HTML page is replaced by the feed it advertises: its entries are published, the feed keeps that URL, and the URL is logged."""
    server = await serve(app({"/": page("/rss.xml"), "/rss.xml": feed(NEWS)}))
    with structlog.testing.capture_logs() as logs:
        run = await poll_once(str(server.make_url("/")))
    assert run.counted == {"200": 1} and [e.url for e in run.entries] == ["https://exemple.ml/crue"]
    assert run.state().url == str(server.make_url("/rss.xml")) and run.state().state == "ok"
    assert {"event": "feed discovered", "url": str(server.make_url("/rss.xml")), "log_level": "info"} in logs


async def test_html_page_without_a_feed_is_a_parse_error(serve):
    """An HTML page advertising no feed is a parse error and the URL stays."""
    server = await serve(app({"/": page()}))
    run = await poll_once(str(server.make_url("/")))
    assert run.counted == {"parse_error": 1} and run.state().url == str(server.make_url("/"))


async def test_advertised_feed_on_a_private_address_is_blocked(serve):
    """Autodiscovery goes through the network guard: a page advertising an intranet feed is blocked, the URL stays."""
    server = await serve(app({"/": page("http://10.0.0.5/rss.xml")}))
    run = await poll_once(str(server.make_url("/")))
    assert run.counted == {"blocked": 1} and run.state().url == str(server.make_url("/")) and not run.entries


# --- what publishers ask of us --------------------------------------------------------------
async def test_429_retry_after_is_waited(serve):
    """429 with Retry-After: 900 is counted 4xx and the next poll is at least 900 s away."""
    server = await serve(app({"/": status(429, **{"Retry-After": "900"})}))
    started = time.monotonic()
    run = await poll_once(str(server.make_url("/")))
    assert run.counted == {"4xx": 1} and run.state().state == "backoff"
    assert run.state().next_due - started >= 900


async def test_503_retry_after_date_is_waited(serve):
    """503 with a Retry-After date an hour away backs the feed off for at least 59 minutes."""
    later = format_datetime(datetime.now(UTC) + timedelta(hours=1), usegmt=True)
    server = await serve(app({"/": status(503, **{"Retry-After": later})}))
    started = time.monotonic()
    run = await poll_once(str(server.make_url("/")))
    assert run.counted == {"5xx": 1} and run.state().next_due - started > 3540


async def test_410_stops_the_feed_for_good(serve):
    """410 Gone stops the feed: counted, shown as stopped, and never queued again."""
    server = await serve(app({"/": status(410)}))
    run = await poll_once(str(server.make_url("/")))
    assert run.counted == {"4xx": 1} and run.state().state == "stopped"
    assert run.poller.counts() == {"ok": 0, "backoff": 0, "stopped": 1} and run.state().next_due == float("inf")


async def test_cache_control_and_ttl_slow_the_feed_down(serve):
    """max-age=3600 and an RSS <ttl> of 120 minutes both postpone the next poll beyond the 5 min interval."""
    with_ttl = NEWS.replace(b"<description>test</description>", b"<description>test</description><ttl>120</ttl>")
    server = await serve(app({"/cached": feed(NEWS, **{"Cache-Control": "public, max-age=3600"}), "/ttl": feed(with_ttl)}))
    run = Run({"cached": str(server.make_url("/cached")), "ttl": str(server.make_url("/ttl"))})
    started = time.monotonic()
    async with run.poller:
        await run.poll()
    assert run.state("cached").next_due - started >= 3600
    assert run.state("ttl").next_due - started >= 7200 and run.state("ttl").ttl == 7200


async def test_etag_gives_304_and_same_body_is_not_parsed_again(serve):
    """The second poll sends the ETag and gets 304; a server ignoring validators with the same body counts unchanged and publishes nothing."""
    seen: list[str | None] = []

    async def conditional(request: web.Request) -> web.Response:
        seen.append(request.headers.get("If-None-Match"))
        if request.headers.get("If-None-Match") == '"v1"':
            return web.Response(status=304)
        return web.Response(body=NEWS, headers={"ETag": '"v1"'})

    server = await serve(app({"/etag": conditional, "/same": feed(NEWS)}))
    run = Run({"etag": str(server.make_url("/etag")), "same": str(server.make_url("/same"))})
    async with run.poller:
        await run.poll()
        await run.poll()
    assert seen == [None, '"v1"'] and len(run.entries) == 2
    assert run.counted == {"200": 2, "304": 1, "unchanged": 1}


# --- redirects ----------------------------------------------------------------------------
async def test_301_moves_the_feed_and_the_next_poll_goes_there(serve):
    """After a 301 the feed's URL is the new one, and the next poll asks it directly."""
    paths: list[str] = []

    async def seen(request: web.Request, handler):
        paths.append(request.path)
        return await handler(request)

    application = app({"/old": redirect("/new", 301), "/new": feed(NEWS)})
    application.middlewares.append(web.middleware(seen))
    server = await serve(application)
    run = Run({"f": str(server.make_url("/old"))})
    async with run.poller:
        await run.poll()
        await run.poll()
    assert run.state().url == str(server.make_url("/new")) and paths == ["/old", "/new", "/new"]
    assert run.counted == {"200": 1, "unchanged": 1}


@pytest.mark.parametrize(
    ("location", "answers"),
    [("http://10.0.0.1/feed", {}), ("http://[::1]:1/feed", {}), ("http://[fd00::1]/feed", {}),
     ("http://169.254.169.254/latest/meta-data/", {}), ("http://intranet.test/feed", {"intranet.test": ["192.168.1.20"]})],
)
async def test_301_to_a_private_address_is_blocked_and_the_url_kept(serve, location, answers):
    """A permanent redirect to a private IPv4, IPv6 or named address is blocked, and the feed keeps its URL."""
    server = await serve(app({"/": redirect(location, 301)}))
    run = await poll_once(str(server.make_url("/")), resolver=StaticResolver({"127.0.0.1": ["127.0.0.1"], **answers}))
    assert run.counted == {"blocked": 1} and run.state().url == str(server.make_url("/"))


async def test_redirect_loop_is_an_error(serve):
    """A redirect loop is counted as error, backs the feed off and keeps its URL."""
    server = await serve(app({"/a": redirect("/b", 301), "/b": redirect("/a", 301)}))
    run = await poll_once(str(server.make_url("/a")))
    assert run.counted == {"error": 1} and run.state().state == "backoff" and run.state().url.endswith("/a")


# --- concurrency and the parser processes ------------------------------------------------
async def test_per_host_and_global_limits(serve):
    """With 2 per host and 3 overall, 8 slow feeds on two hosts never have more than 2 fetches on one host or 3 in all."""
    active: dict[str, int] = {}
    peaks: dict[str, int] = {}

    async def slow(request: web.Request) -> web.Response:
        host = request.host.split(":")[0]
        active[host] = active.get(host, 0) + 1
        peaks[host] = max(peaks.get(host, 0), active[host])
        peaks["all"] = max(peaks.get("all", 0), sum(active.values()))
        await asyncio.sleep(0.3)
        active[host] -= 1
        return web.Response(body=NEWS)

    server = await serve(app({"/{n}": slow}))
    other = TestServer(app({"/{n}": slow}), host="127.0.0.2", port=server.port)
    await other.start_server()
    urls = {f"a{n}": f"http://127.0.0.1:{server.port}/{n}" for n in range(4)}
    urls |= {f"b{n}": f"http://127.0.0.2:{server.port}/{n}" for n in range(4)}
    run = Run(urls, fetch_per_host=2, fetch_concurrency=3)
    try:
        async with run.poller:
            await run.poll()
    finally:
        await other.close()
    assert peaks["127.0.0.1"] == 2 and peaks["127.0.0.2"] == 2 and peaks["all"] == 3
    assert run.counted == {"200": 8}


async def test_a_killed_parser_process_costs_one_poll_only(serve):
    """When a parser process dies the poll is a parse_error, a new pool takes over, and the next poll parses."""
    server = await serve(app({"/": feed(NEWS)}))
    run = Run({"f": str(server.make_url("/"))})
    async with run.poller:
        pool = run.poller._parsers
        pool.submit(os.getpid).result()  # make sure its processes exist
        for pid in list(pool._processes):
            os.kill(pid, signal.SIGKILL)
        await asyncio.sleep(0.5)
        await run.poll()
        assert run.counted == {"parse_error": 1} and run.poller._parsers is not pool
        await run.poll()
    assert run.counted == {"parse_error": 1, "200": 1} and len(run.entries) == 1


# --- the polling loop ------------------------------------------------------------------------
async def test_run_waits_for_its_partitions_spreads_the_start_and_stops_cleanly(serve):
    """run() polls nothing while the group rebalances, then each feed once within the start spread; cancelling it stops the parsers."""
    times: dict[str, list[float]] = {}

    async def stamp(request: web.Request) -> web.Response:
        times.setdefault(request.path, []).append(time.monotonic())
        return web.Response(body=NEWS)

    server = await serve(app({"/{n}": stamp}))
    run = Run({f"f{n}": str(server.make_url(f"/{n}")) for n in range(20)})
    partitions: frozenset[int] | None = None  # None: rebalancing
    task = asyncio.create_task(run.poller.run(lambda: partitions))
    await asyncio.sleep(1.5)
    assert not times and run.poller.partitions() is None
    partitions, became = frozenset(range(run.poller.settings.partitions)), time.monotonic()
    await asyncio.sleep(schedule.START_SPREAD + 1)
    pool = run.poller._parsers
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert set(times) == {f"/{n}" for n in range(20)} and all(len(t) == 1 for t in times.values())
    firsts = sorted(t[0] - became for t in times.values())
    assert firsts[-1] - firsts[0] > 1  # spread, not a herd
    assert run.counted == {"200": 20} and run.poller.counts() == {"ok": 20, "backoff": 0, "stopped": 0}
    assert metrics.feeds_due._value.get() == 0 and run.poller._parsers is None and pool._shutdown_thread


async def test_a_worker_polls_only_its_partitions_and_a_new_owner_resumes_from_the_saved_state(serve):
    """Each feed is polled by the holder of its partition; the state it saves (ETag, known entries) lets the next holder send a conditional GET and publish nothing twice."""
    seen: list[tuple[str, str | None]] = []

    async def tagged(request: web.Request) -> web.Response:
        seen.append((request.path, request.headers.get("If-None-Match")))
        if request.headers.get("If-None-Match") == '"v1"':
            return web.Response(status=304)
        return web.Response(body=NEWS, headers={"ETag": '"v1"'})

    server = await serve(app({"/{n}": tagged}))
    urls = {f"f{n}": str(server.make_url(f"/{n}")) for n in range(12)}
    by_partition = {f: partition_for(f, 4) for f in urls}
    assert len(set(by_partition.values())) > 1
    table: dict[str, PollState] = {}

    async def save(record: PollState) -> None:
        table[record.feed_id] = record

    first = Run(urls, partitions=4)
    first.poller._save, first.poller._stored = save, table.get
    first.poller.assign(frozenset({0, 1}))
    mine = {f for f, p in by_partition.items() if p in (0, 1)}
    assert set(first.poller.states) == mine and first.poller.partitions() == [0, 1]
    async with first.poller:
        await first.poll()
    assert {path for path, _ in seen} == {f"/{f[1:]}" for f in mine} and set(table) == mine
    assert all(r.etag == '"v1"' and r.known_ids and r.source == urls[r.feed_id] for r in table.values())

    # the feeds move to a new worker (the first one died): it resumes from what was saved
    seen.clear()
    second = Run(urls, partitions=4)
    second.poller._save, second.poller._stored = save, table.get
    second.poller.assign(frozenset(range(4)))
    async with second.poller:
        await second.poll()
    assert {path for path, tag in seen if tag == '"v1"'} == {f"/{f[1:]}" for f in mine}  # conditional GETs
    assert {path for path, tag in seen if tag is None} == {f"/{f[1:]}" for f in urls.keys() - mine}
    assert len(second.entries) == len(urls) - len(mine)  # nothing the first worker published again

    # losing a partition drops its feeds (and their gauge counts)
    second.poller.assign(frozenset({2}))
    assert set(second.poller.states) == {f for f, p in by_partition.items() if p == 2}
    assert sum(second.poller.counts().values()) == len(second.poller.states)


@pytest.mark.parametrize("adapt", [True, False])
async def test_pace_is_learned_only_when_adaptation_is_on(serve, adapt):
    """A feed gaining an entry between two polls has its publishing gap learned, unless MONITOR_POLL_ADAPT is off."""
    items = [Item("Un", "https://exemple.ml/1", "a")]

    async def growing(request: web.Request) -> web.Response:
        return web.Response(body=rss("Fil", items))

    server = await serve(app({"/": growing}))
    run = Run({"f": str(server.make_url("/"))}, poll_adapt=adapt)
    async with run.poller:
        await run.poll()
        items.append(Item("Deux", "https://exemple.ml/2", "b"))
        await run.poll()
    assert len(run.entries) == 2 and (run.state().gap is not None) is adapt
