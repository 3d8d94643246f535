"""Load the labelled sets and score a detector on them (see the package docstring)."""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import yaml

from monitor.catalog import Watchlist, load_watchlist
from monitor.detect.pipeline import Detector

DATA = Path(__file__).resolve().parent / "data"
ROOT = Path(__file__).resolve().parent.parent
SEEDS = Path(os.environ.get("MONITOR_SHARED", ROOT.parent / "shared")) / "seeds"
LAST_FRESH = 90  # fresh2 … fresh90: a new round of blind sets raises it once the round is scored
SETS = {"dev": ("dev.yaml", "dev_watchlist.yaml"), "heldout": ("heldout.yaml", "heldout_watchlist.yaml"),
        "fresh": ("fresh.yaml", "fresh_watchlist.yaml"),
        **{f"fresh{n}": (f"fresh{n}.yaml", f"fresh{n}_watchlist.yaml") for n in range(2, LAST_FRESH + 1)}}

Span = tuple[int, int, str | None]  # [start, end) and an id (a quote's speaker may be None)
_MARKUP = re.compile(r"\[([^\[\]|]+)\|([a-z0-9-]+)\]|\{([^{}|]+)\|([a-z0-9-]+)\}")
_QUOTATION = re.compile(r"«\s*([^«»]+?)\s*»|“\s*([^“”]+?)\s*”")


@dataclass(frozen=True)
class Labelled:
    name: str
    text: str
    date: date | None
    actors: tuple[Span, ...]
    keywords: tuple[Span, ...]
    quotes: tuple[Span, ...]


def parse_markup(marked: str) -> tuple[str, list[Span], list[Span]]:
    """Text without markup, and the actor and keyword spans the markup gave."""
    out: list[str] = []
    actors: list[Span] = []
    keywords: list[Span] = []
    length = last = 0
    for match in _MARKUP.finditer(marked):
        out.append(marked[last:match.start()])
        length += match.start() - last
        surface, target = (match.group(1), actors) if match.group(1) else (match.group(3), keywords)
        target.append((length, length + len(surface), match.group(2) or match.group(4)))
        out.append(surface)
        length += len(surface)
        last = match.end()
    out.append(marked[last:])
    return "".join(out), actors, keywords


def quotation_spans(text: str) -> list[tuple[int, int]]:
    """«…» and “…” quotations of three words or more: what gold quotes are made of."""
    spans = []
    for match in _QUOTATION.finditer(text):
        group = 1 if match.group(1) is not None else 2
        if len(match.group(group).split()) >= 3:
            spans.append(match.span(group))
    return spans


def load_set(name: str, seeds: Path = SEEDS) -> tuple[Watchlist, list[Labelled]]:
    texts_file, watchlist_file = SETS[name]
    data = yaml.safe_load((DATA / texts_file).read_text(encoding="utf-8"))
    items: list[Labelled] = []
    for seed in data.get("seeds", ()):
        path = seeds / seed["file"]
        raw = path.read_bytes()
        digest = hashlib.sha256(raw).hexdigest()[:len(seed["sha256"])]
        if digest != seed["sha256"]:
            raise SystemExit(f"eval: {path}: changed since it was annotated (sha256 {digest} != {seed['sha256']})")
        text = raw.decode("utf-8")
        spans = [tuple(s) for key in ("actors", "keywords", "quotes") for s in seed.get(key, ())]
        if any(not 0 <= s[0] < s[1] <= len(text) for s in spans):
            raise SystemExit(f"eval: {seed['file']}: an annotation falls outside the text")
        items.append(Labelled(seed["file"], text, seed.get("date"), *(
            tuple(tuple(s) for s in seed.get(key, ())) for key in ("actors", "keywords", "quotes"))))
    for entry in data.get("texts", ()):
        text, actors, keywords = parse_markup(entry["text"])
        spans = quotation_spans(text)
        speakers = entry.get("quotes", [])
        if len(spans) != len(speakers):
            raise SystemExit(f"eval: {texts_file}: {entry['id']}: {len(spans)} quotations, {len(speakers)} speakers")
        quotes = tuple((start, end, who) for (start, end), who in zip(spans, speakers))
        items.append(Labelled(entry["id"], text, entry.get("date"), tuple(actors), tuple(keywords), quotes))
    return load_watchlist(DATA / watchlist_file), items


@dataclass
class Tally:
    found: int = 0  # mentions found
    right: int = 0  # found mentions that pair with a gold one
    gold: int = 0
    misses: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.right / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.right / self.gold if self.gold else 1.0


