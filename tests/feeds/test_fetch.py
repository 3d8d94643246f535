"""The feed fetcher against real loopback servers: validators, limits, redirects, the guard."""

from __future__ import annotations

import asyncio
import gzip
import ipaddress
import socket
import time
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import pytest
from aiohttp import web
from aiohttp.abc import AbstractResolver, ResolveResult

from monitor.errors import BlockedAddress, FetchError, FetchTimeout, HTTPStatus, TooLarge
from monitor.feeds.fetch import (
    Fetcher, FetchLimits, is_blocked_address, loggable, parse_freshness, parse_retry_after,
)
from support import dripping

LOOPBACK = (ipaddress.ip_network("127.0.0.0/8"),)
HITS = web.AppKey("hits", int)
FEED = b'<?xml version="1.0"?><rss version="2.0"><channel><title>Essai</title></channel></rss>'


def limits(**changes) -> FetchLimits:
    return FetchLimits(**{"allow_networks": LOOPBACK, "timeout": 5.0, "read_timeout": 2.0, **changes})


async def fetch(url: str, **changes) -> object:
    resolver = changes.pop("resolver", None)
    async with Fetcher(limits(**changes), resolver=resolver) as fetcher:
        return await fetcher.fetch(url)


def app(routes: dict[str, object]) -> web.Application:
    application = web.Application()
    application[HITS] = 0

    @web.middleware
    async def count(request, handler):
        application[HITS] += 1
        return await handler(request)

    application.middlewares.append(count)
    for path, handler in routes.items():
        application.router.add_get(path, handler)
    return application


def redirect(to: str, status: int = 302):
    async def handler(request: web.Request) -> web.Response:
        return web.Response(status=status, headers={"Location": to})

    return handler


def feed(body: bytes = FEED, **headers: str):
    async def handler(request: web.Request) -> web.Response:
        return web.Response(body=body, content_type="application/rss+xml", headers=headers)

    return handler


class StaticResolver(AbstractResolver):
    """DNS for tests: fixed answers, so that names can point at loopback or at private
    addresses without asking a real DNS server."""

    def __init__(self, answers: dict[str, list[str]]) -> None:
        self.answers = answers

    async def resolve(self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET) -> list[ResolveResult]:
        if host.rstrip(".") not in self.answers:
            raise OSError(f"no such test host {host}")
        return [
            {
                "hostname": host,
                "host": address,
                "port": port,
                "family": socket.AF_INET6 if ":" in address else socket.AF_INET,
                "proto": 0,
                "flags": socket.AI_NUMERICHOST,
            }
            for address in self.answers[host.rstrip(".")]
        ]

    async def close(self) -> None:
        pass


# --- the happy path ---------------------------------------------------------------------
async def test_etag_then_not_modified(serve):
    """A second fetch with the ETag and Last-Modified of the first gets a body-less 304."""

    async def conditional(request: web.Request) -> web.Response:
        if request.headers.get("If-None-Match") == '"v1"':
            return web.Response(status=304)
        return web.Response(body=FEED, headers={"ETag": '"v1"', "Last-Modified": "Tue, 03 Jun 2025 10:00:00 GMT"})

    server = await serve(app({"/feed": conditional}))
    async with Fetcher(limits()) as fetcher:
        first = await fetcher.fetch(str(server.make_url("/feed")))
        second = await fetcher.fetch(first.url, etag=first.etag, last_modified=first.last_modified)
    assert (first.status, first.body, first.etag, first.not_modified) == (200, FEED, '"v1"', False)
    assert first.last_modified == "Tue, 03 Jun 2025 10:00:00 GMT"
    assert (second.status, second.body, second.not_modified) == (304, None, True)
    assert second.etag == '"v1"' and second.last_modified == first.last_modified


async def test_sends_feed_headers(serve):
    """Requests carry our User-Agent, a feed Accept header and gzip in Accept-Encoding."""
    seen = {}

    async def echo(request: web.Request) -> web.Response:
        seen.update(request.headers)
        return web.Response(body=FEED)

    server = await serve(app({"/": echo}))
    await fetch(str(server.make_url("/")), user_agent="media-monitor/test")
    assert seen["User-Agent"] == "media-monitor/test"
    assert "application/rss+xml" in seen["Accept"] and "application/atom+xml" in seen["Accept"]
    assert "gzip" in seen["Accept-Encoding"]


