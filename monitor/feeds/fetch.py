"""The only HTTP client for feeds: every rule about talking to publishers lives here.

Feed URLs come from configuration and from the feeds themselves (redirects, autodiscovery),
so each fetch is treated as hostile input to our own network:

* The network guard refuses loopback, private, link-local, CGNAT, multicast and reserved
  destinations, and the same addresses wrapped in IPv6 (mapped, 6to4, Teredo, NAT64). It runs
  inside aiohttp's resolver, so the addresses checked are the addresses connected to and a DNS
  answer cannot change between the check and the connection. Literal IPs never reach a
  resolver, so they are checked before each request, and each redirect hop is checked again.
* Time is bounded twice: a silence limit per read, and a total limit on the whole fetch, since
  a server dripping one byte per second never trips the first.
* The body is capped after decompression, so a small gzip bomb is refused as TooLarge.
* What the publisher says about timing comes back with the result (Retry-After on the error;
  Cache-Control max-age / Expires as ``fresh_for``) for the scheduler to honour.

Whatever goes wrong leaves ``fetch()`` as a FetchError subclass with a one-line message that
names the host only: query strings often hold tokens.
"""

from __future__ import annotations

import asyncio
import importlib.util
import ipaddress
import socket
import time
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from types import TracebackType

import aiohttp
from aiohttp.abc import AbstractResolver, ResolveResult
from aiohttp.resolver import DefaultResolver
from yarl import URL

from monitor.errors import BlockedAddress, FetchError, FetchTimeout, HTTPStatus, TooLarge
from monitor.settings import Network, Settings

Address = ipaddress.IPv4Address | ipaddress.IPv6Address

_CGNAT = ipaddress.ip_network("100.64.0.0/10")
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_PERMANENT = frozenset({301, 308})
_SAME_METHOD = frozenset({307, 308})  # the only redirects that repeat a POST with its body
_ANSWER_MAX_BYTES = 16 * 1024  # of a POST's answer: only its status matters
_CHUNK = 64 * 1024
_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9, "
    "application/xml;q=0.8, text/xml;q=0.8, */*;q=0.5"
)
_BROTLI = any(importlib.util.find_spec(name) for name in ("brotli", "brotlicffi"))
_ENCODINGS = "gzip, deflate, br" if _BROTLI else "gzip, deflate"


@dataclass(frozen=True)
class FetchLimits:
    timeout: float = 20.0
    read_timeout: float = 10.0
    max_bytes: int = 10 * 1024 * 1024
    max_redirects: int = 5
    user_agent: str = "media-monitor/0.1"
    allow_networks: tuple[Network, ...] = ()

    @classmethod
    def from_settings(cls, settings: Settings) -> FetchLimits:
        return cls(
            timeout=settings.fetch_timeout,
            read_timeout=min(cls.read_timeout, settings.fetch_timeout),
            max_bytes=settings.fetch_max_bytes,
            user_agent=settings.user_agent,
            allow_networks=settings.allow_networks,
        )


@dataclass(frozen=True)
class FetchResult:
    url: str
    status: int
    body: bytes | None
    etag: str | None
    last_modified: str | None
    content_type: str | None
    elapsed: float
    permanent_redirect: str | None = None
    retry_after: float | None = None
    fresh_for: float | None = None  # seconds the response stays fresh (max-age, Expires)
    link: str | None = None  # the Link headers, joined: WebSub hubs may be announced there

    @property
    def not_modified(self) -> bool:
        return self.status == 304


@dataclass(frozen=True)
class PostResult:
    url: str
    status: int
    body: bytes  # at most _ANSWER_MAX_BYTES, cut there


def is_blocked_address(ip: str | Address, allow_networks: tuple[Network, ...] = ()) -> bool:
    """Whether a fetch may not connect to ``ip``; an unparsable address is blocked too."""
    try:
        address = ipaddress.ip_address(ip)
    except ValueError:
        return True
    if _allowed(address, allow_networks):
        return False
    return any(_internal(inner) and not _allowed(inner, allow_networks) for inner in _unwrap(address))


def _allowed(address: Address, networks: tuple[Network, ...]) -> bool:
    return any(address.version == net.version and address in net for net in networks)


