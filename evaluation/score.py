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
SETS = {"dev": ("dev.yaml", "dev_watchlist.yaml"), "heldout": ("heldout.yaml", "heldout_watchlist.yaml"),
        "fresh": ("fresh.yaml", "fresh_watchlist.yaml"), "fresh2": ("fresh2.yaml", "fresh2_watchlist.yaml"),
        "fresh3": ("fresh3.yaml", "fresh3_watchlist.yaml"),
        "fresh4": ("fresh4.yaml", "fresh4_watchlist.yaml"),
        "fresh5": ("fresh5.yaml", "fresh5_watchlist.yaml"),
        "fresh6": ("fresh6.yaml", "fresh6_watchlist.yaml"),
        "fresh7": ("fresh7.yaml", "fresh7_watchlist.yaml"),
        "fresh8": ("fresh8.yaml", "fresh8_watchlist.yaml"),
        "fresh9": ("fresh9.yaml", "fresh9_watchlist.yaml"),
        "fresh10": ("fresh10.yaml", "fresh10_watchlist.yaml"),
        "fresh11": ("fresh11.yaml", "fresh11_watchlist.yaml"),
        "fresh12": ("fresh12.yaml", "fresh12_watchlist.yaml"),
        "fresh13": ("fresh13.yaml", "fresh13_watchlist.yaml"),
        "fresh14": ("fresh14.yaml", "fresh14_watchlist.yaml"),
        "fresh15": ("fresh15.yaml", "fresh15_watchlist.yaml"),
        "fresh16": ("fresh16.yaml", "fresh16_watchlist.yaml"),
        "fresh17": ("fresh17.yaml", "fresh17_watchlist.yaml"),
        "fresh18": ("fresh18.yaml", "fresh18_watchlist.yaml"),
        "fresh19": ("fresh19.yaml", "fresh19_watchlist.yaml"),
        "fresh20": ("fresh20.yaml", "fresh20_watchlist.yaml"),
        "fresh21": ("fresh21.yaml", "fresh21_watchlist.yaml"),
        "fresh22": ("fresh22.yaml", "fresh22_watchlist.yaml"),
        "fresh23": ("fresh23.yaml", "fresh23_watchlist.yaml"),
        "fresh24": ("fresh24.yaml", "fresh24_watchlist.yaml"),
        "fresh25": ("fresh25.yaml", "fresh25_watchlist.yaml"),
        "fresh26": ("fresh26.yaml", "fresh26_watchlist.yaml"),
        "fresh27": ("fresh27.yaml", "fresh27_watchlist.yaml"),
        "fresh28": ("fresh28.yaml", "fresh28_watchlist.yaml"),
        "fresh29": ("fresh29.yaml", "fresh29_watchlist.yaml"),
        "fresh30": ("fresh30.yaml", "fresh30_watchlist.yaml"),
        "fresh31": ("fresh31.yaml", "fresh31_watchlist.yaml"),
        "fresh32": ("fresh32.yaml", "fresh32_watchlist.yaml"),
        "fresh33": ("fresh33.yaml", "fresh33_watchlist.yaml"),
        "fresh34": ("fresh34.yaml", "fresh34_watchlist.yaml"),
        "fresh35": ("fresh35.yaml", "fresh35_watchlist.yaml"),
        "fresh36": ("fresh36.yaml", "fresh36_watchlist.yaml"),
        "fresh37": ("fresh37.yaml", "fresh37_watchlist.yaml"),
        "fresh38": ("fresh38.yaml", "fresh38_watchlist.yaml"),
        "fresh39": ("fresh39.yaml", "fresh39_watchlist.yaml"),
        "fresh40": ("fresh40.yaml", "fresh40_watchlist.yaml"),
        "fresh41": ("fresh41.yaml", "fresh41_watchlist.yaml"),
        "fresh42": ("fresh42.yaml", "fresh42_watchlist.yaml"),
        "fresh43": ("fresh43.yaml", "fresh43_watchlist.yaml"),
        "fresh44": ("fresh44.yaml", "fresh44_watchlist.yaml"),
        "fresh45": ("fresh45.yaml", "fresh45_watchlist.yaml"),
        "fresh46": ("fresh46.yaml", "fresh46_watchlist.yaml"),
        "fresh47": ("fresh47.yaml", "fresh47_watchlist.yaml"),
        "fresh48": ("fresh48.yaml", "fresh48_watchlist.yaml"),
        "fresh49": ("fresh49.yaml", "fresh49_watchlist.yaml"),
        "fresh50": ("fresh50.yaml", "fresh50_watchlist.yaml"),
        "fresh51": ("fresh51.yaml", "fresh51_watchlist.yaml"),
        "fresh52": ("fresh52.yaml", "fresh52_watchlist.yaml"),
        "fresh53": ("fresh53.yaml", "fresh53_watchlist.yaml"),
        "fresh54": ("fresh54.yaml", "fresh54_watchlist.yaml"),
        "fresh55": ("fresh55.yaml", "fresh55_watchlist.yaml"),
        "fresh56": ("fresh56.yaml", "fresh56_watchlist.yaml"),
        "fresh57": ("fresh57.yaml", "fresh57_watchlist.yaml"),
        "fresh58": ("fresh58.yaml", "fresh58_watchlist.yaml"),
        "fresh59": ("fresh59.yaml", "fresh59_watchlist.yaml"),
        "fresh60": ("fresh60.yaml", "fresh60_watchlist.yaml"),
        "fresh61": ("fresh61.yaml", "fresh61_watchlist.yaml"),
        "fresh62": ("fresh62.yaml", "fresh62_watchlist.yaml"),
        "fresh63": ("fresh63.yaml", "fresh63_watchlist.yaml"),
        "fresh64": ("fresh64.yaml", "fresh64_watchlist.yaml"),
        "fresh65": ("fresh65.yaml", "fresh65_watchlist.yaml"),
        "fresh66": ("fresh66.yaml", "fresh66_watchlist.yaml"),
        "fresh67": ("fresh67.yaml", "fresh67_watchlist.yaml"),
        "fresh68": ("fresh68.yaml", "fresh68_watchlist.yaml"),
        "fresh69": ("fresh69.yaml", "fresh69_watchlist.yaml"),
        "fresh70": ("fresh70.yaml", "fresh70_watchlist.yaml"),
        "fresh71": ("fresh71.yaml", "fresh71_watchlist.yaml"),
        "fresh72": ("fresh72.yaml", "fresh72_watchlist.yaml"),
        "fresh73": ("fresh73.yaml", "fresh73_watchlist.yaml"),
        "fresh74": ("fresh74.yaml", "fresh74_watchlist.yaml"),
        "fresh75": ("fresh75.yaml", "fresh75_watchlist.yaml"),
        "fresh76": ("fresh76.yaml", "fresh76_watchlist.yaml"),
        "fresh77": ("fresh77.yaml", "fresh77_watchlist.yaml"),
        "fresh78": ("fresh78.yaml", "fresh78_watchlist.yaml"),
        "fresh79": ("fresh79.yaml", "fresh79_watchlist.yaml"),
        "fresh80": ("fresh80.yaml", "fresh80_watchlist.yaml"),
        "fresh81": ("fresh81.yaml", "fresh81_watchlist.yaml"),
        "fresh82": ("fresh82.yaml", "fresh82_watchlist.yaml"),
        "fresh83": ("fresh83.yaml", "fresh83_watchlist.yaml"),
        "fresh84": ("fresh84.yaml", "fresh84_watchlist.yaml"),
        "fresh85": ("fresh85.yaml", "fresh85_watchlist.yaml"),
        "fresh86": ("fresh86.yaml", "fresh86_watchlist.yaml"),
        "fresh87": ("fresh87.yaml", "fresh87_watchlist.yaml"),
        "fresh88": ("fresh88.yaml", "fresh88_watchlist.yaml"),
        "fresh89": ("fresh89.yaml", "fresh89_watchlist.yaml"),
        "fresh90": ("fresh90.yaml", "fresh90_watchlist.yaml")}

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
