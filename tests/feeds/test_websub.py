"""WebSub against a real loopback hub: subscription POST through the fetcher's guard, the hub's
verification GET and signed pushes on a real aiohttp server running the callback."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import io
import ipaddress
import logging as std_logging
import secrets
import socket
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field

import aiohttp
import faust
import pytest
import structlog
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer

from monitor import logging, metrics
from monitor import web as monitor_web
from monitor.errors import ConfigError, HTTPStatus
from monitor.feeds.fetch import Fetcher, FetchLimits
from monitor.feeds.parse import ParsedFeed, parse_feed
from monitor.feeds.websub import (
    CALLBACK_PATH, WebSub, callback_token, discover, link_header_targets, parse_hub_request, redacted,
    renewal_delay, retry_delay, secret_may_travel, signature_valid, subscription_secret,
)
from monitor.settings import Settings

LOOPBACK = (ipaddress.ip_network("127.0.0.0/8"),)
MASTER = "master-secret-for-the-websub-tests"
FEED_ID = "sahel-news"
TOPIC = "http://127.0.0.1/feed/"
ATOM = (b'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Sahel</title>'
        b'<entry><title>Bamako</title><link href="https://example.org/a"/><id>a</id></entry></feed>')


def settings(**changes) -> Settings:
    return Settings(**{"websub_secret": MASTER, "allow_networks": LOOPBACK, "fetch_timeout": 5.0, **changes})


def events(event: str) -> float:
    return metrics.REGISTRY.get_sample_value("monitor_websub_events_total", {"event": event}) or 0.0


class Counts:
    """monitor_websub_events_total as it moved since the test began."""

    def __init__(self) -> None:
        self.start = {event: events(event) for event in metrics.WEBSUB_EVENTS}

    def __getitem__(self, event: str) -> float:
        return events(event) - self.start[event]


async def eventually(condition: Callable[[], object], timeout: float = 10.0) -> None:
    async with asyncio.timeout(timeout):
        while not condition():
            await asyncio.sleep(0.01)


@dataclass
class Callback:
    websub: WebSub
    public_url: str
    received: list[tuple[str, bytes, str | None]] = field(default_factory=list)


@pytest.fixture
async def callback() -> AsyncIterator[Callable[..., Awaitable[Callback]]]:
    """A WebSub whose MONITOR_PUBLIC_URL is the loopback server serving its routes. The socket
    is bound first, so the URL is known before the subscriber is built."""
    runners: list[web.AppRunner] = []

    async def start(on_content=None, **changes) -> Callback:
        sock = socket.socket()
        sock.bind(("127.0.0.1", 0))
        public_url = f"http://127.0.0.1:{sock.getsockname()[1]}"
        made = Callback(websub=None, public_url=public_url)  # type: ignore[arg-type]

        async def record(feed_id: str, body: bytes, content_type: str | None) -> None:
            made.received.append((feed_id, body, content_type))

        made.websub = WebSub(settings(public_url=public_url, **changes), [FEED_ID, "other-feed"], on_content or record)
        app = web.Application()
        app.add_routes(made.websub.routes())
        runner = web.AppRunner(app, access_log=None)
        await runner.setup()
        await web.SockSite(runner, sock).start()
        runners.append(runner)
        return made

    yield start
    for runner in runners:
        await runner.cleanup()


class Hub:
    """A WebSub hub on loopback: takes subscription requests, then verifies each against the
    callback as a real hub does (after answering), and pushes signed content."""

    def __init__(self, *, status: int = 202, lease: int | None = None, answer: str = "") -> None:
        self.status, self.lease, self.answer = status, lease, answer
        self.forms: list[dict[str, str]] = []
        self.verifications: list[dict[str, object]] = []
        self.session = aiohttp.ClientSession()  # the hub's own client: nothing to do with our guard
        self.tasks: set[asyncio.Task] = set()
        self.app = web.Application()
        self.app.router.add_post("/hub", self._subscribe)
        self.url = ""

    async def _subscribe(self, request: web.Request) -> web.Response:
        form = {key: str(value) for key, value in (await request.post()).items()}
        self.forms.append(form)
        if self.status == 202:
            task = asyncio.create_task(self.verify(form))
            self.tasks.add(task)
            task.add_done_callback(self.tasks.discard)
        return web.Response(status=self.status, text=self.answer)

    async def verify(self, form: dict[str, str], **overrides: str) -> dict[str, object]:
        callback_url = overrides.pop("callback", form["hub.callback"])
        params = {"hub.mode": "subscribe", "hub.topic": form["hub.topic"], "hub.challenge": secrets.token_urlsafe(24),
                  "hub.lease_seconds": str(self.lease or form["hub.lease_seconds"]), **overrides}
        async with self.session.get(callback_url, params=params) as response:
            outcome = {"status": response.status, "body": await response.text(), "challenge": params["hub.challenge"],
                       "content_type": response.content_type}
        self.verifications.append(outcome)
        return outcome

    async def push(self, form: dict[str, str], body: bytes, method: str | None = "sha256", *,
                   secret: str | None = None, signature: str | None = None, chunked: bool = False) -> int:
        headers = {"Content-Type": "application/atom+xml; charset=utf-8"}
        if signature is not None:
            headers["X-Hub-Signature"] = signature
        elif method is not None:
            digest = hmac.new((secret or form["hub.secret"]).encode(), body, method).hexdigest()
            headers["X-Hub-Signature"] = f"{method}={digest}"

        async def stream() -> AsyncIterator[bytes]:
            for start in range(0, len(body), 256):
                yield body[start:start + 256]

        try:
            async with self.session.post(form["hub.callback"], data=stream() if chunked else body,
                                         headers=headers) as response:
                return response.status
        except aiohttp.ClientOSError:  # the callback may close before reading an oversized body
            return -1

    async def close(self) -> None:
        for task in self.tasks:
            task.cancel()
        await asyncio.gather(*self.tasks, return_exceptions=True)
        await self.session.close()


@pytest.fixture
async def hub(serve) -> AsyncIterator[Callable[..., Awaitable[Hub]]]:
    hubs: list[Hub] = []

    async def start(**options) -> Hub:
        made = Hub(**options)
        server = await serve(made.app)
        made.url = str(server.make_url("/hub"))
        hubs.append(made)
        return made

    yield start
    for made in hubs:
        await made.close()


async def subscribe(sub: Callback, at: Hub, *, allow=LOOPBACK) -> int:
    async with Fetcher(FetchLimits(allow_networks=allow, timeout=5.0, read_timeout=2.0)) as fetcher:
        sub.websub.wanted(FEED_ID, at.url, TOPIC)
        return await sub.websub.renew_due(fetcher.post_form)


# --- the whole exchange -----------------------------------------------------------------
async def test_subscribe_verify_then_signed_pushes_reach_on_content(callback, hub):
    """The hub gets callback, topic, secret and lease; its challenge is echoed; pushes signed with
    sha1 or sha256 reach on_content with their exact bytes."""
    counts = Counts()
    sub, at = await callback(websub_lease=3600.0), await hub()
    assert await subscribe(sub, at) == 1
    [form] = at.forms
    token = callback_token(MASTER.encode(), FEED_ID, TOPIC)
    assert form["hub.mode"] == "subscribe" and form["hub.topic"] == TOPIC
    assert form["hub.callback"] == f"{sub.public_url}/websub/{FEED_ID}/{token}"
    assert form["hub.secret"] == subscription_secret(MASTER.encode(), FEED_ID, token)
    assert len(form["hub.secret"].encode()) < 200 and form["hub.lease_seconds"] == "3600"

    await eventually(lambda: at.verifications)
    [verification] = at.verifications
    assert verification["status"] == 200 and verification["body"] == verification["challenge"]
    assert verification["content_type"] == "text/plain"
    assert sub.websub.subscribed(FEED_ID) and not sub.websub.subscribed("other-feed")
    assert sub.websub.poll_interval_for(FEED_ID, 300.0) == 3600.0
    assert sub.websub.poll_interval_for("other-feed", 300.0) == 300.0

    second = ATOM.replace(b"Bamako", "Niamey, Ouagadougou é".encode())
    assert await at.push(form, ATOM, "sha256") == 202
    assert await at.push(form, second, "sha1") == 202
    assert sub.received == [(FEED_ID, ATOM, "application/atom+xml; charset=utf-8"),
                            (FEED_ID, second, "application/atom+xml; charset=utf-8")]
    assert (counts["subscribe_sent"], counts["verified"], counts["push_accepted"]) == (1, 1, 2)
    assert metrics.REGISTRY.get_sample_value("monitor_websub_subscriptions") == 1


async def test_sha384_and_sha512_are_accepted_too(callback, hub):
    """Every method the spec names works."""
    sub, at = await callback(), await hub()
    await subscribe(sub, at)
    for method in ("sha384", "sha512"):
        assert await at.push(at.forms[0], ATOM, method) == 202
    assert len(sub.received) == 2


async def test_bad_or_missing_signature_is_answered_2xx_and_ignored(callback, hub):
    """Wrong secret, unknown method, garbage, no header: 2xx (a prober learns nothing), counted,
    and on_content never sees the body."""
    counts = Counts()
    sub, at = await callback(), await hub()
    await subscribe(sub, at)
    form = at.forms[0]
    statuses = [
        await at.push(form, ATOM, "sha256", secret="not-the-secret"),
        await at.push(form, ATOM, signature="md5=" + hashlib.md5(ATOM).hexdigest()),
        await at.push(form, ATOM, signature="sha256=zz\u00e9"),
        await at.push(form, ATOM, method=None),
    ]
    assert all(200 <= status < 300 for status in statuses), statuses
    assert sub.received == [] and counts["push_bad_signature"] == 4 and counts["push_accepted"] == 0


async def test_a_body_signed_for_one_feed_is_refused_for_another(callback, hub):
    """The secret belongs to one callback: a push replayed on another feed's callback is ignored."""
    sub, at = await callback(), await hub()
    await subscribe(sub, at)
    form = dict(at.forms[0])
    form["hub.callback"] = form["hub.callback"].replace(f"/{FEED_ID}/", "/other-feed/")
    assert await at.push(form, ATOM) == 202
    assert sub.received == []


