"""Detection x rules -> alerts. Pure: no clock, no I/O; the caller passes ``now``."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from monitor.catalog import Condition, Near, Rule
from monitor.models import ActorHit, Alert, Detection, KeywordHit

Hits = tuple[ActorHit, ...] | tuple[KeywordHit, ...]


def matching(rules: Iterable[Rule], detection: Detection) -> list[Rule]:
    """Rules whose every stated condition holds (an absent condition holds)."""
    title = detection.article.title if detection.article else None
    title_end = len(title) if title else 0  # the document opens with the title (contracts.md)
    return [
        rule for rule in rules
        if (rule.actors is None or holds(rule.actors, detection.actors, title_end))
        and (rule.keywords is None or holds(rule.keywords, detection.keywords, title_end))
    ]


def holds(condition: Condition, hits: Hits, title_end: int = 0) -> bool:
    """Whether ``hits`` (a detection's actors or keywords) satisfy ``condition``; the document's
    first ``title_end`` characters are its title."""
    found = {hit.id for hit in hits if _count(hit, condition.title_only, title_end) >= condition.min_count}
    return (
        (not condition.any or any(i in found for i in condition.any))
        and all(i in found for i in condition.all)
        and not any(i in found for i in condition.none)
        and (condition.near is None or _near(condition.near, hits, condition.title_only, title_end))
    )


def _count(hit: ActorHit | KeywordHit, title_only: bool, title_end: int) -> int:
    if not title_only:
        return hit.count  # mentions outside page furniture
    return sum(1 for m in hit.mentions if not m.furniture and m.end <= title_end)


def _words(hit: ActorHit | KeywordHit, title_only: bool, title_end: int) -> list[int]:
    return sorted(m.word for m in hit.mentions
                  if m.word is not None and not m.furniture and (not title_only or m.end <= title_end))


def _near(near: Near, hits: Hits, title_only: bool, title_end: int) -> bool:
    """Whether some mention of one id has at most ``near.words`` words between it and some
    mention of the other ("drones ont mené une attaque": three words between)."""
    by_id = {hit.id: hit for hit in hits}
    if near.ids[0] not in by_id or near.ids[1] not in by_id:
        return False
    first, second = (_words(by_id[i], title_only, title_end) for i in near.ids)
    i = j = 0
    while i < len(first) and j < len(second):  # both sorted: walk the nearer pair forward
        if abs(first[i] - second[j]) <= near.words + 1:
            return True
        if first[i] < second[j]:
            i += 1
        else:
            j += 1
    return False


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
        for rule in matching(rules, detection)
    ]
