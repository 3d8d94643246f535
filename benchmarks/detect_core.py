"""Throughput of the detection core (``Detector.detect``) with a large watchlist.

    .venv/bin/python -m benchmarks.detect_core [--seconds 3] [--seeds DIR] [--names N] [--keywords N]

The watchlist is config/watchlist.yaml (when present) plus ~20,000 generated names and
~5,000 generated keywords (~10,000 terms); a fifth of the terms open on a common word of the
press ("accord", "Mali"), so that many words of the text begin a form the automaton must follow.
The articles are the seed texts (MONITOR_SEEDS, default ../shared/seeds beside the checkout).

Two rates: "warm", the steady state where the detector's caches (chunks, runs of
capitalised words) already know the words, and "cold", those caches emptied before every
article (all words new: the worst case).
``python_baseline_ms`` (``sum(range(10**6))``) says how fast this machine runs Python, to
compare runs made on different machines.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import time
import timeit
from pathlib import Path

from monitor.catalog import Actor, Keyword, Watchlist, load_watchlist
from monitor.detect.pipeline import Detector

ROOT = Path(__file__).resolve().parent.parent
SEEDS = Path(os.environ.get("MONITOR_SEEDS", ROOT.parent / "shared" / "seeds"))
# common words of the press that generated terms start with (the walk then fails on word two)
COMMON = ("coopération", "accord", "attaque", "forces", "ministre", "président", "armée", "sécurité",
          "visite", "partenariat", "Mali", "Russie", "défense", "conseil", "groupe", "forum", "sommet")
# consonants rare in French, so generated words seldom collide with real ones
SYLLABLES = [c + v for c in "kzvwyxjgh" for v in ("a", "e", "i", "o", "u", "ou", "ai")]
TYPES = ("person", "person", "person", "organization", "group", "place")


def _word(rng: random.Random, syllables: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(syllables))


def synthetic_watchlist(names: int = 20_000, keywords: int = 5_000, seed: int = 7) -> Watchlist:
    """The default watchlist plus generated actors and keywords (same seed, same list)."""
    rng = random.Random(seed)
    config = ROOT / "config" / "watchlist.yaml"
    base = load_watchlist(config) if config.exists() else Watchlist()
    actors = list(base.actors)
    for index in range(names):
        kind = rng.choice(TYPES)
        parts = [_word(rng, rng.randint(2, 3)).capitalize() for _ in range(rng.randint(1 if kind == "place" else 2, 3))]
        aliases = (parts[-1],) if kind != "person" and rng.random() < 0.3 else ()
        if kind == "organization" and rng.random() < 0.3:
            aliases += ("".join(p[0] for p in parts).upper() + _word(rng, 1).upper(),)  # an acronym
        actors.append(Actor(id=f"gen-{index}", name=" ".join(parts), type=kind, aliases=aliases))
    keyword_list = list(base.keywords)
    for index in range(keywords):
        terms = []
        for _ in range(rng.randint(1, 3)):
            words = [_word(rng, rng.randint(2, 4)) for _ in range(rng.randint(1, 3))]
            if rng.random() < 0.2:
                words = [rng.choice(COMMON), *words[:2]]
            terms.append(" ".join(words))
        keyword_list.append(Keyword(id=f"kw-{index}", terms=tuple(terms)))
    return Watchlist(actors=tuple(actors), keywords=tuple(keyword_list))


def _rate(detector: Detector, texts: list[str], seconds: float, cold: bool) -> float:
    done, started = 0, time.perf_counter()
    while time.perf_counter() - started < seconds:
        for text in texts:
            if cold:
                detector.forget()
            detector.detect(text)
            done += 1
    return done / (time.perf_counter() - started)


def run(seconds: float = 3.0, seeds: Path = SEEDS, names: int = 20_000, keywords: int = 5_000) -> dict:
    """Articles per second (warm and cold, as is and per 5 KB) and the watchlist build time."""
    texts = [path.read_text(encoding="utf-8") for path in sorted(seeds.glob("*.txt"))]
    if not texts:
        raise SystemExit(f"no *.txt articles in {seeds}")
    watchlist = synthetic_watchlist(names, keywords)
    started = time.perf_counter()
    detector = Detector(watchlist)
    build = time.perf_counter() - started
    for text in texts:
        detector.detect(text)
    warm = _rate(detector, texts, seconds, cold=False)
    cold = _rate(detector, texts, seconds, cold=True)
    mean_chars = sum(map(len, texts)) / len(texts)
    baseline = min(timeit.repeat("sum(range(10**6))", number=5, repeat=3)) / 5
    return {
        "articles": len(texts),
        "mean_article_chars": round(mean_chars),
        "actors": len(watchlist.actors),
        "actor_surface_forms": sum(len(a.surface_forms) for a in watchlist.actors),
        "keywords": len(watchlist.keywords),
        "keyword_terms": sum(len(k.terms) for k in watchlist.keywords),
        "build_seconds": round(build, 3),
        "articles_per_second_warm": round(warm),
        "articles_per_second_cold": round(cold),
        "articles_5kb_per_second_warm": round(warm * mean_chars / 5000),
        "articles_5kb_per_second_cold": round(cold * mean_chars / 5000),
        "python_baseline_ms": round(baseline * 1000, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=3.0, help="time per measurement")
    parser.add_argument("--seeds", type=Path, default=SEEDS, help="directory of *.txt articles")
    parser.add_argument("--names", type=int, default=20_000, help="generated actors")
    parser.add_argument("--keywords", type=int, default=5_000, help="generated keywords")
    args = parser.parse_args()
    print(json.dumps(run(args.seconds, args.seeds, args.names, args.keywords), indent=2))


if __name__ == "__main__":
    main()