async def test_verification_with_a_wrong_topic_or_token_is_refused(callback, hub):
    """404 unless the token was made for this feed and topic; unknown feeds, missing challenges
    and unsubscriptions (we never ask for one) are refused too."""
    counts = Counts()
    sub, at = await callback(), await hub(status=204)  # a 204 hub: no verification of its own
    await subscribe(sub, at)
    form = at.forms[0]
    callback_url = form["hub.callback"]
    other_token = callback_token(MASTER.encode(), FEED_ID, "http://127.0.0.1/other/")
    refused = [
        await at.verify(form, **{"hub.topic": "http://127.0.0.1/other/"}),
        await at.verify(form, callback=callback_url.replace(callback_url[-32:], other_token)),
        await at.verify(form, callback=callback_url.replace(callback_url[-32:], "0" * 32)),
        await at.verify(form, callback=callback_url.replace(f"/{FEED_ID}/", "/unknown-feed/")),
        await at.verify(form, callback=callback_url + "x"),
        await at.verify(form, **{"hub.challenge": ""}),
        await at.verify(form, **{"hub.mode": "unsubscribe"}),
        await at.verify(form, **{"hub.mode": "publish"}),
    ]
    assert [outcome["status"] for outcome in refused] == [404] * 8
    assert not any(outcome["challenge"] in str(outcome["body"]) for outcome in refused if outcome["challenge"])
    assert counts["verify_refused"] == 8 and counts["verified"] == 0
    assert not sub.websub.subscribed(FEED_ID)


