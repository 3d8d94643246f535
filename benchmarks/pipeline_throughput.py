"""Articles per second through detect -> rules -> sinks on the embedded broker, and
publish-to-alert latency at a fixed offered rate (issue targets: >= 2,000/s per worker,
p99 <= 50 ms at 1,000 articles/s).

Articles are published straight to monitor.articles with aiokafka (the poller is not measured
here), each stamped with ``fetched_at`` at publish time; every article matches a rule, so each
yields an alert whose ``created_at`` closes the measurement. One `media-monitor run` worker.
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

from aiokafka import AIOKafkaProducer

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from support import MonitorProcess, seed_text, wait_for  # noqa: E402

from monitor import broker  # noqa: E402
from monitor.models import Article, parse_iso, utc_now  # noqa: E402

BURST = 3000          # articles offered as fast as possible, for throughput
PACED = 2000          # articles offered at RATE per second, for latency
RATE = 1000


async def publish(bootstrap: str, count: int, rate: float | None, tag: str, body: str) -> None:
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, linger_ms=0)
    await producer.start()
    try:
        started = time.monotonic()
        for i in range(count):
            article = Article(id=f"{tag}-{i}", url=f"https://bench.example/{tag}/{i}", feed_id="bench",
                              title="Goïta reçu par Poutine au Kremlin", text=body, fetched_at=utc_now())
            await producer.send(  # not awaited to completion: the producer batches
                "monitor.articles", article.to_json(), key=article.id.encode())
            if rate:
                ahead = started + (i + 1) / rate - time.monotonic()
                if ahead > 0:
                    await asyncio.sleep(ahead)
        await producer.flush()
    finally:
        await producer.stop()


def alerts_of(monitor: MonitorProcess, tag: str) -> list[dict]:
    return [a for a in monitor.alerts() if a["rule"] == "goita-meets-putin" and a["article"]["id"].startswith(tag)]


def run() -> dict:
    body = seed_text("000")[:5000]  # ~5 KB articles, as in the issue
    with tempfile.TemporaryDirectory() as tmp, broker.running(Path(tmp) / "broker") as embedded:
        bootstrap = embedded.url.removeprefix("kafka://")
        monitor = MonitorProcess(Path(tmp) / "m", "feeds: []\n", {"MONITOR_BROKER": embedded.url})
        try:
            monitor.wait_healthy(90)
            asyncio.run(publish(bootstrap, 50, None, "warm", body))
            wait_for(lambda: len(alerts_of(monitor, "warm")) >= 50, 120, what="warm-up alerts")

            started = time.monotonic()
            asyncio.run(publish(bootstrap, BURST, None, "burst", body))
            wait_for(lambda: len(alerts_of(monitor, "burst")) >= BURST, 600, 0.5, what="burst alerts")
            throughput = BURST / (time.monotonic() - started)

            asyncio.run(publish(bootstrap, PACED, RATE, "paced", body))
            wait_for(lambda: len(alerts_of(monitor, "paced")) >= PACED, 600, 0.5, what="paced alerts")
            latencies = sorted((parse_iso(a["created_at"]) - parse_iso(a["article"]["fetched_at"])).total_seconds()
                               for a in alerts_of(monitor, "paced"))
        finally:
            monitor.stop()
    return {
        "articles_per_second_one_worker": round(throughput),
        "target_articles_per_second": 2000,
        f"publish_to_alert_at_{RATE}_per_s_p50_ms": round(1000 * statistics.median(latencies), 1),
        f"publish_to_alert_at_{RATE}_per_s_p99_ms": round(1000 * latencies[int(0.99 * (len(latencies) - 1))], 1),
        "target_p99_ms": 50,
    }


if __name__ == "__main__":
    for key, value in run().items():
        print(f"{key}: {value}")
