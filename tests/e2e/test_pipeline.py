"""The whole monitor on real parts: loopback feeds -> `media-monitor run` with its embedded Tansu
broker -> alerts in the file sink and on monitor.alerts, metrics on /metrics, a clean stop."""

from __future__ import annotations

import asyncio
import json
import os
import time

import pytest
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer
from prometheus_client.parser import text_string_to_metric_families

from monitor.alerts.rules import alert_id
from monitor.models import article_id
from support import Item, LoopbackServer, MonitorProcess, pid_alive, rss, seed_text, wait_for

pytestmark = pytest.mark.e2e

DEMO_OFF_TOPIC = Item(
    title="Saison des pluies : les maraîchers de Kayes préparent leurs semis",
    link="/2026/11/maraichers-kayes",
    description="Dans la région de Kayes, les coopératives maraîchères ont reçu des semences améliorées "
                "et préparent les parcelles avant la saison. Les prix des oignons restent stables au marché.",
)


def seed_item(prefix: str, link: str) -> Item:
    title, _, body = seed_text(prefix).strip().partition("\n")
    return Item(title=title.strip(), link=link, description=body.strip())


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    with LoopbackServer() as server:
        goita = seed_item("000", server.url("/2025/06/goita-moscou?utm_source=rss"))
        demo = DEMO_OFF_TOPIC
        demo = Item(demo.title, server.url(demo.link), demo.description)
        server.set("/a.xml", rss("Feed A", [goita, demo]))
        # the same article again, in a second feed, under a URL that differs only by tracking noise
        twin = Item(goita.title, server.url("/2025/06/goita-moscou?fbclid=xyz#top"), goita.description)
        server.set("/b.xml", rss("Feed B", [twin]))
        feeds = (f"feeds:\n  - {{id: feed-a, url: '{server.url('/a.xml')}', interval: 10s}}\n"
                 f"  - {{id: feed-b, url: '{server.url('/b.xml')}', interval: 10s}}\n")
        monitor = MonitorProcess(tmp_path_factory.mktemp("e2e"), feeds)
        try:
            monitor.wait_healthy()
            yield {"server": server, "monitor": monitor, "goita": goita, "demo": demo}
        finally:
            if monitor.process.poll() is None:
                monitor.process.kill()
                monitor.process.wait(10)


async def read_topic(bootstrap: str, topic: str, until, timeout: float = 30.0) -> list:
    consumer = AIOKafkaConsumer(topic, bootstrap_servers=bootstrap, auto_offset_reset="earliest",
                                enable_auto_commit=False, group_id=None)
    await consumer.start()
    records = []
    try:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and not until(records):
            batch = await consumer.getmany(timeout_ms=500)
            for messages in batch.values():
                records.extend(messages)
    finally:
        await consumer.stop()
    return records


def test_matching_article_alert_reaches_the_file_sink(world):
    """A seed article naming Goïta, Poutine and military cooperation yields its alert in alerts.jsonl."""
    monitor, goita = world["monitor"], world["goita"]
    expected = alert_id("goita-meets-putin", article_id(goita.link))
    alerts = wait_for(lambda: [a for a in monitor.alerts() if a["id"] == expected], 60, what="the alert in the file")
    alert = alerts[0]
    assert alert["schema"] == "alert/1" and alert["severity"] == "high"
    assert alert["article"]["feed_id"] in {"feed-a", "feed-b"}
    assert {"assimi-goita", "vladimir-putin"} <= set(alert["actors"])
    assert "military-cooperation" in alert["keywords"]
    # either feed may be polled first (their start-up spread), and the alert comes from that one
    fetched = world["server"].first_request("/a.xml" if alert["article"]["feed_id"] == "feed-a" else "/b.xml")
    written = os.stat(monitor.data / "alerts.jsonl").st_mtime
    print(f"first fetch of the feed to alert on disk: {written - fetched:.2f}s")
    assert any("ALERT [high] goita-meets-putin" in line for line in monitor.stdout)


async def test_alert_is_published_on_the_alerts_topic(world):
    """The same alert object is on monitor.alerts, keyed by its id, for other teams."""
    monitor, goita = world["monitor"], world["goita"]
    expected = alert_id("goita-meets-putin", article_id(goita.link))
    wait_for(lambda: any(a["id"] == expected for a in monitor.alerts()), 60, what="the alert")
    records = await read_topic(monitor.bootstrap, "monitor.alerts",
                               lambda rs: any(r.key == expected.encode() for r in rs))
    [record] = [r for r in records if r.key == expected.encode()]
    on_topic = json.loads(record.value)
    assert on_topic == next(a for a in monitor.alerts() if a["id"] == expected)


