"""HTML to plain text, for everything a feed hands us (titles, summaries, article bodies).

Detection and alert sinks only ever see plain text: keyword offsets then mean the same thing
in every stage, and a chat or HTML sink cannot be made to run a publisher's ``<script>``.

The tokenizer is a few regular expressions rather than ``html.parser``: on Python 3.11.7 the
stdlib parser is quadratic on unclosed constructs (400 KB of ``<!--`` took six minutes), and
feed bodies are untrusted. Every scan here moves forward, so the cost is linear in the input.
Entities are decoded by the stdlib ``html.unescape``. The one promise kept whatever the input:
the output contains nothing a browser would read as a tag.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from html import unescape

# Skipped with their content up to the matching end tag: code, styling and chrome, never prose.
# Those in _RAW hold raw text (a "<p>" inside a script is not a tag), so they end only at
# their own end tag; the others nest and are counted.
_RAW = frozenset({"script", "style", "noscript", "iframe", "textarea", "title", "noembed", "noframes", "xmp"})
_NESTED = frozenset({"svg", "math", "form", "template", "object", "select"})
_BREAKS = frozenset({"tr", "li", "dt", "dd", "figcaption", "caption", "summary"})
_PARAGRAPHS = frozenset({
    "p", "div", "section", "article", "aside", "header", "footer", "nav", "main", "blockquote",
    "pre", "ul", "ol", "dl", "table", "figure", "address", "details", "hr",
    "h1", "h2", "h3", "h4", "h5", "h6",
})
_CELLS = frozenset({"td", "th"})

_HTML_HINT = re.compile(
    r"<[a-z][a-z0-9]*(?:\s[^<>]*)?/?>|</[a-z][a-z0-9]*\s*>|<!--"
    r"|&(?:#\d{1,7}|#x[0-9a-f]{1,6}|[a-z][a-z0-9]{1,31});",
    re.IGNORECASE,
)
_MARKUP = re.compile(r"<[a-zA-Z/!?]")
# A tag whose quoted attribute values may hold ">"; quotes are bounded so that a stray one
# cannot make each later "<" rescan the rest of the document.
_QUOTED_TAG = re.compile(r"""</?([a-zA-Z][^\s/>]*)(?:[^>"']++|"[^"]{0,4096}+"|'[^']{0,4096}+'|["'])*+>""")
_PLAIN_TAG = re.compile(r"</?([a-zA-Z][^\s/>]*)")
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SPACES = re.compile(r"[^\S\n]+")
_BLANK_LINES = re.compile(r"\n{3,}")
_MAX_PASSES = 3


def looks_like_html(text: str) -> bool:
    """Whether text carries tags or entities, so that its own line breaks mean nothing."""
    return bool(_HTML_HINT.search(text))


def html_to_text(html: str) -> str:
    """Readable plain text of an HTML fragment, a whole page, or text that is already plain.

    Feeds often escape their HTML twice, so text that still reads as HTML is stripped again
    (an article *about* ``&lt;p&gt;`` loses the tag name: the safe side of the ambiguity).
    """
    text = html
    for _ in range(_MAX_PASSES):
        if not looks_like_html(text):
            break
        text = _strip(text)
    return _tidy(text)


def _tidy(text: str) -> str:
    text = _CONTROLS.sub("", text.replace("\r\n", "\n").replace("\r", "\n").replace("\xa0", " "))
    # What is left of "<x" is text; a space after "<" keeps every browser reading it so.
    text = _MARKUP.sub(lambda m: "< " + m.group()[1:], text)
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def _strip(html: str) -> str:
    parts: list[str] = []
    hidden = 0  # depth inside _NESTED elements
    owed = 0  # line breaks due before the next words; block edges merge, <br>s add up
    for kind, value, _ in _tokens(html):
        if kind == "text":
            words = "" if hidden else _words(unescape(value))
            if owed and words.strip():
                parts.append("\n" * owed if parts else "")
                owed = 0
            if not owed:
                parts.append(words)
        elif value in _NESTED:
            if kind == "start":
                hidden += 1
            elif kind == "end":
                hidden = max(0, hidden - 1)
        elif hidden:
            continue
        elif value == "br":
            owed += 1
        elif value in _PARAGRAPHS:
            owed = max(owed, 2)
        elif value in _BREAKS:
            owed = max(owed, 1)
        elif value in _CELLS:
            parts.append(" ")
    return "".join(parts)


def _tokens(html: str) -> Iterator[tuple[str, str, int]]:
    """("text", data, where), or ("start" | "end" | "empty", tag name, where). Comments,
    declarations and raw-text elements (with their content) yield nothing."""
    quoted = True  # honour quotes in tags until one quote-aware scan has failed
    pos, size = 0, len(html)
    while pos < size:
        found = _MARKUP.search(html, pos)
        start = found.start() if found else size
        if start > pos:
            yield "text", html[pos:start], pos
        if not found:
            return
        if html.startswith("<!--", start):
            end = html.find("-->", start + 4)
            pos = size if end < 0 else end + 3
            continue
        close = html.find(">", start)
        if close < 0:  # a tag cut off by the end of input shows nothing, as in a browser
            return
        plain = _PLAIN_TAG.match(html, start, close)
        if plain is None:  # <!declaration>, <?instruction>, </ >
            pos = close + 1
            continue
        tag = _QUOTED_TAG.match(html, start) if quoted else None
        if tag is None:
            quoted, tag, pos = False, plain, close + 1
        else:
            pos = tag.end()
        name = tag.group(1).lower()
        kind = "end" if html[start + 1] == "/" else "empty" if html[pos - 2] == "/" else "start"
        if kind == "start" and name in _RAW:
            end = _raw_end(name).search(html, pos)
            pos = size if end is None else end.end()
        else:
            yield kind, name, start


@cache
def _raw_end(name: str) -> re.Pattern[str]:
    return re.compile(rf"</{name}(?:[\s/][^>]*)?(?:>|\Z)", re.IGNORECASE)


_ENTITY = re.compile(r"&(?:#\d{1,7}|#x[0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});?")


@dataclass(frozen=True)
class Located:
    """Visible text of an HTML document, each character with the input span it came from."""

    text: str
    starts: array
    ends: array

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The input span of the text span [start, end)."""
        return self.starts[start], self.ends[end - 1] if end > start else self.starts[start]


