"""Watchlist matching: one Aho–Corasick automaton for every actor surface form and keyword term. Pure.

Each form is tokenised like the text (``text.tokenize``) and stored as the sequence of its
word keys, each key written as one character of its own (``Matcher.vocab``), in one
ahocorasick-rs automaton. The text becomes such a string too (a word outside the watchlist is
``OTHER``, and so is a gap that no name or phrase spans: a comma, a full stop, a paragraph
break), so a single pass in compiled code finds every form, overlapping ones included, and
Python only looks at what matched. (Words rather than letters: the text's words are folded
and stripped of inflection once per distinct chunk, and the automaton stays small.) Keys are
folded and inflection-free, so every form matches on word boundaries whatever its accents,
case, plural or feminine ("coopération militaire" finds "COOPÉRATIONS MILITAIRES"); then each
match is checked:

- actor forms are names: their folded words must match exactly ("Sall" never finds "salle");
- keyword terms are words: where the text writes an accent, the term must have it too
  ("armes" does not find "armés"), while text without accents matches ("ARMEE" finds "armée");
- acronyms (forms of at most 5 characters with a capital after the first, or a lone capital:
  AES, FAMa, UA) must appear exactly as written, so "aes" or "Aes" is not the AES;
- a person's surname alone (Goïta for Assimi Goïta) is a form of its own when it is nobody's
  first name; it must be written with a capital, not follow another capitalised word other
  than a title ("le Président Goïta" is him, "Mariam Goïta" someone else) and not precede one
  that starts no watchlist name ("Saleh Kebzabo" is someone else). A surname may hold
  particles or a hyphen (« Ag Ghali », « von der Leyen », « Grande-Marlaska »), and a Chinese
  name's is its first word (« M. Wang » for Wang Yi). A surname that two persons share
  ("Maïga") names the one of them mentioned last before it in the text (or introduced with the
  title before it); before both, the one the article names first; else nobody. A first name
  alone is never a form;
- a person's name written in another transliteration (Sergueï Lavrov for Sergey Lavrov,
  Belooussov for Belousov) matches word by word under the rule of ``names``, anchored on the
  surname, with one middle name allowed before the surname (Choguel Kokalla Maïga for Choguel
  Maiga); the surname alone follows the rules above;
- a place or an organisation is also matched under its names in the other language
  (``exonyms``: Moscow and Moscou, ECOWAS and Communauté économique des États de l'Afrique de l'Ouest);
- a role ("Président de la Transition") names the actor who holds it on the article's date;
- where matches overlap, the longest wins: among actors, and within each keyword (two
  keywords may both count the same words).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from datetime import date
from itertools import accumulate
from operator import attrgetter, itemgetter
from typing import NamedTuple

import ahocorasick_rs

from monitor.catalog import Role, Watchlist
from monitor.detect import exonyms, lexicon, names
from monitor.detect.candidates import STOPWORDS, TITLES
from monitor.detect.text import (APOSTROPHES, DASHES, Chunk, Piece, accents_agree, among_capitals, feminine,
                                 fold_word, folded_words, joins, tokenize, word_before, word_stem)
from monitor.detect.translated import (KINDS, Translated, defined_acronyms, french_acronyms, national_names,
                                       shortened_names, syllabic_acronyms)

ACTOR, KEYWORD = 0, 1
_new = tuple.__new__  # a NamedTuple built without its Python-level __new__ (every field given)
_END = ""  # trie key that marks the end of a form (word keys are never empty)
MIDDLE_NAMES = 3  # unlisted names a person's name may hold before its surname (Robert Lucien Jean-Claude Kargougou)
OTHER = "\x00"  # a word outside the watchlist, or a gap no form spans, in the automaton's text
_FIRST_SYMBOL = 0x10000  # the watchlist's word keys are written from here on (no surrogates)
_NO_SLOT = -1  # Chunk.slots of a break
_BREAK_SLOTS, _FIRST_SLOT = (_NO_SLOT,), (0,)


class Entry(NamedTuple):
    kind: int  # ACTOR or KEYWORD
    index: int  # into watchlist.actors or watchlist.keywords
    exact: tuple[str, ...] | None  # folded words that must match exactly (actors)
    raw: tuple[str, ...] | None  # words as written, matched case-sensitively (acronyms)
    accents: tuple[str, ...] | None  # accented stems an accented word must agree with (keywords)
    capital: bool  # must start with a capital letter (surname alone)
    checked: bool  # any of the above to check
    role: Role | None = None  # a role: holds only on some dates
    shared: bool = False  # a surname more than one person has: needs context
    # per word of a keyword's term, whether the term writes it in the feminine: « présidentielle »
    # (the election) finds « présidentielles », not « le palais présidentiel »
    feminine: tuple[bool, ...] | None = None


class Hit(NamedTuple):  # sorts in text order
    start: int
    end: int
    kind: int
    index: int


def is_acronym(form: str) -> bool:
    letters = [c for c in form if c.isalpha()]
    return (
        len(form) <= 5
        and any(c.isupper() for c in form)
        and (any(c.isupper() for c in form[1:]) or len(letters) == 1)
    )


class Matcher:
    """Built once per watchlist; ``find`` is pure and thread-safe."""

    def __init__(self, watchlist: Watchlist) -> None:
        self.watchlist = watchlist
        trie: dict = {}  # every form under its word keys, so that forms spelled alike share a pattern
        shorter = {(index, other): folded_words(other) for index, actor in enumerate(watchlist.actors)
                   for form in actor.surface_forms for other in _shorter(form, actor.type)}
        owners = _owners(watchlist, set(shorter.values()))
        # other names the press uses ("Moscou" or "CEDEAO" for a watchlist's "Moscow" or
        # "ECOWAS"); one that two actors of the list would both take ("RSF": the Rapid Support
        # Forces and Reporters sans frontières) is neither's
        others = {(index, form): exonyms.other_names(form, actor.type)
                  for index, actor in enumerate(watchlist.actors) for form in actor.surface_forms}
        claimed: dict[tuple[str, ...], set[int]] = {}
        for (index, _), names_of_form in others.items():
            for other in names_of_form:
                claimed.setdefault(folded_words(other), set()).add(index)
        for index, actor in enumerate(watchlist.actors):
            for form in actor.surface_forms:
                # the form, its other names, « N'Guessan » for Nguessan, « l'armée malienne », and
                # "Wagner" for the Wagner Group or "Diomaye Faye" for Bassirou Diomaye Faye unless
                # another actor's name holds it ("Idriss Deby", the father of Mahamat Idriss Deby)
                for name in (form, *(other for other in others[index, form] if claimed[folded_words(other)] == {index}),
                             *names.other_forms(form), *(national_names(form) if actor.type in KINDS else ()),
                             *_noun_first(form, actor.type),
                             *(other for other in _shorter(form, actor.type)
                               if owners.get(shorter[index, other], {index}) <= {index})):
                    _add(trie, name, ACTOR, index)
                    if actor.type != "person" and _WORDLIKE_ACRONYM.fullmatch(name):
                        _add(trie, name.capitalize(), ACTOR, index, capital=True)
                for name in _the_plural(form, actor.type):  # « Les Démocrates » for The Democrats
                    _add(trie, name, ACTOR, index, capital=True)
                if actor.type == "place":  # « le fleuve Niger », « la région du Nord-Ouest »
                    features, capitalised = lexicon.place_names(form)
                    for name in features:
                        _add(trie, name, ACTOR, index)
                    for name in capitalised:
                        _add(trie, name, ACTOR, index, capital=True)
            for role in actor.roles:
                _add(trie, role.name, ACTOR, index, role=role)
        for index, form, shared in self._surnames(watchlist):
            _add(trie, form, ACTOR, index, capital=True, shared=shared)
        for index, keyword in enumerate(watchlist.keywords):
            for term in keyword.terms:
                _add(trie, term, KEYWORD, index)
        # the words a form writes a comma after: « ministre de l'Énergie, des Mines et des
        # Carrières » spans the text's comma there (elsewhere a comma ends a name)
        self.comma_keys = frozenset(
            token.key
            for form in (*(form for actor in watchlist.actors for form in actor.surface_forms),
                         *(role.name for actor in watchlist.actors for role in actor.roles),
                         *(term for keyword in watchlist.keywords for term in keyword.terms)) if "," in form
            for tokens in [tokenize(form)]
            for token, after in zip(tokens, tokens[1:]) if "," in form[token.end:after.start])
        root = _freeze(trie)
        self.first: frozenset[str] = frozenset(root)  # the keys that start some form
        self.vocab: dict[str, str] = {}  # word key -> its character in the automaton (else OTHER)
        forms = list(_forms(root, ()))
        for keys, _ in forms:
            for key in keys:
                if key not in self.vocab:
                    self.vocab[key] = chr(_FIRST_SYMBOL + len(self.vocab))
        # per pattern of the automaton: (words, entries, any entry needs ``_alone``)
        self.patterns = [(len(keys), entries, any(entry.capital for entry in entries)) for keys, entries in forms]
        self.automaton = ahocorasick_rs.AhoCorasick(
            ["".join(map(self.vocab.__getitem__, keys)) for keys, _ in forms]) if forms else None
        self._one: dict[str, tuple[Entry, ...]] = {}  # word as written -> its valid one-word entries
        self.translated = Translated(watchlist)
        self.short_acronyms = any(_short_acronym(entry) for entry in _entries(trie))
        self.roles = any(actor.roles for actor in watchlist.actors)
        self.bodies = frozenset(i for i, actor in enumerate(watchlist.actors) if actor.type in KINDS)
        self.people = frozenset(i for i, actor in enumerate(watchlist.actors) if actor.type == "person")
        self.women = frozenset(i for i in self.people if folded_words(watchlist.actors[i].name)[0] in names.WOMEN)
        self.places = frozenset(i for i, actor in enumerate(watchlist.actors) if actor.type == "place")
        self.proper = frozenset(i for i, actor in enumerate(watchlist.actors) if actor.type in ("person", "place"))
        # transliteration variants of person names, by the skeleton of their surname
        self.variants: dict[str, list[tuple[int, tuple[str, ...]]]] = {}
        self.first_names: set[str] = set()
        self._similar: dict[str, tuple[tuple[int, tuple[str, ...]], ...]] = {}
        people = [(index, tuple(names.key(token.text) for token in tokenize(written)))
                  for index, actor in enumerate(watchlist.actors) if actor.type == "person"
                  for form in actor.surface_forms for written in (form, *names.other_forms(form))]
        # the middle names left out (« Abderrahim Daglo », « Mahamat Déby »), unless another
        # person has that first name and surname (Moussa Dadis Camara, Moussa Tiégboro Camara)
        ends: dict[tuple[str, str], set[int]] = {}
        for index, keys in people:
            if len(keys) > 1:
                ends.setdefault((keys[0], keys[-1]), set()).add(index)
                ends.setdefault(keys[-2:], set()).add(index)
        for index, keys in people:
            if len(keys) > 1:
                variants = self.variants.setdefault(names.skeleton(keys[-1]), [])
                variants.append((index, keys))
                if len(keys) > 2 and ends[keys[0], keys[-1]] == {index}:
                    variants.append((index, (keys[0], keys[-1])))
                if len(keys) > 2 and keys[-2] in names.PARTICLES and ends[keys[-2:]] == {index}:  # « Ag Ghali »
                    variants.append((index, keys[-2:]))
                self.first_names.update(keys[:-1])
        # places in another spelling, by their last word's key: Mbera, « M'berra »; Hodh Ech
        # Chargui, « Hodh El Chargui »; Atakora, « Atacora » (``names.key``, equal keys only)
        self.place_variants: dict[str, list[tuple[int, tuple[str, ...]]]] = {}
        # a one-word place as the watchlist writes it is the automaton's business: (key, word) to skip
        self._place_as_written: set[tuple[str, str]] = set()
        several: set[str] = set()
        for index in self.places:
            for form in watchlist.actors[index].surface_forms:
                for written in (form, *names.apostrophe_forms(form)):
                    tokens = tokenize(written)
                    if tokens and all(token.text.isalpha() for token in tokens) and len(tokens[-1].text) >= 3:
                        keys = tuple(names.key(token.text) for token in tokens)
                        self.place_variants.setdefault(keys[-1], []).append((index, keys))
                        if len(tokens) == 1:
                            self._place_as_written.add((keys[0], written.casefold()))
                        else:
                            several.add(keys[-1])
        self._place_as_written = {pair for pair in self._place_as_written if pair[0] not in several}

    @staticmethod
    def _surnames(watchlist: Watchlist) -> list[tuple[int, str, bool]]:
        """(actor index, surname, shared) for each person whose surname alone can name them;
        shared when another person has it too."""
        owners: dict[str, set[int]] = {}
        written: dict[str, str] = {}
        first_names: set[str] = set()
        single: dict[str, set[int]] = {}
        for index, actor in enumerate(watchlist.actors):
            for form in actor.surface_forms:
                tokens = tokenize(form)
                if len(tokens) == 1:
                    single.setdefault(tokens[0].text, set()).add(index)
                if actor.type != "person" or len(tokens) < 2:
                    continue
                family = 0 if len(tokens) == 2 and tokens[0].text in names.FAMILY_FIRST else len(tokens) - 1
                # a first name (« Abdoulaye ») never names alone; a word between the first name and
                # the surname may still be someone's surname (Déby in Idriss Deby Itno)
                first_names.add(tokens[1 if family == 0 else 0].text)
                last = tokens[family]
                if (len(last.text) >= 3 or family == 0) and last.text.isalpha():
                    owners.setdefault(last.text, set()).add(index)
                    written.setdefault(last.text, form[last.start:last.end])
                # a surname of several words: « von der Leyen », « Grande-Marlaska » (its last word
                # alone is one too)
                begin = family
                while begin > 1 and (tokens[begin - 1].text in names.PARTICLES
                                     or form[tokens[begin - 1].end:tokens[begin].start] == "-"):
                    begin -= 1
                if begin < family and begin >= 2 and tokens[begin].text in _NOBILIARY:
                    # « Kyélem » for Apollinaire Kyelem de Tambela: the name before « de » is
                    # a surname too, after a first name (not Charles de Gaulle's Charles)
                    before = tokens[begin - 1]
                    if len(before.text) >= 4 and before.text.isalpha():
                        first_names.discard(before.text)
                        owners.setdefault(before.text, set()).add(index)
                        written.setdefault(before.text, form[before.start:before.end])
                        begin -= 1
                if begin < family:
                    whole = form[tokens[begin].start:last.end]
                    owners.setdefault(whole, set()).add(index)
                    written.setdefault(whole, whole)
                # « Ould Bilal » for Mohamed Ould Bilal Messoud: a patronym before the surname
                for at in range(1, begin - 1):
                    if (tokens[at].text in _PATRONYMS and tokens[at + 1].text not in names.PARTICLES
                            and not names.HALF_NAME.fullmatch(tokens[at + 1].text)):  # (not Ould Abdel of Abdel Aziz)
                        whole = form[tokens[at].start:tokens[at + 1].end]
                        owners.setdefault(whole, set()).add(index)
                        written.setdefault(whole, whole)
        return [
            (index, written[surname], len(indexes) > 1)
            for surname, indexes in sorted(owners.items())
            if surname not in first_names and surname not in single
            for index in sorted(indexes)
        ]

    def sequence(self, pieces: Sequence[Piece], trail: str) -> tuple[str, tuple[int, ...]]:
        """A chunk as the automaton reads it (``Chunk.seq``), and for each character the word
        it stands for (``Chunk.slots``, -1 for a break). A gap inside the chunk, or at its edges
        (``(Goïta``, ``Mali,``), that no name or phrase spans is a break."""
        vocab = self.vocab
        if len(pieces) == 1 and not pieces[0].lead and not trail:  # one plain word, the usual case
            symbol = vocab.get(pieces[0].key)
            return (OTHER, _BREAK_SLOTS) if symbol is None else (symbol, _FIRST_SLOT)
        symbols = [vocab.get(piece.key, OTHER) for piece in pieces]
        if symbols.count(OTHER) == len(symbols):  # no watchlist word: nothing can match here
            return (OTHER, _BREAK_SLOTS) if pieces or (trail and not joins(f" {trail} ")) else ("", ())
        seq: list[str] = []
        slots: list[int] = []
        if pieces[0].lead and not joins(" " + pieces[0].lead):
            seq.append(OTHER)
            slots.append(_NO_SLOT)
        for s, (piece, symbol) in enumerate(zip(pieces, symbols)):
            if s and not joins(piece.lead, pieces[s - 1].raw):
                seq.append(OTHER)
                slots.append(_NO_SLOT)
            seq.append(symbol)
            slots.append(s)
        if trail and not joins(trail + " ", pieces[-1].raw) and not (
                trail == "," and pieces[-1].key in self.comma_keys):
            seq.append(OTHER)
            slots.append(_NO_SLOT)
        return "".join(seq), tuple(slots)

    def anchors(self, pieces: Sequence[Piece]) -> tuple[int, ...]:
        """Which of these words are a variant spelling of a person's surname or of a place's
        last word (called once per distinct chunk, so detection only revisits the words that are)."""
        return tuple(
            index for index, piece in enumerate(pieces)
            if len(piece.fold) >= 3 and (piece.raw[0].isupper() and self._forms(names.key(piece.fold))
                                         or self._place_anchor(piece))
        )

    def anchored(self, piece: Piece) -> bool:
        """``anchors`` for one capitalised word of at least 3 letters."""
        return self.surname_variant(piece.fold) or self._place_anchor(piece)

    def surname_variant(self, fold: str) -> bool:
        """Whether a word, given folded, is a person's surname in some spelling."""
        return bool(self._forms(names.key(fold)))

    def _place_anchor(self, piece: Piece) -> bool:
        """Whether a word may end a place's name in another spelling: capitalised, or after a
        West African N' or M' (« M'berra »), and not a one-word place as the watchlist writes it."""
        key = names.key(piece.fold)
        return (key in self.place_variants and (piece.raw[0].isupper() or piece.lead in APOSTROPHES)
                and (key, piece.raw.casefold()) not in self._place_as_written)

    def _forms(self, word: str) -> tuple[tuple[int, tuple[str, ...]], ...]:
        """(actor index, name keys) of the person forms whose surname ``word`` is a variant of."""
        forms = self._similar.get(word)
        if forms is None:
            if len(self._similar) >= 1 << 16:
                self._similar.clear()
            forms = self._similar[word] = tuple(
                form for form in self.variants.get(names.skeleton(word), ()) if names.similar(word, form[1][-1])
            )
        return forms

    def _valid_alone(self, piece: Piece, entries: tuple[Entry, ...]) -> tuple[Entry, ...]:
        """The entries of a one-word form that hold for the word as written (remembered)."""
        valid = self._one.get(piece.raw)
        if valid is None:
            if len(self._one) >= 1 << 16:
                self._one.clear()
            valid = self._one[piece.raw] = tuple(
                entry for entry in entries if not entry.checked or _valid_one(entry, piece))
        return valid

    def find(self, text: str, chunks: Sequence[Chunk], offsets: Sequence[int], when: date | None = None,
             busy: Sequence[int] | None = None, blanks: Sequence[int] | None = None
             ) -> list[tuple[int, int, int, int]]:
        """Every match in ``text``, overlaps resolved, in text order, as ``(start, end, kind,
        index)`` tuples (``Hit``'s fields). ``chunks``: the text's pieces between
        one-character separators (space, line break), read by ``pipeline.Detector``; chunk
        ``k`` starts at ``offsets[k] + k``. ``when``: the article's date, for roles. ``busy``:
        the indexes of the chunks with anchors or a name shape (all when None). ``blanks``: the
        indexes of the empty chunks (two separators in a row; found here when None)."""
        found: list[tuple[int, int, Entry]] = []
        append = found.append
        if self.automaton is not None:
            seqs = _sequences(text, chunks, offsets, blanks)
            ends = list(accumulate(map(len, seqs)))  # chunk k's characters end at ends[k]
            first, patterns = self.first, self.patterns
            for pattern, _, stop in self.automaton.find_matches_as_indexes("".join(seqs), overlapping=True):
                at = stop - 1
                length, entries, capital = patterns[pattern]
                k = bisect_right(ends, at)
                pieces = chunks[k].pieces
                s = chunks[k].slots[at - ends[k] + len(seqs[k])]
                piece = pieces[s]
                end = offsets[k] + k + piece.end
                if length == 1:
                    valid = self._valid_alone(piece, entries)
                    if not valid:
                        continue
                    start = offsets[k] + k + piece.start
                    if capital:
                        alone = _alone(text, chunks, offsets, k, s, first, self.surname_variant)
                        for entry in valid:
                            if alone or not entry.capital:
                                append((start, end, entry))
                    else:
                        for entry in valid:
                            append((start, end, entry))
                    continue
                path = _path(chunks, seqs, ends, at - length + 1, at)
                k0, piece0 = path[0]
                start = offsets[k0] + k0 + piece0.start
                words = [piece for _, piece in path]
                for entry in entries:
                    if _valid(entry, words):
                        append((start, end, entry))
        if busy is None:
            busy = range(len(chunks))
        for k in busy:
            for s in chunks[k].anchors:
                self._variant(text, chunks, offsets, k, s, found)
        translated = self.translated
        if translated.keys:  # « Forces de soutien rapide » for the watchlist's Rapid Support Forces
            for start, end, index in translated.find(text, chunks, offsets, busy):
                append((start, end, _plain(index)))
        if translated.acronym_owners:  # « … (FSR) », then « les FSR »
            if "(" in text:  # « le Rassemblement démocratique du peuple camerounais (RDPC) »
                for start, end, index in translated.defined(text):
                    append((start, end, _plain(index)))
            owners = translated.acronym_owners
            named = [(start, end, entry.index) for start, end, entry in found
                     if entry.kind == ACTOR and entry.index in owners and not entry.shared]
            shortened = shortened_names(text, named, translated.common, translated.heads)
            for start, end, index in defined_acronyms(text, named) + shortened:
                append((start, end, _plain(index)))
            if translated.initials:  # « la CENI » never defined: the initials of a French name
                owner, syllabic = translated.acronym_owner, translated.syllabic_owner
                capitals, syllables = [], []  # « la SONABEL »: the first syllables of a French name
                for k in busy:
                    base = offsets[k] + k
                    for piece in chunks[k].pieces:
                        raw = piece.raw
                        if 2 < len(raw) < 9 and raw[0].isupper():
                            if len(raw) < 7 and (index := owner(raw)) is not None:
                                capitals.append((base + piece.start, base + piece.end, index))
                            elif len(raw) > 4 and (index := syllabic(raw)) is not None:
                                syllables.append((base + piece.start, base + piece.end, index))
                capitals += syllabic_acronyms(text, syllables)
                if capitals:
                    taken = [span[:2] for span in found]
                    for start, end, index in french_acronyms(text, capitals, taken):
                        append((start, end, _plain(index)))
        found.sort(key=_SPAN)
        entries = list(map(_ENTRY, found))
        if self.roles and any(map(_ROLE, entries)):
            found = _holders(found, text, when, self.people)
            entries = list(map(_ENTRY, found))
        if self.short_acronyms:
            found = [span for span in found if not (_short_acronym(span[2]) and among_capitals(text, *span[:2]))]
        hits = _resolve(_in_context(found, text, self.women) if any(map(_SHARED, entries)) else found)
        # a person's or place's one-word name written in lower case is a word, not the name:
        # « bissau-guinéen », « une poutine »
        hits = [hit for hit in hits
                if hit[2] != ACTOR or hit[3] not in self.proper or not _one_lower_word(text[hit[0]:hit[1]])]
        if self.places:  # « l'accord d'Alger », a keyword of several words, is an agreement, not Algiers
            terms = [(start, end) for start, end, kind, _ in hits if kind == KEYWORD and " " in text[start:end]]
            if terms:
                hits = [hit for hit in hits if hit[2] != ACTOR or hit[3] not in self.places or not _inside(hit, terms)]
        if not self.bodies:
            return hits
        of_another = self.translated.of_another_country
        hits = [hit for hit in hits if hit[2] != ACTOR or hit[3] not in self.bodies
                or not of_another(text, hit[0], hit[1], hit[3])]
        return _outside_bodies(hits, self.bodies)

    def _variant(self, text: str, chunks: Sequence[Chunk], offsets: Sequence[int], k: int, s: int,
                 found: list[tuple[int, int, Entry]]) -> None:
        """Person names whose surname is word ``s`` of chunk ``k`` in another spelling, and
        place names whose last word it is."""
        piece = chunks[k].pieces[s]
        word = names.key(piece.fold)
        base = offsets[k] + k
        for index, keys in self.place_variants.get(word, ()):
            start = _place_start(text, chunks, offsets, k, s, keys[:-1])
            if start is not None and text[start].isupper():
                found.append((start, base + piece.end, _plain(index)))
        if not piece.raw[0].isupper():
            return
        owners = set()
        for index, keys in self._forms(word):
            owners.add(index)
            start = _name_start(text, chunks, offsets, k, s, keys[:-1])
            if start is not None:
                found.append((start, base + piece.end, _plain(index)))
        if (owners and word not in self.first_names and piece.fold not in names.FIRST_NAMES
                and _alone(text, chunks, offsets, k, s, self.first, self.surname_variant)):
            shared = len(owners) > 1
            for index in owners:
                entry = _new(Entry, (ACTOR, index, None, None, None, True, False, None, shared, None))
                found.append((base + piece.start, base + piece.end, entry))


def _inside(hit: tuple[int, int, int, int], spans: list[tuple[int, int]]) -> bool:
    """Whether ``hit`` lies inside one of ``spans`` (in text order; two keywords' terms may
    overlap, so the three that start last before it are looked at), and is shorter."""
    at = bisect_right(spans, (hit[0], float("inf")))
    return any(end >= hit[1] and end - start > hit[1] - hit[0] for start, end in spans[max(0, at - 3):at])


def _one_lower_word(written: str) -> bool:
    return written.islower() and " " not in written


def _plain(index: int) -> Entry:
    """The entry of an actor found outside the automaton (a name in another spelling or read in
    translation, an acronym), with nothing left to check."""
    return _new(Entry, (ACTOR, index, None, None, None, False, False, None, False, None))


def _owners(watchlist: Watchlist, wanted: set[tuple[str, ...]]) -> dict[tuple[str, ...], set[int]]:
    """For each run of folded words in ``wanted``, the actors whose names hold it."""
    owners: dict[tuple[str, ...], set[int]] = {}
    sizes = {len(run) for run in wanted}
    for index, actor in enumerate(watchlist.actors):
        for form in actor.surface_forms:
            words = folded_words(form)
            for size in sizes:
                for start in range(len(words) - size + 1):
                    if words[start:start + size] in wanted:
                        owners.setdefault(words[start:start + size], set()).add(index)
    return owners


_NOBILIARY = frozenset({"de", "du", "des"})
_PATRONYMS = frozenset({"ould", "ag", "ben", "bin", "ibn", "wad"})  # "son of": « Ould Bilal » is a surname
_THE_PLURAL = re.compile(r"The (\w+s)(?: \([^()]*\))?")
# a company's noun, which French writes before its name: « le groupe Bolloré », « la raffinerie Dangote »
_COMPANY_NOUNS = {"group": ("groupe",), "refinery": ("raffinerie",), "foundation": ("fondation",),
                  "mine": ("mine",), "bank": ("banque",), "airline": ("compagnie",), "airlines": ("compagnie",)}
# the last word of a company's (or party's) name that the press leaves out: Barrick Gold is
# « Barrick », Yelema Party « Yelema »
_TRADE_WORDS = frozenset(
    "group gold mining minerals metals lithium uranium resources corporation corp company holdings holding "
    "limited ltd inc plc sa ag llc energy oil petroleum gas international party".split())
_NOT_PROPER = _TRADE_WORDS | frozenset(lexicon.WORDS)  # words no company is named by


def _the_plural(form: str, kind: str) -> tuple[str, ...]:
    """A party named by a plural noun, in French with its capital: « Les Démocrates » or
    « Démocrates » for The Democrats (Benin), « Les Transformateurs » for The Transformers."""
    named = _THE_PLURAL.fullmatch(form)
    if kind not in KINDS or named is None:
        return ()
    plurals = [word for word in lexicon.WORDS.get(named.group(1).lower(), ()) if word.endswith("s")]
    french = [word[0].upper() + word[1:] for word in plurals]
    return tuple(name for word in french for name in (f"Les {word}", word))


def _noun_first(form: str, kind: str) -> tuple[str, ...]:
    """A company's French name, its noun first: « le groupe Bolloré » for Bollore Group, « la
    raffinerie Dangote » for Dangote Petroleum Refinery (the trade words between are left out)."""
    words = form.split()
    if kind != "organization" or len(words) < 2 or not all(word[0].isupper() for word in words):
        return ()
    nouns = _COMPANY_NOUNS.get(words[-1].casefold(), ())
    proper = [word for word in words[:-1] if word.casefold() not in _NOT_PROPER]
    if not nouns or not proper or proper != words[:len(proper)]:
        return ()
    return tuple(f"{noun} {' '.join(proper)}" for noun in nouns)


def _shorter(form: str, kind: str) -> tuple[str, ...]:
    """Shorter names the press gives an actor: "Wagner" for the Wagner Group (or groupe
    Wagner), "Barrick" for Barrick Gold (a company's name without its trade word, when what is
    left is a name of its own, not a word of the lexicon: not "African" for African Gold),
    "SOREMA" for SOREMA gold refinery (the acronym a name opens on),
    "Diomaye Faye" for Bassirou Diomaye Faye (a person's last two names, once the name has
    three words or more)."""
    words = form.split()
    if kind in ("organization", "group") and len(words) > 1:
        if words[0].casefold() in ("groupe", "operation", "opération"):  # « Mirador » for Operation Mirador
            return (" ".join(words[1:]),)
        if (len(words[0]) >= 3 and words[0].isupper() and words[0].isalpha()
                and not exonyms.other_names(words[0], "organization")):  # "AES Unified Force" is not the AES
            return (words[0],)  # "SOREMA gold refinery", "SADAT International Defense Consultancy"
        if words[-1].casefold() in _TRADE_WORDS and all(
                word[0].isupper() and word.casefold() not in lexicon.WORDS for word in words[:-1]):
            return (" ".join(words[:-1]),)
    if kind == "person" and len(words) >= 3 and all(word[0].isupper() for word in words[-2:]):
        return (" ".join(words[-2:]),)
    return ()


def _add(trie: dict, form: str, kind: int, index: int, capital: bool = False, role: Role | None = None,
         shared: bool = False) -> None:
    tokens = tokenize(form)
    if not tokens:
        return
    words = tuple(form[t.start:t.end] for t in tokens)
    raw = words if is_acronym(form) else None
    exact = tuple(t.text for t in tokens) if kind == ACTOR else None
    accents = tuple(map(word_stem, words)) if kind == KEYWORD else None
    genders = tuple(feminine(token.text) for token in tokens) if kind == KEYWORD else ()
    node = trie
    for token in tokens:
        node = node.setdefault(token.key, {})
    checked = any((exact, raw, accents, capital))
    node.setdefault(_END, set()).add(Entry(kind, index, exact, raw, accents, capital, checked, role, shared,
                                           genders if any(genders) else None))


def _alone(text: str, chunks: Sequence[Chunk], offsets: Sequence[int], k: int, s: int, first: frozenset[str],
           variant: Callable[[str], bool]) -> bool:
    """Whether word ``s`` of chunk ``k`` stands without a capitalised word before it, other
    than a title, a small word ("Selon Novak") or, across a hyphen, another watchlist name in
    any spelling (``variant``: a person's surname written otherwise): "le Président Goïta",
    "Goïta-Poutine" and "POUTINE-TRAORÉ" are surnames alone, "Mariam Goïta" is someone else,
    and so is the first name of "Saleh Kebzabo" (a capitalised word after it that starts no
    watchlist name). The first of such a pair stands alone whatever comes before it: a headline's "Entretien
    Faye-Poutine"."""
    pieces = chunks[k].pieces
    if s + 1 < len(pieces) and pieces[s + 1].lead in DASHES:
        after = pieces[s + 1]
        if after.raw[0].isupper() and (after.key in first or (len(after.fold) >= 3 and variant(after.fold))):
            return True
    before = None
    if s:
        if joins(pieces[s].lead):
            before = pieces[s - 1]
            if pieces[s].lead in DASHES and (before.key in first or (len(before.fold) >= 3 and variant(before.fold))):
                return True
    elif k and chunks[k - 1].pieces and not chunks[k - 1].trail and not pieces[0].lead:
        if text[offsets[k] + k - 1] == " ":
            before = chunks[k - 1].pieces[-1]
    if before is not None and before.raw[0].isupper() and before.fold not in TITLES and before.fold not in STOPWORDS:
        return False
    if s + 1 == len(pieces) and not chunks[k].trail and k + 1 < len(chunks) and text[offsets[k + 1] + k] == " ":
        after = chunks[k + 1].pieces[0] if chunks[k + 1].pieces and not chunks[k + 1].pieces[0].lead else None
        # « Saleh Kebzabo »: the first name of someone else (not « BAZOUM Mohamed », nor a headline in capitals)
        if (after is not None and after.raw[0].isupper() and not after.raw.isupper() and after.key not in first
                and after.fold not in STOPWORDS and after.fold not in TITLES and not variant(after.fold)):
            return False
    return True


def _previous(text: str, chunks: Sequence[Chunk], offsets: Sequence[int], k: int, s: int
              ) -> tuple[int, int, str] | None:
    """(chunk, word, gap) of the word before word ``s`` of chunk ``k``, if any."""
    if s:
        return k, s - 1, chunks[k].pieces[s].lead
    if k and chunks[k - 1].pieces:
        return k - 1, len(chunks[k - 1].pieces) - 1, chunks[k - 1].trail + text[offsets[k] + k - 1] + chunks[k].pieces[0].lead
    return None


def _place_start(text: str, chunks: Sequence[Chunk], offsets: Sequence[int], k: int, s: int,
                 wanted: tuple[str, ...]) -> int | None:
    """Where the place name starts whose words before word ``s`` of chunk ``k`` have the keys
    ``wanted``, or None."""
    for want in reversed(wanted):
        before = _previous(text, chunks, offsets, k, s)
        if before is None:
            return None
        k, s, gap = before
        piece = chunks[k].pieces[s]
        if not joins(gap, piece.raw) or names.key(piece.fold) != want:
            return None
    return offsets[k] + k + chunks[k].pieces[s].start


def _name_start(text: str, chunks: Sequence[Chunk], offsets: Sequence[int], k: int, s: int,
                wanted: tuple[str, ...]) -> int | None:
    """Where the name starts whose words before word ``s`` of chunk ``k`` are variants of
    ``wanted`` (name keys), or None. Up to three middle names may stand before the surname, as
    the press writes them and a watchlist often leaves them out ("Choguel Kokalla Maïga",
    "Mohamed Ould Cheikh El Ghazouani" for Mohamed Ould Ghazouani)."""
    middle = MIDDLE_NAMES
    for want in reversed(wanted):
        while True:
            before = _previous(text, chunks, offsets, k, s)
            if before is None:
                return None
            k, s, gap = before
            piece = chunks[k].pieces[s]
            if not joins(gap, piece.raw) or not (piece.raw[0].isupper() or piece.fold in _PARTICLES):
                return None
            if names.given_similar(names.key(piece.fold), want):
                break
            if not middle or piece.fold in STOPWORDS or len(piece.fold) < 2:  # (Cheikh is a name too)
                return None
            middle -= 1
        if "-" not in gap:  # middle names only before the surname, which may be hyphenated (Akufo-Addo)
            middle = 0
    return offsets[k] + k + chunks[k].pieces[s].start


# an acronym the French press may write as a word, with one capital: « l'Iswap », « la Minusma »
_WORDLIKE_ACRONYM = re.compile(r"[A-Z]{4,}")
# the small words of Arab, Moorish and Tuareg names, written in lower case (Tamim ben Hamad Al Thani)
_PARTICLES = frozenset({"ben", "bin", "ibn", "bint", "al", "el", "ould", "ag", "wald"})
# before a role, these make it someone else's: "le défunt président tchadien" is not the holder
_NOT_THE_HOLDER = frozenset({"defunt", "defunte", "feu", "ancien", "ancienne", "ex", "futur", "future"})


def _holders(found: list[tuple[int, int, Entry]], text: str, when: date | None, people: frozenset[int]
             ) -> list[tuple[int, int, Entry]]:
    """Role mentions kept for who held the role on ``when``, unless the role stands next to
    another person's name, describing him (« Choguel Maïga, Premier ministre depuis juin 2021 »
    after his dismissal); a role several actors held then (two juntas' "président de la
    Transition") is resolved by context, as a shared surname."""
    named = {(start, end): entry.index for start, end, entry in found
             if entry.role is None and entry.kind == ACTOR and entry.index in people}
    kept = [span for span in found if span[2].role is None
            or (span[2].role.held_on(when) and not _someone_else(text, span[0])
                and not _beside_someone_else(text, span, named))]
    holders: dict[tuple[int, int], set[int]] = {}
    for start, end, entry in kept:
        if entry.role is not None:
            holders.setdefault((start, end), set()).add(entry.index)
    if all(len(indexes) == 1 for indexes in holders.values()):
        return kept
    return [(start, end, entry._replace(shared=True))
            if entry.role is not None and len(holders[start, end]) > 1 else (start, end, entry)
            for start, end, entry in kept]


def _beside_someone_else(text: str, role: tuple[int, int, Entry], named: dict[tuple[int, int], int]) -> bool:
    """Whether a person other than the role's holder is named right before or after the role,
    in apposition: "X, Premier ministre", "le Premier ministre X". A comma and an article make
    no apposition: "aux côtés de X, le chef de l'État …" and "frère du président, X" may be
    a new clause or someone else."""
    start, end, entry = role
    for (name_start, name_end), index in named.items():
        if index != entry.index and (text[name_end:start] == ", " or text[end:name_start] == " "):
            return True
    return False


def _someone_else(text: str, start: int) -> bool:
    before = word_before(text, start)
    return before is not None and fold_word(before) in _NOT_THE_HOLDER


_FEMININE_TITLES = frozenset({"mme", "madame", "mlle", "presidente", "directrice", "ambassadrice", "reine",
                               "princesse", "cheffe"})
_TITLE_WORDS = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)?")


