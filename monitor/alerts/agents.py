"""The alert stage on Kafka: monitor.detections -> rules -> sinks (console, file, monitor.alerts).

Kafka delivers at least once: after a rebalance the new owner of a partition reads again what
the old one had not committed. The fired-alerts table (alert id -> created_at, co-partitioned
with monitor.detections, whose key is the article id) makes each alert go out once all the same.
"""

from __future__ import annotations

from datetime import UTC, datetime

import faust
import structlog

from monitor import logging, metrics
from monitor.alerts import rules as alert_rules
from monitor.alerts.sinks import AlertSink, deliver_with_retry
from monitor.catalog import Catalog
from monitor.deadletters import each_event, send
from monitor.errors import SinkError
from monitor.models import Detection, decode, parse_iso, utc_now
from monitor.topics import DETECTIONS, Topics, table

log = logging.get("monitor.alerts")


def register(app: faust.App, topics: Topics, catalog: Catalog, sinks: dict[str, AlertSink]) -> None:
    sinks_of_rule = {rule.id: [sinks[s.id] for s in catalog.sinks_for(rule)] for rule in catalog.rules}
    sent = table(app, "fired-alerts")  # alert id -> created_at

    async def alert(key: bytes | None, value: bytes | None) -> None:
        detection = decode(Detection, value, DETECTIONS)
        structlog.contextvars.bind_contextvars(article_id=detection.article_id)
        for fired in alert_rules.evaluate(detection, catalog.rules, utc_now()):
            if sent.get(fired.id.encode()) is not None:  # a detection read again after a rebalance
                metrics.alerts_repeated.labels(rule=fired.rule).inc()
                continue
            for sink in sinks_of_rule[fired.rule]:
                try:
                    await deliver_with_retry(sink, fired)
                except SinkError as exc:
                    metrics.alerts.labels(rule=fired.rule, sink=sink.id, outcome="failed").inc()
                    await send(topics.dead_letters, DETECTIONS, exc, fired.id.encode(), fired.to_json())
                    continue
                metrics.alerts.labels(rule=fired.rule, sink=sink.id, outcome="delivered").inc()
            sent[fired.id.encode()] = fired.created_at.encode()  # a failed sink's copy is in the dead letters
            fetched_at = detection.article.fetched_at if detection.article else None
            if fetched_at:
                metrics.pipeline_latency.observe((datetime.now(UTC) - parse_iso(fetched_at)).total_seconds())
            log.info("alert", rule=fired.rule, severity=fired.severity, alert_id=fired.id,
                     title=fired.article.title[:120])

    @app.agent(topics.detections, name="alerts")
    async def alerts_agent(stream: faust.StreamT) -> None:
        await each_event(stream, DETECTIONS, alert, topics.dead_letters)

    @app.on_before_shutdown.connect
    async def close_sinks(app: faust.App, **_) -> None:  # noqa: ARG001
        for sink in sinks.values():
            await sink.close()