async def test_another_worker_accepts_the_verification_without_state(callback, hub):
    """Stateless: a worker that never asked (same master secret) still answers the hub, and
    authenticates the pushes."""
    asking, at = await callback(), await hub(status=204)
    await subscribe(asking, at)
    other = await callback()
    form = {**at.forms[0], "hub.callback": at.forms[0]["hub.callback"].replace(asking.public_url, other.public_url)}
    outcome = await at.verify(form)
    assert outcome["status"] == 200 and outcome["body"] == outcome["challenge"]
    assert await at.push(form, ATOM) == 202
    assert other.received == [(FEED_ID, ATOM, "application/atom+xml; charset=utf-8")]
    assert not other.websub.subscribed(FEED_ID)  # the lease is the asking worker's to track


async def test_push_to_an_unknown_callback_gets_410(callback, hub):
    """410 Gone tells the hub to drop a subscription we no longer have (the spec's signal)."""
    counts = Counts()
    sub, at = await callback(), await hub()
    await subscribe(sub, at)
    form = at.forms[0]
    gone = {**form, "hub.callback": form["hub.callback"].replace(f"/{FEED_ID}/", "/removed-feed/")}
    assert await at.push(gone, ATOM) == 410
    assert await at.push({**form, "hub.callback": form["hub.callback"][:-1]}, ATOM) == 410
    assert sub.received == [] and counts["push_unknown"] == 2