async def test_gzip_body_is_decoded(serve):
    """A gzip-encoded feed comes back decompressed, with its content type."""
    server = await serve(app({"/": feed(gzip.compress(FEED), **{"Content-Encoding": "gzip"})}))
    result = await fetch(str(server.make_url("/")))
    assert result.body == FEED
    assert result.content_type.startswith("application/rss+xml")
    assert result.elapsed > 0


async def test_named_host_resolving_to_allowed_loopback(serve):
    """A host name goes through the guarded resolver and is fetched when its address is allowed."""
    server = await serve(app({"/": feed()}))
    result = await fetch(f"http://feeds.test:{server.port}/", resolver=StaticResolver({"feeds.test": ["127.0.0.1"]}))
    assert result.body == FEED and result.url == f"http://feeds.test:{server.port}/"


# --- limits -----------------------------------------------------------------------------
async def test_streamed_body_over_cap(serve):
    """A chunked body without Content-Length is cut off as TooLarge once past max_bytes."""

    async def endless(request: web.Request) -> web.StreamResponse:
        response = web.StreamResponse()
        response.enable_chunked_encoding()
        await response.prepare(request)
        for _ in range(64):
            await response.write(b"x" * 16384)
        return response

    server = await serve(app({"/": endless}))
    with pytest.raises(TooLarge, match=r"^fetch: 127\.0\.0\.1:\d+: body over 100000 bytes$"):
        await fetch(str(server.make_url("/")), max_bytes=100_000)


async def test_gzip_bomb_is_too_large(serve):
    """64 MB of zeros gzipped to ~64 KB is refused after decompression passes the cap."""
    bomb = gzip.compress(b"\0" * (64 * 1024 * 1024), compresslevel=9)
    assert len(bomb) < 100_000
    server = await serve(app({"/": feed(bomb, **{"Content-Encoding": "gzip"})}))
    started = time.monotonic()
    with pytest.raises(TooLarge, match="body over 1048576 bytes"):
        await fetch(str(server.make_url("/")), max_bytes=1024 * 1024)
    assert time.monotonic() - started < 3


async def test_content_length_over_cap_refused_early(serve):
    """A declared Content-Length above the cap is refused before the body is read."""
    server = await serve(app({"/": feed(b"y" * 5000)}))
    with pytest.raises(TooLarge, match="body of 5000 bytes is over 1000 bytes"):
        await fetch(str(server.make_url("/")), max_bytes=1000)


async def test_drip_feed_ends_within_total_timeout(serve):
    """A server sending one byte at a time, each within the read timeout, still ends as FetchTimeout at the total timeout."""

    server = await serve(app({"/": dripping(40, 0.2)}))
    started = time.monotonic()
    with pytest.raises(FetchTimeout, match="no complete answer within 1.5 s"):
        await fetch(str(server.make_url("/")), timeout=1.5, read_timeout=1.0)
    assert 1.4 < time.monotonic() - started < 2.5


async def test_silent_server_hits_read_timeout(serve):
    """A server that sends headers and then nothing ends at the per-read timeout, well before the total."""

    async def silent(request: web.Request) -> web.StreamResponse:
        response = web.StreamResponse()
        response.enable_chunked_encoding()
        await response.prepare(request)
        await asyncio.sleep(10)
        return response

    server = await serve(app({"/": silent}))
    started = time.monotonic()
    with pytest.raises(FetchTimeout, match="silent for 0.5 s"):
        await fetch(str(server.make_url("/")), timeout=8.0, read_timeout=0.5)
    assert time.monotonic() - started < 2


async def test_wrong_content_length_is_fetch_error(raw_server):
    """A body shorter than its Content-Length becomes a one-line FetchError, not an aiohttp exception."""
    port = await raw_server(b"HTTP/1.1 200 OK\r\nContent-Length: 1000\r\nContent-Type: application/xml\r\n\r\n<rss>")
    with pytest.raises(FetchError) as caught:
        await fetch(f"http://127.0.0.1:{port}/")
    assert type(caught.value) is FetchError and caught.value.retryable
    assert str(caught.value) == f"fetch: 127.0.0.1:{port}: body cut short or badly encoded"


