"""Folding and tokenisation, with exact offsets back into the original string. Pure.

Folding makes spellings comparable: NFKC compatibility forms, lower case, no accents,
one apostrophe ('), one double quote ("), one dash (-), and whitespace runs reduced to one
space (or one newline when the run holds a line break)::

    >>> f = fold("L’Alliance des ÉTATS du Sahel")
    >>> f.text
    "l'alliance des etats du sahel"
    >>> f.span(2, 10)          # "alliance" in the folded text -> the original's offsets
    (2, 10)

Tokens are words of letters and digits; French elision is split off (l', d', qu', jusqu' ...)
and hyphens separate words, so "l’AES" gives ``l``, ``aes`` and "Goïta-Poutine" gives
``goita``, ``poutine``. Each token carries its folded text, a matching ``key`` (the folded
text without French plural and feminine endings: drones -> drone, maliennes -> malien) and
its ``[start, end)`` in the original string.

Detection splits the text into chunks at spaces and line breaks and tokenises each distinct
chunk once (chunks repeat from article to article, so a cache skips most of the work);
``tokenize`` is the same code over one whole text. ``loose`` compiles patterns written in
folded form so that they match the original text directly.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

APOSTROPHES = "'’‘‚‛ʼʻ′`´＇"
QUOTES = '"“”„‟«»″〝〞＂‹›'
DASHES = "-‐‑‒–—―−⁃﹘﹣－"
NEWLINES = "\n\r\x0b\x0c\x85\u2028\u2029"
_SPECIAL = {
    **{c: "'" for c in APOSTROPHES},
    **{c: '"' for c in QUOTES},
    **{c: "-" for c in DASHES},
    "œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae", "ø": "o", "Ø": "o", "đ": "d", "Đ": "d",
    "ð": "d", "Ð": "d", "ł": "l", "Ł": "l", "þ": "th", "Þ": "th", "ħ": "h", "Ħ": "h",
    "ı": "i", "ŀ": "l", "Ŀ": "l",
    "\u0640": "",  # Arabic tatweel (elongation), not a letter
}


def fold_char(char: str) -> str:
    """The folded form of one character: '' (dropped), one character, or a few (œ -> oe)."""
    special = _SPECIAL.get(char)
    if special is not None:
        return special
    if char.isspace():
        return "\n" if char in NEWLINES else " "
    category = unicodedata.category(char)
    if category == "Cf" or category[0] == "M":  # soft hyphen, zero-width, bidi marks; accents
        return ""
    decomposed = unicodedata.normalize("NFKD", char).casefold()
    plain = "".join(c for c in unicodedata.normalize("NFKD", decomposed) if not unicodedata.combining(c))
    return "".join(_SPECIAL.get(c, c) for c in plain)


class _FoldTable(dict[int, str]):
    """A ``str.translate`` table filled on demand."""

    def __missing__(self, code: int) -> str:
        value = self[code] = fold_char(chr(code))
        return value


FOLD_TABLE = _FoldTable()


@dataclass(frozen=True, slots=True)
class Folded:
    """Folded text plus, for each of its characters, the original ``[start, end)`` it came from."""

    text: str
    source: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original ``[start, end)`` of the folded ``[start, end)``."""
        if end <= start:
            at = self.starts[start] if start < len(self.starts) else len(self.source)
            return at, at
        return self.starts[start], self.ends[end - 1]

    def original(self, start: int, end: int) -> str:
        """The original text behind the folded ``[start, end)``."""
        begin, finish = self.span(start, end)
        return self.source[begin:finish]


