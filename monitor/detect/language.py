"""Which language an article is in: "ar" by script, "fr" or "en" by counting common words. Pure.

Too little evidence (a title, a caption, a list of names) gives None rather than a guess.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from monitor.detect.text import tokenize

# Folded words frequent in one language and rare in the other ("a", "on", "en" are left out:
# both languages or names use them). Elided l', d', qu' count as French.
FRENCH = frozenset(
    "le la les l des du de d et est sont une un dans pour que qu qui pas sur au aux avec ce cette ces "
    "il elle ils elles ont ete par plus mais nous vous leur leurs ses son sa se ne n s c j "
    "selon apres entre sans tres aussi lors dont deux ou".split()
)
ENGLISH = frozenset(
    "the and of to in is are was were that this these those for with from by be been has have "
    "had it its which who will would not or their they he she his her said after between".split()
)
MIN_WORDS = 3  # common words needed before saying anything
_ARABIC = re.compile(r"[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]+")


def count_common(words: Iterable[str]) -> tuple[int, int]:
    """(French, English) common words among folded words."""
    french = english = 0
    for word in words:
        if word in FRENCH:
            french += 1
        elif word in ENGLISH:
            english += 1
    return french, english


def decide(text: str, french: int, english: int) -> str | None:
    """The language from the common-word counts, or Arabic script when those are few."""
    if french + english < 10 and not text.isascii():
        arabic = sum(map(len, _ARABIC.findall(text)))
        if arabic >= 20 and arabic * 3 >= len(text) - text.count(" "):
            return "ar"
    if french + english < MIN_WORDS:
        return None
    if french >= 2 * english:
        return "fr"
    if english >= 2 * french:
        return "en"
    return None


def detect_language(text: str) -> str | None:
    """"fr", "en", "ar", or None when unknown or too short."""
    return decide(text, *count_common(token.text for token in tokenize(text)))
