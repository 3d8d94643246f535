"""WebSub (the W3C Recommendation once called PubSubHubbub): feeds whose publisher runs a hub
are pushed to us, and polled only as a safety net.

How a subscription goes: a feed advertises a hub (``<link rel="hub">``, or an HTTP ``Link:``
header); ``wanted()`` records it and ``run()`` POSTs ``hub.mode=subscribe`` to the hub, through
the fetcher's network guard and limits. The hub checks our intent with a GET on the callback,
which echoes ``hub.challenge``; from then on it POSTs the feed's new content to the callback,
signed with the secret we gave it, and we hand the body to ``on_content`` exactly as a poll
would. Before the lease ends (80% of it) ``run()`` asks again.

Stateless across workers. Behind ``MONITOR_PUBLIC_URL`` the hub may reach any worker, so nothing
a callback checks is kept in memory: the callback URL ``{public}/websub/{feed_id}/{token}``
carries ``token = HMAC(master, feed_id, topic)``, and the subscription's secret is
``HMAC(master, feed_id, token)``. Any worker sharing the master secret can verify a
subscription and authenticate a push. What stays local is the owner's bookkeeping: when to
renew, and whether the verification (with the lease the hub granted) reached this worker.

Secrets and tokens never reach a log, a metric or an error: hub URLs are logged through
``loggable()``, and text a hub sends back (``hub.reason``) is logged with them cut out.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import math
import re
import secrets
import time
from collections.abc import Awaitable, Callable, Iterable, Mapping
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from aiohttp import web

from monitor import logging, metrics
from monitor.errors import FetchError, HTTPStatus
from monitor.feeds.fetch import PostResult, loggable
from monitor.feeds.parse import ParsedFeed
from monitor.settings import Settings

log = logging.get("monitor.feeds.websub")

CALLBACK_PATH = "/websub/{feed_id}/{token}"
TOKEN_HEX = 32  # 128 bits of HMAC: unguessable, and short enough for any hub's URL limits
SIGNATURES = {"sha1": hashlib.sha1, "sha256": hashlib.sha256, "sha384": hashlib.sha384, "sha512": hashlib.sha512}
ACCEPTED = frozenset({202, 204})  # 204: hubs of PubSubHubbub 0.3 that verified before answering
RENEW_AT = 0.8  # of the lease
MIN_LEASE = 300.0  # a hub granting seconds must not make us ask every few seconds
MAX_LEASE = 365 * 86400.0
RETRY_FIRST, RETRY_MOST = 60.0, 6 * 3600.0
REQUESTS_AT_ONCE = 4  # subscription requests in flight
PUSHES_AT_ONCE = 8  # push bodies read at once: bounds the memory a flood of pushes can take
MAX_WAIT = 30.0  # longest run() sleeps, so that the gauge follows leases that end
MAX_HUBS_IN_HEADER = 8

_TOKEN = re.compile(rf"[0-9a-f]{{{TOKEN_HEX}}}")
_LINK = re.compile(r"<([^>]*)>([^<]*)")
_REL = re.compile(r"""(?:^|;)\s*rel\s*=\s*(?:"([^"]*)"|([^\s;,"]+))""", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x1f\x7f]+")

OnContent = Callable[[str, bytes, str | None], Awaitable[None]]
PostForm = Callable[[str, Mapping[str, str]], Awaitable[PostResult]]


# --- pure parts -------------------------------------------------------------------------
def callback_token(master: bytes, feed_id: str, topic: str) -> str:
    """The callback's last path segment: binds the callback to one feed and one topic."""
    return hmac.new(master, b"token\0" + feed_id.encode() + b"\0" + topic.encode(), hashlib.sha256).hexdigest()[:TOKEN_HEX]


def subscription_secret(master: bytes, feed_id: str, token: str) -> str:
    """hub.secret: derived from the callback alone, so any worker can check a push (64 bytes,
    under the spec's 200)."""
    return hmac.new(master, b"secret\0" + feed_id.encode() + b"\0" + token.encode(), hashlib.sha256).hexdigest()


def callback_url(public_url: str, feed_id: str, token: str) -> str:
    return f"{public_url.rstrip('/')}/websub/{feed_id}/{token}"


