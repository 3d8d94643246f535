"""Starts the real `media-monitor run` (embedded Tansu broker and all) against loopback feeds."""

from __future__ import annotations

from pathlib import Path

import pytest

from support import MonitorProcess

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