async def test_oversized_push_gets_413(callback, hub):
    """Over MONITOR_FETCH_MAX_BYTES, declared or streamed: 413, counted, never handed on."""
    counts = Counts()
    sub, at = await callback(fetch_max_bytes=1024), await hub()
    await subscribe(sub, at)
    body = ATOM + b"<!--" + b"x" * 2048 + b"-->"
    assert await at.push(at.forms[0], body) == 413
    assert await at.push(at.forms[0], body, chunked=True) in (413, -1)
    assert await at.push(at.forms[0], ATOM) == 202  # the callback still serves
    assert sub.received == [(FEED_ID, ATOM, "application/atom+xml; charset=utf-8")]
    assert counts["push_too_large"] == 2


async def test_on_content_failure_is_counted_and_the_callback_keeps_serving(callback, hub):
    calls = []

    async def failing(feed_id: str, body: bytes, content_type: str | None) -> None:
        calls.append(body)
        raise RuntimeError("broker down")

    counts = Counts()
    sub, at = await callback(on_content=failing), await hub()
    await subscribe(sub, at)
    assert await at.push(at.forms[0], ATOM) == 202
    assert await at.push(at.forms[0], ATOM) == 202
    assert len(calls) == 2 and counts["push_failed"] == 2 and counts["push_accepted"] == 0


async def test_denial_is_counted_and_not_retried(callback, hub):
    """hub.mode=denied: answered, counted, the subscription is off and not asked again."""
    counts = Counts()
    sub, at = await callback(), await hub(status=204)
    await subscribe(sub, at)
    outcome = await at.verify(at.forms[0], **{"hub.mode": "denied", "hub.reason": "quota exceeded"})
    assert outcome["status"] == 200
    assert counts["denied"] == 1 and not sub.websub.subscribed(FEED_ID)
    sub.websub.wanted(FEED_ID, at.url, TOPIC)
    assert sub.websub.due() == []


async def test_renewal_happens_at_80_percent_of_a_short_lease(callback, hub):
    """The hub grants 2 s: run() asks again about 1.6 s after the verification."""
    counts = Counts()
    sub, at = await callback(websub_lease=2.0), await hub(lease=2)
    async with Fetcher(FetchLimits(allow_networks=LOOPBACK, timeout=5.0, read_timeout=2.0)) as fetcher:
        sub.websub.wanted(FEED_ID, at.url, TOPIC)
        task = asyncio.create_task(sub.websub.run(fetcher.post_form))
        try:
            await eventually(lambda: len(at.verifications) >= 1)
            verified_at = asyncio.get_running_loop().time()
            await eventually(lambda: len(at.forms) >= 2)
            waited = asyncio.get_running_loop().time() - verified_at
            await eventually(lambda: len(at.verifications) >= 2)
        finally:
            task.cancel()
            await asyncio.gather(task, return_exceptions=True)
    assert 1.0 < waited < 6.0, waited  # 1.6 s, on a busy machine
    assert at.forms[0] == at.forms[1]  # same callback and secret: the hub renews, not duplicates
    assert counts["subscribe_sent"] == 1 and counts["renewed"] >= 1
    assert sub.websub.subscribed(FEED_ID)


async def test_lease_runs_out_without_renewal(callback, hub):
    """No renewal (run() not running): once the granted lease ends the feed is polled normally."""
    sub, at = await callback(websub_lease=1.0), await hub(lease=1)
    await subscribe(sub, at)
    await eventually(lambda: sub.websub.subscribed(FEED_ID))
    await eventually(lambda: not sub.websub.subscribed(FEED_ID), timeout=5.0)
    assert sub.websub.poll_interval_for(FEED_ID, 300.0) == 300.0


