"""WebSub inside the real Poller: a poll finds the hub a feed advertises, the subscriber started
by ``async with poller`` asks a loopback hub, the hub verifies through the callback served by a
real aiohttp server, and its signed pushes come out of the Poller's ``publish`` as polled
entries would. Parsing runs in the Poller's real process pool."""

from __future__ import annotations

import socket
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass

import pytest
from aiohttp import web

from monitor.models import article_id
from support import Item, rss
from test_fetch import app
from test_poller import Run
from test_websub import MASTER, Counts, Hub, eventually

FEED_ID = "f"  # the id Run gives the feed
INTERVAL = 300.0  # the feed's own interval (Run's)
SAFETY_NET = 7200.0  # MONITOR_WEBSUB_POLL_INTERVAL in these tests: far from INTERVAL
TOPIC = "http://127.0.0.1/canonical/sahel"  # rel="self": not the URL polled, so the test tells them apart
OLD = Item("Crue du fleuve à Ségou", "https://exemple.ml/crue", "Le Niger monte.")
NEW = Item("Récolte record à Mopti", "https://exemple.ml/recolte", "Les greniers sont pleins.")


def advertising(items: list[Item], hub_url: str) -> bytes:
    """An RSS feed whose channel names its WebSub hub and its own canonical URL."""
    links = (f'<atom:link rel="hub" href="{hub_url}"/>'
             f'<atom:link rel="self" type="application/rss+xml" href="{TOPIC}"/>').encode()
    return (rss("Le Sahel", items)
            .replace(b'<rss version="2.0">', b'<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">')
            .replace(b"<channel>", b"<channel>" + links))


@dataclass
class Pushed:
    """A Poller behind MONITOR_PUBLIC_URL, the hub its feed advertises, and its callback server."""

    run: Run
    hub: Hub
    public_url: str

    @property
    def poller(self):
        return self.run.poller

    def published(self) -> list[tuple[str, str, str]]:
        return [(entry.feed_id, entry.url, entry.title) for entry in self.run.entries]


@pytest.fixture
async def pushed(serve) -> AsyncIterator[Callable[[], Awaitable[Pushed]]]:
    """Builds the whole chain; the Poller is entered (its WebSub task running) and left, and
    every server closed, by the fixture."""
    hubs: list[Hub] = []
    runners: list[web.AppRunner] = []
    pollers = []

    async def start() -> Pushed:
        hub = Hub()
        hubs.append(hub)
        hub.url = str((await serve(hub.app)).make_url("/hub"))
        body = advertising([OLD], hub.url)

        async def feed(request: web.Request) -> web.Response:
            return web.Response(body=body, content_type="application/rss+xml")

        feed_url = str((await serve(app({"/feed": feed}))).make_url("/feed"))
        # the socket first: the public URL goes into the settings the Poller is built with
        sock = socket.socket()
        sock.bind(("127.0.0.1", 0))
        public_url = f"http://127.0.0.1:{sock.getsockname()[1]}"
        run = Run({FEED_ID: feed_url}, public_url=public_url, websub_secret=MASTER,
                  websub_poll_interval=SAFETY_NET)
        callback = web.Application()
        callback.add_routes(run.poller.websub.routes())
        runner = web.AppRunner(callback, access_log=None)
        await runner.setup()
        await web.SockSite(runner, sock).start()
        runners.append(runner)
        await run.poller.__aenter__()
        pollers.append(run.poller)
        return Pushed(run, hub, public_url)

    yield start
    for poller in pollers:
        await poller.__aexit__(None, None, None)
    for hub in hubs:
        await hub.close()
    for runner in runners:
        await runner.cleanup()


async def verified(setup: Pushed) -> dict[str, str]:
    """Poll once, then wait for the hub's verification; the subscription form the hub got."""
    await setup.run.poll(FEED_ID)
    await eventually(lambda: setup.hub.verifications, timeout=5.0)
    [form] = setup.hub.forms
    return form


async def test_a_poll_subscribes_at_the_hub_the_feed_advertises(pushed):
    """Nothing asks the hub before the poll; within seconds after it, the Poller's own WebSub task
    has POSTed a subscription for the rel="self" topic, with a callback under the public URL."""
    setup = await pushed()
    assert setup.hub.forms == []
    await setup.run.poll(FEED_ID)
    await eventually(lambda: setup.hub.forms, timeout=5.0)
    [form] = setup.hub.forms
    assert form["hub.mode"] == "subscribe" and form["hub.topic"] == TOPIC
    assert form["hub.callback"].startswith(f"{setup.public_url}/websub/{FEED_ID}/")
    assert len(form["hub.callback"].rsplit("/", 1)[1]) == 32 and form["hub.secret"]
    assert setup.published() == [(FEED_ID, OLD.link, OLD.title)]


async def test_a_verified_signed_push_publishes_exactly_the_new_entry(pushed):
    """The hub's challenge comes back through the callback; a signed push holding the old item
    and a new one publishes the new one only, under the feed's id, and the Poller remembers it."""
    counts = Counts()
    setup = await pushed()
    form = await verified(setup)
    [verification] = setup.hub.verifications
    assert verification["status"] == 200 and verification["body"] == verification["challenge"]
    assert setup.poller.websub.subscribed(FEED_ID)

    assert await setup.hub.push(form, advertising([NEW, OLD], setup.hub.url)) == 202
    assert setup.published() == [(FEED_ID, OLD.link, OLD.title), (FEED_ID, NEW.link, NEW.title)]
    assert setup.run.entries[-1].id == article_id(NEW.link)
    assert article_id(NEW.link) in setup.poller.states[FEED_ID].known_ids
    assert (counts["verified"], counts["push_accepted"], counts["push_bad_signature"]) == (1, 1, 0)


async def test_once_verified_the_feed_is_polled_at_the_safety_net_interval(pushed):
    """Before the verification the next poll is the feed's interval away; after it, the
    safety net's (both with the scheduler's 10% jitter)."""
    setup = await pushed()
    await setup.run.poll(FEED_ID)
    first = setup.poller.states[FEED_ID].next_due - time.monotonic()
    assert INTERVAL * 0.9 - 1 < first <= INTERVAL * 1.1, first
    await eventually(lambda: setup.hub.verifications, timeout=5.0)
    assert setup.hub.verifications[0]["status"] == 200

    await setup.run.poll(FEED_ID)
    after = setup.poller.states[FEED_ID].next_due - time.monotonic()
    assert SAFETY_NET * 0.9 - 1 < after <= SAFETY_NET * 1.1, after
    assert setup.run.counted == {"200": 1, "unchanged": 1}


async def test_a_push_with_a_bad_signature_publishes_nothing(pushed):
    """Signed with another secret, or not signed: answered 2xx, nothing published. The same
    body signed properly then goes through, so the refusal is the signature's doing."""
    counts = Counts()
    setup = await pushed()
    form = await verified(setup)
    body = advertising([NEW, OLD], setup.hub.url)
    assert await setup.hub.push(form, body, secret="not-the-subscription-secret") == 202
    assert await setup.hub.push(form, body, method=None) == 202
    assert setup.published() == [(FEED_ID, OLD.link, OLD.title)]
    assert article_id(NEW.link) not in setup.poller.states[FEED_ID].known_ids
    assert counts["push_bad_signature"] == 2 and counts["push_accepted"] == 0

    assert await setup.hub.push(form, body) == 202
    assert setup.published()[1:] == [(FEED_ID, NEW.link, NEW.title)]