def fold(text: str) -> Folded:
    """Fold ``text`` keeping an exact map back to it (see the module docstring)."""
    chars: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    table = FOLD_TABLE
    in_space = False
    for index, char in enumerate(text):
        folded = table[ord(char)]
        if char.isspace():
            if in_space:  # the run so far is already one character: widen it
                if folded == "\n":
                    chars[-1] = "\n"
                ends[-1] = index + 1
                continue
            in_space = True
        elif not folded:  # dropped (an accent, a soft hyphen): belongs to the character before
            if ends:
                ends[-1] = index + 1
            continue
        else:
            in_space = False
        for piece in folded:
            chars.append(piece)
            starts.append(index)
            ends.append(index + 1)
    return Folded("".join(chars), text, tuple(starts), tuple(ends))


# --- words ------------------------------------------------------------------------------------
_ACCENTS = "\u0300-\u036f\u064b-\u065f\u0670"  # combining marks: part of the word they follow
_INVISIBLE = "\u00ad\u200b-\u200d\u2060"  # soft hyphen, zero-width: part of a word only inside it
_WORD = re.compile(
    rf"(?:jusqu|lorsqu|puisqu|qu|[cdjlmnst])(?=[{APOSTROPHES}][^\W_])"  # elided article or pronoun
    rf"|[^\W_](?:[^\W_]|[{_ACCENTS}]|[{_INVISIBLE}{APOSTROPHES}](?=[^\W_]))*",  # aujourd'hui is one word
    re.IGNORECASE,
)


@lru_cache(maxsize=1 << 16)
def fold_word(word: str) -> str:
    """A word folded like ``fold`` folds it inside a text."""
    return word.translate(FOLD_TABLE)


# Feminine endings folded onto the masculine. Left out on purpose: a bare -e (port/porte),
# -ée after anything but i (armée would become armé, which folds to arme), -ère (charnière/charnier).
_FEMININE = (("enne", "en"), ("elle", "el"), ("ive", "if"), ("ale", "al"), ("aise", "ais"),
             ("oise", "ois"), ("nte", "nt"), ("ue", "u"), ("effe", "ef"),  # cheffe -> chef
             ("iée", "ié"))  # réfugiée -> réfugié (not -ée alone: armée)


def _strip_inflection(word: str) -> str:
    """French plural and feminine endings off a lower-case word: drones -> drone,
    internationaux -> international, maliennes -> malien, conjointes -> conjoint."""
    if len(word) <= 3 or not word.isalpha():
        return word
    if word.endswith("eaux"):
        word = word[:-1]  # bureaux -> bureau
    elif word.endswith("aux"):
        word = word[:-3] + "al"  # internationaux -> international
    elif word[-1] in "sx":
        word = word[:-1]
    for ending, base in _FEMININE:
        if word.endswith(ending) and len(word) > len(ending) + 1:
            return word[:-len(ending)] + base
    return word


def feminine(word: str) -> bool:
    """Whether a lower-case word ends on a feminine ending, plural or not: présidentielle(s),
    législatives; not présidentiel, législatifs."""
    if word.endswith(("s", "x")):
        word = word[:-1]
    return any(word.endswith(ending) and len(word) > len(ending) + 1 for ending, _ in _FEMININE)


@lru_cache(maxsize=1 << 16)
def word_key(word: str) -> str:
    """The matching key of a word: folded, without plural or feminine ending."""
    return word_stem(word).translate(FOLD_TABLE)


def word_stem(word: str) -> str:
    """Lower case, accents kept, without plural or feminine ending."""
    return _strip_inflection(unicodedata.normalize("NFC", word).casefold())


@lru_cache(maxsize=1 << 16)
def word_accents(word: str) -> str | None:
    """``word_stem`` when the word is written with accents, else None."""
    if word.isascii():
        return None
    stem = word_stem(word)
    return stem if stem.translate(FOLD_TABLE) != stem else None


def accents_agree(written: str, wanted: str) -> bool:
    """Whether a word written with accents can be ``wanted`` (both from ``word_stem``): each
    accent written must be there in ``wanted``; an accent left out is fine (securité finds
    sécurité, armés does not find armes)."""
    if len(written) != len(wanted):
        return True  # œ against oe: nothing to compare letter by letter
    table = FOLD_TABLE
    return all(
        x == y or (x.translate(table) == x and y.translate(table) == x) for x, y in zip(written, wanted)
    )


