"""The cluster path: `run` and `worker` against a broker they did not start, sharing the work."""

from __future__ import annotations

import socket

import pytest

from monitor import broker
from monitor.alerts.rules import alert_id
from monitor.models import article_id
from support import QUICK_GROUP, Item, LoopbackServer, MonitorProcess, rss, run_and_worker, seed_text, wait_for

pytestmark = pytest.mark.e2e


def listening(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1):
            return True
    except OSError:
        return False


def test_run_and_worker_on_an_external_broker_alert_once_and_leave_it_running(tmp_path):
    """Two processes on one external broker deliver each alert once, and stopping them leaves the broker up."""
    title, _, body = seed_text("000").strip().partition("\n")
    with broker.running(tmp_path / "broker") as cluster, LoopbackServer() as server:
        items = [Item(f"{title} ({i})", server.url(f"/cluster/{i}"), body) for i in range(6)]
        server.set("/feed.xml", rss("cluster", items))
        feeds = f"feeds:\n  - {{id: cluster-feed, url: '{server.url('/feed.xml')}', interval: 10s}}\n"
        # polling waits for the group to settle; Faust's 60 s rebalance window could eat the budget
        env = {"MONITOR_BROKER": cluster.url, **QUICK_GROUP}
        first, second = run_and_worker(tmp_path, feeds, env)
        try:
            first.wait_healthy(90)
            second.wait_healthy(90)
            expected = {alert_id("goita-meets-putin", article_id(item.link)) for item in items}

            def delivered() -> list[str]:
                return [a["id"] for m in (first, second) for a in m.alerts() if a["rule"] == "goita-meets-putin"]

            try:
                wait_for(lambda: set(delivered()) >= expected, 90, what="every alert from one of the two workers")
            except AssertionError as exc:  # say where the stream stopped: partitions and warnings
                state = {m.process.args[-1]: (m.get("/healthz"), [line for line in m.logs if line.get("level") in
                                                                  ("warning", "error")][-10:]) for m in (first, second)}
                raise AssertionError(f"{exc}; {len(delivered())} of {len(expected)} alerts; {state}") from None
            assert sorted(delivered()) == sorted(expected)  # each exactly once across both workers
            assert first.log("embedded broker started") is None and second.log("embedded broker started") is None
            assert first.log("unparsed") is None and second.log("unparsed") is None  # every log line is JSON
        finally:
            codes = [first.stop(), second.stop()]
        assert codes == [0, 0]
        assert listening(cluster.port)


def test_run_stops_with_an_error_when_its_embedded_broker_dies(tmp_path):
    """If the embedded broker is killed, `run` says so and exits 1 instead of retrying forever."""
    import os
    import signal

    from support import pid_alive

    monitor = MonitorProcess(tmp_path, "feeds: []\n")
    try:
        monitor.wait_healthy(90)
        broker_pid = monitor.log("embedded broker started")["pid"]
        os.kill(broker_pid, signal.SIGKILL)
        assert monitor.process.wait(60) == 1
        assert monitor.log("embedded broker exited; stopping") is not None
        assert not pid_alive(broker_pid)
    finally:
        if monitor.process.poll() is None:
            monitor.process.kill()