def _pair(found: list[Span], gold: list[Span]) -> tuple[list[Span], list[Span]]:
    """(found mentions left unpaired, gold mentions left unpaired); pairs share an id and overlap."""
    left = list(gold)
    unpaired = []
    for span in sorted(found):
        match = next((g for g in left if g[2] == span[2] and g[0] < span[1] and span[0] < g[1]), None)
        if match is None:
            unpaired.append(span)
        else:
            left.remove(match)
    return unpaired, left


def score(detector: Detector, items: list[Labelled]) -> dict[str, Tally]:
    """Tallies per actor type ("actors: person", ...), for keywords and for quote speakers."""
    types = {actor.id: actor.type for actor in detector.watchlist.actors}
    tallies: dict[str, Tally] = defaultdict(Tally)
    for item in items:
        findings = detector.detect(item.text, date=item.date)
        found_actors = [(m.start, m.end, hit.id) for hit in findings.actors for m in hit.mentions if not m.furniture]
        found_keywords = [(m.start, m.end, hit.id) for hit in findings.keywords for m in hit.mentions
                          if not m.furniture]
        groups = [(f"actors: {kind}", [s for s in found_actors if types[s[2]] == kind],
                   [s for s in item.actors if types[s[2]] == kind]) for kind in sorted(set(types.values()))]
        groups.append(("keywords", found_keywords, list(item.keywords)))
        for label, found, gold in groups:
            wrong, missed = _pair(found, gold)
            tally = tallies[label]
            tally.found += len(found)
            tally.gold += len(gold)
            tally.right += len(found) - len(wrong)
            tally.wrong += [f"{item.name}: {item.text[s:e]!r} as {i}" for s, e, i in wrong]
            tally.misses += [f"{item.name}: {item.text[s:e]!r} ({i})" for s, e, i in missed]
        speakers = tallies["quote speakers"]
        for start, end, who in item.quotes:
            speakers.gold += 1
            quote = next((q for q in findings.quotes if q.start < end and start < q.end), None)
            if quote is None:
                speakers.misses.append(f"{item.name}: quotation at {start} not found ({who})")
                continue
            speakers.found += 1
            if quote.speaker == who:
                speakers.right += 1
            else:
                speakers.wrong.append(f"{item.name}: {quote.text[:40]!r}: {quote.speaker} instead of {who}")
    return dict(tallies)


def report(name: str, items: list[Labelled], tallies: dict[str, Tally], verbose: bool) -> str:
    lines = [f"{name}: {len(items)} texts, {sum(len(i.text) for i in items)} characters",
             f"  {'':22} {'precision':>9} {'recall':>7} {'found':>6} {'gold':>5}"]
    for label, tally in sorted(tallies.items(), key=lambda kv: (kv[0] == "quote speakers", kv[0])):
        if label == "quote speakers":
            lines.append(f"  {label:22} accuracy {tally.right}/{tally.gold} = {tally.recall:.2f}"
                         f" ({tally.found} of the quotations found)")
        else:
            lines.append(f"  {label:22} {tally.precision:9.2f} {tally.recall:7.2f} {tally.found:6} {tally.gold:5}")
        if verbose:
            lines += [f"      wrong  {w}" for w in tally.wrong] + [f"      missed {m}" for m in tally.misses]
    actors = all_actors(tallies)
    lines.insert(2, f"  {'actors (all types)':22} {actors.precision:9.2f} {actors.recall:7.2f} {actors.found:6} {actors.gold:5}")
    return "\n".join(lines)


def all_actors(tallies: dict[str, Tally]) -> Tally:
    """The actors of every type as one tally: the issue's target is on actors as a whole."""
    parts = [tally for label, tally in tallies.items() if label.startswith("actors")]
    return Tally(found=sum(t.found for t in parts), right=sum(t.right for t in parts), gold=sum(t.gold for t in parts))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m evaluation", description=__doc__)
    parser.add_argument("sets", nargs="*", metavar="SET", help="a set name (default: all of them)")
    parser.add_argument("-v", "--verbose", action="store_true", help="list every wrong and missed mention")
    parser.add_argument("--json", action="store_true", help="figures as JSON")
    args = parser.parse_args(argv)
    results = {}
    for name in args.sets or list(SETS):
        if name not in SETS:
            parser.error(f"unknown set {name!r}: choose from {', '.join(SETS)}")
        watchlist, items = load_set(name)
        tallies = score(Detector(watchlist), items)
        results[name] = {label: {"precision": round(t.precision, 3), "recall": round(t.recall, 3),
                                 "found": t.found, "right": t.right, "gold": t.gold} for label, t in tallies.items()}
        if not args.json:
            print(report(name, items, tallies, args.verbose))
    if args.json:
        print(json.dumps(results, indent=2))