async def test_hub_on_a_private_address_is_blocked_unless_allowed(callback, hub):
    """The subscription POST goes through the fetcher's guard: loopback is refused by default
    and allowed through MONITOR_ALLOW_NETWORKS."""
    counts = Counts()
    sub, at = await callback(), await hub()
    await subscribe(sub, at, allow=())
    assert at.forms == [] and counts["subscribe_failed"] == 1
    assert sub.websub.due() == [] and not sub.websub.subscribed(FEED_ID)  # blocked is never retried

    allowed = await callback()
    limits = FetchLimits.from_settings(Settings.load({"MONITOR_ALLOW_NETWORKS": "127.0.0.0/8"}))
    async with Fetcher(limits) as fetcher:
        allowed.websub.wanted(FEED_ID, at.url, TOPIC)
        await allowed.websub.renew_due(fetcher.post_form)
    assert len(at.forms) == 1 and counts["subscribe_sent"] == 1


async def test_refusing_hub_is_retried_later(callback, hub):
    """A 4xx, a 5xx or a 200 (not 202) is a failure: counted, retried after a backoff."""
    counts = Counts()
    for status in (400, 503, 200):
        sub, at = await callback(), await hub(status=status)
        await subscribe(sub, at)
        assert len(at.forms) == 1 and sub.websub.due() == []
        assert sub.websub._subscriptions[FEED_ID].next_request > asyncio.get_running_loop().time() + 30
    assert counts["subscribe_failed"] == 3 and counts["subscribe_sent"] == 0


async def test_secrets_and_tokens_never_reach_the_logs(callback, hub):
    """Through the real log configuration: a whole exchange, with a hub that quotes the callback
    back in its answer and in a denial reason, leaves no token or secret in the output."""
    output = io.StringIO()
    loggers = [std_logging.getLogger(name) for name in ("", *logging.LIBRARIES)]
    saved = [(logger, logger.handlers[:], logger.level) for logger in loggers]
    logging.configure("debug", "json", stream=output)
    try:
        sub, at = await callback(), await hub()
        await subscribe(sub, at)
        await eventually(lambda: at.verifications)
        form = at.forms[0]
        await at.push(form, ATOM)
        await at.push(form, ATOM, secret="wrong-secret-value")
        await at.verify(form, **{"hub.mode": "denied",
                                 "hub.reason": f"callback {form['hub.callback']} secret {form['hub.secret']}"})
        refusing = await hub(status=400, answer=f"bad callback {form['hub.callback']}")
        await subscribe(await callback(), refusing)
        await subscribe(await callback(), at, allow=())
    finally:
        for logger, handlers, level in saved:
            logger.handlers[:] = handlers
            logger.setLevel(level)
        structlog.reset_defaults()
    text = output.getvalue()
    token = form["hub.callback"].rsplit("/", 1)[1]
    assert "websub subscription verified" in text and "denied" in text and "websub subscription failed" in text
    for hidden in (token, form["hub.secret"], MASTER, form["hub.callback"]):
        assert hidden not in text


def test_settings_never_show_the_master_secret():
    """Neither the Settings repr nor a settings error repeats the secret."""
    assert MASTER not in repr(Settings.load({"MONITOR_WEBSUB_SECRET": MASTER}))
    with pytest.raises(ConfigError) as caught:
        Settings.load({"MONITOR_WEBSUB_SECRET": "short-secret", "MONITOR_PUBLIC_URL": "https://u:pw@x.org"})
    assert "short-secret" not in str(caught.value) and "pw" not in str(caught.value)
    assert len(caught.value.problems) == 2
    loaded = Settings.load({"MONITOR_PUBLIC_URL": "https://monitor.example.org/", "MONITOR_WEBSUB_LEASE": "2d",
                            "MONITOR_WEBSUB_POLL_INTERVAL": "30m"})
    assert loaded.public_url == "https://monitor.example.org"
    assert (loaded.websub_lease, loaded.websub_poll_interval) == (172800.0, 1800.0)
    assert Settings.load({}).public_url is None


def test_without_a_public_url_nothing_happens():
    websub = WebSub(Settings(), [FEED_ID], on_content=None)  # type: ignore[arg-type]
    websub.wanted(FEED_ID, "https://hub.example.org/", "https://example.org/feed")
    assert not websub.enabled and websub.due() == [] and not websub.subscribed(FEED_ID)


