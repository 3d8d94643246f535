"""Starts the real `media-monitor run` (embedded Tansu broker and all) against loopback feeds."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest

from support import wait_for

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


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class MonitorProcess:
    """`python -m monitor run` in a subprocess; its JSON log lines and stdout are collected."""

    def __init__(self, workdir: Path, feeds_yaml: str, extra_env: dict[str, str] | None = None) -> None:
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
        env.pop("MONITOR_BROKER", None)
        self.logs: list[dict] = []
        self.stdout: list[str] = []
        self.started_at = time.time()
        self.process = subprocess.Popen([sys.executable, "-m", "monitor", "run"], env=env,
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


@pytest.fixture
def monitor_factory(tmp_path: Path):
    started: list[MonitorProcess] = []

    def start(feeds_yaml: str, **extra_env: str) -> MonitorProcess:
        monitor = MonitorProcess(tmp_path / f"m{len(started)}", feeds_yaml, extra_env)
        started.append(monitor)
        return monitor

    yield start
    for monitor in started:
        if monitor.process.poll() is None:
            monitor.process.kill()
            monitor.process.wait(10)