def _titles(text: str, start: int, reach: int = 8, since: int = 0) -> set[str]:
    """The titles among the ``reach`` words before ``start`` and after ``since`` ("le général",
    "la ministre de l'Énergie"), folded, plus "f" when one is a woman's ("Mme", "la ministre")."""
    since = max(since, start - 15 * reach)
    words = [fold_word(word) for word in _TITLE_WORDS.findall(text, since, start)][-reach - 1:]
    found = set()
    for at in range(max(0, len(words) - reach), len(words)):
        word = words[at]
        if word in TITLES:
            found.add(word)
            if word in _FEMININE_TITLES or (at and words[at - 1] == "la"):
                found.add("f")
    if "f" in found:
        found -= _FEMININE_TITLES  # "Mme X" and "la ministre X": a woman, whatever her title
        found.add("f")
    return found


def _short_acronym(entry: Entry) -> bool:
    """A one-word acronym of at most three letters (UN, AES): a headline may write it as a word."""
    return entry.raw is not None and len(entry.raw) == 1 and len(entry.raw[0]) <= 3


_MISTER = re.compile(r"\b(?:M\.|Monsieur)\s*$")  # a man, though no title: « M. Bio »


def _in_context(found: list[tuple[int, int, Entry]], text: str, women: frozenset[int] = frozenset()
                ) -> list[tuple[int, int, Entry]]:
    """Shared surnames resolved: a surname after a title ("le général Camara", "Mme Camara")
    names the one owner the article introduced with that title ("le général Sadio Camara",
    "la ministre … Bintou Camara"); a woman's title (« Mme Gbagbo ») names the owners with a
    woman's first name (``women``), a man's (« M. Gbagbo », « le président ») the others; then
    each names the owner mentioned last before it; before any such mention (a headline's
    « TRAORÉ-POUTINE »), the one owner the article introduces further on with that title, else
    the owner it names first; else nobody."""
    shared: dict[tuple[int, int], list[Entry]] = {}
    for start, end, entry in found:
        if entry.shared:
            shared.setdefault((start, end), []).append(entry)
    if not shared:
        return found
    spans = [(start, end, entry.index) for start, end, entry in found if entry.kind == ACTOR and not entry.shared]
    # « Idriss Déby » inside « Mahamat Idriss Déby Itno » names nobody: the longer name wins
    inner = {(s, e, i) for s, e, i in spans for s2, e2, i2 in spans if i2 != i and s2 <= s and e <= e2 and e2 - s2 > e - s}
    # each mention by more than a shared surname, with the titles before it; a title before
    # another actor's name is not this one's: « le maréchal Khalifa Haftar … son fils Saddam Haftar »
    named: list[tuple[int, int, set[str]]] = []
    last_end: dict[int, int] = {}
    for start, end, index in spans:
        if (start, end, index) not in inner:
            since = max((stop for other, stop in last_end.items() if other != index), default=0)
            named.append((start, index, _titles(text, start, since=since)))
            last_end[index] = end
    kept = []
    for start, end, entry in found:
        if not entry.shared:
            kept.append((start, end, entry))
            continue
        entries = shared.pop((start, end), None)
        if not entries:
            continue
        before = [(at, index, titles) for at, index, titles in named if at < start]
        told = before if any(index == e.index for _, index, _ in before for e in entries) else named
        title = _titles(text, start, reach=1)
        matching = {e.index: e for e in entries
                    if title and any(index == e.index and title <= titles for _, index, titles in told)}
        if len(matching) == 1:
            kept.append((start, end, *matching.values()))
            continue
        if women and (title or _MISTER.search(text, max(0, start - 10), start)):
            sex = [e for e in entries if (e.index in women) == ("f" in title)]
            entries = sex or entries
        latest = {index: at for at, index, _ in before}
        best = max(entries, key=lambda e: latest.get(e.index, -1))
        if best.index in latest:
            kept.append((start, end, best))
            continue
        first = {index: at for at, index, _ in reversed(named)}
        later = [e for e in entries if e.index in first]  # none named yet: the one named first
        if later:
            kept.append((start, end, min(later, key=lambda e: first[e.index])))
    return kept


