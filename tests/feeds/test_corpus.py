"""parse_feed over feedparser's own test corpus: hundreds of odd, broken and hostile feeds."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from monitor.errors import ParseError
from monitor.feeds.parse import ParsedFeed, parse_feed
from support import CORPUS

MARKUP = re.compile(r"<[a-zA-Z/!?]|\bon[a-z]+\s*=", re.IGNORECASE)


def fields(feed: ParsedFeed) -> list[str]:
    return [feed.title, *feed.alternate_links] + [
        value
        for entry in feed.entries
        for value in (entry.url, entry.guid, entry.title, entry.summary, entry.text, entry.published or "", entry.language or "")
    ]



def test_corpus_parses_without_crash_or_markup():
    """Every corpus file gives a ParsedFeed or a ParseError, never another exception, and no field carries markup or a handler."""
    files = sorted(CORPUS.rglob("*.xml"))
    assert files, f"no *.xml under {CORPUS}"
    parsed, refused, leaks = 0, [], []
    started = time.monotonic()
    for path in files:
        try:
            feed = parse_feed(path.read_bytes(), base_url="http://example.org/feeds/test.xml")
        except ParseError as error:
            refused.append(f"{path.relative_to(CORPUS)}: {error}")
            continue
        parsed += 1
        leaks += [f"{path.relative_to(CORPUS)}: {value[:120]!r}" for value in fields(feed) if MARKUP.search(value)]
    elapsed = time.monotonic() - started
    assert not leaks, "\n".join(leaks[:20])
    assert parsed >= 0.95 * len(files), "\n".join(refused[:20])
    assert elapsed < 30, f"{len(files)} files took {elapsed:.1f} s"
