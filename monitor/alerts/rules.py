"""Detection x rules -> alerts. Pure: no clock, no I/O; the caller passes ``now``."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from monitor.catalog import Rule
from monitor.models import Alert, Detection


def matching(rules: Iterable[Rule], actor_ids: frozenset[str], keyword_ids: frozenset[str]) -> list[Rule]:
    """Rules whose every stated condition holds (an absent condition holds)."""
    return [
        rule for rule in rules
        if (rule.actors is None or rule.actors.holds(actor_ids))
        and (rule.keywords is None or rule.keywords.holds(keyword_ids))
    ]


def alert_id(rule_id: str, article_id: str) -> str:
    """Stable, so a redelivered detection yields the same alert id and consumers can dedup."""
    return hashlib.sha256(f"{rule_id}\x00{article_id}".encode()).hexdigest()[:20]


def counted_ids(hits: Iterable) -> frozenset[str]:
    """Ids with at least one mention outside page furniture."""
    return frozenset(hit.id for hit in hits if hit.count > 0)


def evaluate(detection: Detection, rules: Iterable[Rule], now: str) -> list[Alert]:
    if detection.article is None:
        return []
    actor_ids = counted_ids(detection.actors)
    keyword_ids = counted_ids(detection.keywords)
    return [
        Alert(
            id=alert_id(rule.id, detection.article_id), rule=rule.id, severity=rule.severity,
            created_at=now, article=detection.article,
            actors=tuple(sorted(actor_ids)), keywords=tuple(sorted(keyword_ids)),
        )
        for rule in matching(rules, actor_ids, keyword_ids)
    ]