def _sequences(text: str, chunks: Sequence[Chunk], offsets: Sequence[int], blanks: Sequence[int] | None
               ) -> list[str]:
    """The text as the automaton reads it, chunk by chunk: ``Chunk.seq``, with a break where
    empty chunks between two words hide a paragraph break (spaces alone never break)."""
    seqs = list(map(_SEQ, chunks))
    if blanks is None:
        blanks = [k for k, chunk in enumerate(chunks) if not chunk.pieces and not chunk.trail]
    blank = -2
    for k in blanks:
        if k <= blank:
            continue
        run = k  # a run of empty chunks (two or more separators in a row) ends at chunk ``run``
        while run + 1 < len(chunks) and not chunks[run + 1].pieces and not chunks[run + 1].trail:
            run += 1
        gap = text[offsets[k] + k - 1:offsets[run] + run + 1] if k else "\n\n"
        if gap.count("\n") > 1:
            seqs[k] = OTHER
        blank = run
    return seqs


def _path(chunks: Sequence[Chunk], seqs: Sequence[str], ends: Sequence[int], first: int, last: int
          ) -> list[tuple[int, Piece]]:
    """(chunk, word) for the characters ``first`` to ``last`` of the automaton's text (a
    match: no break among them)."""
    path = []
    k = bisect_right(ends, first)
    at = first
    while at <= last:
        while at >= ends[k]:
            k += 1
        chunk = chunks[k]
        path.append((k, chunk.pieces[chunk.slots[at - ends[k] + len(seqs[k])]]))
        at += 1
    return path


