"""Every Prometheus metric, declared once. Prefix ``monitor_``; labels come from small fixed
sets or from config ids (rule, sink) — never a URL, host, feed id, article id or free text.
"""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest
from prometheus_client import CONTENT_TYPE_LATEST, GC_COLLECTOR, PLATFORM_COLLECTOR, PROCESS_COLLECTOR

REGISTRY = CollectorRegistry(auto_describe=True)
for _collector in (PROCESS_COLLECTOR, PLATFORM_COLLECTOR, GC_COLLECTOR):
    REGISTRY.register(_collector)

#: label values of monitor_feed_fetches_total{status}
FETCH_STATUSES = ("200", "304", "unchanged", "3xx", "4xx", "5xx", "timeout", "blocked", "too_large", "parse_error", "error")
FEED_STATES = ("ok", "backoff", "stopped")
#: label values of monitor_websub_events_total{event}
WEBSUB_EVENTS = ("subscribe_sent", "subscribe_failed", "verified", "verify_refused", "denied", "renewed",
                 "push_accepted", "push_bad_signature", "push_unknown", "push_too_large", "push_failed")

info = Gauge("monitor_info", "Constant 1, labelled with the version and broker mode.", ["version", "broker"], registry=REGISTRY)

feed_fetches = Counter("monitor_feed_fetches_total", "Feed fetches by outcome.", ["status"], registry=REGISTRY)
feed_fetch_seconds = Histogram(
    "monitor_feed_fetch_seconds", "Time to fetch one feed, headers to last byte.",
    buckets=(0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 30), registry=REGISTRY,
)
feed_bozo = Counter("monitor_feed_bozo_total", "Feeds parsed despite being ill-formed (feedparser bozo).", registry=REGISTRY)
feeds = Gauge("monitor_feeds", "Configured feeds by polling state.", ["state"], registry=REGISTRY)
feeds_due = Gauge(
    "monitor_feeds_due", "Feeds whose poll is due and not finished (waiting for a slot, or in flight); "
    "a steady rise means the poller cannot keep up.", registry=REGISTRY,
)
feed_poll_delay = Histogram(
    "monitor_feed_poll_delay_seconds", "How late polls start after their due time (waiting for a host or global slot).",
    buckets=(0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300), registry=REGISTRY,
)
feed_entries = Counter(
    "monitor_feed_entries_total", "Feed entries seen by the poller, by what became of them.",
    ["outcome"], registry=REGISTRY,  # published | known | too_old
)
fulltext = Counter(
    "monitor_fulltext_total", "Article pages of fulltext feeds, by outcome: extracted, or fallback to the feed's text.",
    ["outcome"], registry=REGISTRY,  # extracted | fallback
)

articles = Counter("monitor_articles_total", "New unique articles published to monitor.articles.", registry=REGISTRY)
duplicates = Counter("monitor_duplicate_entries_total", "Entries dropped because the article was already seen.", registry=REGISTRY)
detections = Counter("monitor_detections_total", "Articles that went through detection.", registry=REGISTRY)
mentions = Counter("monitor_mentions_total", "Watchlist matches counted in articles.", ["kind"], registry=REGISTRY)
candidates = Counter(
    "monitor_candidates_total", "New names the NER stage reported, one per article and name, by type.",
    ["type"], registry=REGISTRY,  # person | organization
)

alerts = Counter(
    "monitor_alerts_total", "Alerts per rule and sink, by delivery outcome (delivered | failed).",
    ["rule", "sink", "outcome"], registry=REGISTRY,
)
pipeline_latency = Histogram(
    "monitor_pipeline_latency_seconds", "From the feed fetch that found an article to its alert's delivery.",
    buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60), registry=REGISTRY,
)
alerts_repeated = Counter(
    "monitor_alerts_repeated_total", "Alerts not sent again: their rule had fired for the article (a re-read detection).",
    ["rule"], registry=REGISTRY,
)

dead_letters = Counter(
    "monitor_dead_letters_total", "Events sent to monitor.dead-letters, by the topic they came from.",
    ["topic"], registry=REGISTRY,
)

partition_rereads = Counter(
    "monitor_partition_rereads_total",
    "Partitions read again from their committed offset after events sat unread past a rebalance.",
    ["topic"], registry=REGISTRY,
)

websub_events = Counter(
    "monitor_websub_events_total", "WebSub subscriptions and pushes, by event (see WEBSUB_EVENTS).",
    ["event"], registry=REGISTRY,
)
websub_subscriptions = Gauge(
    "monitor_websub_subscriptions", "Feeds this worker holds a verified, unexpired WebSub subscription for.",
    registry=REGISTRY,
)


def exposition() -> tuple[bytes, str]:
    """The /metrics body and its content type."""
    return generate_latest(REGISTRY), CONTENT_TYPE_LATEST
