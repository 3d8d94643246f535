"""Real stand-ins for the internet in tests: a loopback HTTP server we control, and RSS built
at test time (from ../shared/seeds or from demo text written here)."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from email.utils import format_datetime
from datetime import UTC, datetime
from html import escape
from pathlib import Path

from aiohttp import web

# ../shared sits beside the checkout (CI clones main with shared/ beside it); MONITOR_SHARED overrides
SHARED = Path(os.environ.get("MONITOR_SHARED", Path(__file__).resolve().parents[2] / "shared"))
SEEDS = SHARED / "seeds"
CORPUS = SHARED / "corpora" / "feedparser-tests"


def seed_paths() -> list[Path]:
    paths = sorted(SEEDS.glob("*.txt"))
    assert paths, f"no seed articles in {SEEDS}: put ../shared beside the checkout or set MONITOR_SHARED"
    return paths


def seed_text(prefix: str) -> str:
    [path] = [p for p in seed_paths() if p.name.startswith(f"{prefix}_")]
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
        self.conditions: list[tuple[str, str | None]] = []  # (path, If-None-Match) of each request
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
        self.conditions.append((request.path, request.headers.get("If-None-Match")))
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


def dripping(chunks: int, pause: float):
    """An aiohttp handler that sends one byte every ``pause`` seconds: slow enough to be
    hostile, never silent long enough to trip a read timeout."""

    async def drip(request: web.Request) -> web.StreamResponse:
        response = web.StreamResponse()
        response.enable_chunked_encoding()
        await response.prepare(request)
        for _ in range(chunks):
            await response.write(b"<")
            await asyncio.sleep(pause)
        return response

    return drip


def pid_alive(pid: int) -> bool:
    """Whether a process exists and is not a zombie (Linux /proc)."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().split()[2] != "Z"
    except FileNotFoundError:
        return False


def wait_for(predicate, timeout: float, interval: float = 0.2, what: str = "condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout}s waiting for {what}")


WATCHLIST = """
actors:
  - {id: assimi-goita, name: Assimi Goïta, type: person, aliases: [Goïta]}
  - {id: vladimir-putin, name: Vladimir Putin, type: person, aliases: [Poutine]}
  - {id: rosatom, name: Rosatom, type: organization}
keywords:
  - {id: military-cooperation, name: Coopération militaire, terms: [coopération militaire]}
"""
RULES = """
sinks:
  - {id: screen, type: console}
  - {id: archive, type: file, path: alerts.jsonl}
  - {id: alerts-topic, type: kafka}
rules:
  - id: goita-meets-putin
    actors: {all: [assimi-goita, vladimir-putin]}
    keywords: {any: [military-cooperation]}
    severity: high
  - id: nuclear
    actors: {any: [rosatom]}
    severity: medium
    sinks: [archive]
"""


def run_and_worker(workdir: Path, feeds_yaml: str, env: dict[str, str]) -> tuple[MonitorProcess, MonitorProcess]:
    """`run` and `worker` started on the external broker of ``env`` (not yet healthy)."""
    first = MonitorProcess(workdir / "run", feeds_yaml, env, command="run")
    return first, MonitorProcess(workdir / "worker", feeds_yaml, env, command="worker")


# a cluster's group timeouts (Faust's 60 s) made quick, as for a small group on one machine:
# a rebalance that misses its window, or a killed worker, then costs seconds, not minutes
QUICK_GROUP = {"MONITOR_SESSION_TIMEOUT": "10s", "MONITOR_REBALANCE_TIMEOUT": "10s"}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class MonitorProcess:
    """`python -m monitor run` in a subprocess; its JSON log lines and stdout are collected."""

    def __init__(self, workdir: Path, feeds_yaml: str, extra_env: dict[str, str] | None = None,
                 command: str = "run") -> None:
        self.config = workdir / "config"
        self.data = workdir / "data"
        self.config.mkdir(parents=True)
        (self.config / "feeds.yaml").write_text(feeds_yaml)
        (self.config / "watchlist.yaml").write_text(WATCHLIST)
        (self.config / "rules.yaml").write_text(RULES)
        self.web_port = free_port()
        env = {**os.environ, "MONITOR_CONFIG": str(self.config), "MONITOR_DATA_DIR": str(self.data),
               "MONITOR_WEB_PORT": str(self.web_port), "MONITOR_ALLOW_NETWORKS": "127.0.0.0/8",
               "MONITOR_LOG_FORMAT": "json", **(extra_env or {})}
        if "MONITOR_BROKER" not in (extra_env or {}):
            env.pop("MONITOR_BROKER", None)
        self.logs: list[dict] = []
        self.stdout: list[str] = []
        self.started_at = time.time()
        self.process = subprocess.Popen([sys.executable, "-m", "monitor", command], env=env,
                                        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        threading.Thread(target=self._read, args=(self.process.stderr, True), daemon=True).start()
        threading.Thread(target=self._read, args=(self.process.stdout, False), daemon=True).start()

    def _read(self, stream, is_log: bool) -> None:
        for line in stream:
            if not is_log:
                self.stdout.append(line)
                continue
            try:
                self.logs.append(json.loads(line))
            except ValueError:
                self.logs.append({"event": "unparsed", "line": line.rstrip()})

    def log(self, event: str) -> dict | None:
        return next((entry for entry in self.logs if entry.get("event") == event), None)

    @property
    def broker_url(self) -> str:
        return wait_for(lambda: self.log("embedded broker started"), 30, what="the broker")["broker"]

    @property
    def bootstrap(self) -> str:
        return self.broker_url.removeprefix("kafka://")

    def get(self, path: str) -> tuple[int, bytes]:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.web_port}{path}", timeout=5) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.read()
        except OSError:
            return 0, b""

    def wait_healthy(self, timeout: float = 60) -> None:
        def healthy() -> bool:
            if self.process.poll() is not None:
                raise AssertionError(f"monitor exited early ({self.process.returncode}): {self.logs[-5:]}")
            return self.get("/healthz")[0] == 200

        wait_for(healthy, timeout, what="/healthz to answer 200")

    def alerts(self) -> list[dict]:
        path = self.data / "alerts.jsonl"
        if not path.exists():
            return []
        return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]

    def stop(self, timeout: float = 45) -> int:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        return self.process.wait(timeout)