_FOLD, _RAW = attrgetter("fold"), attrgetter("raw")
_ENTRY, _ROLE, _SHARED = itemgetter(2), attrgetter("role"), attrgetter("shared")
_SPAN = itemgetter(0, 1)
_SEQ = attrgetter("seq")


def _valid(entry: Entry, path: Sequence[Piece]) -> bool:
    """Whether the words of ``path`` (as many as the entry's) may be this entry's form."""
    if not entry.checked:
        return True
    if entry.exact is not None and tuple(map(_FOLD, path)) != entry.exact:
        return False
    if entry.raw is not None and tuple(map(_RAW, path)) != entry.raw:
        return False
    if entry.accents is not None and not all(
        p.accents is None or p.accents == wanted or accents_agree(p.accents, wanted)
        for p, wanted in zip(path, entry.accents)
    ):
        return False
    if entry.feminine is not None and not all(feminine(p.fold) for p, wanted in zip(path, entry.feminine) if wanted):
        return False
    return not entry.capital or path[0].raw[0].isupper()


def _valid_one(entry: Entry, piece: Piece) -> bool:
    """``_valid`` for a one-word form."""
    if entry.exact is not None and piece.fold != entry.exact[0]:
        return False
    if entry.raw is not None and piece.raw != entry.raw[0]:
        return False
    if entry.accents is not None and piece.accents is not None and piece.accents != entry.accents[0]:
        if not accents_agree(piece.accents, entry.accents[0]):
            return False
    if entry.feminine is not None and not feminine(piece.fold):
        return False
    return not entry.capital or piece.raw[0].isupper()


