"""New names: people the text talks about who are not in the watchlist. Pure, and a heuristic
(a named-entity model is a later stage).

A candidate is two or more capitalised words in a row ("Alexandre Novak", "Aloussény SANOU")
that look like a person's name: after a title or role ("le Capitaine", "Président"), or
followed by one (", ministre de ..."), or written "First LAST", or starting with a common
first name. Titles and small words split a run ("Président Donald Trump" -> Donald Trump);
runs that overlap a watchlist mention or sit in page furniture are left out. Spellings that
fold alike count as one name; the name is shown with capitals only at word starts.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from itertools import compress
from operator import itemgetter
from typing import NamedTuple

from monitor.detect.furniture import inside
from monitor.detect.text import DASHES, Chunk, Piece, fold_word, loose
from monitor.models import Candidate

NAME, OPEN, GOES_ON, MANY = 1, 2, 4, 8  # shape() flags
RUN_CACHE = 1 << 14  # runs of capitalised words remembered (by the caller)
_NAME = itemgetter(Chunk._fields.index("name"))
_ELIDED = frozenset("dDlL")
_INFINITY = float("inf")

TITLES = frozenset(
    "president presidente presidents ministre ministres general colonel capitaine commandant lieutenant "
    "sergent marechal caporal docteur dr professeur pr monsieur madame mme mr mlle me imam cheikh "
    "emir roi reine prince princesse pape premier premiere vice chef secretaire directeur directrice "
    "ambassadeur ambassadrice depute senateur maire gouverneur prefet juge procureur homologue "
    "porte-parole journaliste patron leader commissaire lieutenant-colonel general-major "
    "president-directeur ministre-conseiller sir mrs ms minister general captain colonel".split()
)
STOPWORDS = frozenset(
    "le la les l un une des du de d et ou en au aux a par pour sur dans avec sans selon ce cette "
    "ces son sa ses leur leurs il elle ils elles nous vous on mais donc or ni car si lors apres avant "
    "depuis pendant entre chez vers contre sous plus moins tres tout tous toute toutes autre autres "
    "vive vivent "  # « Vive Poutine » is a chant, not a name
    "the of and in on at for to by with from an this that "
    "lundi mardi mercredi jeudi vendredi samedi dimanche janvier fevrier mars avril mai juin juillet "
    "aout septembre octobre novembre decembre monday tuesday wednesday thursday friday saturday sunday "
    "january february march april may june july august september october november december".split()
)
FIRST_NAMES = frozenset(
    "abdoulaye abdou abdourahamane aboubacar adama ahmed ahmadou alassane ali alpha amadou aminata "
    "assimi awa bakary bassirou boubacar boubou cheick choguel daouda djibril fatoumata hama hamadoun "
    "hamidou harouna ibrahim ibrahima idrissa issa ismael ismail kadiatou kalifa karim lamine macky "
    "mahamadou mahamane mahamat mamadou mamoudou mariam modibo moctar mohamed mohammed moussa oumar "
    "ousmane salif salifou sadio seydou sekou sidi souleymane tiebile yacouba youssouf zeinab "
    "jean pierre paul marie jacques michel emmanuel francois nicolas vladimir sergei serguei sergey "
    "alexandre alexander dmitri dmitry andrei andrei yevgeny evgueni donald joe antonio recep xi "
    "john james david".split()
)
_APPOSITION = loose(
    r",\s*(?:(?:le|la|l'|un|une|ancien|ancienne|actuel|actuelle|nouveau|nouvelle) ?)?"
    r"(?:vice-)?(?:premier |premiere )?(?:ministre|president|presidente|chef|porte-parole|general|"
    r"secretaire|directeur|directrice|ambassadeur|ambassadrice|depute|maire|gouverneur|journaliste|"
    r"homologue|conseiller|conseillere|commandant|colonel|capitaine)\b"
)


def shape(pieces: Sequence[Piece], trail: str) -> int:
    """How a chunk may take part in a name: NAME when its words are capitalised (Goïta,
    SANOU, Jean-Marie, d’Alexandre), OPEN when nothing stands before them (a run may go on
    into it), GOES_ON when nothing follows them (a run may go on after it), MANY when it holds
    two words or more on its own (joined by a non-breaking space)."""
    if not pieces:
        return 0
    first = 1 if len(pieces) > 1 and pieces[0].raw in _ELIDED and pieces[1].lead in "'’ʼ" else 0
    words = 0
    for index, piece in enumerate(pieces[first:]):
        raw = piece.raw
        if len(raw) < 2 or not raw[0].isupper() or not raw.isalpha() or not (raw[1:].islower() or raw.isupper()):
            return 0
        if index and piece.lead in DASHES:
            continue  # Jean-Marie: one word
        if index and not (piece.lead.isspace() and "\n" not in piece.lead):
            return 0
        words += 1
    return (NAME | (OPEN if not first and not pieces[0].lead else 0) | (GOES_ON if not trail else 0)
            | (MANY if words > 1 else 0))


def name_words(chunk: str, pieces: Sequence[Piece]) -> tuple[tuple[tuple[int, str, str], ...], int]:
    """The words of a chunk as ``_run`` reads them: (start in the chunk, word, folded), an
    elided d’ or l’ left out and hyphenated words joined (Jean-Marie); and how many of them
    are neither small words nor titles."""
    words: list[tuple[int, str]] = []
    for index, piece in enumerate(pieces):
        if index == 0 and len(pieces) > 1 and piece.raw in _ELIDED and pieces[1].lead in "'’ʼ":
            continue
        if index and piece.lead in DASHES and words:
            words[-1] = (words[-1][0], chunk[words[-1][0]:piece.end])
        else:
            words.append((piece.start, piece.raw))
    out = tuple((start, word, fold_word(word)) for start, word in words)
    return out, sum(1 for _, _, folded in out if folded not in STOPWORDS and folded not in TITLES)


def _display(word: str) -> str:
    return word.title() if word.isupper() else word


def find_candidates(text: str, chunks: Sequence[Chunk], offsets: Sequence[int],
                    taken: Sequence[tuple[int, int]], furniture: Sequence[tuple[int, int]] = (),
                    busy: Sequence[int] | None = None, known: dict[str, tuple[_Group, ...]] | None = None
                    ) -> tuple[Candidate, ...]:
    """Person-like names outside ``taken`` (watchlist mentions: sorted, disjoint). ``chunks``
    and ``offsets`` as for ``Matcher.find``; a name never runs over a line break. ``busy``, if
    given: indexes of the chunks that may matter (every chunk with a name shape among them).
    ``known``: runs of capitalised words already split into groups, by their text (the
    caller's, kept from text to text; a new one when None)."""
    counts: dict[str, list] = {}  # folded name -> [display name, count]
    if busy is None:
        names = list(compress(range(len(chunks)), map(_NAME, chunks)))
    else:  # the chunks with starts, anchors or a name shape: a few of all
        names = [k for k in busy if chunks[k].name]
    linked = [  # a name chunk that the next chunk continues, on the same line
        k for k, after in zip(names, names[1:])
        if after == k + 1 and chunks[k].name & GOES_ON and chunks[after].name & OPEN
        and text[offsets[after] + after - 1] != "\n"
    ]
    runs: list[list[int]] = []
    for k in linked:
        if runs and runs[-1][-1] == k:
            runs[-1].append(k + 1)
        else:
            runs.append([k, k + 1])
    in_runs = {k for run in runs for k in run}
    runs.extend([k] for k in names if chunks[k].name & MANY and k not in in_runs)
    if known is None:
        known = {}
    for run in runs:
        _run(text, chunks, offsets, run, taken, furniture, counts, known)
    ranked = sorted(counts.items(), key=lambda item: (-item[1][1], item[0]))
    return tuple(Candidate(name=name, type="person", count=count) for _, (name, count) in ranked)


def _run(text: str, chunks: Sequence[Chunk], offsets: Sequence[int], run: list[int],
         taken: Sequence[tuple[int, int]], furniture: Sequence[tuple[int, int]], counts: dict[str, list],
         known: dict[str, tuple[_Group, ...]]) -> None:
    """Count the names in a run of capitalised words (see ``_groups``)."""
    first, last = run[0], run[-1]
    base = offsets[first] + first
    if taken:  # a run inside one watchlist mention ("Assimi Goïta") holds no new name
        low = base + chunks[first].pieces[0].start
        high = offsets[last] + last + chunks[last].pieces[-1].end
        at = bisect_right(taken, (low, _INFINITY)) - 1
        if at >= 0 and taken[at][0] <= low and high <= taken[at][1]:
            return
    written = text[base:offsets[last + 1] + last]  # the run's chunks: they decide its groups
    groups = known.get(written)
    if groups is None:
        if len(known) >= RUN_CACHE:
            known.clear()
        groups = known[written] = _groups(chunks, offsets, run)
    for start, end, key, display, person, opening in groups:
        start += base
        end += base
        if _overlaps(taken, start, end) or inside(furniture, start):  # a watchlist name, or furniture
            continue
        if (person or (opening is not None and _title_before(text, base + opening))
                or _APPOSITION.match(text, end) is not None):
            entry = counts.setdefault(key, [display, 0])
            entry[1] += 1


class _Group(NamedTuple):
    """Two or more name words in a run, offsets relative to the run's first chunk."""

    start: int
    end: int
    key: str  # the words folded
    display: str
    person: bool  # after a title, "First LAST" or a common first name: a person whatever is around
    opening: int | None  # when the group opens the run: where its first word starts (a title may precede)


def _groups(chunks: Sequence[Chunk], offsets: Sequence[int], run: list[int]) -> tuple[_Group, ...]:
    """A run of capitalised words split at small words and titles: its groups of two name
    words or more, and what they say by themselves about being a person's name."""
    if sum(chunks[k].good for k in run) < 2:  # not two name words: no name can come of it
        return ()
    words: list[tuple[int, str]] = []  # (start, word); Jean-Marie is one word
    folded: list[str] = []
    origin = offsets[run[0]] + run[0]
    for k in run:
        base = offsets[k] + k - origin
        for start, word, fold in chunks[k].words:
            words.append((base + start, word))
            folded.append(fold)
    found = []
    titled: bool | None = None  # for the group that opens the run: the word before the run decides
    group: list[int] = []
    for index in range(len(words) + 1):
        if index < len(words) and folded[index] not in STOPWORDS and folded[index] not in TITLES:
            group.append(index)
            continue
        if len(group) >= 2:
            first, last = words[group[0]][1], words[group[-1]][1]
            person = bool(titled or (not first.isupper() and last.isupper() and len(last) >= 2)
                          or folded[group[0]] in FIRST_NAMES)
            found.append(_Group(words[group[0]][0], words[group[-1]][0] + len(last),
                                " ".join(folded[i] for i in group), " ".join(_display(words[i][1]) for i in group),
                                person, words[0][0] if titled is None else None))
        titled = index < len(words) and folded[index] in TITLES
        group = []
    return tuple(found)


def _title_before(text: str, position: int) -> bool:
    """Whether the word just before ``position`` is a title or role (Président Goïta)."""
    before = text[max(0, position - 40):position].rstrip(" ,\u00a0").rsplit(None, 1)
    return bool(before) and fold_word(before[-1].rstrip(".").rsplit("'", 1)[-1].rsplit("’", 1)[-1]) in TITLES


def _overlaps(spans: Sequence[tuple[int, int]], start: int, end: int) -> bool:
    """Whether [start, end) meets one of the sorted, disjoint ``spans``."""
    at = bisect_left(spans, (end,)) - 1
    return at >= 0 and spans[at][1] > start
