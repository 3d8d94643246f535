"""Every topic the monitor reads or writes, with its key and value. See CONTRACTS.md.

All values are UTF-8 JSON bytes (monitor.models); keys are ids as UTF-8 strings. Topics are raw
on the Faust side so that decoding happens in our handlers, where a bad message can be
dead-lettered instead of skipped.
"""

from __future__ import annotations

from dataclasses import dataclass

import faust
from aiokafka.partitioner import murmur2

ENTRIES = "monitor.entries"          # key: article id   value: Entry       (poller -> dedup)
ARTICLES = "monitor.articles"        # key: article id   value: Article     (dedup -> detect, others)
DETECTIONS = "monitor.detections"    # key: article id   value: Detection   (detect -> rules, others)
ALERTS = "monitor.alerts"            # key: alert id     value: Alert       (kafka sink -> other teams)
DEAD_LETTERS = "monitor.dead-letters"  # key: failed key value: DeadLetter
CANDIDATES = "monitor.candidates"    # key: article id   value: Discovery   (ner, when MONITOR_NER -> analysts)
FEED_STATES = "monitor.feed-states"  # key: feed id      value: PollState   (poller -> its own table)

ALL = (ENTRIES, ARTICLES, DETECTIONS, ALERTS, DEAD_LETTERS, CANDIDATES, FEED_STATES)


@dataclass(frozen=True)
class Topics:
    entries: faust.TopicT
    articles: faust.TopicT
    detections: faust.TopicT
    alerts: faust.TopicT
    dead_letters: faust.TopicT
    candidates: faust.TopicT
    feed_states: faust.TopicT

    def named(self, name: str) -> faust.TopicT:
        return {t.get_topic_name(): t for t in vars(self).values()}[name]


def declare(app: faust.App, partitions: int, replicas: int) -> Topics:
    """Declare every topic with one partition count, so co-partitioned tables line up.

    ``internal=True`` makes Faust create them at start-up with these settings instead of
    relying on broker auto-creation (whose defaults differ between Kafka and Tansu).
    """

    def topic(name: str) -> faust.TopicT:
        return app.topic(
            name, key_type=bytes, value_type=bytes, key_serializer="raw", value_serializer="raw",
            partitions=partitions, replicas=replicas, internal=True,
        )

    return Topics(*(topic(name) for name in ALL))


def table(app: faust.App, name: str) -> faust.TableT:
    """A Faust table of raw bytes, partitioned like our topics (its changelog is
    ``{app_id}-{name}-changelog``). Raw, because tables default to JSON: a changelog that does
    not decode makes recovery fail, and a worker taking partitions over never finishes
    rebalancing."""
    return app.Table(name, key_type=bytes, value_type=bytes, partitions=app.conf.topic_partitions)


def partition_for(key: str, partitions: int) -> int:
    """The partition Kafka's default partitioner gives ``key``: a feed is polled by the worker
    that holds its partition of monitor.feed-states, so every worker must compute the same."""
    return (murmur2(key.encode()) & 0x7FFFFFFF) % partitions