def _outside_bodies(hits: list[tuple[int, int, int, int]], bodies: frozenset[int]) -> list[tuple[int, int, int, int]]:
    """The hits without the keywords inside an organisation's or group's name: « la Banque
    européenne d'investissement » is a bank, not an investment. (Actor spans do not overlap.)"""
    names = [(start, end) for start, end, kind, index in hits if kind == ACTOR and index in bodies]
    if not names:
        return hits
    kept = []
    for hit in hits:
        start, end, kind, _ = hit
        if kind != ACTOR:
            at = bisect_right(names, (start, float("inf"))) - 1
            if at >= 0 and end <= names[at][1] and (start, end) != names[at]:
                continue
        kept.append(hit)
    return kept


def _resolve(found: list[tuple[int, int, Entry]]) -> list[tuple[int, int, int, int]]:
    """Longest first among actors, and within each keyword; equal spans are all kept.
    ``found`` is in order of start, then end."""
    hits: list[tuple[int, int, int, int]] = []
    add = hits.append
    first, reach = 0, -1
    for at, (start, end, entry) in enumerate(found):  # runs of overlapping spans; most hold one
        if start >= reach and at > first:
            if at - first == 1:
                start0, end0, entry0 = found[first]
                add((start0, end0, entry0.kind, entry0.index))
            else:
                hits.extend(_settle(found[first:at]))
            first = at
        if end > reach:
            reach = end
    if len(found) - first == 1:
        start, end, entry = found[first]
        add((start, end, entry.kind, entry.index))
    elif len(found) > first:
        hits.extend(_settle(found[first:]))
    return hits