async def test_callback_served_by_the_faust_web_server():
    """monitor.web.route puts the handler on Faust's aiohttp application, GET and POST."""
    app = faust.App("websub-route-test", broker="kafka://127.0.0.1:1", autodiscover=False, store="memory://")
    sub = WebSub(settings(public_url="https://monitor.example.org"), [FEED_ID], on_content=None)  # type: ignore[arg-type]
    monitor_web.route(app, CALLBACK_PATH, sub.handle)
    token = callback_token(MASTER.encode(), FEED_ID, TOPIC)
    async with TestClient(TestServer(app.web.web_app, host="127.0.0.1")) as client:
        verified = await client.get(f"/websub/{FEED_ID}/{token}", params={
            "hub.mode": "subscribe", "hub.topic": TOPIC, "hub.challenge": "c-1", "hub.lease_seconds": "60"})
        pushed = await client.post(f"/websub/{FEED_ID}/{token}", data=ATOM)
        assert (verified.status, await verified.text(), pushed.status) == (200, "c-1", 202)


# --- the fetcher's POST -----------------------------------------------------------------
async def test_post_form_follows_307_only_and_caps_the_answer(serve):
    seen: list[dict[str, str]] = []

    async def hub_endpoint(request: web.Request) -> web.Response:
        seen.append(dict(await request.post()))
        return web.Response(status=202, body=b"x" * 100_000)

    async def moved(request: web.Request) -> web.Response:
        return web.Response(status=307, headers={"Location": "/hub"})

    async def see_other(request: web.Request) -> web.Response:
        return web.Response(status=302, headers={"Location": "/hub"})

    app = web.Application()
    app.router.add_post("/hub", hub_endpoint)
    app.router.add_post("/moved", moved)
    app.router.add_post("/found", see_other)
    server = await serve(app)
    async with Fetcher(FetchLimits(allow_networks=LOOPBACK, timeout=5.0)) as fetcher:
        answer = await fetcher.post_form(str(server.make_url("/moved")), {"hub.mode": "subscribe", "k": "é"})
        with pytest.raises(HTTPStatus) as caught:
            await fetcher.post_form(str(server.make_url("/found?token=secret-token")), {"hub.secret": "s3cret"})
    assert answer.status == 202 and answer.url.endswith("/hub") and len(answer.body) == 16 * 1024
    assert seen == [{"hub.mode": "subscribe", "k": "é"}]
    assert caught.value.code == 302 and "secret" not in str(caught.value) and "s3cret" not in str(caught.value)


# --- discovery --------------------------------------------------------------------------
def test_atom_and_rss_advertise_hub_and_self():
    atom = (b'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>A</title>'
            b'<link rel="hub" href="https://pubsubhubbub.appspot.com/"/><link rel="self" href="https://ex.org/atom"/>'
            b'<link rel="alternate" href="https://ex.org/"/><link rel="hub" href="/local-hub"/></feed>')
    rss = (b'<?xml version="1.0"?><rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel><title>R</title>'
           b'<link>https://ex.org/</link><atom:link rel="hub" href="https://websubhub.com/hub"/>'
           b'<atom:link rel="self" type="application/rss+xml" href="https://ex.org/feed/"/>'
           b'<item><title>t</title><link>https://ex.org/t</link></item></channel></rss>')
    plain = b'<?xml version="1.0"?><rss version="2.0"><channel><title>P</title><link>https://ex.org/</link></channel></rss>'
    parsed_atom = parse_feed(atom, base_url="https://ex.org/feed")
    assert parsed_atom.hub_links == ("https://pubsubhubbub.appspot.com/", "https://ex.org/local-hub")
    assert parsed_atom.self_link == "https://ex.org/atom"
    parsed_rss = parse_feed(rss, base_url="https://ex.org/feed/")
    assert (parsed_rss.hub_links, parsed_rss.self_link) == (("https://websubhub.com/hub",), "https://ex.org/feed/")
    assert len(parsed_rss.entries) == 1
    parsed_plain = parse_feed(plain, base_url="https://ex.org/feed/")
    assert (parsed_plain.hub_links, parsed_plain.self_link) == ((), None)


