"""media-monitor: RSS/Atom feeds through Kafka to detections, alerts and metrics."""

__version__ = "0.1.0"
