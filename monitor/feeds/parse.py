"""Feed bytes -> plain-text entries. Pure: no I/O, so every quirk met in the wild becomes a test.

feedparser does the forgiving part (RSS 0.9x to Atom 1.0, broken XML, odd encodings, dates).
Around it, this module keeps three promises to the stages downstream:

* Safety. The DOCTYPE, with any internal DTD subset, is cut from the bytes before feedparser
  sees them, so entity-expansion bombs have nothing to expand. feedparser's own HTML
  sanitizer is switched off (it is quadratic on some inputs, and we keep no markup anyway):
  every text field goes through ``html_to_text``, every URL is absolute http(s) with markup
  characters escaped, and every field is capped.
* Plain text. Detection counts offsets in ``title``, ``summary`` and ``text``; markup in them
  would shift offsets and leak into alerts.
* A clear verdict. ``bozo`` only records that the XML was repaired; a body is refused
  (ParseError) only when it is neither a feed nor an HTML page. An HTML page is not an error
  either: it is reported with the feeds it advertises, so the caller can suggest one.
"""

from __future__ import annotations

import codecs
import io
import math
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from html import unescape
from typing import Any
from urllib.parse import urljoin, urlsplit

import feedparser

from monitor.errors import ParseError
from monitor.html import html_to_text
from monitor.models import iso


@dataclass(frozen=True)
class ParsedEntry:
    url: str
    guid: str
    title: str
    summary: str
    text: str
    published: str | None
    language: str | None


@dataclass(frozen=True)
class ParsedFeed:
    title: str
    entries: tuple[ParsedEntry, ...]
    bozo: bool
    ttl_seconds: float | None
    is_html: bool = False
    alternate_links: tuple[str, ...] = ()
    hub_links: tuple[str, ...] = ()  # WebSub hubs the feed advertises (<link rel="hub">, atom:link in RSS)
    self_link: str | None = None  # the feed's own canonical URL (rel="self"): the WebSub topic


# The prolog before a DOCTYPE: whitespace, the XML declaration or other PIs, comments.
_PROLOG_ITEM = re.compile(rb"\s+|<\?.*?\?>|<!--.*?-->", re.DOTALL)
# Possessive quantifiers, and no way to step over an unterminated comment or quote, keep a
# hostile DOCTYPE to one linear scan.
_DOCTYPE = re.compile(
    rb"""<!DOCTYPE(?:[^\[>"']++|"[^"]*+"|'[^']*+')*+"""
    rb"""(?:\[(?:[^\]"'<]++|"[^"]*+"|'[^']*+'|<!--.*?-->|<(?!!--))*+\]\s*+)?>""",
    re.IGNORECASE | re.DOTALL,
)
_ENCODING_DECL = re.compile(rb"""^(\s*<\?xml[^>]*?)\s+encoding\s*=\s*(?:"[^"]*"|'[^']*')""")
# Encodings that are not ASCII-compatible, so a bytes regex cannot see their DOCTYPE: by BOM,
# else by the NUL bytes around the first "<" (UTF-32 before UTF-16, whose BOMs overlap).
_WIDE = (
    (re.compile(re.escape(codecs.BOM_UTF32_LE) + rb"|<\x00\x00\x00"), "utf-32-le"),
    (re.compile(re.escape(codecs.BOM_UTF32_BE) + rb"|\x00\x00\x00<"), "utf-32-be"),
    (re.compile(re.escape(codecs.BOM_UTF16_LE) + rb"|<\x00[^\x00]\x00"), "utf-16-le"),
    (re.compile(re.escape(codecs.BOM_UTF16_BE) + rb"|\x00<\x00[^\x00]"), "utf-16-be"),
)
_HTML_FIRST = re.compile(r"(?:\s|<!--.*?-->|<\?.*?\?>)*<(?:!doctype\s+html|html[\s>])", re.IGNORECASE | re.DOTALL)
_HTML_START = re.compile(r"<(?:!doctype\s+html|html[\s>]|head[\s>]|body[\s>])", re.IGNORECASE)
_HTML_CHARSET = re.compile(rb"""<meta[^>]{0,512}?charset\s*=\s*["']?([A-Za-z0-9_.:-]{1,40})""", re.IGNORECASE)
_LINK_START = re.compile(r"<(link|base)\s", re.IGNORECASE)
_ATTRIBUTE = re.compile(r"""([a-zA-Z_:][-a-zA-Z0-9_:.]*)\s*=\s*("[^"]*"|'[^']*'|[^\s"'>]+)""")
_TITLE = re.compile(r"<title(?:\s[^>]{0,1024})?>", re.IGNORECASE)
_TITLE_END = re.compile(r"</title", re.IGNORECASE)
_FEED_TYPES = frozenset({"application/rss+xml", "application/atom+xml"})
_LANGUAGE = re.compile(r"^[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*$")
_URL_UNSAFE = re.compile(r"""[\s<>"'`\\^{|}]""")
_PERIODS = {"hourly": 3600, "daily": 86400, "weekly": 604800, "monthly": 2629800, "yearly": 31557600}


