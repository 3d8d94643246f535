"""Real stand-ins for the internet in tests: a loopback HTTP server we control, and RSS built
at test time (from ../shared/seeds or from demo text written here)."""

from __future__ import annotations

import asyncio
import threading
import time
from dataclasses import dataclass, field
from email.utils import format_datetime
from datetime import UTC, datetime
from html import escape
from pathlib import Path

from aiohttp import web

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "feedparser-tests"


def seed_text(prefix: str) -> str:
    [path] = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


@dataclass
class Item:
    title: str
    link: str
    description: str
    published: datetime = field(default_factory=lambda: datetime.now(UTC))


def rss(title: str, items: list[Item]) -> bytes:
    body = "".join(
        f"<item><title>{escape(i.title)}</title><link>{escape(i.link)}</link>"
        f"<guid>{escape(i.link)}</guid><pubDate>{format_datetime(i.published)}</pubDate>"
        f"<description>{escape(i.description)}</description></item>"
        for i in items
    )
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>{escape(title)}</title>'
            f"<link>http://127.0.0.1/</link><description>test</description>{body}</channel></rss>").encode()


class LoopbackServer:
    """An aiohttp server on 127.0.0.1 in its own thread, serving whatever the test sets."""

    def __init__(self) -> None:
        self.routes: dict[str, tuple[int, bytes, dict[str, str]]] = {}
        self.requests: list[tuple[float, str, str]] = []  # (time, method, path)
        self.received: list[tuple[str, bytes]] = []        # (path, body) of POSTs
        self.port = 0
        self._loop = asyncio.new_event_loop()
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)

    def set(self, path: str, body: bytes, status: int = 200, headers: dict[str, str] | None = None) -> None:
        self.routes[path] = (status, body, headers or {"Content-Type": "application/rss+xml; charset=utf-8"})

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def first_request(self, path: str) -> float | None:
        return next((t for t, _, p in self.requests if p == path), None)

    async def _handle(self, request: web.Request) -> web.Response:
        self.requests.append((time.time(), request.method, request.path))
        if request.method == "POST":
            self.received.append((request.path, await request.read()))
        status, body, headers = self.routes.get(request.path, (404, b"not found", {}))
        return web.Response(status=status, body=body, headers=headers)

    def _serve(self) -> None:
        asyncio.set_event_loop(self._loop)
        app = web.Application()
        app.router.add_route("*", "/{tail:.*}", self._handle)
        runner = web.AppRunner(app, access_log=None)
        self._loop.run_until_complete(runner.setup())
        site = web.TCPSite(runner, "127.0.0.1", 0)
        self._loop.run_until_complete(site.start())
        self.port = site._server.sockets[0].getsockname()[1]
        self._runner = runner
        self._ready.set()
        self._loop.run_forever()
        self._loop.run_until_complete(runner.cleanup())

    def __enter__(self) -> LoopbackServer:
        self._thread.start()
        self._ready.wait(10)
        return self

    def __exit__(self, *exc) -> None:
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)


def wait_for(predicate, timeout: float, interval: float = 0.2, what: str = "condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout}s waiting for {what}")
