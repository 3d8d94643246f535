"""The one way an agent handles events: a failure never stops the agent and never vanishes.

Faust acknowledges an event even when its handler raised, so a handler error that escaped
would silently drop the event. ``each_event`` catches it, logs it with the event's key, and
publishes the event with its error to monitor.dead-letters (arroyo's "poison: dead-letter it").
Transient trouble is retried inside the handlers (see alerts.sinks.deliver_with_retry).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import faust
import structlog

from monitor import logging, metrics
from monitor.models import DeadLetter
from monitor.topics import DEAD_LETTERS

log = logging.get("monitor.deadletters")

Handler = Callable[[bytes | None, bytes | None], Awaitable[None]]


async def each_event(stream: faust.StreamT, source: str, handler: Handler, dead_letters: faust.TopicT) -> None:
    async for event in stream.events():
        key, value = event.key, event.value
        # ids bound while handling the previous event must not label this one's log lines
        structlog.contextvars.clear_contextvars()
        try:
            await handler(key, value)
        except Exception as exc:  # noqa: BLE001 - every failure is dead-lettered, by design
            await send(dead_letters, source, exc, key, value)


async def send(dead_letters: faust.TopicT, source: str, error: BaseException | str,
               key: bytes | None, value: bytes | None) -> None:
    letter = DeadLetter.of(source, error, value, key)
    metrics.dead_letters.labels(topic=source).inc()
    log.warning("event dead-lettered", topic=source, key=letter.key, error=letter.error)
    try:
        await dead_letters.send(key=key, value=letter.to_json())
    except Exception as exc:  # the broker itself is failing: say so loudly, with the ids
        log.error("dead letter not delivered", topic=source, key=letter.key,
                  error=letter.error, cause=type(exc).__name__, dead_letter_topic=DEAD_LETTERS)