def test_link_header_wins_over_the_feed_links():
    feed = ParsedFeed(title="", entries=(), bozo=False, ttl_seconds=None,
                      hub_links=("https://feed-hub.example/",), self_link="https://ex.org/self")
    header = '<https://header-hub.example/>; rel="hub", </canonical>; rel="self", <https://ex.org/x>; rel=alternate'
    assert link_header_targets(header, "hub", "https://ex.org/feed") == ("https://header-hub.example/",)
    assert discover(feed, header, "https://ex.org/feed") == ("https://header-hub.example/", "https://ex.org/canonical")
    assert discover(feed, None, "https://ex.org/feed") == ("https://feed-hub.example/", "https://ex.org/self")
    no_self = ParsedFeed(title="", entries=(), bozo=False, ttl_seconds=None, hub_links=("https://h.example/",))
    assert discover(no_self, None, "https://ex.org/feed") == ("https://h.example/", "https://ex.org/feed")
    assert discover(ParsedFeed("", (), False, None), "<javascript:x>; rel=hub", "https://ex.org/") is None
    assert link_header_targets('<https://a.example/>; rel="self hub"', "hub", "https://ex.org/") == ("https://a.example/",)


# --- pure parts -------------------------------------------------------------------------
def test_signature_methods_and_tampering():
    secret = "s" * 64
    for method in ("sha1", "sha256", "sha384", "sha512"):
        digest = hmac.new(secret.encode(), ATOM, method).hexdigest()
        assert signature_valid(f"{method}={digest}", ATOM, secret)
        assert signature_valid(f"{method.upper()}={digest.upper()}", ATOM, secret)
        assert not signature_valid(f"{method}={digest}", ATOM + b" ", secret)
        assert not signature_valid(f"{method}={digest}", ATOM, secret + "x")
    for header in (None, "", "sha256", "sha256=", "md5=" + hashlib.md5(ATOM).hexdigest(), "sha256=\u00e9\u00e9"):
        assert not signature_valid(header, ATOM, secret)


def test_tokens_and_secrets_are_bound_to_feed_and_topic():
    master = MASTER.encode()
    token = callback_token(master, FEED_ID, TOPIC)
    assert len(token) == 32 and int(token, 16) >= 0
    assert token != callback_token(master, FEED_ID, TOPIC + "x") != callback_token(master, "other-feed", TOPIC)
    assert token != callback_token(b"another-master-secret", FEED_ID, TOPIC)
    assert subscription_secret(master, FEED_ID, token) != subscription_secret(master, "other-feed", token)
    assert token not in subscription_secret(master, FEED_ID, token)


def test_hub_requests_are_parsed_strictly():
    assert parse_hub_request({"hub.mode": "subscribe", "hub.topic": "t", "hub.challenge": "c",
                              "hub.lease_seconds": "864000"}).lease_seconds == 864000
    assert parse_hub_request({"hub.mode": "subscribe", "hub.topic": "t", "hub.challenge": "c",
                              "hub.lease_seconds": "nan"}).lease_seconds is None
    assert parse_hub_request({"hub.mode": "subscribe", "hub.topic": "t", "hub.challenge": "c",
                              "hub.lease_seconds": "-5"}).lease_seconds is None
    assert parse_hub_request({"hub.mode": "subscribe", "hub.topic": "t"}) is None
    assert parse_hub_request({"hub.mode": "denied", "hub.topic": "t", "hub.reason": "no"}).reason == "no"
    assert parse_hub_request({"hub.mode": "publish", "hub.topic": "t", "hub.challenge": "c"}) is None
    assert parse_hub_request({}) is None


def test_lease_arithmetic():
    assert renewal_delay(864000, 864000) == pytest.approx(691200)
    assert renewal_delay(None, 864000) == pytest.approx(691200)
    assert renewal_delay(1, 864000) == pytest.approx(240)  # a hub granting 1 s cannot make us spin
    assert renewal_delay(2, 2) == pytest.approx(1.6)
    assert [retry_delay(n) for n in (1, 2, 3)] == [60, 120, 240] and retry_delay(50) == 6 * 3600


def test_secret_travels_over_https_hubs_only_for_https_topics():
    assert secret_may_travel("https://hub.example/", "https://ex.org/feed")
    assert secret_may_travel("http://hub.example/", "http://ex.org/feed")
    assert not secret_may_travel("http://hub.example/", "https://ex.org/feed")
    assert redacted("echo TOKEN and SECRET\nnext", "TOKEN", "SECRET") == "echo [redacted] and [redacted] next"