def _settle(cluster: list[tuple[int, int, Entry]]) -> list[tuple[int, int, int, int]]:
    """``_longest`` among the actors of overlapping spans and within each keyword, in text
    order without duplicates."""
    if len(cluster) == 2:  # the usual overlap: a name and its surname, a term inside a longer one
        (start, end, entry), (start2, end2, entry2) = cluster
        hit, hit2 = (start, end, entry.kind, entry.index), (start2, end2, entry2.kind, entry2.index)
        rivals = entry.kind == entry2.kind and (entry.kind == ACTOR or entry.index == entry2.index)
        if rivals and (start, end) != (start2, end2):
            return [hit if end - start >= end2 - start2 else hit2]  # the longer, else the leftmost
        return [hit] if hit == hit2 else sorted((hit, hit2))
    groups: dict[int, list[tuple[int, int, Entry]]] = {}
    for span in cluster:
        entry = span[2]
        groups.setdefault(-1 if entry.kind == ACTOR else entry.index, []).append(span)
    return sorted(dict.fromkeys(hit for spans in groups.values() for hit in _longest(spans)))


def _longest(cluster: list[tuple[int, int, Entry]]) -> list[tuple[int, int, int, int]]:
    """Longest first, then leftmost; a span meeting a kept one is dropped unless equal to it."""
    if len(cluster) > 1:
        kept: list[tuple[int, int, Entry]] = []
        taken: list[tuple[int, int]] = []  # kept spans, sorted and disjoint
        for span in sorted(cluster, key=lambda c: (c[0] - c[1], c[0])):
            at = bisect_left(taken, span[:2])
            if at < len(taken) and taken[at] == span[:2]:
                kept.append(span)
            elif (at == 0 or taken[at - 1][1] <= span[0]) and (at == len(taken) or span[1] <= taken[at][0]):
                kept.append(span)
                taken.insert(at, span[:2])
        cluster = kept
    return [(start, end, entry.kind, entry.index) for start, end, entry in cluster]


def _freeze(node: dict) -> dict:
    return {key: tuple(sorted(value, key=repr)) if key == _END else _freeze(value) for key, value in node.items()}


def _entries(node: dict):
    """Every entry of the trie below ``node``."""
    for key, value in node.items():
        yield from value if key == _END else _entries(value)


def _forms(node: dict, keys: tuple[str, ...]):
    """(word keys, entries) of every form in the trie below ``node``."""
    for key, value in node.items():
        if key == _END:
            yield keys, value
        else:
            yield from _forms(value, (*keys, key))
