"""One exception tree for the whole monitor.

Every message starts with its stage, so a log line or a CLI error says where it came from::

    MonitorError
     ├── ConfigError          config: rules.yaml: rules[2] (id=x): severity: ...
     ├── FetchError           fetch: ...              (retryable unless noted)
     │    ├── BlockedAddress  fetch: ... is a private address   (never retried)
     │    ├── TooLarge        fetch: body over N bytes          (never retried)
     │    ├── FetchTimeout    fetch: no answer within N s
     │    └── HTTPStatus      fetch: HTTP 503
     ├── ParseError           parse: ...              (the feed's bytes are not a feed)
     ├── MessageError         message: monitor.articles: ...    (poison: dead-letter it)
     ├── SinkError            sink: archive: ...      (retry, then dead-letter the alert)
     ├── BrokerError          broker: ...             (the embedded broker would not start)
     └── NerUnavailable       ner: ...                (spaCy or its model is not installed)

``retryable`` tells the caller whether trying again later can help (arroyo's split between
backpressure and poison): a timeout can pass, a malformed message never will.
"""

from __future__ import annotations


class MonitorError(Exception):
    stage = "monitor"
    retryable = False

    def __init__(self, message: str) -> None:
        self.message = message
        super().__init__(f"{self.stage}: {message}")

    def __reduce__(self):  # pickled across processes (the parser pool) without a second prefix
        return type(self), (self.message,)


class ConfigError(MonitorError):
    """One or more config problems; ``problems`` holds one line each, already prefixed."""

    stage = "config"

    def __init__(self, problems: list[str] | str) -> None:
        self.problems = [problems] if isinstance(problems, str) else list(problems)
        self.problems = [p if p.startswith("config: ") else f"config: {p}" for p in self.problems]
        Exception.__init__(self, "\n".join(self.problems))

    def __reduce__(self):
        return type(self), (self.problems,)


class FetchError(MonitorError):
    stage = "fetch"
    retryable = True
    #: bounded metric label for this failure (monitor_feed_fetches_total{status})
    status = "error"


class BlockedAddress(FetchError):
    retryable = False
    status = "blocked"


class TooLarge(FetchError):
    retryable = False
    status = "too_large"


class FetchTimeout(FetchError):
    status = "timeout"


class HTTPStatus(FetchError):
    def __init__(self, code: int, message: str | None = None, retry_after: float | None = None) -> None:
        self.code = code
        self.retry_after = retry_after  # seconds the server asked us to wait (429, 503)
        self.status = f"{code // 100}xx"
        self.retryable = code in (408, 425, 429) or code >= 500
        super().__init__(message or f"HTTP {code}")

    def __reduce__(self):
        return type(self), (self.code, self.message, self.retry_after)


class ParseError(MonitorError):
    stage = "parse"
    status = "parse_error"


class MessageError(MonitorError):
    stage = "message"


class SinkError(MonitorError):
    stage = "sink"
    retryable = True


class BrokerError(MonitorError):
    stage = "broker"


class NerUnavailable(MonitorError):
    """spaCy or its model is missing: one line that says how to install them."""

    stage = "ner"