async def test_garbage_response_is_fetch_error(raw_server):
    """A reply that is not HTTP becomes a FetchError."""
    port = await raw_server(b"SSH-2.0-OpenSSH_9.6\r\n\r\n")
    with pytest.raises(FetchError, match=rf"^fetch: 127\.0\.0\.1:{port}: "):
        await fetch(f"http://127.0.0.1:{port}/")


async def test_connection_refused_is_fetch_error():
    """A closed port on an allowed address gives a retryable FetchError naming the host."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(FetchError, match=rf"^fetch: 127\.0\.0\.1:{port}: cannot connect") as caught:
        await fetch(f"http://127.0.0.1:{port}/")
    assert caught.value.retryable


# --- status codes -----------------------------------------------------------------------
async def test_429_carries_retry_after_seconds(serve):
    """429 raises a retryable HTTPStatus with Retry-After in seconds."""

    async def busy(request: web.Request) -> web.Response:
        return web.Response(status=429, headers={"Retry-After": "120"})

    server = await serve(app({"/": busy}))
    with pytest.raises(HTTPStatus) as caught:
        await fetch(str(server.make_url("/?token=secret")))
    assert (caught.value.code, caught.value.retryable, caught.value.retry_after) == (429, True, 120.0)
    assert caught.value.status == "4xx" and "secret" not in str(caught.value)
    assert str(caught.value) == f"fetch: 127.0.0.1:{server.port}: HTTP 429"


async def test_503_carries_retry_after_date(serve):
    """A Retry-After given as an HTTP date becomes the seconds left until that date."""
    later = format_datetime(datetime.now(UTC) + timedelta(minutes=2), usegmt=True)

    async def down(request: web.Request) -> web.Response:
        return web.Response(status=503, headers={"Retry-After": later})

    server = await serve(app({"/": down}))
    with pytest.raises(HTTPStatus) as caught:
        await fetch(str(server.make_url("/")))
    assert caught.value.code == 503 and caught.value.retryable
    assert 100 < caught.value.retry_after <= 120


@pytest.mark.parametrize(("code", "retryable"), [(410, False), (404, False), (403, False), (500, True), (502, True)])
async def test_error_status_retryable_or_not(serve, code, retryable):
    """Gone and other 4xx are final; 5xx may pass, so they are retryable."""

    async def fail(request: web.Request) -> web.Response:
        return web.Response(status=code)

    server = await serve(app({"/": fail}))
    with pytest.raises(HTTPStatus) as caught:
        await fetch(str(server.make_url("/")))
    assert (caught.value.code, caught.value.retryable, caught.value.retry_after) == (code, retryable, None)


def test_parse_retry_after_forms():
    """Retry-After parses as a delay, as a date (never negative), and garbage gives None."""
    now = datetime(2025, 6, 3, 12, 0, tzinfo=UTC)
    assert parse_retry_after("30", now) == 30.0
    assert parse_retry_after("Tue, 03 Jun 2025 12:05:00 GMT", now) == 300.0
    assert parse_retry_after("Tue, 03 Jun 2025 11:00:00 GMT", now) == 0.0
    assert parse_retry_after("soon", now) is None
    assert parse_retry_after(None) is None and parse_retry_after("-5") is None


def test_parse_freshness_forms():
    """max-age wins over Expires, Expires counts from Date, Age is subtracted, and silence or no-cache gives None."""
    now = datetime(2025, 6, 3, 12, 0, tzinfo=UTC)
    assert parse_freshness("public, max-age=600", "Tue, 03 Jun 2025 15:00:00 GMT", now=now) == 600.0
    assert parse_freshness(None, "Tue, 03 Jun 2025 12:30:00 GMT", "Tue, 03 Jun 2025 12:10:00 GMT", now=now) == 1200.0
    assert parse_freshness(None, "Tue, 03 Jun 2025 12:30:00 GMT", now=now) == 1800.0
    assert parse_freshness('max-age="900"', None, age="300") == 600.0
    assert parse_freshness("max-age=60", None, age="600") == 0.0
    assert parse_freshness(None, "0", now=now) == 0.0
    assert parse_freshness("no-cache", None) is None and parse_freshness(None, None) is None
    assert parse_freshness("max-age=soon", None) is None


async def test_freshness_headers_reach_the_result(serve):
    """Cache-Control and Age of a 200, and of a later 304, come back as fresh_for in seconds."""

    async def cached(request: web.Request) -> web.Response:
        if request.headers.get("If-None-Match") == '"v1"':
            return web.Response(status=304, headers={"Cache-Control": "max-age=120"})
        return web.Response(body=FEED, headers={"ETag": '"v1"', "Cache-Control": "max-age=600", "Age": "100"})

    server = await serve(app({"/": cached}))
    async with Fetcher(limits()) as fetcher:
        first = await fetcher.fetch(str(server.make_url("/")))
        second = await fetcher.fetch(first.url, etag=first.etag)
    assert (first.fresh_for, second.status, second.fresh_for) == (500.0, 304, 120.0)


# --- redirects --------------------------------------------------------------------------
async def test_permanent_redirect_reported(serve):
    """A 301 on the first hop is reported as permanent_redirect, and the final URL is returned."""
    server = await serve(app({"/old": redirect("/new", 301), "/new": feed()}))
    result = await fetch(str(server.make_url("/old")))
    assert result.body == FEED
    assert result.url == result.permanent_redirect == str(server.make_url("/new"))


async def test_temporary_redirect_not_permanent(serve):
    """A 302 then a 301 is not a permanent move of the configured URL."""
    server = await serve(app({"/a": redirect("/b", 302), "/b": redirect("/c", 301), "/c": feed()}))
    result = await fetch(str(server.make_url("/a")))
    assert result.url == str(server.make_url("/c")) and result.permanent_redirect is None


async def test_redirect_chain_limit(serve):
    """Five redirects are followed; a sixth is a FetchError."""

    async def hop(request: web.Request) -> web.Response:
        left = int(request.match_info["left"])
        if left == 0:
            return web.Response(body=FEED)
        return web.Response(status=307, headers={"Location": f"/hop/{left - 1}"})

    application = web.Application()
    application.router.add_get("/hop/{left}", hop)
    server = await serve(application)
    assert (await fetch(str(server.make_url("/hop/5")))).body == FEED
    with pytest.raises(FetchError, match="more than 5 redirects"):
        await fetch(str(server.make_url("/hop/6")))


async def test_redirect_loop(serve):
    """A redirect back to an already visited URL stops at once as a loop."""
    server = await serve(app({"/a": redirect("/b"), "/b": redirect("/a")}))
    with pytest.raises(FetchError, match="redirect loop"):
        await fetch(str(server.make_url("/a")))
    assert server.app[HITS] == 2


async def test_redirect_without_location(serve):
    """A redirect status without Location is an HTTPStatus error, not a crash."""

    async def broken(request: web.Request) -> web.Response:
        return web.Response(status=302)

    server = await serve(app({"/": broken}))
    with pytest.raises(HTTPStatus, match="HTTP 302 without a Location"):
        await fetch(str(server.make_url("/")))


@pytest.mark.parametrize(
    "target",
    [
        "http://10.0.0.1/feed",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]:{port}/",
        "http://[::ffff:10.0.0.1]/",
        "http://100.64.0.1/",
        "http://192.168.1.1:8080/admin?token=secret",
    ],
)
async def test_redirect_to_private_address_blocked(serve, target):
    """A redirect from an allowed server to a private address is refused before any connection."""
    server = await serve(app({"/": redirect(target.format(port=0))}))
    with pytest.raises(BlockedAddress) as caught:
        await fetch(str(server.make_url("/")))
    assert not caught.value.retryable and "secret" not in str(caught.value)
    assert str(caught.value).startswith("fetch: ") and "private or reserved" in str(caught.value)


async def test_redirect_to_name_resolving_private_blocked(serve):
    """A redirect to a name that resolves to a private address is refused by the resolver guard."""
    server = await serve(app({"/": redirect("http://intranet.test/feed")}))
    resolver = StaticResolver({"intranet.test": ["10.1.2.3"]})
    with pytest.raises(BlockedAddress, match=r"^fetch: intranet\.test resolves to 10\.1\.2\.3"):
        await fetch(str(server.make_url("/")), resolver=resolver)


async def test_redirect_to_other_scheme_refused(serve):
    """A redirect to file:// is refused like a configured file:// URL."""
    server = await serve(app({"/": redirect("file:///etc/passwd")}))
    with pytest.raises(BlockedAddress, match="only http and https"):
        await fetch(str(server.make_url("/")))


