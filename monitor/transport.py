"""Faust's Kafka transport, with two repairs Faust does not offer.

**How long a fetch may wait.**
Faust hard-codes ``fetch_max_wait_ms=1500`` for its consumers. Tansu (the embedded broker)
holds a fetch for that long when some assigned partitions have no data, which made every hop of
the pipeline cost up to 1.5 s (measured: two hops took 825 ms at 1500 ms, 33 ms at 50 ms).
A real Kafka answers as soon as data arrives, so a short wait costs it only a few more empty
fetches while idle.

**Partitions left behind by a rebalance.** Faust drops the events it fetched in the previous
consumer generation without acknowledging them, and aiokafka's ``seek_to_committed`` skips a
partition whose committed offset is 0 or unknown (``if offset and offset > 0``). A worker that
keeps a partition nobody has committed yet can so sit past unread events until the next
rebalance (seen in the cluster test: articles on monitor.articles that never reached
detection). ``reread_stalled`` watches for that state and reads such a partition again from its
committed offset. It costs at
most a duplicate, which the dedup and fired-alert tables absorb.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import faust
from faust.transport.drivers import aiokafka as faust_aiokafka

from monitor import logging, metrics

log = logging.get("monitor.transport")


def use_fetch_wait(app: faust.App, seconds: float) -> None:
    """Make every consumer of ``app`` wait at most ``seconds`` for fetched data."""
    wait_ms = max(1, int(seconds * 1000))

    class Thread(faust_aiokafka.AIOKafkaConsumerThread):
        def _create_worker_consumer(self, transport: Any) -> Any:
            consumer = super()._create_worker_consumer(transport)
            consumer._fetch_max_wait_ms = wait_ms  # read by aiokafka's Fetcher at start()
            return consumer

    class Consumer(faust_aiokafka.Consumer):
        def _new_consumer_thread(self) -> Thread:
            return Thread(self, loop=self.loop, beacon=self.beacon)

    app.transport.Consumer = Consumer


def reread_stalled(app: faust.App, topics: Iterable[str]) -> None:
    """At every check, read again from its committed offset any partition of ``topics`` that
    stayed behind its end for a whole check while no event of that topic was in hand: events
    that exist but that nothing is working on. Checks come every two commit intervals (5.6 s
    by default): sooner, events handled but not yet committed would look stalled and be read twice."""
    watched = frozenset(topics)
    every = 2 * app.conf.broker_commit_interval
    behind_at: dict[Any, int] = {}  # partition -> committed offset seen behind the end last time

    @app.timer(every, name="monitor.reread_stalled")
    async def reread_stalled_partitions() -> None:
        consumer = app.consumer
        if app.rebalancing or not app.tables.recovery.completed.is_set() or not consumer.flow_active:
            behind_at.clear()  # a rebalance seeks by itself; judge again once it is over
            return
        busy = {message.tp.topic for message in list(consumer._unacked_messages) if not message.acked}
        behind: dict[Any, int] = {}
        for tp in consumer.assignment():
            if tp.topic not in watched or tp.topic in busy:
                continue
            committed = consumer._committed_offset.get(tp) or 0  # the next offset to read
            end = consumer.highwater(tp)
            if end is not None and end > committed:
                behind[tp] = committed
        for tp, committed in list(behind.items()):
            if behind_at.get(tp) == committed:
                log.warning("partition stalled; reading it again from its committed offset",
                            topic=tp.topic, partition=tp.partition, offset=committed)
                metrics.partition_rereads.labels(topic=tp.topic).inc()
                del behind[tp]  # give the seek a whole check before judging again
                try:
                    await consumer.seek(tp, committed)
                except Exception as exc:  # noqa: BLE001 - a timer that raises crashes the worker
                    log.error("partition not read again", topic=tp.topic, partition=tp.partition,
                              error=str(exc) or type(exc).__name__)
        behind_at.clear()
        behind_at.update(behind)