async def test_off_topic_article_is_detected_but_gives_no_alert(world):
    """The article without watched names goes through detection and raises no alert."""
    monitor, demo = world["monitor"], world["demo"]
    demo_id = article_id(demo.link)
    records = await read_topic(monitor.bootstrap, "monitor.detections",
                               lambda rs: any(r.key == demo_id.encode() for r in rs), timeout=60)
    detection = json.loads(next(r.value for r in records if r.key == demo_id.encode()))
    assert detection["schema"] == "detection/1" and detection["actors"] == []
    assert not [a for a in monitor.alerts() if a["article"]["id"] == demo_id]


def test_the_same_article_in_two_feeds_alerts_once(world):
    """Feed B repeats feed A's article under a tracking-decorated URL: still exactly one alert per rule."""
    monitor, goita = world["monitor"], world["goita"]
    wait_for(lambda: world["server"].first_request("/b.xml") and monitor.alerts(), 60, what="both feeds polled")
    wait_for(lambda: metric(monitor, "monitor_duplicate_entries_total") >= 1, 30, what="the duplicate to be counted")
    rules = [a["rule"] for a in monitor.alerts() if a["article"]["id"] == article_id(goita.link)]
    assert sorted(rules) == ["goita-meets-putin", "nuclear"]  # the seed also names Rosatom


async def test_a_poison_message_is_dead_lettered_and_the_agent_lives_on(world):
    """Garbage on monitor.articles lands on monitor.dead-letters with its error; later articles still alert."""
    monitor, server = world["monitor"], world["server"]
    producer = AIOKafkaProducer(bootstrap_servers=monitor.bootstrap)
    await producer.start()
    try:
        await producer.send_and_wait("monitor.articles", b"{not json", key=b"poison-1")
    finally:
        await producer.stop()
    records = await read_topic(monitor.bootstrap, "monitor.dead-letters", lambda rs: any(r.key == b"poison-1" for r in rs))
    letter = json.loads(next(r.value for r in records if r.key == b"poison-1"))
    assert letter["schema"] == "dead-letter/1" and letter["topic"] == "monitor.articles"
    assert letter["error"].startswith("message: monitor.articles") and letter["event"] == "{not json"
    # the agent survived: a new article published now still gets its alert
    fresh = seed_item("000", server.url("/2025/06/goita-moscou-suite"))
    server.set("/a.xml", rss("Feed A", [fresh, world["goita"]]))
    expected = alert_id("goita-meets-putin", article_id(fresh.link))
    await asyncio.to_thread(wait_for, lambda: any(a["id"] == expected for a in monitor.alerts()), 60, 0.2, "the new alert")


def metric(monitor: MonitorProcess, name: str, **labels: str) -> float:
    status, body = monitor.get("/metrics")
    assert status == 200
    total = 0.0
    for family in text_string_to_metric_families(body.decode()):
        for sample in family.samples:
            if sample.name == name and all(sample.labels.get(k) == v for k, v in labels.items()):
                total += sample.value
    return total


def test_metrics_are_served_in_prometheus_format_with_bounded_labels(world):
    """/metrics parses as Prometheus text, counts the work done, and no label holds a URL or feed id."""
    monitor = world["monitor"]
    wait_for(lambda: metric(monitor, "monitor_pipeline_latency_seconds_count") >= 1, 60, what="a latency sample")
    assert metric(monitor, "monitor_feed_fetches_total", status="200") >= 2
    assert metric(monitor, "monitor_articles_total") >= 2
    assert metric(monitor, "monitor_alerts_total", rule="goita-meets-putin", sink="archive", outcome="delivered") >= 1
    assert metric(monitor, "monitor_feeds", state="ok") == 2
    _, body = monitor.get("/metrics")
    for family in text_string_to_metric_families(body.decode()):
        for sample in family.samples:
            for value in sample.labels.values():
                assert "://" not in value and not value.startswith("feed-"), (sample.name, value)


def test_sigterm_stops_the_monitor_and_its_broker(world):
    """SIGTERM ends the process with code 0 and the embedded broker goes with it."""
    monitor = world["monitor"]
    broker_pid = monitor.log("embedded broker started")["pid"]
    assert monitor.stop() == 0
    wait_for(lambda: not pid_alive(broker_pid), 10, what="the broker to exit")
    assert monitor.log("monitor stopped") is not None