def parse_feed(body: bytes, *, base_url: str, max_field_chars: int = 100_000) -> ParsedFeed:
    """Parse a fetched body; relative links are resolved against ``base_url`` (the final URL)."""
    cap = max_field_chars
    if _starts_as_html(body):  # feedparser would only spend seconds finding nothing
        return _html_page(body, base_url, cap)
    try:
        result = feedparser.parse(
            io.BytesIO(strip_doctype(body)),
            # Without a content type feedparser flags every body bozo; the XML declaration
            # (or a BOM) then decides the encoding, as for a local file.
            response_headers={"content-location": base_url, "content-type": "application/xml"},
            resolve_relative_uris=False,
            sanitize_html=False,
        )
    except Exception as exc:  # feedparser is forgiving, but a poller must survive its bugs
        raise ParseError(f"feedparser failed: {type(exc).__name__}") from exc
    feed = result.get("feed", {})
    raw_entries = result.get("entries", [])
    title = _text(feed.get("title", ""), cap)
    if not result.get("version") and not raw_entries:
        if _HTML_START.search(_decode_html(body[:4096])):
            return _html_page(body, base_url, cap)
        if not title:
            reason = str(result.get("bozo_exception") or "no feed elements").splitlines()[0][:200]
            raise ParseError(f"neither a feed nor an HTML page ({reason})")

    language = _language(feed.get("language"), (feed.get("title_detail") or {}).get("language"))
    entries = (_entry(raw, base_url, language, cap) for raw in raw_entries)
    return ParsedFeed(
        title=title,
        entries=tuple(entry for entry in entries if entry is not None),
        bozo=bool(result.get("bozo")),
        ttl_seconds=_ttl(feed),
        hub_links=_feed_links(feed, "hub", base_url, cap),
        self_link=next(iter(_feed_links(feed, "self", base_url, cap)), None),
    )


def strip_doctype(body: bytes) -> bytes:
    """The body without its DOCTYPE (and internal DTD subset): no entity declarations left
    to expand. UTF-16/32 bodies are re-encoded as UTF-8 so that the DOCTYPE can be seen."""
    if codec := _wide_codec(body):
        body = _ENCODING_DECL.sub(rb"\1", _decode_wide(body, codec).encode("utf-8"), count=1)
    pos = 3 if body.startswith(codecs.BOM_UTF8) else 0
    while (item := _PROLOG_ITEM.match(body, pos)) is not None:
        pos = item.end()
    if body[pos : pos + 9].upper() != b"<!DOCTYPE":
        return body
    doctype = _DOCTYPE.match(body, pos)
    # An unterminated DOCTYPE swallows the document, as it would in an XML parser.
    return body[:pos] + (body[doctype.end() :] if doctype else b"")


def _wide_codec(body: bytes) -> str | None:
    return next((codec for start, codec in _WIDE if start.match(body)), None)


def _decode_wide(body: bytes, codec: str) -> str:
    return body.decode(codec, errors="replace").removeprefix("\ufeff")


def _entry(raw: dict[str, Any], base_url: str, feed_language: str | None, cap: int) -> ParsedEntry | None:
    url = _entry_url(raw, base_url, cap)
    if url is None:
        return None
    contents = raw.get("content") or []
    details = [*contents, raw.get("summary_detail") or {}, raw.get("title_detail") or {}]
    return ParsedEntry(
        url=url,
        guid=_text(raw.get("id") or "", cap) or url,
        title=_text(raw.get("title", ""), cap),
        summary=_text(raw.get("summary", ""), cap),
        text=_text("\n\n".join(str(part.get("value", "")) for part in contents), cap),
        published=_published(raw.get("published_parsed") or raw.get("updated_parsed")),
        language=_language(*(detail.get("language") for detail in details)) or feed_language,
    )


def _entry_url(raw: dict[str, Any], base_url: str, cap: int) -> str | None:
    """The entry's own link, else a guid that is a URL (many feeds put the permalink there)."""
    links = [raw.get("link")]
    links += [link.get("href") for link in raw.get("links", []) if link.get("rel", "alternate") == "alternate"]
    for link in links:
        if url := _absolute(link, base_url, cap):
            return url
    guid = raw.get("id")
    return _absolute(guid, None, cap) if isinstance(guid, str) else None


