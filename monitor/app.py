"""Builds the faust.App and wires every stage. Read this file for the data flow:

    feeds.yaml -> poller -> monitor.entries -> dedup (table) -> monitor.articles
         poller <-> monitor.feed-states -> feed-states (table): each feed's polling state, by partition
               -> detect -> monitor.detections -> rules -> sinks (console, file, monitor.alerts)
               -> ner (only with MONITOR_NER) -> monitor.candidates
    hubs -> /websub/... (only with MONITOR_PUBLIC_URL) -> the poller's path
    a failed event -> monitor.dead-letters;  /metrics and /healthz on the web port
"""

from __future__ import annotations

import faust

from monitor import __version__, metrics, topics, transport, web
from monitor.alerts import agents as alert_agents
from monitor.alerts import sinks as alert_sinks
from monitor.catalog import Catalog
from monitor.detect import agents as detect_agents
from monitor.detect import ner
from monitor.detect.pipeline import Detector
from monitor.feeds import agents as feed_agents
from monitor.feeds import websub
from monitor.settings import Settings

# One small group on one machine rebalances in seconds; a cluster keeps Faust's defaults.
EMBEDDED_GROUP_TIMEOUTS = {"broker_rebalance_timeout": 3.0, "broker_session_timeout": 10.0,
                           "broker_heartbeat_interval": 1.0}


def build(settings: Settings, catalog: Catalog, broker_url: str) -> faust.App:
    group_timeouts = dict(EMBEDDED_GROUP_TIMEOUTS) if settings.embedded else {}
    if settings.rebalance_timeout:
        group_timeouts["broker_rebalance_timeout"] = settings.rebalance_timeout
    if settings.session_timeout:
        # the broker drops a member silent this long; heartbeats must come well within it
        group_timeouts["broker_session_timeout"] = settings.session_timeout
        group_timeouts["broker_heartbeat_interval"] = min(3.0, settings.session_timeout / 3)
    app = faust.App(
        settings.app_id,
        broker=broker_url,
        store="memory://",
        autodiscover=False,
        datadir=str(settings.data_dir / "faust"),
        web_port=settings.web_port,
        web_bind=settings.web_host,
        web_host=settings.web_host,
        web_in_thread=False,
        topic_partitions=settings.partitions,
        topic_replication_factor=settings.replicas,
        processing_guarantee="at_least_once",  # Tansu's transactions have known gaps
        consumer_auto_offset_reset="earliest",
        # tables live in memory and are rebuilt from their changelogs: the check compares offsets
        # persisted on disk (RocksDB) with the broker's, and with nothing on disk it can only
        # misfire, crashing a worker that takes back partitions it held before (seen in the
        # two-worker scenario: "persisted offset ... is higher than the last offset")
        recovery_consistency_check=False,
        **group_timeouts,
        key_serializer="raw",
        value_serializer="raw",
    )
    transport.use_fetch_wait(app, settings.consumer_fetch_wait)
    transport.reread_stalled(app, topics.ALL)
    declared = topics.declare(app, settings.partitions, settings.replicas)

    def topic_for(name: str) -> faust.TopicT:
        """A kafka sink's topic: one of ours, or another team's, raw like ours."""
        if name in topics.ALL:
            return declared.named(name)
        return app.topic(name, key_serializer="raw", value_serializer="raw")

    sinks = {config.id: alert_sinks.build(config, settings.data_dir, topic_for) for config in catalog.sinks}
    poller = feed_agents.register(app, declared, catalog.feeds, settings)
    if poller.websub.enabled:  # every worker answers hubs: they may call any of them
        web.route(app, websub.CALLBACK_PATH, poller.websub.handle)
    detector = Detector(catalog.watchlist)
    detect_agents.register(app, declared, detector)
    ner.register(app, declared, ner.Discoverer(detector), settings)  # only with MONITOR_NER
    alert_agents.register(app, declared, catalog, sinks)

    def health() -> dict:
        # ready once partitions are assigned and tables recovered; starting again while rebalancing
        ready = app.tables.recovery.completed.is_set() and not app.rebalancing
        return {
            "status": "ok" if ready else "starting",
            "version": __version__,
            "broker": "embedded" if settings.embedded else "cluster",
            "leader": app.is_leader(),
            "feeds": poller.counts(),  # the feeds this worker polls
            "feed_partitions": poller.partitions(),
        }

    web.register(app, health)
    metrics.info.labels(version=__version__, broker="embedded" if settings.embedded else "cluster").set(1)
    return app
