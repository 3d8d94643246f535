"""The one Settings object. Values flow one way: environment and CLI flags -> Settings -> callers.

No other module reads the environment. Each option is declared once in ``OPTIONS`` with its
environment variable, default and parser, so `media-monitor --help`, the README and the code
cannot disagree (Miniflux keeps its options in one table for the same reason).
"""

from __future__ import annotations

import dataclasses
import ipaddress
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from monitor.errors import ConfigError

Network = ipaddress.IPv4Network | ipaddress.IPv6Network

_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?\s*$")
_UNITS = {"ms": 0.001, "s": 1, "m": 60, "h": 3600, "d": 86400, None: 1}


def parse_duration(text: str | int | float) -> float:
    """'90s', '5m', '2h', '1d' or a bare number of seconds -> seconds."""
    if isinstance(text, (int, float)) and not isinstance(text, bool):
        return float(text)
    match = _DURATION.match(str(text))
    if not match:
        raise ValueError(f"{text!r} is not a duration such as 30s, 5m or 2h")
    return float(match.group(1)) * _UNITS[match.group(2)]


def parse_broker(text: str) -> str | None:
    """'kafka://h1:9092,h2:9092' -> itself, validated; empty -> None (embedded broker)."""
    text = text.strip()
    if not text:
        return None
    if not text.startswith("kafka://"):
        raise ValueError(f"{text!r} must look like kafka://host:port[,host:port]")
    for hostport in text.removeprefix("kafka://").split(","):
        host, _, port = hostport.rpartition(":")
        if not host or not port.isdigit() or not 0 < int(port) < 65536:
            raise ValueError(f"{hostport!r} in {text!r} is not host:port")
    return text


def parse_networks(text: str) -> tuple[Network, ...]:
    items = [part.strip() for part in text.split(",") if part.strip()]
    try:
        return tuple(ipaddress.ip_network(item, strict=False) for item in items)
    except ValueError as exc:
        raise ValueError(f"{text!r} is not a comma-separated list of CIDRs ({exc})") from None


def parse_port(text: str) -> int:
    port = int(text)
    if not 0 <= port < 65536:
        raise ValueError(f"{text!r} is not a TCP port")
    return port


def parse_size(text: str) -> int:
    match = re.fullmatch(r"\s*(\d+)\s*([kKmMgG]i?[bB]?|[bB])?\s*", str(text))
    if not match:
        raise ValueError(f"{text!r} is not a size such as 512k or 10MB")
    unit = (match.group(2) or "b")[0].lower()
    return int(match.group(1)) * {"b": 1, "k": 1024, "m": 1024**2, "g": 1024**3}[unit]


def parse_positive(text: str) -> int:
    number = int(text)
    if number < 1:
        raise ValueError(f"{text!r} is not a whole number of at least 1")
    return number


def parse_bool(text: str) -> bool:
    value = text.strip().lower()
    if value not in ("true", "false", "on", "off", "1", "0", "yes", "no"):
        raise ValueError(f"{text!r} is not true or false")
    return value in ("true", "on", "1", "yes")


def parse_public_url(text: str) -> str | None:
    """The base URL the internet reaches this monitor at (WebSub callbacks); empty -> None."""
    text = text.strip().rstrip("/")
    if not text:
        return None
    try:
        parts = urlsplit(text)
        _ = parts.port  # raises on a port that is not a number below 65536
    except ValueError:
        parts = None
    if (parts is None or parts.scheme not in ("http", "https") or not parts.hostname or parts.query
            or parts.fragment or "@" in parts.netloc or any(c.isspace() for c in text)):
        # not echoed: a mistyped value may hold credentials
        raise ValueError("must look like https://host[:port][/path], without credentials, query or fragment")
    return text


def parse_secret(text: str) -> str:
    # the message never repeats the value: settings errors reach the terminal and the logs
    if text and len(text) < 16:
        raise ValueError("must be at least 16 characters (the value is not shown)")
    return text


def parse_optional_duration(text: str) -> float | None:
    """A duration, or None when empty (the default then depends on the broker)."""
    return parse_duration(text) if text else None


def parse_positive_duration(text: str) -> float:
    seconds = parse_duration(text)
    if seconds <= 0:
        raise ValueError(f"{text!r} is not a duration above zero")
    return seconds


def parse_choice(*choices: str) -> Callable[[str], str]:
    def parse(text: str) -> str:
        if text not in choices:
            raise ValueError(f"{text!r} is not one of {', '.join(choices)}")
        return text

    return parse


@dataclass(frozen=True)
class Option:
    env: str
    default: str
    parse: Callable[[str], Any]
    help: str