def subscription_form(callback: str, topic: str, secret: str, lease: float) -> dict[str, str]:
    return {
        "hub.mode": "subscribe",
        "hub.topic": topic,
        "hub.callback": callback,
        "hub.secret": secret,
        "hub.lease_seconds": str(max(1, round(lease))),
    }


def signature_valid(header: str | None, body: bytes, secret: str) -> bool:
    """Whether ``X-Hub-Signature: method=hex`` signs ``body`` with ``secret`` (sha1, sha256,
    sha384 or sha512). Missing, unknown method or malformed: not valid."""
    if not header:
        return False
    method, _, digest = header.strip().partition("=")
    algorithm = SIGNATURES.get(method.strip().lower())
    digest = digest.strip().lower()
    if algorithm is None or not digest.isascii():
        return False
    expected = hmac.new(secret.encode(), body, algorithm).hexdigest()
    return hmac.compare_digest(expected.encode(), digest.encode())


@dataclass(frozen=True)
class HubRequest:
    """The hub.* parameters of a GET on the callback: a verification or a denial."""

    mode: str  # subscribe | unsubscribe | denied
    topic: str
    challenge: str | None = None
    lease_seconds: float | None = None
    reason: str | None = None


def parse_hub_request(query: Mapping[str, str]) -> HubRequest | None:
    """The hub's GET as a HubRequest; None when it is not one we can answer (no mode or
    topic, or a verification without a challenge)."""
    mode, topic = query.get("hub.mode", "").strip().lower(), query.get("hub.topic", "")
    if mode not in ("subscribe", "unsubscribe", "denied") or not topic:
        return None
    challenge = query.get("hub.challenge") or None
    if mode != "denied" and challenge is None:
        return None
    return HubRequest(mode, topic, challenge, _lease(query.get("hub.lease_seconds")), query.get("hub.reason") or None)


def _lease(value: str | None) -> float | None:
    try:
        seconds = float(value) if value is not None else math.nan
    except ValueError:
        return None
    return min(seconds, MAX_LEASE) if 0 < seconds < math.inf else None


def renewal_delay(granted: float | None, requested: float) -> float:
    """Seconds from a verification (or the hub's acceptance, when the verification went to
    another worker) to the renewal: 80% of the lease granted, else of the lease requested."""
    lease = granted if granted else requested
    return RENEW_AT * max(lease, min(requested, MIN_LEASE))


def retry_delay(failures: int) -> float:
    """Backoff after ``failures`` failed subscription requests in a row: 1 min doubling to 6 h."""
    return min(RETRY_MOST, RETRY_FIRST * 2 ** max(0, failures - 1))


def secret_may_travel(hub_url: str, topic_url: str) -> bool:
    """The spec sends hub.secret over HTTPS only. A plain-HTTP hub is used for a plain-HTTP
    topic (whose polled content is no better protected), never for an HTTPS one."""
    return urlsplit(hub_url).scheme == "https" or urlsplit(topic_url).scheme == "http"


def link_header_targets(header: str | None, rel: str, base_url: str) -> tuple[str, ...]:
    """The absolute http(s) URLs an HTTP ``Link:`` header gives for ``rel`` (RFC 8288)."""
    found: list[str] = []
    for target, params in _LINK.findall(header or ""):
        relation = _REL.search(params)
        if relation is None or rel not in (relation.group(1) or relation.group(2) or "").lower().split():
            continue
        try:
            url = urljoin(base_url, target.strip())
            parts = urlsplit(url)
        except ValueError:
            continue
        if parts.scheme in ("http", "https") and parts.hostname and url not in found:
            found.append(url)
    return tuple(found[:MAX_HUBS_IN_HEADER])


def discover(parsed: ParsedFeed, link_header: str | None, feed_url: str) -> tuple[str, str] | None:
    """(hub, topic) to subscribe to for a fetched feed, or None when it advertises no hub.
    The Link header wins over the feed's own links (the spec's order); the topic is the
    rel="self" URL, else the URL the feed was fetched from."""
    hubs = link_header_targets(link_header, "hub", feed_url) or parsed.hub_links
    if not hubs:
        return None
    topic = next(iter(link_header_targets(link_header, "self", feed_url)), None) or parsed.self_link or feed_url
    return hubs[0], topic