# --- the network guard ------------------------------------------------------------------
async def test_literal_loopback_blocked_without_allow_list(serve):
    """Without allow_networks a literal loopback URL is refused and the server sees no request."""
    server = await serve(app({"/": feed()}))
    for url in (f"http://127.0.0.1:{server.port}/", f"http://2130706433:{server.port}/", f"http://[::1]:{server.port}/"):
        with pytest.raises(BlockedAddress):
            await fetch(url, allow_networks=())
    assert server.app[HITS] == 0


async def test_localhost_name_blocked_without_allow_list(serve):
    """'localhost' resolves through the system resolver to loopback and is refused there."""
    server = await serve(app({"/": feed()}))
    with pytest.raises(BlockedAddress, match=r"^fetch: localhost resolves to"):
        await fetch(f"http://localhost:{server.port}/", allow_networks=())
    assert server.app[HITS] == 0


async def test_any_private_answer_blocks_the_name():
    """A name with one public and one private address is refused as a whole (DNS rebinding)."""
    resolver = StaticResolver({"mixed.test": ["93.184.216.34", "10.0.0.7"]})
    with pytest.raises(BlockedAddress, match="10.0.0.7"):
        await fetch("http://mixed.test/", resolver=resolver)


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.org/feed", "javascript:alert(1)", "gopher://x/"])
async def test_non_http_scheme_refused(url):
    """Only http and https URLs are fetched."""
    with pytest.raises(BlockedAddress, match="only http and https"):
        await fetch(url)


