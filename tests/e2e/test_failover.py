"""Feeds spread over workers through Kafka partitions: each feed has one poller, a dead worker's
feeds move to the survivor within a minute, and a restarted worker resumes from the state kept
in the feed-states table (real processes, a real broker, loopback feeds)."""

from __future__ import annotations

import json
import signal
import time
from pathlib import Path

import pytest

from monitor import broker
from monitor.topics import partition_for
from support import QUICK_GROUP, Item, LoopbackServer, MonitorProcess, pid_alive, rss, run_and_worker, wait_for

pytestmark = pytest.mark.e2e

FEEDS = 12
PARTITIONS = 4
INTERVAL = 10.0
# a cluster's defaults (60 s) would keep a dead worker's partitions a minute before moving them
GROUP = {**QUICK_GROUP, "MONITOR_PARTITIONS": str(PARTITIONS)}


def serve_feeds(server: LoopbackServer) -> str:
    lines = ["feeds:"]
    for n in range(FEEDS):
        item = Item(f"Crue du fleuve, relevé {n}", server.url(f"/articles/{n}"), "Le niveau monte à Ségou.")
        server.set(f"/feeds/{n}.xml", rss(f"Fil {n}", [item]),
                   headers={"Content-Type": "application/rss+xml", "ETag": f'"v{n}"'})
        lines.append(f"  - {{id: f{n}, url: '{server.url(f'/feeds/{n}.xml')}', interval: {int(INTERVAL)}s}}")
    return "\n".join(lines) + "\n"


def health(monitor: MonitorProcess) -> dict | None:
    status, body = monitor.get("/healthz")
    return json.loads(body) if status == 200 else None


def partitions_of(monitor: MonitorProcess) -> set[int] | None:
    answer = health(monitor)
    return None if answer is None or answer["feed_partitions"] is None else set(answer["feed_partitions"])


def descendants(pid: int) -> set[int]:
    """Every process below ``pid`` (Linux /proc)."""
    parents = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents[int(stat.parent.name)] = int(fields[1])
    found, frontier = set(), {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


def polls(server: LoopbackServer, path: str, since: float, until: float = float("inf")) -> list[float]:
    return [t for t, _, p in list(server.requests) if p == path and since <= t < until]


def test_each_feed_has_one_poller_and_a_dead_workers_feeds_move_within_a_minute(tmp_path):
    with broker.running(tmp_path / "broker") as cluster, LoopbackServer() as server:
        feeds = serve_feeds(server)
        env = {"MONITOR_BROKER": cluster.url, **GROUP}
        first, second = run_and_worker(tmp_path, feeds, env)
        try:
            first.wait_healthy(90)
            second.wait_healthy(90)

            def split() -> tuple[set[int], set[int]] | None:
                a, b = partitions_of(first), partitions_of(second)
                return (a, b) if a and b and not a & b and a | b == set(range(PARTITIONS)) else None

            mine, theirs = wait_for(split, 90, 1, what="the partitions shared between the two workers")
            owner = {n: partition_for(f"f{n}", PARTITIONS) in mine for n in range(FEEDS)}
            assert any(owner.values()) and not all(owner.values())  # both workers have feeds to poll
            assert sum(health(first)["feeds"].values()) == sum(owner.values())
            assert sum(health(second)["feeds"].values()) == FEEDS - sum(owner.values())

            # one poller per feed: a second one would interleave its polls (gaps under half the interval)
            time.sleep(INTERVAL + 2)  # polls a handover brought forward are behind us
            start = time.time()
            time.sleep(2.5 * INTERVAL)
            for n in range(FEEDS):
                times = polls(server, f"/feeds/{n}.xml", start, time.time())
                assert len(times) >= 2, (n, times)
                assert min(b - a for a, b in zip(times, times[1:])) > 0.8 * INTERVAL, (n, times)

            # the worker dies: the group gives its partitions to the survivor, which polls its feeds
            helpers = descendants(second.process.pid)  # the parser pool's fork server and workers
            assert helpers
            second.process.send_signal(signal.SIGKILL)
            second.process.wait(10)
            died = time.time()
            wait_for(lambda: partitions_of(first) == set(range(PARTITIONS)), 60, 1, what="the survivor to hold every partition")
            orphans = [n for n in range(FEEDS) if not owner[n]]

            def all_polled_again() -> bool:
                return all(polls(server, f"/feeds/{n}.xml", died) for n in orphans)

            wait_for(all_polled_again, max(1.0, died + 60 - time.time()), 1, what="the dead worker's feeds polled by the survivor")
            moved_within = max(polls(server, f"/feeds/{n}.xml", died)[0] - died for n in orphans)
            assert moved_within < 60
            assert sum(health(first)["feeds"].values()) == FEEDS
            assert first.log("feeds assigned") is not None
            assert not [pid for pid in helpers if pid_alive(pid)]  # nothing of the dead worker lingers
        finally:
            if second.process.poll() is None:
                second.process.kill()
            code = first.stop()
        assert code == 0


def test_a_restarted_worker_resumes_with_the_saved_validators(tmp_path):
    """State saved in the feed-states table survives the worker: its successor's first requests are conditional."""
    with broker.running(tmp_path / "broker") as cluster, LoopbackServer() as server:
        feeds = serve_feeds(server)
        env = {"MONITOR_BROKER": cluster.url, **GROUP}
        before = MonitorProcess(tmp_path / "before", feeds, env, command="worker")
        try:
            before.wait_healthy(90)
            wait_for(lambda: {p for p, _ in server.conditions} >= {f"/feeds/{n}.xml" for n in range(FEEDS)},
                     60, what="every feed polled once")
            time.sleep(2)  # the states sent after those polls reach the table's changelog
        finally:
            assert before.stop() == 0
        seen = len(server.conditions)
        after = MonitorProcess(tmp_path / "after", feeds, env, command="worker")
        try:
            after.wait_healthy(90)
            wait_for(lambda: len({p for p, _ in server.conditions[seen:]}) == FEEDS, 60,
                     what="every feed polled by the new worker")
            firsts = {}
            for path, etag in server.conditions[seen:]:
                firsts.setdefault(path, etag)
            assert firsts == {f"/feeds/{n}.xml": f'"v{n}"' for n in range(FEEDS)}
        finally:
            assert after.stop() == 0
