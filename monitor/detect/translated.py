"""Organisations named in translation, and the acronyms an article defines for them. Pure.

A watchlist written in English names its organisations in English ("Rapid Support Forces");
the French press writes « les Forces de soutien rapide (FSR) ». ``exonyms`` knows the region's
best-known names one by one; this module reads the others word by word:

- each content word of the English name stands for its French equivalents (``lexicon.WORDS``;
  a place keeps its French name from ``exonyms``, any other word stays itself: Azawad);
- a French name matches when a run of the text, opening on the head noun written with a
  capital (Forces for Rapid Support *Forces*), holds exactly one equivalent of each English
  word, in any order, with only small words between them (de, des, du, pour, l'...):
  « Forces de soutien rapide », « Communauté économique des États de l'Afrique centrale »;
- an organisation's name followed by an acronym in brackets, whose letters are initials of the
  name's words in order (« … (FSR) », « … (CSP-DPA) »), names it wherever the article writes that
  acronym again.

Names of a single content word are left to the watchlist and ``exonyms``: one word is too
little to tell an institution from an ordinary noun.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from monitor.catalog import Watchlist
from monitor.detect import exonyms, lexicon
from monitor.detect.text import Chunk, Piece, joins, tokenize, word_key

KINDS = ("organization", "group")
ENGLISH_SMALL = frozenset("of the for and in on to at a an s".split())
_PREPOSITIONS = frozenset("of for in on to at".split())
MAX_WORDS = 14  # words a French name may run to, small words included
_DEFINED = re.compile(r"\s*\(([A-ZÀ-Ý][A-Za-zÀ-ÿ0-9]*(?:[-/][A-Za-zÀ-ÿ0-9]+)*)\)")

Signature = tuple[frozenset[str], ...]  # per content word of the English name, its French keys


def signature(name: str) -> tuple[Signature, int]:
    """The French keys each content word of ``name`` may take, and which of them is the head
    noun, the word a French name opens on: the last before "of", "for" or "in", else the last
    (Rapid Support *Forces*: « Forces de soutien rapide »; Economic *Community* of …: « Communauté
    économique des … »)."""
    words = []
    head = None
    for token in tokenize(name):
        if token.text in ENGLISH_SMALL:
            if token.text in _PREPOSITIONS and head is None and words:
                head = len(words) - 1
            continue
        french = lexicon.WORDS.get(token.text, ())
        keys = {word_key(word) for word in french}
        keys.update(word_key(other) for other in exonyms.other_names(token.text, "place") if " " not in other)
        words.append(frozenset(keys or {token.key}))
    return tuple(words), len(words) - 1 if head is None else head


class Translated:
    """The watchlist's organisations and groups whose names can be read in French word by word."""

    def __init__(self, watchlist: Watchlist) -> None:
        self.by_head: dict[str, list[tuple[int, Signature]]] = {}  # a head noun's key -> the names it opens
        self.keys: set[str] = set()  # every French key of every name
        for index, actor in enumerate(watchlist.actors):
            if actor.type not in KINDS:
                continue
            for form in actor.surface_forms:
                words, head = signature(form)
                if len(words) < 2:
                    continue
                self.keys.update(*words)
                for key in words[head]:
                    self.by_head.setdefault(key, []).append((index, words))
        self.acronym_owners = frozenset(i for i, a in enumerate(watchlist.actors) if a.type in KINDS)

    def find(self, text: str, chunks: Sequence[Chunk], offsets: Sequence[int], busy: Sequence[int]
             ) -> list[tuple[int, int, int]]:
        """(start, end, actor index) of each name written in translation, over the chunks
        ``busy`` (those holding a capitalised word)."""
        found = []
        reach = -1
        for k in busy:
            for s, piece in enumerate(chunks[k].pieces):
                base = offsets[k] + k
                if base + piece.start < reach or piece.key not in self.by_head or not piece.raw[0].isupper():
                    continue
                match = self._match(text, chunks, offsets, k, s)
                if match is not None:
                    found.append(match)
                    reach = match[1]
        return found

    def _match(self, text: str, chunks: Sequence[Chunk], offsets: Sequence[int], k: int, s: int
               ) -> tuple[int, int, int] | None:
        """The longest name starting at word ``s`` of chunk ``k``."""
        content: list[tuple[str, int]] = []  # (key, end offset) of the run's content words
        for count, (at, piece) in enumerate(_forward(text, chunks, offsets, k, s)):
            if count >= MAX_WORDS:
                break
            if piece.fold in lexicon.SMALL and content:
                continue
            if piece.key not in self.keys:
                break
            content.append((piece.key, at + piece.end - piece.start))
        best = None
        for index, words in self.by_head.get(content[0][0], ()) if content else ():
            size = len(words)
            if size <= len(content) and (best is None or size > best[0]) and _pairs(words, [c[0] for c in content[:size]]):
                best = (size, index)
        if best is None:
            return None
        start = offsets[k] + k + chunks[k].pieces[s].start
        return start, content[best[0] - 1][1], best[1]


def defined_acronyms(text: str, hits: Sequence[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """Every later use of an acronym the text defines in brackets right after a name of an
    actor: « Forces de soutien rapide (FSR) … les FSR ». The acronym's letters must be initials
    of the name's words, in order, so that « (AFP) » after a name is not taken for it."""
    found = []
    for start, end, index in hits:
        defined = _DEFINED.match(text, end)
        if defined is None:
            continue
        acronym = defined.group(1)
        initials = "".join(word[0] for word in re.findall(r"[^\W\d_]+", text[start:end])).upper()
        if not _subsequence(re.sub(r"[^A-Z]", "", acronym.upper()), initials):
            continue
        found.append((defined.start(1), defined.end(1), index))
        for use in re.compile(rf"(?<![\w-]){re.escape(acronym)}(?![\w-])").finditer(text, defined.end()):
            found.append((use.start(), use.end(), index))
    return found


def _forward(text: str, chunks: Sequence[Chunk], offsets: Sequence[int], k: int, s: int
             ) -> Iterator[tuple[int, Piece]]:
    """(start offset, word) from word ``s`` of chunk ``k`` on, while the gaps between words are
    ones a name spans (spaces, an apostrophe, a hyphen, one line break)."""
    piece = chunks[k].pieces[s]
    yield offsets[k] + k + piece.start, piece
    while True:
        pieces = chunks[k].pieces
        if s + 1 < len(pieces):
            if not joins(pieces[s + 1].lead, piece.raw):
                return
            s += 1
        else:
            if k + 1 >= len(chunks) or not chunks[k + 1].pieces:
                return
            gap = chunks[k].trail + text[offsets[k + 1] + k] + chunks[k + 1].pieces[0].lead
            if not joins(gap, piece.raw):
                return
            k, s = k + 1, 0
        piece = chunks[k].pieces[s]
        yield offsets[k] + k + piece.start, piece


def _pairs(words: Signature, keys: list[str]) -> bool:
    """Whether each English word can take one of the French keys, each key used once."""
    if not words:
        return True
    first, rest = words[0], words[1:]
    return any(key in first and _pairs(rest, keys[:i] + keys[i + 1:]) for i, key in enumerate(keys))


def _subsequence(letters: str, initials: str) -> bool:
    position = 0
    for letter in letters:
        position = initials.find(letter, position) + 1
        if not position:
            return False
    return bool(letters)