def _absolute(link: Any, base_url: str | None, cap: int) -> str | None:
    """An absolute http(s) URL, or None; markup characters are percent-encoded so that no
    URL can close an attribute or open a tag in a sink that prints it."""
    if not isinstance(link, str) or not link.strip():
        return None
    try:
        url = urljoin(base_url, link.strip()) if base_url else link.strip()
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    url = _URL_UNSAFE.sub(lambda m: "%{:02X}".format(ord(m.group())), url)
    return url if len(url) <= min(cap, 8192) else None


def _feed_links(feed: dict[str, Any], rel: str, base_url: str, cap: int) -> tuple[str, ...]:
    found: list[str] = []
    for link in feed.get("links") or ():
        if isinstance(link, dict) and str(link.get("rel", "")).strip().lower() == rel:
            url = _absolute(link.get("href"), base_url, cap)
            if url and url not in found:
                found.append(url)
    return tuple(found[:8])  # a hostile feed could list thousands


def _text(value: Any, cap: int) -> str:
    if not isinstance(value, str) or not value:
        return ""
    # Markup is rarely ten times the text it wraps; the slice bounds the work on huge fields.
    return html_to_text(value[: cap * 10])[:cap].rstrip()


def _published(moment: Any) -> str | None:
    """feedparser's UTC struct_time -> ISO-8601 ending in Z; impossible dates -> None."""
    try:
        return iso(datetime(*moment[:6], tzinfo=UTC))
    except (TypeError, ValueError, OverflowError):
        return None


def _language(*candidates: Any) -> str | None:
    for candidate in candidates:
        if isinstance(candidate, str):
            tag = candidate.strip().replace("_", "-")
            if len(tag) <= 35 and _LANGUAGE.match(tag):
                return tag
    return None


def _ttl(feed: dict[str, Any]) -> float | None:
    """How long the publisher says the feed stays fresh: RSS <ttl> minutes, else sy:updatePeriod."""
    minutes = _positive(feed.get("ttl"))
    if minutes:
        return minutes * 60
    period = _PERIODS.get(str(feed.get("sy_updateperiod", "")).strip().lower())
    if period:
        return period / (_positive(feed.get("sy_updatefrequency")) or 1)
    return None


def _positive(value: Any) -> float | None:
    try:
        number = float(str(value).strip())
    except (TypeError, ValueError):
        return None
    return number if 0 < number < math.inf else None


# --- HTML pages -------------------------------------------------------------------------
def _starts_as_html(body: bytes) -> bool:
    """Whether the first thing in the body, after any prolog, is an HTML doctype or <html>."""
    return bool(_HTML_FIRST.match(_decode_html(body[:1024]).lstrip("\ufeff")))


def _html_page(body: bytes, base_url: str, cap: int) -> ParsedFeed:
    """A page is no feed, so never bozo: what matters is the feeds it advertises."""
    page = _decode_html(body)
    return ParsedFeed(
        title=_page_title(page, cap),
        entries=(),
        bozo=False,
        ttl_seconds=None,
        is_html=True,
        alternate_links=_alternates(page, base_url, cap),
    )


def _decode_html(body: bytes) -> str:
    if codec := _wide_codec(body):
        return _decode_wide(body, codec)
    if body.startswith(codecs.BOM_UTF8):
        return body[3:].decode("utf-8", errors="replace")
    declared = _HTML_CHARSET.search(body[:4096])
    try:
        codec = codecs.lookup(declared.group(1).decode("ascii")).name if declared else "utf-8"
    except LookupError:
        codec = "utf-8"
    return body.decode(codec, errors="replace")


def _page_title(page: str, cap: int) -> str:
    opening = _TITLE.search(page)
    if opening is None:
        return ""
    closing = _TITLE_END.search(page, opening.end())
    return _text(page[opening.end() : closing.start() if closing else opening.end() + 1024], cap)


def _alternates(page: str, base_url: str, cap: int) -> tuple[str, ...]:
    """Feed autodiscovery: <link rel="alternate" type="application/rss+xml|atom+xml" href>,
    resolved against <base href> when the page has one."""
    base, found, pos = base_url, [], 0
    while tag := _LINK_START.search(page, pos):
        end = page.find(">", tag.end())
        if end < 0:
            break
        pos = end + 1
        attributes = {name.lower(): value.strip("\"'").strip() for name, value in _ATTRIBUTE.findall(page, tag.end(), end)}
        if tag.group(1).lower() == "base":
            base = _absolute(unescape(attributes.get("href", "")), base_url, cap) or base
        elif (
            "alternate" in attributes.get("rel", "").lower().split()
            and attributes.get("type", "").lower().split(";")[0].strip() in _FEED_TYPES
        ):
            url = _absolute(unescape(attributes.get("href", "")), base, cap)
            if url and url not in found:
                found.append(url)
    return tuple(found)