def visible_text_located(html: str) -> Located:
    """Markup, comments, scripts and styles leave one space (block edges a newline), entities
    their character; every character remembers where it stood in the input, so a match found
    in the text can be reported at its offsets in the document, as `analyze` promises."""
    chars: list[str] = []
    starts, ends = array("l"), array("l")

    def put(char: str, begin: int, finish: int) -> None:
        chars.append(char)
        starts.append(begin)
        ends.append(finish)

    hidden = 0
    for kind, value, where in _tokens(html):
        if kind == "text":
            if hidden:
                continue
            pos = 0
            for entity in _ENTITY.finditer(value):
                for i in range(pos, entity.start()):
                    put(value[i], where + i, where + i + 1)
                decoded = unescape(entity.group()).replace("\xa0", " ")
                for char in decoded:
                    put(char, where + entity.start(), where + entity.end())
                pos = entity.end()
            for i in range(pos, len(value)):
                put(value[i], where + i, where + i + 1)
        elif value in _NESTED:
            hidden = hidden + 1 if kind == "start" else max(0, hidden - 1) if kind == "end" else hidden
        elif not hidden:
            put("\n" if value in _PARAGRAPHS | _BREAKS | {"br"} else " ", where, where + 1)
    return Located("".join(chars), starts, ends)


def _words(data: str) -> str:
    """Collapse whitespace but keep one space at either edge, so that ``<b>a</b> b`` stays
    two words and ``a<b>b</b>`` stays one."""
    core = " ".join(data.split())
    if not core:
        return " " if data else ""
    return (" " if data[0].isspace() else "") + core + (" " if data[-1].isspace() else "")