class Token(NamedTuple):
    """A word of a text (see ``tokenize``)."""

    text: str  # folded
    key: str  # folded, inflection stripped
    start: int  # original offsets
    end: int


class Piece(NamedTuple):
    """A word inside a chunk (text between spaces or line breaks); offsets relative to it."""

    start: int
    end: int
    raw: str  # as written
    fold: str
    key: str
    accents: str | None  # word_accents(raw)
    lead: str  # what separates it from the word before (or from the chunk's start)


class Chunk(NamedTuple):
    """What detection keeps of one chunk of text (see ``pipeline.Detector``)."""

    pieces: tuple[Piece, ...]
    trail: str  # non-word characters after the last piece
    seq: str  # the chunk as the watchlist automaton reads it (match.Matcher.sequence)
    slots: tuple[int, ...]  # for each character of ``seq``, its piece (-1: a break)
    french: int  # common words, for language detection
    english: int
    name: int  # candidates.shape(): how the chunk may be part of a name
    anchors: tuple[int, ...] = ()  # the pieces that may be a variant of a person's surname
    lang: int = 0  # french + (english << 20): both counts summed in one pass
    busy: bool = False  # any anchors or name: detection visits the chunk beyond the automaton
    # for a chunk with a name shape: its words as candidates.name_words() reads them, and how
    # many of them are neither small words nor titles
    words: tuple[tuple[int, str, str], ...] = ()
    good: int = 0


_new = tuple.__new__  # a NamedTuple built without its Python-level __new__
# punctuation around a word: never part of one (no letter, digit or combining mark)
_EDGE = ".,;:!?()[]{}<>«»\"“”‘’'`…-–—/*+=%&#@|\\~^$€£§°\u00a0\u202f\t\r"
_ACCENT_CHARS = frozenset(map(chr, [*range(0x300, 0x370), *range(0x64B, 0x660), 0x670]))
_ELIDING = frozenset("cdjlmnstCDJLMNST")


def chunk_pieces(chunk: str) -> tuple[tuple[Piece, ...], str]:
    """The words of a chunk (text without spaces), and the chunk's trailing non-word characters."""
    if chunk.isalnum():  # the usual chunk: one plain word
        return (_new(Piece, (0, len(chunk), chunk, fold_word(chunk), word_key(chunk), word_accents(chunk), "")),), ""
    # fast paths, exactly what _WORD finds: one word between punctuation ("Mali,", "(AFP)",
    # «Goïta»), or an elided article or pronoun and a word ("l’armée", "d'Alexandre.")
    body = chunk.lstrip(_EDGE)
    lead = len(chunk) - len(body)
    body = body.rstrip(_EDGE)
    end = lead + len(body)
    if body and (end == len(chunk) or chunk[end] not in _ACCENT_CHARS) and "ʼ" not in body and "ʻ" not in body:
        # (a combining mark after the word joins it; ʼ and ʻ are letters that _WORD may split at)
        if body.isalnum():
            return ((_new(Piece, (lead, end, body, fold_word(body), word_key(body), word_accents(body),
                                  chunk[:lead])),), chunk[end:])
        if len(body) > 2 and body[1] in APOSTROPHES and body[0] in _ELIDING and body[2:].isalnum():
            rest = body[2:]
            return ((_new(Piece, (lead, lead + 1, body[0], fold_word(body[0]), word_key(body[0]),
                                  word_accents(body[0]), chunk[:lead])),
                     _new(Piece, (lead + 2, end, rest, fold_word(rest), word_key(rest), word_accents(rest),
                                  body[1]))), chunk[end:])
    pieces = []
    last = 0
    for match in _WORD.finditer(chunk):
        start, end = match.span()
        raw = match.group()
        pieces.append(_new(Piece, (start, end, raw, fold_word(raw), word_key(raw), word_accents(raw),
                                   chunk[last:start])))
        last = end
    return tuple(pieces), chunk[last:]