def redacted(text: str, *hidden: str, limit: int = 200) -> str:
    """Text a hub sent, fit for a log line: one line, bounded, without our token or secret
    (a hub may quote the callback back)."""
    for value in hidden:
        text = text.replace(value, "[redacted]")
    return _CONTROL.sub(" ", text)[:limit]


# --- the subscriber ---------------------------------------------------------------------
@dataclass
class Subscription:
    feed_id: str
    hub: str
    topic: str
    token: str
    requested_lease: float
    state: str = "pending"  # pending (asked) | verified | denied | failed (not retried)
    next_request: float = 0.0  # monotonic time of the next request to the hub; inf: none
    expires: float = 0.0  # end of the verified lease
    granted: float | None = None  # lease the hub granted in its last verification
    verified_at: float = -math.inf
    failures: int = 0  # failed requests in a row
    accepted: int = 0  # requests the hub accepted: the first subscribes, the others renew
    sent_at: float = -math.inf  # when the last request left


class WebSub:
    """Subscriptions of the feeds this worker owns, and the callback every worker serves.

    ``on_content(feed_id, body, content_type)`` receives each authenticated push. ``run(post_form)``
    sends the subscription requests (``post_form`` is ``Fetcher.post_form``). Off, and every
    method a no-op, when ``MONITOR_PUBLIC_URL`` is unset.
    """

    def __init__(self, settings: Settings, feed_ids: Iterable[str], on_content: OnContent,
                 *, clock: Callable[[], float] = time.monotonic) -> None:
        self.public_url = settings.public_url
        self.lease = settings.websub_lease
        self.poll_interval = settings.websub_poll_interval
        self.max_bytes = settings.fetch_max_bytes
        self.read_timeout = settings.fetch_timeout
        self.random_secret = not settings.websub_secret
        self._master = (settings.websub_secret or secrets.token_hex(32)).encode()
        self._feeds = frozenset(feed_ids)
        self._on_content = on_content
        self._clock = clock
        self._subscriptions: dict[str, Subscription] = {}
        self._wake = asyncio.Event()
        self._requests = asyncio.Semaphore(REQUESTS_AT_ONCE)
        self._pushes = asyncio.Semaphore(PUSHES_AT_ONCE)
        for event in metrics.WEBSUB_EVENTS:
            metrics.websub_events.labels(event=event)

    @property
    def enabled(self) -> bool:
        return self.public_url is not None

    # --- what the poller calls ---------------------------------------------------------
    def wanted(self, feed_id: str, hub_url: str, topic_url: str) -> None:
        """Subscribe ``feed_id`` to ``topic_url`` at ``hub_url``, unless already done for this
        hub and topic (whatever came of it: a denied or refused subscription is not retried
        until the feed advertises another hub or topic)."""
        if not self.enabled or feed_id not in self._feeds:
            return
        current = self._subscriptions.get(feed_id)
        if current is not None and (current.hub, current.topic) == (hub_url, topic_url):
            return
        token = callback_token(self._master, feed_id, topic_url)
        subscription = Subscription(feed_id, hub_url, topic_url, token, self.lease, next_request=self._clock())
        self._subscriptions[feed_id] = subscription
        if not secret_may_travel(hub_url, topic_url):
            subscription.state, subscription.next_request = "failed", math.inf
            log.warning("websub hub not used: plain HTTP for an HTTPS feed", feed_id=feed_id, hub=loggable(hub_url))
            return
        self._wake.set()

    def subscribed(self, feed_id: str) -> bool:
        """Whether this worker holds a verified lease for the feed that has not run out."""
        subscription = self._subscriptions.get(feed_id)
        return subscription is not None and subscription.state == "verified" and self._clock() < subscription.expires

    def poll_interval_for(self, feed_id: str, interval: float) -> float:
        """The interval to poll a feed at: the safety net's when the hub pushes it."""
        return max(interval, self.poll_interval) if self.subscribed(feed_id) else interval

    def forget(self, feed_id: str) -> None:
        """Drop a feed this worker no longer owns. No unsubscription: the new owner asks for the
        same callback, and the hub would cancel that."""
        if self._subscriptions.pop(feed_id, None) is not None:
            self._publish_gauge()

    def due(self) -> list[str]:
        now = self._clock()
        return [feed_id for feed_id, sub in self._subscriptions.items() if sub.next_request <= now]

    async def run(self, post_form: PostForm) -> None:
        """Send subscription requests as they fall due (first ones, renewals, retries) until
        cancelled."""
        if not self.enabled:
            return
        if self.random_secret:
            log.warning("MONITOR_WEBSUB_SECRET unset: WebSub callbacks hold for this process only "
                        "(a cluster, or a restart within a lease, needs it set)")
        while True:
            self._wake.clear()
            await self.renew_due(post_form)
            self._publish_gauge()
            next_due = min((sub.next_request for sub in self._subscriptions.values()), default=math.inf)
            try:
                async with asyncio.timeout(min(MAX_WAIT, max(0.0, next_due - self._clock()))):
                    await self._wake.wait()
            except TimeoutError:
                pass

    async def renew_due(self, post_form: PostForm) -> int:
        """Send every request that is due, a few at a time; returns how many were sent."""
        due = self.due()
        await asyncio.gather(*(self._request(post_form, self._subscriptions[feed_id]) for feed_id in due))
        return len(due)

    # --- talking to the hub ------------------------------------------------------------
    async def _request(self, post_form: PostForm, subscription: Subscription) -> None:
        subscription.next_request = math.inf  # in flight: not sent twice
        secret = subscription_secret(self._master, subscription.feed_id, subscription.token)
        form = subscription_form(callback_url(self.public_url, subscription.feed_id, subscription.token),
                                 subscription.topic, secret, subscription.requested_lease)
        async with self._requests:
            subscription.sent_at = self._clock()
            try:
                answer = await post_form(subscription.hub, form)
            except FetchError as exc:
                # a refusing hub may change its mind (hence HTTPStatus is retried); a blocked one cannot
                answered = isinstance(exc, HTTPStatus)
                return self._request_failed(subscription, str(exc), exc.retryable or answered,
                                            exc.retry_after if answered else None)
            except Exception as exc:  # a bug must not stop renewals: count it, retry later
                log.exception("websub subscription request crashed", feed_id=subscription.feed_id)
                return self._request_failed(subscription, type(exc).__name__, True, None)
        if answer.status not in ACCEPTED:
            return self._request_failed(subscription, f"HTTP {answer.status} (202 expected)", True, None)
        if self._subscriptions.get(subscription.feed_id) is not subscription:
            return  # forgotten or replaced meanwhile
        subscription.accepted += 1
        subscription.failures = 0
        renewal = subscription.accepted > 1
        metrics.websub_events.labels(event="renewed" if renewal else "subscribe_sent").inc()
        if subscription.verified_at < subscription.sent_at:  # else the verification already set it
            subscription.next_request = self._clock() + renewal_delay(None, subscription.requested_lease)
        log.info("websub subscription renewed" if renewal else "websub subscription requested",
                 feed_id=subscription.feed_id, hub=loggable(subscription.hub))

    def _request_failed(self, subscription: Subscription, error: str, retryable: bool,
                        retry_after: float | None) -> None:
        metrics.websub_events.labels(event="subscribe_failed").inc()
        subscription.failures += 1
        if retryable:
            subscription.next_request = self._clock() + max(retry_after or 0.0, retry_delay(subscription.failures))
        elif subscription.state != "verified":
            subscription.state, subscription.next_request = "failed", math.inf
        else:  # keep the lease we hold; ask again when it has run out
            subscription.next_request = subscription.expires
        log.warning("websub subscription failed", feed_id=subscription.feed_id, hub=loggable(subscription.hub),
                    error=error, retry_in=None if subscription.next_request == math.inf
                    else round(subscription.next_request - self._clock()))

    # --- the callback ------------------------------------------------------------------
    def routes(self) -> list[web.RouteDef]:
        """The callback for a plain aiohttp application (Faust's is registered by monitor.web)."""
        return [web.get(CALLBACK_PATH, self.handle), web.post(CALLBACK_PATH, self.handle)]

    async def handle(self, request: web.Request) -> web.StreamResponse:
        """GET: the hub verifies a subscription or tells of a denial. POST: a push."""
        feed_id, token = request.match_info.get("feed_id", ""), request.match_info.get("token", "")
        if request.method == "POST":
            return await self._push(request, feed_id, token)
        return self._verify(request, feed_id, token)

    def _verify(self, request: web.Request, feed_id: str, token: str) -> web.Response:
        hub = parse_hub_request(request.query)
        genuine = (hub is not None and feed_id in self._feeds and bool(_TOKEN.fullmatch(token))
                   and hmac.compare_digest(token, callback_token(self._master, feed_id, hub.topic)))
        if not genuine or hub.mode == "unsubscribe":  # we never ask to unsubscribe (see forget)
            metrics.websub_events.labels(event="verify_refused").inc()
            log.info("websub verification refused", feed_id=feed_id if feed_id in self._feeds else None,
                     mode=hub.mode if hub else None)
            return web.Response(status=404, text="no such subscription")
        local = self._subscriptions.get(feed_id)
        mine = local if local is not None and local.topic == hub.topic else None
        if hub.mode == "denied":
            metrics.websub_events.labels(event="denied").inc()
            if mine is not None:
                mine.state, mine.next_request, mine.expires = "denied", math.inf, 0.0
                self._publish_gauge()
            secret = subscription_secret(self._master, feed_id, token)
            log.warning("websub subscription denied by the hub", feed_id=feed_id,
                        reason=redacted(hub.reason or "", token, secret) or None)
            return web.Response(text="")
        now = self._clock()
        granted = hub.lease_seconds
        if mine is not None:
            mine.state, mine.granted, mine.verified_at = "verified", granted, now
            mine.expires = now + (granted or mine.requested_lease)
            mine.next_request = now + renewal_delay(granted, mine.requested_lease)
            self._publish_gauge()
        metrics.websub_events.labels(event="verified").inc()
        log.info("websub subscription verified", feed_id=feed_id, lease=granted, owner=mine is not None)
        return web.Response(text=hub.challenge, content_type="text/plain")

    async def _push(self, request: web.Request, feed_id: str, token: str) -> web.Response:
        if feed_id not in self._feeds or not _TOKEN.fullmatch(token):
            # 410: the spec's way to tell the hub that this subscription is gone
            metrics.websub_events.labels(event="push_unknown").inc()
            return web.Response(status=410, text="no such subscription")
        declared = request.content_length
        if declared is not None and declared > self.max_bytes:
            return self._too_large(feed_id)
        try:
            async with asyncio.timeout(self.read_timeout), self._pushes:
                body = await self._read(request)
        except TimeoutError:
            metrics.websub_events.labels(event="push_failed").inc()
            log.warning("websub push too slow", feed_id=feed_id, limit_seconds=self.read_timeout)
            return web.Response(status=408, text="too slow")
        if body is None:
            return self._too_large(feed_id)
        secret = subscription_secret(self._master, feed_id, token)
        # 2xx either way (the spec allows it): a prober learns nothing from the status
        if not signature_valid(request.headers.get("X-Hub-Signature"), body, secret):
            metrics.websub_events.labels(event="push_bad_signature").inc()
            log.warning("websub push ignored: missing or bad signature", feed_id=feed_id,
                        signed="X-Hub-Signature" in request.headers)
            return web.Response(status=202, text="")
        try:
            await self._on_content(feed_id, body, request.headers.get("Content-Type"))
        except Exception:  # the safety-net poll will fetch what this push carried
            metrics.websub_events.labels(event="push_failed").inc()
            log.exception("websub push could not be processed", feed_id=feed_id)
            return web.Response(status=202, text="")
        metrics.websub_events.labels(event="push_accepted").inc()
        return web.Response(status=202, text="")

    async def _read(self, request: web.Request) -> bytes | None:
        """The body, or None once it grows past the cap (aiohttp's own cap does not apply to a
        streamed read)."""
        body = bytearray()
        async for chunk in request.content.iter_chunked(64 * 1024):
            body += chunk
            if len(body) > self.max_bytes:
                return None
        return bytes(body)

    def _too_large(self, feed_id: str) -> web.Response:
        metrics.websub_events.labels(event="push_too_large").inc()
        log.warning("websub push over the body cap", feed_id=feed_id, limit_bytes=self.max_bytes)
        return web.Response(status=413, text="too large")

    def _publish_gauge(self) -> None:
        metrics.websub_subscriptions.set(sum(self.subscribed(feed_id) for feed_id in self._subscriptions))