def _unwrap(address: Address) -> tuple[Address, ...]:
    """The IPv4 addresses an IPv6 transition address really leads to (itself otherwise)."""
    if isinstance(address, ipaddress.IPv4Address):
        return (address,)
    if address.ipv4_mapped:
        return (address.ipv4_mapped,)
    if address.teredo:
        return address.teredo
    if address.sixtofour:
        return (address.sixtofour,)
    if address in _NAT64:
        return (ipaddress.IPv4Address(int(address) & 0xFFFFFFFF),)
    return (address,)


def _internal(address: Address) -> bool:
    return (
        address.is_private
        or address.is_loopback
        or address.is_link_local
        or address.is_multicast
        or address.is_reserved
        or address.is_unspecified
        or (isinstance(address, ipaddress.IPv6Address) and address.is_site_local)
        or address in _CGNAT
    )


def parse_retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Retry-After as seconds from now, from either of its forms (delay or HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isascii() and value.isdigit():
        return float(value)
    moment = _http_date(value)
    return None if moment is None else max(0.0, (moment - (now or datetime.now(UTC))).total_seconds())


def parse_freshness(cache_control: str | None, expires: str | None, date: str | None = None,
                    age: str | None = None, now: datetime | None = None) -> float | None:
    """Seconds a response stays fresh by HTTP caching rules (RFC 9111, 4.2.1): max-age, else
    Expires counted from the response's Date, less its Age. None when the server says nothing
    (``no-cache`` and ``no-store`` say nothing about how soon to ask again)."""
    lifetime: float | None = None
    for directive in (cache_control or "").split(","):
        name, _, value = directive.strip().partition("=")
        if name.strip().lower() == "max-age":
            value = value.strip().strip('"')
            lifetime = float(value) if value.isascii() and value.isdigit() else None
            break
    if lifetime is None and expires is not None:
        expiry = _http_date(expires)
        # an unreadable Expires ("0", "-1") means already expired (RFC 9111, 5.3)
        lifetime = 0.0 if expiry is None else (expiry - (_http_date(date) or now or datetime.now(UTC))).total_seconds()
    if lifetime is None:
        return None
    held = float(age) if age and age.strip().isascii() and age.strip().isdigit() else 0.0
    return max(0.0, lifetime - held)


def _http_date(value: str | None) -> datetime | None:
    try:
        moment = parsedate_to_datetime(value) if value else None
    except (TypeError, ValueError, IndexError):
        return None
    return moment.replace(tzinfo=UTC) if moment is not None and moment.tzinfo is None else moment


class _GuardedResolver(AbstractResolver):
    """Checks every address a name resolves to, at the moment aiohttp is about to connect."""

    def __init__(self, inner: AbstractResolver, allow_networks: tuple[Network, ...]) -> None:
        self._inner = inner
        self._allow = allow_networks

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[ResolveResult]:
        results = await self._inner.resolve(host, port, family)
        for result in results:
            if is_blocked_address(result["host"], self._allow):
                raise BlockedAddress(f"{host.rstrip('.')} resolves to {result['host']}, a private or reserved address")
        return results

    async def close(self) -> None:
        await self._inner.close()


class Fetcher:
    """One aiohttp session shared by every feed fetch, so connections are pooled.

    ``resolver`` replaces the system DNS (the guard still wraps it): tests use it to give
    names to loopback servers.
    """

    def __init__(self, limits: FetchLimits | None = None, *, resolver: AbstractResolver | None = None) -> None:
        self.limits = limits or FetchLimits()
        self._resolver = resolver
        self._session: aiohttp.ClientSession | None = None
        self._system_dns: AbstractResolver | None = None

    async def __aenter__(self) -> Fetcher:
        limits = self.limits
        # The connector leaves a resolver it was given open; a system one we make, we close.
        self._system_dns = None if self._resolver else DefaultResolver()
        resolver = _GuardedResolver(self._resolver or self._system_dns, limits.allow_networks)
        self._session = aiohttp.ClientSession(
            connector=aiohttp.TCPConnector(resolver=resolver),
            timeout=aiohttp.ClientTimeout(total=None, sock_connect=limits.timeout, sock_read=limits.read_timeout),
            headers={"User-Agent": limits.user_agent, "Accept": _ACCEPT, "Accept-Encoding": _ENCODINGS},
            cookie_jar=aiohttp.DummyCookieJar(),
            trust_env=False,
        )
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None
        if self._system_dns is not None:
            await self._system_dns.close()
            self._system_dns = None

    async def fetch(self, url: str, *, etag: str | None = None, last_modified: str | None = None) -> FetchResult:
        """GET a feed, following redirects, conditional on the validators of the last fetch."""
        if self._session is None:
            raise RuntimeError("Fetcher.fetch() called outside 'async with Fetcher(...)'")
        started = time.monotonic()
        target = _checked_url(url)
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        limits = self.limits
        seen = {target}
        permanent: str | None = None
        try:
            async with asyncio.timeout(limits.timeout):
                for hop in range(limits.max_redirects + 1):
                    self._guard_literal(target)
                    async with self._session.get(target, headers=headers, allow_redirects=False) as response:
                        following = _location(response, target)
                        if following is None:
                            return await self._result(response, target, started, permanent, etag, last_modified)
                    if hop == 0 and response.status in _PERMANENT:
                        permanent = str(following)
                    target = _next_hop(seen, following, target)
                raise FetchError(f"{_where(target)}: more than {limits.max_redirects} redirects")
        except FetchError:
            raise
        except Exception as exc:  # a fetch never takes the poller down with it
            raise _failure(exc, target, limits) from exc

    async def post_form(self, url: str, data: Mapping[str, str]) -> PostResult:
        """POST a form (a WebSub subscription) under the guard and limits of ``fetch()``.
        Only 307 and 308 are followed, the redirects that repeat the POST; any status from
        300 up raises HTTPStatus. Error messages name the host only: the form holds secrets."""
        if self._session is None:
            raise RuntimeError("Fetcher.post_form() called outside 'async with Fetcher(...)'")
        target = _checked_url(url)
        limits = self.limits
        seen = {target}
        try:
            async with asyncio.timeout(limits.timeout):
                for _ in range(limits.max_redirects + 1):
                    self._guard_literal(target)
                    async with self._session.post(target, data=dict(data), allow_redirects=False) as response:
                        following = _location(response, target) if response.status in _SAME_METHOD else None
                        if following is None:
                            return await self._answer(response, target)
                    target = _next_hop(seen, following, target)
                raise FetchError(f"{_where(target)}: more than {limits.max_redirects} redirects")
        except FetchError:
            raise
        except Exception as exc:
            raise _failure(exc, target, limits) from exc

    @staticmethod
    async def _answer(response: aiohttp.ClientResponse, url: URL) -> PostResult:
        if response.status >= 300:
            raise HTTPStatus(response.status, f"{_where(url)}: HTTP {response.status}",
                             parse_retry_after(response.headers.get("Retry-After")))
        body = bytearray()
        async for chunk in response.content.iter_chunked(_CHUNK):
            body += chunk
            if len(body) >= _ANSWER_MAX_BYTES:
                break
        return PostResult(url=str(url), status=response.status, body=bytes(body[:_ANSWER_MAX_BYTES]))

    def _guard_literal(self, url: URL) -> None:
        host = url.host or ""
        try:
            address = ipaddress.ip_address(host)
        except ValueError:
            if host.replace(".", "").isdigit():  # 2130706433, 127.1: socket would still map them
                raise BlockedAddress(f"{host} is not a dotted-quad address") from None
            return
        if is_blocked_address(address, self.limits.allow_networks):
            raise BlockedAddress(f"{_where(url)} is a private or reserved address")

    async def _result(
        self,
        response: aiohttp.ClientResponse,
        url: URL,
        started: float,
        permanent: str | None,
        etag: str | None,
        last_modified: str | None,
    ) -> FetchResult:
        status = response.status
        retry_after = parse_retry_after(response.headers.get("Retry-After"))
        if status >= 300 and status != 304:
            raise HTTPStatus(status, f"{_where(url)}: HTTP {status}", retry_after)
        body = None if status == 304 else await self._read(response, url)
        # A 304 need not repeat its validators; the ones sent are still the ones to send.
        return FetchResult(
            url=str(url),
            status=status,
            body=body,
            etag=response.headers.get("ETag") or (etag if status == 304 else None),
            last_modified=response.headers.get("Last-Modified") or (last_modified if status == 304 else None),
            content_type=response.headers.get("Content-Type"),
            elapsed=time.monotonic() - started,
            permanent_redirect=permanent,
            retry_after=retry_after,
            fresh_for=parse_freshness(*(response.headers.get(name) for name in ("Cache-Control", "Expires", "Date", "Age"))),
            link=", ".join(response.headers.getall("Link", ())) or None,
        )

    async def _read(self, response: aiohttp.ClientResponse, url: URL) -> bytes:
        cap = self.limits.max_bytes
        declared = response.content_length
        if declared is not None and declared > cap:
            raise TooLarge(f"{_where(url)}: body of {declared} bytes is over {cap} bytes")
        body = bytearray()
        async for chunk in response.content.iter_chunked(_CHUNK):  # already decompressed
            body += chunk
            if len(body) > cap:
                raise TooLarge(f"{_where(url)}: body over {cap} bytes")
        return bytes(body)


def _checked_url(url: str | URL) -> URL:
    try:
        parsed = url if isinstance(url, URL) else URL(url)
    except (TypeError, ValueError):
        parsed = None
    if parsed is None or (parsed.scheme in ("http", "https") and not parsed.host):
        error = FetchError("not a valid http(s) URL")
        error.retryable = False
        raise error
    if parsed.scheme not in ("http", "https"):
        raise BlockedAddress(f"only http and https URLs are fetched, not {parsed.scheme or 'relative'} ones")
    return parsed.with_fragment(None)


def _next_hop(seen: set[URL], following: URL, current: URL) -> URL:
    """The redirect's target, unless the chain has been there before."""
    if following in seen:
        raise FetchError(f"{_where(current)}: redirect loop")
    seen.add(following)
    return following


def _location(response: aiohttp.ClientResponse, current: URL) -> URL | None:
    """Where a redirect leads, checked like any configured URL; None if not a redirect."""
    if response.status not in _REDIRECTS:
        return None
    location = response.headers.get("Location")
    if not location:
        raise HTTPStatus(response.status, f"{_where(current)}: HTTP {response.status} without a Location")
    try:
        following = current.join(URL(location))
    except (TypeError, ValueError):
        raise FetchError(f"{_where(current)}: redirect to an invalid URL") from None
    return _checked_url(following)


def loggable(url: str) -> str:
    """A URL as logs may show it: scheme, host and path; no credentials, query or fragment,
    where private feeds keep their tokens."""
    parsed = URL(url)
    return str(parsed.with_user(None).with_query(None).with_fragment(None)) if parsed.host else "?"


def _where(url: URL) -> str:
    """host[:port] of a URL: enough to find the feed, never its path or query."""
    return url.host_port_subcomponent or "?"


def _failure(exc: Exception, url: URL, limits: FetchLimits) -> FetchError:
    """The FetchError that stands for whatever else a request raised."""
    if isinstance(exc, aiohttp.ConnectionTimeoutError):
        return FetchTimeout(f"{_where(url)}: no connection within {limits.timeout:g} s")
    if isinstance(exc, aiohttp.ServerTimeoutError):
        return FetchTimeout(f"{_where(url)}: silent for {limits.read_timeout:g} s")
    if isinstance(exc, TimeoutError):
        return FetchTimeout(f"{_where(url)}: no complete answer within {limits.timeout:g} s")
    if isinstance(exc, aiohttp.ClientError):
        return FetchError(f"{_where(url)}: {_describe(exc)}")
    return FetchError(f"{_where(url)}: {type(exc).__name__}")


def _describe(exc: aiohttp.ClientError) -> str:
    if isinstance(exc, aiohttp.ClientConnectorDNSError):
        return "cannot resolve host"
    if isinstance(exc, aiohttp.ClientConnectorCertificateError):
        return "TLS certificate rejected"
    if isinstance(exc, aiohttp.ClientConnectorError):
        return f"cannot connect ({exc.strerror or type(exc.os_error).__name__})"
    if isinstance(exc, aiohttp.ClientPayloadError):
        return "body cut short or badly encoded"
    if isinstance(exc, aiohttp.ServerDisconnectedError):
        return "server closed the connection"
    if isinstance(exc, aiohttp.ClientResponseError):
        return f"malformed response ({(exc.message or str(exc.status)).splitlines()[0][:120]})"
    return type(exc).__name__