@pytest.mark.parametrize("url", ["http://", "not a url", "http:///path"])
async def test_invalid_url_is_final_fetch_error(url):
    """A URL without a host is a FetchError that retrying cannot fix."""
    with pytest.raises(FetchError) as caught:
        await fetch(url)
    assert not caught.value.retryable


@pytest.mark.parametrize(
    "address",
    [
        "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.0.1", "100.64.0.1", "100.127.255.254",
        "169.254.169.254", "127.0.0.1", "127.255.0.1", "0.0.0.0", "224.0.0.1", "239.255.255.250",
        "255.255.255.255", "240.0.0.1", "::1", "::", "fe80::1", "fe80::1%eth0", "fc00::1", "fd12:3456::1",
        "fec0::1", "ff02::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1", "2002:7f00:1::", "2002:c0a8:101::1",
        "64:ff9b::a00:1", "2001:0:4136:e378:8000:63bf:80ff:fffe", "not an address",
    ],
)
def test_blocked_addresses(address):
    """Private, loopback, link-local, CGNAT, multicast, reserved and wrapped internal addresses are blocked."""
    assert is_blocked_address(address, ())


@pytest.mark.parametrize("address", ["93.184.216.34", "8.8.8.8", "2606:4700:4700::1111", "::ffff:93.184.216.34", "2002:5db8:d822::1"])
def test_public_addresses_allowed(address):
    """Public addresses, bare or wrapped in IPv6, are not blocked."""
    assert not is_blocked_address(address, ())


def test_allow_networks_open_exceptions():
    """allow_networks lets chosen private ranges through, and only those."""
    allow = (ipaddress.ip_network("10.20.0.0/16"), ipaddress.ip_network("::1/128"))
    assert not is_blocked_address("10.20.3.4", allow)
    assert not is_blocked_address("::1", allow)
    assert not is_blocked_address("::ffff:10.20.3.4", allow)
    assert is_blocked_address("10.21.0.1", allow)
    assert is_blocked_address("127.0.0.1", allow)


def test_loggable_urls_keep_no_credentials_or_query():
    """A URL written to the logs keeps scheme, host and path, and drops credentials, query and fragment (where tokens live)."""
    assert loggable("https://user:secret@Example.org/feed/?token=abc#top") == "https://example.org/feed/"
