"""Where alerts leave the monitor: the only egress. Each sink has ``deliver()`` and ``close()``.

A sink raises SinkError when delivery failed; the caller retries and finally dead-letters the
alert. Messages never include a sink's secrets (chat webhook URLs, tokens) — only its id.
"""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Protocol, TextIO

import faust

from monitor.catalog import ConsoleSink, FileSink, KafkaSink, Sink
from monitor.errors import SinkError
from monitor.models import Alert


class AlertSink(Protocol):
    id: str

    async def deliver(self, alert: Alert) -> None: ...

    async def close(self) -> None: ...


class Console:
    """One human line per alert on stdout (logs go to stderr)."""

    def __init__(self, sink_id: str, stream: TextIO | None = None) -> None:
        self.id = sink_id
        self.stream = stream or sys.stdout

    async def deliver(self, alert: Alert) -> None:
        published = alert.article.published or "undated"
        who = ", ".join(alert.actors) or "-"
        line = f"ALERT [{alert.severity}] {alert.rule}: {alert.article.title or alert.article.url} " \
               f"({alert.article.feed_id}, {published}) actors={who} {alert.article.url}\n"
        try:
            self.stream.write(line)
            self.stream.flush()
        except (OSError, ValueError) as exc:
            raise SinkError(f"{self.id}: cannot write to the console ({exc})") from None

    async def close(self) -> None:
        return None


class JsonLines:
    """Appends one alert object per line, exactly as on monitor.alerts."""

    def __init__(self, sink_id: str, path: Path) -> None:
        self.id = sink_id
        self.path = path
        self._file: TextIO | None = None

    def _write(self, line: str) -> None:
        if self._file is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._file = open(self.path, "a", encoding="utf-8")  # noqa: SIM115 - kept open
        self._file.write(line)
        self._file.flush()

    async def deliver(self, alert: Alert) -> None:
        try:
            self._write(alert.to_json().decode("utf-8") + "\n")
        except OSError as exc:
            self._file = None
            raise SinkError(f"{self.id}: cannot append to {self.path} ({exc.strerror or exc})") from None

    async def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None


class KafkaTopic:
    """Publishes alerts, keyed by alert id, for other teams to consume."""

    def __init__(self, sink_id: str, topic: faust.TopicT) -> None:
        self.id = sink_id
        self.topic = topic

    async def deliver(self, alert: Alert) -> None:
        # Handed to the producer, not yet acknowledged: Faust flushes the producer before it
        # commits the detection's offset, so a crash before the ack replays the detection.
        try:
            await self.topic.send(key=alert.id.encode(), value=alert.to_json())
        except Exception as exc:  # aiokafka raises many kinds; all mean "not delivered"
            raise SinkError(f"{self.id}: cannot publish to {self.topic.get_topic_name()} ({type(exc).__name__})") from None

    async def close(self) -> None:
        return None


def build(config: Sink, data_dir: Path, topic_for: Callable[[str], faust.TopicT]) -> AlertSink:
    """A sink from its config; ``topic_for(name)`` gives the Faust topic of a kafka sink."""
    if isinstance(config, ConsoleSink):
        return Console(config.id)
    if isinstance(config, FileSink):
        path = Path(config.path)
        return JsonLines(config.id, path if path.is_absolute() else data_dir / path)
    if isinstance(config, KafkaSink):
        return KafkaTopic(config.id, topic_for(config.topic))
    raise TypeError(f"no sink for {type(config).__name__}")  # pragma: no cover - config validated


async def deliver_with_retry(sink: AlertSink, alert: Alert, attempts: int = 3, delay: float = 0.5) -> None:
    """Retry transient failures with a growing pause; the last failure propagates."""
    for attempt in range(1, attempts + 1):
        try:
            await sink.deliver(alert)
            return
        except SinkError:
            if attempt == attempts:
                raise
            await asyncio.sleep(delay * 2 ** (attempt - 1))
