"""Agents driven through Faust's test_context(): events go straight into each agent's stream,
and what the agent did is read from the real Prometheus counters and files it updates. Nothing
listens at the broker address, so what they send to Kafka goes nowhere; delivery through a
real broker, and the dedup table, are covered by tests/e2e."""

from __future__ import annotations

from pathlib import Path

import pytest

from monitor import broker, metrics
from monitor.app import build
from monitor.catalog import parse_catalog
import orjson

from monitor.models import ActorHit, Article, ArticleRef, Detection, KeywordHit
from monitor.settings import Settings
from support import RULES, WATCHLIST

NOW = "2026-11-23T08:00:00.000Z"


@pytest.fixture
def agents(tmp_path: Path):
    settings = Settings.load({}, data_dir=tmp_path)
    catalog = parse_catalog({"watchlist.yaml": WATCHLIST, "rules.yaml": RULES})
    return build(settings, catalog, "kafka://127.0.0.1:9").agents  # nothing listens there


def counter(metric, **labels) -> float:
    return (metric.labels(**labels) if labels else metric)._value.get()


async def test_detect_survives_poison_and_goes_on(agents):
    """A malformed message is dead-lettered and counted; the next article is still detected."""
    article = Article(id="a2", url="https://x.org/b", feed_id="f", title="Goïta reçu par Poutine au Kremlin",
                      text="La coopération militaire au menu.", fetched_at=NOW)
    detections = counter(metrics.detections)
    letters = counter(metrics.dead_letters, topic="monitor.articles")
    actors = counter(metrics.mentions, kind="actor")
    async with agents["detect"].test_context() as agent:
        await agent.put(b"\x00not json", key=b"bad")
        await agent.put(article.to_json(), key=b"a2")
    assert counter(metrics.dead_letters, topic="monitor.articles") - letters == 1
    assert counter(metrics.detections) - detections == 1
    assert counter(metrics.mentions, kind="actor") - actors >= 2  # Goïta, Poutine


def goita_meets_putin(article_id: str) -> Detection:
    """A detection that fires the rule goita-meets-putin of support.RULES."""
    ref = ArticleRef(id=article_id, url=f"https://x.org/{article_id}", title="Goïta chez Poutine", feed_id="f",
                     fetched_at=NOW)
    return Detection(
        article_id=article_id, article=ref,
        actors=(ActorHit(id="assimi-goita", name="Assimi Goïta", type="person", count=2),
                ActorHit(id="vladimir-putin", name="Vladimir Putin", type="person", count=1)),
        keywords=(KeywordHit(id="military-cooperation", count=1),),
    )


async def test_matching_detection_reaches_the_file_sink(agents, tmp_path: Path):
    """A detection satisfying a rule becomes one alert line in the file sink, counted as delivered."""
    detection = goita_meets_putin("a3")
    async with agents["alerts"].test_context() as agent:
        await agent.put(detection.to_json(), key=b"a3")
    [written] = [orjson.loads(line) for line in (tmp_path / "alerts.jsonl").read_bytes().splitlines()]
    assert written["rule"] == "goita-meets-putin" and written["article"]["id"] == "a3"
    assert counter(metrics.alerts, rule="goita-meets-putin", sink="archive", outcome="delivered") >= 1


async def test_a_detection_read_again_does_not_alert_again(tmp_path: Path):
    """The same detection twice (a partition re-read after a rebalance) sends its alert once,
    and the repeat is counted. The fired-alerts table writes its changelog: a real broker."""
    detection = goita_meets_putin("a4")
    repeated = counter(metrics.alerts_repeated, rule="goita-meets-putin")
    settings = Settings.load({}, data_dir=tmp_path)
    catalog = parse_catalog({"watchlist.yaml": WATCHLIST, "rules.yaml": RULES})
    with broker.running(tmp_path / "broker") as cluster:
        async with build(settings, catalog, cluster.url).agents["alerts"].test_context() as agent:
            await agent.put(detection.to_json(), key=b"a4")
            await agent.put(detection.to_json(), key=b"a4")
    written = [orjson.loads(line) for line in (tmp_path / "alerts.jsonl").read_bytes().splitlines()]
    assert [alert["article"]["id"] for alert in written] == ["a4"]
    assert counter(metrics.alerts_repeated, rule="goita-meets-putin") - repeated == 1
