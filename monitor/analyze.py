"""`media-monitor analyze`: the stream's detection code, offline, over files or stdin."""

from __future__ import annotations

import sys
from dataclasses import replace
from collections.abc import Sequence
from pathlib import Path

import orjson

from monitor.catalog import Watchlist, load_watchlist
from monitor.detect.ner import Discoverer, merge
from monitor.detect.pipeline import Detector, Findings, analysis_record
from monitor.errors import ConfigError
from monitor.models import Mention, Quote
from monitor.html import Located, looks_like_html, visible_text_located
from monitor.settings import Settings

MAX_INPUT_CHARS = 5_000_000


def read_input(path: str) -> str:
    try:
        if path == "-":
            raw = sys.stdin.buffer.read(MAX_INPUT_CHARS * 4 + 1)
        else:
            with open(path, "rb") as handle:
                raw = handle.read(MAX_INPUT_CHARS * 4 + 1)
    except OSError as exc:
        raise ConfigError(f"analyze: {path}: cannot read ({exc.strerror or exc})") from None
    text = raw.decode("utf-8", errors="replace")
    if len(text) > MAX_INPUT_CHARS:
        raise ConfigError(f"analyze: {path}: larger than {MAX_INPUT_CHARS:,} characters")
    return text


def in_input(findings: Findings, located: Located, original: str) -> Findings:
    """Findings on HTML's visible text, with offsets and snippets of the HTML as read."""

    def mention(item: Mention) -> Mention:
        start, end = located.span(item.start, item.end)
        return item.model_copy(update={"start": start, "end": end, "text": original[start:end]})

    def quote(item: Quote) -> Quote:  # a quote keeps its clean text; only its place moves
        start, end = located.span(item.start, item.end)
        return item.model_copy(update={"start": start, "end": end})

    def hits(items):
        return tuple(hit.model_copy(update={"mentions": tuple(map(mention, hit.mentions))}) for hit in items)

    return replace(findings, actors=hits(findings.actors), keywords=hits(findings.keywords),
                   quotes=tuple(map(quote, findings.quotes)))


def human(path: str, findings: Findings) -> str:
    lines = [f"{path}  (language: {findings.language or 'unknown'})"]
    for hit in findings.actors:
        furniture = sum(m.furniture for m in hit.mentions)
        note = f", +{furniture} in page furniture" if furniture else ""
        lines.append(f"  actor    {hit.id:<28} {hit.count:>3}x  {hit.name} ({hit.type}{note})")
    for hit in findings.keywords:
        lines.append(f"  keyword  {hit.id:<28} {hit.count:>3}x  {', '.join(sorted({m.text for m in hit.mentions})[:4])}")
    for quote in findings.quotes:
        text = quote.text if len(quote.text) <= 90 else quote.text[:87] + "..."
        lines.append(f"  quote    {quote.speaker or 'unattributed':<28} «{text}»")
    for candidate in findings.candidates:
        lines.append(f"  new name {candidate.name} ({candidate.type}, {candidate.count}x)")
    if len(lines) == 1:
        lines.append("  nothing from the watchlist")
    return "\n".join(lines)


def with_discovered(findings: Findings, text: str, discoverer: Discoverer | None) -> Findings:
    """The heuristic's new names and the model's as one list, counts summed per name."""
    if discoverer is None:
        return findings
    return replace(findings, candidates=merge(findings.candidates, discoverer.discover(text, findings)))


def analyze(paths: Sequence[str], *, settings: Settings, watchlist: str | None, as_json: bool,
            ner: bool = False) -> int:
    # only the watchlist matters here: a broken rules.yaml must not stop an analyst
    chosen: Watchlist = load_watchlist(Path(watchlist) if watchlist else settings.config_dir / "watchlist.yaml")
    detector = Detector(chosen)
    discoverer = Discoverer(detector) if ner else None
    if discoverer is not None:
        discoverer.load()  # before any output: without spaCy, one line (NerUnavailable) and nothing else
    for path in paths:
        text = read_input(path)
        if looks_like_html(text):
            # detection reads the visible text; offsets are then mapped back into the input
            located = visible_text_located(text)
            findings = with_discovered(detector.detect(located.text), located.text, discoverer)
            findings = in_input(findings, located, text)
        else:
            findings = with_discovered(detector.detect(text), text, discoverer)
        if as_json:
            sys.stdout.buffer.write(orjson.dumps(analysis_record(path, findings)) + b"\n")
        else:
            print(human(path, findings))
    sys.stdout.flush()
    return 0