OPTIONS: dict[str, Option] = {
    "config_dir": Option("MONITOR_CONFIG", "./config", Path, "directory holding feeds.yaml, watchlist.yaml, rules.yaml"),
    "broker": Option("MONITOR_BROKER", "", parse_broker, "kafka://host:port[,host:port]; empty starts the embedded broker"),
    "data_dir": Option("MONITOR_DATA_DIR", "./data", Path, "where file sinks and local state live"),
    "web_port": Option("MONITOR_WEB_PORT", "6066", parse_port, "port of /metrics and /healthz"),
    "web_host": Option("MONITOR_WEB_HOST", "127.0.0.1", str, "address the web server binds; 0.0.0.0 in containers"),
    "allow_networks": Option("MONITOR_ALLOW_NETWORKS", "", parse_networks, "CIDRs the fetcher may reach although private or loopback"),
    "log_format": Option("MONITOR_LOG_FORMAT", "auto", parse_choice("auto", "console", "json"), "auto: pretty on a terminal, JSON otherwise"),
    "log_level": Option("MONITOR_LOG_LEVEL", "info", parse_choice("debug", "info", "warning", "error"), "lowest level logged"),
    "app_id": Option("MONITOR_APP_ID", "media-monitor", str, "Kafka consumer group and topic prefix of internal topics"),
    "partitions": Option("MONITOR_PARTITIONS", "4", int, "partitions of every monitor.* topic (fixes the most workers per stage)"),
    "replicas": Option("MONITOR_REPLICAS", "1", int, "replication factor of topics the monitor creates"),
    "fetch_timeout": Option("MONITOR_FETCH_TIMEOUT", "20s", parse_duration, "total time allowed for one feed fetch"),
    "fetch_max_bytes": Option("MONITOR_FETCH_MAX_BYTES", "10MB", parse_size, "body cap, counted after decompression"),
    "fetch_concurrency": Option("MONITOR_FETCH_CONCURRENCY", "32", int, "feed fetches in flight at once"),
    "fetch_per_host": Option("MONITOR_FETCH_PER_HOST", "2", parse_positive, "feed fetches in flight at once to one host (politeness)"),
    "poll_adapt": Option("MONITOR_POLL_ADAPT", "true", parse_bool, "stretch a feed's interval to its publishing pace (never below the configured interval)"),
    "user_agent": Option("MONITOR_USER_AGENT", "media-monitor/0.1 (+https://github.com/media-monitor)", str, "User-Agent sent to publishers"),
    "ner": Option("MONITOR_NER", "false", parse_bool, "discover new names with spaCy on monitor.candidates (needs the extra ner)"),
    "backfill": Option("MONITOR_BACKFILL", "24h", parse_duration, "on a feed's first poll, publish only entries newer than this"),
    "consumer_fetch_wait": Option("MONITOR_CONSUMER_FETCH_WAIT", "50ms", parse_duration, "longest a Kafka fetch waits for data (each pipeline hop can cost this much)"),
    "rebalance_timeout": Option("MONITOR_REBALANCE_TIMEOUT", "", parse_optional_duration, "consumer-group rebalance timeout (default: 3s embedded, Faust's 60s on a cluster)"),
    "session_timeout": Option("MONITOR_SESSION_TIMEOUT", "", parse_optional_duration, "how long a silent worker keeps its partitions (and so its feeds) before the group moves them (default: 10s embedded, Faust's 60s on a cluster)"),
    "public_url": Option("MONITOR_PUBLIC_URL", "", parse_public_url, "base URL at which hubs reach this monitor's web port; unset turns WebSub off"),
    "websub_secret": Option("MONITOR_WEBSUB_SECRET", "", parse_secret, "master secret of WebSub callbacks (16+ characters); unset: random per process, so a cluster must set it"),
    "websub_lease": Option("MONITOR_WEBSUB_LEASE", "10d", parse_positive_duration, "WebSub subscription lease asked of hubs; renewed at 80% of the lease granted"),
    "websub_poll_interval": Option("MONITOR_WEBSUB_POLL_INTERVAL", "1h", parse_positive_duration, "safety-net poll interval of feeds pushed by a hub"),
}


@dataclass(frozen=True)
class Settings:
    config_dir: Path = Path("./config")
    broker: str | None = None
    data_dir: Path = Path("./data")
    web_port: int = 6066
    web_host: str = "127.0.0.1"
    allow_networks: tuple[Network, ...] = ()
    log_format: str = "auto"
    log_level: str = "info"
    app_id: str = "media-monitor"
    partitions: int = 4
    replicas: int = 1
    fetch_timeout: float = 20.0
    fetch_max_bytes: int = 10 * 1024 * 1024
    fetch_concurrency: int = 32
    fetch_per_host: int = 2
    poll_adapt: bool = True
    user_agent: str = "media-monitor/0.1"
    ner: bool = False
    backfill: float = 86400.0
    consumer_fetch_wait: float = 0.05
    rebalance_timeout: float | None = None
    session_timeout: float | None = None
    public_url: str | None = None
    websub_secret: str = dataclasses.field(default="", repr=False)
    websub_lease: float = 864000.0
    websub_poll_interval: float = 3600.0

    @property
    def embedded(self) -> bool:
        return self.broker is None

    @classmethod
    def load(cls, env: Mapping[str, str], **overrides: Any) -> Settings:
        """Build from an environment mapping, then CLI overrides (None means 'not given')."""
        values: dict[str, Any] = {}
        problems: list[str] = []
        for name, option in OPTIONS.items():
            raw = overrides.get(name)
            source = f"--{name.replace('_', '-')}"
            if raw is None:
                raw, source = env.get(option.env, option.default), option.env
            try:
                values[name] = option.parse(str(raw)) if not isinstance(raw, (int, Path)) else raw
            except (ValueError, TypeError) as exc:
                problems.append(f"settings: {source}: {exc}")
        if problems:
            raise ConfigError(problems)
        return cls(**values)

    def replace(self, **changes: Any) -> Settings:
        return dataclasses.replace(self, **changes)
