"""Full text for feeds that only carry a teaser (``fulltext: true`` in feeds.yaml).

Each new entry's article page is fetched with the poller's own Fetcher (so the same network
guard, redirect, size and time limits), under the page host's politeness slot and a small
cap on pages in flight, and its main text is extracted by trafilatura in the poller's process
pool: extraction is CPU-bound and must never run on the event loop.

Extraction favours precision: no comments, tables, links or images, and the lines of site
furniture that survive inside an article body ("Lire aussi : ...", share prompts) are dropped.
Whatever goes wrong (fetch error, blocked address, too large, not HTML, no main text)
the entry keeps the feed's own text, else its summary; the outcome is counted in
``monitor_fulltext_total{outcome}`` and a fallback is logged once with the feed id and the
reason (which names the host at most, never the URL: query strings hold tokens).
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Awaitable, Callable
from urllib.parse import urlsplit

from monitor import logging, metrics
from monitor.errors import FetchError, ParseError
from monitor.feeds.fetch import FetchResult
from monitor.html import html_to_text

log = logging.get("monitor.feeds")

PAGES_AT_ONCE = 4  # article pages in flight at once, all feeds together
MAX_TEXT_CHARS = 100_000  # as every field the feed parser keeps
MIN_TEXT_CHARS = 100  # less is a menu or a caption, not an article: the summary says more
EXTRACT_TIMEOUT = 30.0  # seconds; a page that takes longer falls back to the summary
_HTML_TYPES = ("text/html", "application/xhtml+xml")

# Lines of site furniture that trafilatura keeps when they sit inside the article body. Short
# lines only, shorter still for prompts whose first word can begin a real sentence.
_FURNITURE = (
    (re.compile(r"(?:[àa]\s+)?(?:lire|voir)\s+(?:aussi|[ée]galement)\b|sur\s+le\s+m[êe]me\s+sujet\b"
                r"|(?:read|see)\s+also\b|related\s*:", re.IGNORECASE), 300),
    (re.compile(r"(?:partager|partagez|suivez[- ]nous|abonnez[- ]vous|share|follow\s+us)\b", re.IGNORECASE), 60),
)


class Unusable(Exception):
    """The page was fetched but gave no text (not HTML, nothing extracted)."""


def extract_main_text(body: bytes, url: str, charset: str | None = None, title: str = "",
                      max_chars: int = MAX_TEXT_CHARS) -> str:
    """The main text of an article page as plain text ("" when none is found). Runs in a
    worker process: trafilatura is imported there only, on first use."""
    import trafilatura

    document: bytes | str = body
    if charset:
        try:
            document = body.decode(charset, errors="replace")
        except LookupError:  # an unknown charset name: let trafilatura guess from the bytes
            pass
    text = trafilatura.extract(
        document, url=url, favor_precision=True, include_comments=False, include_tables=False,
        include_links=False, include_images=False, include_formatting=False, deduplicate=False,
        with_metadata=False, output_format="txt",
    ) or ""
    # trafilatura's text is unescaped: an article quoting "<script>" must not publish the tag
    return _clean(html_to_text(text), title)[:max_chars].strip()


def _clean(text: str, title: str) -> str:
    lines = [line for line in text.split("\n") if not _is_furniture(line.strip())]
    # the page repeats the headline the entry already carries as its title
    while lines and not lines[0].strip():
        lines.pop(0)
    if lines and title and _same(lines[0], title):
        lines.pop(0)
    return "\n".join(lines).strip()


def _is_furniture(line: str) -> bool:
    return any(len(line) <= longest and pattern.match(line) for pattern, longest in _FURNITURE)


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def _charset(content_type: str | None) -> str | None:
    for param in (content_type or "").split(";")[1:]:
        name, _, value = param.strip().partition("=")
        if name.strip().lower() == "charset" and value.strip().strip('"\''):
            return value.strip().strip('"\'')
    return None


def _is_html(content_type: str | None) -> bool:
    media = (content_type or "").split(";")[0].strip().lower()
    return not media or media in _HTML_TYPES


class FullText:
    """Fetches article pages and extracts their main text.

    ``fetch`` is the poller's Fetcher.fetch; ``extract`` runs ``extract_main_text`` off the
    event loop (the poller's process pool); ``host_slot(url)`` is the poller's per-host
    semaphore, so pages and feeds of one host share its politeness limit. Hold no host slot
    when calling ``text()``: it takes the page host's slot itself.
    """

    def __init__(self, fetch: Callable[[str], Awaitable[FetchResult]],
                 extract: Callable[[bytes, str, str | None, str], Awaitable[str]],
                 host_slot: Callable[[str], asyncio.Semaphore], *, pages_at_once: int = PAGES_AT_ONCE) -> None:
        self._fetch = fetch
        self._extract = extract
        self._host_slot = host_slot
        self._pages = asyncio.Semaphore(pages_at_once)

    async def text(self, feed_id: str, url: str, title: str, fallback: str) -> str:
        """The article's main text, or ``fallback`` when the page gives none. Never raises."""
        try:
            async with self._host_slot(url), self._pages:
                result = await self._fetch(url)
            if not _is_html(result.content_type):
                raise Unusable(f"not an HTML page ({(result.content_type or '').split(';')[0].strip()[:60]})")
            async with asyncio.timeout(EXTRACT_TIMEOUT):
                text = await self._extract(result.body or b"", result.url, _charset(result.content_type), title)
            if len(text) < MIN_TEXT_CHARS:
                raise Unusable(f"no main text found in the page ({len(text)} characters)")
        except (FetchError, ParseError, Unusable) as exc:
            return self._fell_back(feed_id, url, str(exc), fallback)
        except TimeoutError:
            return self._fell_back(feed_id, url, f"extraction took over {EXTRACT_TIMEOUT:g} s", fallback)
        except Exception as exc:  # a bad page must never cost the entry itself
            return self._fell_back(feed_id, url, type(exc).__name__, fallback)
        metrics.fulltext.labels(outcome="extracted").inc()
        return text

    @staticmethod
    def _fell_back(feed_id: str, url: str, reason: str, fallback: str) -> str:
        metrics.fulltext.labels(outcome="fallback").inc()
        log.info("full text unavailable, kept the feed's text", feed_id=feed_id,
                 host=urlsplit(url).hostname or "?", reason=reason)
        return fallback
