"""Faust's Kafka transport, with one knob Faust does not expose: how long a fetch may wait.

Faust hard-codes ``fetch_max_wait_ms=1500`` for its consumers. Tansu (the embedded broker)
holds a fetch for that long when some assigned partitions have no data, which made every hop of
the pipeline cost up to 1.5 s (measured: two hops took 825 ms at 1500 ms, 33 ms at 50 ms).
A real Kafka answers as soon as data arrives, so a short wait costs it only a few more empty
fetches while idle.
"""

from __future__ import annotations

from typing import Any

import faust
from faust.transport.drivers import aiokafka as faust_aiokafka


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
