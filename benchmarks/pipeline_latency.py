"""Fetch-to-alert latency through the real monitor on the embedded broker.

`media-monitor run` polls a loopback feed; every poll the feed gains new articles naming the
watched actors. Each alert carries its article's ``fetched_at`` and its own ``created_at``
(both stamped by the monitor, in ms), so the difference is the pipeline's latency: poller ->
monitor.entries -> dedup -> monitor.articles -> detect -> monitor.detections -> rules -> sinks.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from support import Item, LoopbackServer, MonitorProcess, rss, seed_text, wait_for  # noqa: E402

from monitor.models import parse_iso  # noqa: E402

ROUNDS = 5
PER_ROUND = 20


def run() -> dict:
    title, _, body = seed_text("000").strip().partition("\n")
    with LoopbackServer() as server, tempfile.TemporaryDirectory() as tmp:
        items: list[Item] = []
        server.set("/feed.xml", rss("bench", items))
        feeds = f"feeds:\n  - {{id: bench, url: '{server.url('/feed.xml')}', interval: 10s}}\n"
        monitor = MonitorProcess(Path(tmp), feeds)
        try:
            monitor.wait_healthy()
            started = time.monotonic()
            for round_ in range(ROUNDS):
                items = [Item(f"{title} ({round_}-{i})", server.url(f"/a/{round_}/{i}"), body)
                         for i in range(PER_ROUND)] + items
                server.set("/feed.xml", rss("bench", items))
                wait_for(lambda n=len(items): len({a["article"]["id"] for a in monitor.alerts()}) >= n,
                         60, what="alerts of this round")
            elapsed = time.monotonic() - started
            alerts = [a for a in monitor.alerts() if a["rule"] == "goita-meets-putin"]
        finally:
            monitor.stop()
    latencies = sorted((parse_iso(a["created_at"]) - parse_iso(a["article"]["fetched_at"])).total_seconds() for a in alerts)
    return {
        "articles": len(alerts),
        "fetch_to_alert_p50_ms": round(1000 * statistics.median(latencies), 1),
        "fetch_to_alert_p95_ms": round(1000 * latencies[int(0.95 * (len(latencies) - 1))], 1),
        "fetch_to_alert_max_ms": round(1000 * latencies[-1], 1),
        "wall_seconds": round(elapsed, 1),
    }


if __name__ == "__main__":
    for key, value in run().items():
        print(f"{key}: {value}")