def tokenize(text: str) -> list[Token]:
    """Word tokens of ``text`` with their original offsets."""
    tokens = []
    offset = 0
    for chunk in text.split(" "):
        for piece in chunk_pieces(chunk)[0]:
            tokens.append(Token(piece.fold, piece.key, offset + piece.start, offset + piece.end))
        offset += len(chunk) + 1
    return tokens


def folded_words(name: str) -> tuple[str, ...]:
    """The folded words of a name: "Idriss Déby" -> ("idriss", "deby")."""
    return tuple(token.text for token in tokenize(name))


_JOIN = re.compile(rf"[^\S\n]*(?:[{DASHES}{APOSTROPHES}][^\S\n]*)?(?:\r?\n[^\S\n]*)?")
_JOIN_ABBREVIATED = re.compile(r"\.[^\S\n]+")


def joins(gap: str, before: str = "") -> bool:
    """Whether two words separated by ``gap`` can belong to one name or phrase: spaces, one
    hyphen or apostrophe, at most one line break; a full stop only after an abbreviation of
    one to three letters ``before`` it (K. Maïga, St. Petersburg); no other punctuation."""
    if gap == " " or _JOIN.fullmatch(gap) is not None:
        return True
    return len(before) <= 3 and _JOIN_ABBREVIATED.fullmatch(gap) is not None


# --- accent- and case-tolerant patterns for the original text --------------------------------
_VARIANTS = {
    "a": "aàâäáãå", "c": "cç", "e": "eéèêë", "i": "iîïíì", "n": "nñ", "o": "oôöóòõœ",
    "u": "uùûüú", "y": "yÿý",
}


def loose(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """Compile a regular expression written in folded form so that it matches the original
    text: any case, any accents on a, c, e, i, n, o, u, y, any apostrophe for ', any dash for -,
    any whitespace run for a space (" ?" for an optional one). Backslash escapes, classes and
    group syntax are kept."""
    out = []
    index = 0
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            out.append(pattern[index:index + 2])
            index += 2
            continue
        if char == "[":
            close = pattern.index("]", index + 2)
            out.append(pattern[index:close + 1])
            index = close + 1
            continue
        if pattern.startswith("(?P<", index):
            close = pattern.index(">", index)
            out.append(pattern[index:close + 1])
            index = close + 1
            continue
        if pattern.startswith(("(?<=", "(?<!"), index):
            out.append(pattern[index:index + 4])
            index += 4
            continue
        if pattern.startswith("(?", index):
            out.append(pattern[index:index + 3])
            index += 3
            continue
        if char in _VARIANTS:
            out.append(f"[{_VARIANTS[char]}]")
        elif char == "'":
            out.append(f"[{APOSTROPHES}]")
        elif char == "-":
            out.append(f"[{DASHES}]")
        elif char == " " and pattern.startswith(" ?", index):
            out.append(r"\s*")
            index += 1
        elif char == " ":
            out.append(r"\s+")
        else:
            out.append(char)
        index += 1
    return re.compile("".join(out), flags | re.IGNORECASE)


_WORD_BEFORE = re.compile(r"(\w+)\W*$")
_WORD_AFTER = re.compile(r"^\W*(\w+)")


def word_before(text: str, start: int) -> str | None:
    """The word that ends within 30 characters before ``start``, if any."""
    before = _WORD_BEFORE.search(text, max(0, start - 30), start)
    return before.group(1) if before else None


def among_capitals(text: str, start: int, end: int) -> bool:
    """Whether the word before or after ``text[start:end]`` is written in capitals: « UN SOMMET »
    is a headline's word, not the UN."""
    after = _WORD_AFTER.search(text[end:end + 30])
    return any(word is not None and len(word) > 1 and word.isupper()
               for word in (word_before(text, start), after and after.group(1)))
