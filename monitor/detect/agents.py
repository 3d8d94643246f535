"""The detection stage on Kafka: monitor.articles -> monitor.detections."""

from __future__ import annotations

import faust
import structlog

from monitor import metrics
from monitor.deadletters import each_event
from monitor.detect.pipeline import Detector
from monitor.models import Article, Detection, decode, parse_iso
from monitor.topics import ARTICLES, Topics


def document(article: Article) -> str:
    """The text detection reads: title, blank line, body (full text, else the summary).
    Mention offsets on monitor.detections index this string."""
    return "\n\n".join(part for part in (article.title, article.text or article.summary) if part)


def detection_of(detector: Detector, article: Article) -> Detection:
    # role aliases ("le Président de la Transition") resolve to whoever held the role that day
    when = parse_iso(article.published).date() if article.published else None
    found = detector.detect(document(article), date=when)
    return Detection(article_id=article.id, language=found.language or article.language,
                     actors=found.actors, keywords=found.keywords, quotes=found.quotes,
                     candidates=found.candidates, article=article.ref())


def register(app: faust.App, topics: Topics, detector: Detector) -> None:
    async def detect(key: bytes | None, value: bytes | None) -> None:
        article = decode(Article, value, ARTICLES)
        structlog.contextvars.bind_contextvars(article_id=article.id, feed_id=article.feed_id)
        detection = detection_of(detector, article)
        metrics.detections.inc()
        metrics.mentions.labels(kind="actor").inc(sum(hit.count for hit in detection.actors))
        metrics.mentions.labels(kind="keyword").inc(sum(hit.count for hit in detection.keywords))
        await topics.detections.send(key=article.id.encode(), value=detection.to_json())

    @app.agent(topics.articles, name="detect")
    async def detect_agent(stream: faust.StreamT) -> None:
        await each_event(stream, ARTICLES, detect, topics.dead_letters)
