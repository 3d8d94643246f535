"""Organisations named in translation, and the acronyms an article defines for them. Pure.

A watchlist written in English names its organisations in English ("Rapid Support Forces");
the French press writes « les Forces de soutien rapide (FSR) ». ``exonyms`` knows the region's
best-known names one by one; this module reads the others word by word:

- each content word of the English name stands for its French equivalents (``lexicon.WORDS``;
  a place keeps its French name from ``exonyms``, any other word stays itself: Azawad);
- a French name matches when a run of the text holds exactly one equivalent of each English
  word, in any order, with only small words between them (de, des, du, pour, l'...), and one
  of its words is written with a capital: « Forces de soutien rapide », « Communauté économique
  des États de l'Afrique centrale », « le ministère russe de la Défense »; the capital may be
  the name's own proper noun's, but a country's (« le tribunal criminel de Dixinn »); a name of four
  words or more may leave one out (« Force multinationale mixte » for Multinational Joint Task
  Force, « État islamique en Afrique de l'Ouest » for Islamic State West Africa Province);
- a name that ends on its country ("National Assembly of Senegal") may be written without it
  (« l'Assemblée nationale ») in an article that names that country and no other country such
  a name ends on; the rest of the name must then be complete;
- the first words of a name the article gave in full name it again when they name one
  organisation only (« le Fonds » after « le Fonds monétaire international »), and so does the
  head of a French name ``exonyms`` knows, once the article names it otherwise (« la
  Confédération » after « l'AES »);
- an acronym never defined, after an article, whose letters are the first syllables of a
  name's French words (« le Parena », « la SONABEL »);
- an acronym never defined whose letters are the initials of one name's French words, the head
  noun's first (« la CENI », « le BIR »);
- an organisation's name followed by an acronym in brackets, whose letters are initials of the
  name's words in order, or their first letters (« … (FSR) », « … (CSP-DPA) », « Société de
  raffinage de Zinder (Soraz) »), names it wherever the article writes that acronym again;
- a name defined with an acronym that translates most of one listed name, though not word for
  word, names it too (« le Rassemblement démocratique du peuple camerounais (RDPC) »:
  ``Translated.defined``);
- a name that ends on another organisation may write that one as its acronym (« la Force
  unifiée de l'AES »);
- a state body followed by another country than its own is that country's (« le Conseil de
  sécurité russe »: ``Translated.of_another_country``).

Names of a single content word are left to the watchlist and ``exonyms``: one word is too
little to tell an institution from an ordinary noun.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from functools import lru_cache
from itertools import product

from monitor.catalog import Watchlist
from monitor.detect import exonyms, lexicon
from monitor.detect.text import (Chunk, Piece, Token, among_capitals, fold_word, folded_words, joins, loose, tokenize,
                                 word_key)

KINDS = ("organization", "group")
ENGLISH_SMALL = frozenset("of the for and in on to at a an s with without against".split())
_PREPOSITIONS = frozenset("of for in on to at".split())
# French words a translation adds to a name: « Armée nationale tchadienne » (Chadian Army),
# « ministère des Affaires étrangères » (Foreign Ministry), « Pôle national de lutte contre la
# cybercriminalité » (National Cybercrime Unit), « état-major » (Staff), « sous-régionale » (Sub-Regional)
FILLERS = frozenset(word_key(word) for word in ("nationale", "affaires", "lutte", "état", "sous"))
MAX_WORDS = 12  # words a French name may run to on either side of a capitalised one
SKIPPABLE_FROM = 4  # a name of this many content words may leave one untranslated (Task, Province)
_STATE = frozenset({"etat", "etats"})  # written with a capital whatever state it is: « l'État »
# words French puts before the head: adjectives (« Haut Conseil »), and the radio of a broadcaster
# (« Radiodiffusion Télévision sénégalaise », RTS)
_BEFORE_HEAD = frozenset(word_key(word) for word in ("haut", "haute", "grand", "grande", "nouveau", "nouvelle",
                                                     "radio", "radiodiffusion"))
_GOES_ON = frozenset({"de", "des", "du", "d", "pour"})  # « le Fonds de solidarité » is another fund
_WORD = re.compile(r"[^\W\d_]+")
_POSSESSIVE = re.compile(r"['’]s?$")
_NEXT_WORD = re.compile(r"[^\S\n]*(?:[’']|-)?[^\S\n]*([^\W\d_][\w’'-]*)")
_SITUATED = re.compile(r"(.+) (?:of|in) (?:the )?([A-Z][\w' -]+)")  # National Assembly of Senegal
# a country's bodies the press names in lower case -> (French noun, whether plural)
_NATIONAL_BODIES: dict[str, tuple[tuple[str, bool], ...]] = {
    "armed forces": (("armée", False),), "army": (("armée", False),), "military": (("armée", False),),
    "air force": (("armée de l'air", False), ("armée de l'Air", False)),
    "navy": (("marine", False),),
    "coast guard": (("garde-côtes", True), ("garde côtière", False)),
    "coastguard": (("garde-côtes", True), ("garde côtière", False)),
    "coast guards": (("garde-côtes", True),),
    "presidency": (("présidence", False),),
    "customs": (("douanes", True), ("douane", False)),
    "customs service": (("douanes", True), ("douane", False)),
    "gendarmerie": (("gendarmerie", False),),
    "national gendarmerie": (("gendarmerie", False),),
    "police": (("police", False),),
    "national police": (("police", False),),
    "national guard": (("garde nationale", False),),
}
_NATIONAL_BODY = re.compile(r"(\S+|Burkina Faso) (%s)" % "|".join(
    sorted((noun.replace(" ", r"\s+") for noun in _NATIONAL_BODIES), key=len, reverse=True)), re.IGNORECASE)
# "African Peoples' Party - Ivory Coast": the French press often writes the part before the dash alone
_COMMA = re.compile(r",[^\S\n]?")
# after a comma inside a name: the next item of its list (« de l'Énergie, des Mines », « économique,
# social »), not an article opening a clause (« Au Mali, le ministère des Mines »)
_LIST_GOES_ON = frozenset({"de", "des", "du", "d"})
_ARTICLES = frozenset({"le", "la", "les", "l", "un", "une"})
_DASH = re.compile(r"\s+[-–—]\s+")
_APPOSED = re.compile(r", the (.+)$")  # "Gavi, the Vaccine Alliance": also « l'Alliance du vaccin »
_ACRONYM = r"[A-ZÀ-Ý][A-Za-zÀ-ÿ0-9]*(?:[-/][A-Za-zÀ-ÿ0-9]+)*"  # an acronym in brackets: (FSR), (CSP-DPA), (Soraz)
_QUALIFIED = re.compile(r"(.+?) \(([^()]+)\)$")  # Special Forces Group (Guinea)
_BRACKETED = re.compile(r"\((" + _ACRONYM + r")\)")
# the French heads of parties and movements, which translations swap for one another
GROUPINGS = frozenset(word_key(french) for english in ("movement", "rally", "party", "union", "front", "alliance",
                                                       "convention", "congress", "coalition", "platform")
                      for french in lexicon.WORDS[english])
DIRECTIONS = frozenset(word_key(french) for english in ("east", "west", "north", "south", "central")
                       for french in lexicon.WORDS[english])
# the heads of names every state gives one of its institutions (not « Forces de soutien rapide
# soudanaises », whose adjective is its own country's though its English name holds none)
INSTITUTIONS = frozenset(word_key(french) for english in (
    "council", "assembly", "ministry", "court", "government", "parliament", "senate", "commission", "committee",
    "tribunal", "presidency", "agency", "directorate") for french in lexicon.WORDS[english])
NATIONAL_KEYS = frozenset(word_key(word) for words in lexicon.NATIONALITIES.values() for word in words)
COUNTRY_KEYS = frozenset(word_key(name) for country in lexicon.COUNTRIES
                         for name in (country, *exonyms.other_names(country, "place")) if " " not in name)
_COUNTRY_AFTER = re.compile(r"[^\S\n]+(?:(?:de|du|des)[^\S\n]+(?:la[^\S\n]+|l['’])?([^\W\d_]+)|([^\W\d_]+))")
SYLLABIC_FROM, SYLLABIC_TO = 5, 8  # letters of an undefined acronym made of syllables (« le Parena »)
# capitals the region's press writes for no organisation (« 500 francs CFA », « le PIB »)
NOT_ORGANISATIONS = frozenset({"CFA", "FCFA", "PIB", "TVA", "VIH", "SMS", "GPS", "USD", "EUR", "TTC"})
_COMPANY_HEADS = frozenset({"societe", "compagnie"})  # heads a company's syllabic acronym leaves out
SYLLABLE = 4  # first letters of one word such an acronym may take (« SYNdicat »)
LOOSE_FROM = 3  # English words a name defined with an acronym must share with the French one
LOOSE_SHARE = 0.6  # and the share of each name's words that must pair
CLOSE_SHARE = 0.75  # the share of English words that must pair when the French name adds a word
_DEFINED = re.compile(r"\s*\((" + _ACRONYM + r")\)")

Signature = tuple[frozenset[str], ...]  # per content word of the English name, its French keys


def signature(name: str) -> Signature:
    """The French keys each content word of ``name`` may take (its own key for a proper noun),
    the head noun first: the last word before "of", "for" or "in", else the last word (Rapid
    Support *Forces*, Economic *Community* of Central African States). A translation may leave
    out another word of a long name, never the head."""
    words = []
    head = None
    for token, compound in _compounds(name):
        if token.text in ENGLISH_SMALL or token.text in lexicon.SMALL:  # (a name may be French already)
            if token.text in _PREPOSITIONS and head is None and words:
                head = len(words) - 1
            continue
        word = compound or _POSSESSIVE.sub("", token.text)  # People's, Farmers'
        french = lexicon.WORDS.get(word) or lexicon.WORDS.get(_singular(word), ())
        keys = {word_key(word) for word in french} or {word_key(word)}  # a proper noun stays itself (Azawad)
        if not french and token.key.endswith(("ist", "ism")):  # Houphouetists: « houphouëtistes »
            keys.add(word_key(token.key + "e"))
        keys.update(_people_keys(word))  # Burkina: « burkinabè »; Burkinabe: « du Burkina »
        for kind in ("place", "organization"):  # Guinée for Guinea, CEDEAO for ECOWAS
            keys.update(word_key(other) for other in exonyms.other_names(token.text, kind) if " " not in other)
        words.append(frozenset(keys))
    head = len(words) - 1 if head is None else head
    return tuple(words[head:head + 1] + words[:head] + words[head + 1:])


def _compounds(name: str) -> Iterator[tuple[Token, str | None]]:
    """The tokens of ``name``, two or three the lexicon knows as one hyphenated word given with
    that compound (Pan-African: « panafricain », Counter-Terrorism: « antiterroriste »), written
    with hyphens or spaces (Trade Union: « syndicat »; Central African Republic: « Centrafrique »)."""
    tokens = tokenize(name)
    at = 0
    while at < len(tokens):
        token = tokens[at]
        for size in (3, 2):  # Central African Republic: « Centrafrique »
            words = tokens[at:at + size]
            if len(words) == size and all(name[a.end:b.start] in ("-", " ") for a, b in zip(words, words[1:])):
                compound = "-".join(word.text for word in words)
                if compound in lexicon.WORDS:
                    yield token, compound
                    at += size
                    break
        else:
            yield token, None
            at += 1


def _without_country(name: str) -> tuple[str, set[str]]:
    """A name without the country it ends on, and the words that name that country (set() when
    it ends on none): "National Assembly of Senegal" -> "National Assembly", {Senegal,
    sénégalais, sénégalaise, Dakar} (a dateline names the country too). ("Russian Ministry of
    Defence" keeps its adjective: « le ministère de la Défense » of an article about Russia and
    Mali may be either's.)"""
    situated = _SITUATED.fullmatch(name)
    if situated is None:
        return name, set()
    country = situated.group(2)
    others, first = exonyms.other_names(country, "place"), country.split()[0].lower()
    if not others and first not in lexicon.COUNTRIES:
        return name, set()  # "Court of Auditors", "Union of Malian Workers": not a country
    return situated.group(1), {country, *others, *lexicon.adjectives(first),
                               *lexicon.CAPITALS.get(first, ())}


def _situated_qualifiers(forms: Sequence[str], namesakes: frozenset[str]) -> tuple[str, ...]:
    """The forms with a country in brackets that tells ``namesakes`` apart, read as names that
    end on it: "High Authority for Broadcasting and Communication (Benin)" is "… of Benin", found
    without it only in an article about Benin (Togo's has the same French name); the form
    without the bracket is left out."""
    countries = {}
    for form in forms:
        qualified = _QUALIFIED.fullmatch(form)
        if qualified and qualified.group(1) in namesakes and (exonyms.other_names(qualified.group(2), "place")
                          or qualified.group(2).split()[0].lower() in lexicon.COUNTRIES):
            countries[qualified.group(1)] = f"{qualified.group(1)} of {qualified.group(2)}"
    if not countries:
        return tuple(forms)
    return tuple(countries.get(_QUALIFIED.sub(r"\1", form), form) for form in forms if form not in countries)


def _nested(name: str) -> str | None:
    """The name with the organisation it ends on written as that one's acronym: "Unified Force
    of the Alliance of Sahel States" is also « la Force unifiée de l'AES »; None when it ends on
    no organisation the tables give an acronym."""
    words = name.split()
    for at, word in enumerate(words[:-1]):
        if word == "of":
            inner = words[at + 2:] if words[at + 1] == "the" else words[at + 1:]
            acronyms = [other for other in exonyms.other_names(" ".join(inner), "organization")
                        if " " not in other and other.isupper()]
            if len(inner) > 1 and acronyms:
                return " ".join(words[:at + 1] + acronyms[:1])
    return None


def national_names(name: str) -> tuple[str, ...]:
    """The lower-case French names of a national body: « l'armée malienne » for "Malian Armed
    Forces", "Malian Army" or "Mali Armed Forces"; « l'armée de l'Air malienne », « les
    garde-côtes libyens », « la présidence nigériane », « les douanes nigérianes », « la
    gendarmerie mauritanienne »… (``_NATIONAL_BODIES``). The press writes them as often as the
    capitalised « Forces armées maliennes », which the word-by-word reading finds."""
    body = _NATIONAL_BODY.fullmatch(name)
    if body is None:
        return ()
    adjectives = lexicon.adjectives(body.group(1).split()[0].lower())
    nouns = _NATIONAL_BODIES[re.sub(r"\s+", " ", body.group(2).lower())]
    return tuple(f"{noun} {adjective}{'s' if plural and not adjective.endswith('s') else ''}"
                 for noun, plural in nouns for adjective in adjectives)


class Translated:
    """The watchlist's organisations and groups whose names can be read in French word by word."""

    def __init__(self, watchlist: Watchlist) -> None:
        # a French key -> the names holding it: (actor index, words, how many French words a
        # run of it may have, whether it is a name without its country)
        self.by_key: dict[str, list[tuple[int, Signature, tuple[int, ...], bool]]] = {}
        self.keys: set[str] = set()  # every French key of every name
        # the keys of translated words: one of them written with a capital makes a run a name
        # (« la Garde nationale du Niger »), a proper noun alone does not (« des gardes … du Niger »)
        self.common = frozenset(word_key(french) for words in lexicon.WORDS.values() for french in words)
        # a name without the country it ends on ("National Assembly of Senegal": « l'Assemblée
        # nationale »), valid in an article that names that country and no other such one
        self.situated: dict[Signature, dict[int, re.Pattern[str]]] = {}
        self.initials: dict[str, set[int]] = {}  # the acronyms the French names make -> their actors
        # the first letter of a French name -> (actor index, words) of names of three words or more
        # (``_syllabic``)
        self.syllabic: dict[str, list[tuple[int, Signature]]] = {}
        # for names an article defines with an acronym: a French key -> (actor index, words, the
        # keys that name its country: one of them must be there)
        self.defining: dict[str, list[tuple[int, Signature, frozenset[str]]]] = {}
        self.countries: dict[int, frozenset[str]] = {}  # actor index -> the keys naming its country
        # names two organisations share but for a bracketed qualifier (Benin's and Togo's HAAC)
        bare: dict[str, int] = {}
        for actor in watchlist.actors:
            if actor.type in KINDS:
                for form in {_QUALIFIED.sub(r"\1", form) for form in actor.surface_forms}:
                    bare[form] = bare.get(form, 0) + 1
        namesakes = frozenset(form for form, count in bare.items() if count > 1)
        for index, actor in enumerate(watchlist.actors):
            if actor.type not in KINDS:
                continue
            forms = _situated_qualifiers(actor.surface_forms, namesakes)
            forms = (*forms, *(_DASH.split(form)[0] for form in forms if _DASH.search(form)),
                     *(apposed.group(1) for form in forms if (apposed := _APPOSED.search(form))))
            for form in (*forms, *filter(None, map(_nested, forms))):
                rest, country = _without_country(form)
                whole, bare = signature(form), signature(rest) if country else ()
                country_keys = _country_keys(form)
                self.countries[index] = self.countries.get(index, frozenset()) | country_keys
                if len(whole) >= LOOSE_FROM:
                    for key in set().union(*whole):
                        self.defining.setdefault(key, []).append((index, whole, country_keys))
                if len(whole) >= 3:
                    for letter in {key[0] for word in _syllable_openers(whole) for key in word if key}:
                        self.syllabic.setdefault(letter, []).append((index, whole))
                for letters in _initials(whole, skip=not country) | (_initials(bare) if country else set()):
                    self.initials.setdefault(letters, set()).add(index)
                if len(bare) >= 2:
                    self.situated.setdefault(bare, {})[index] = _any_of(country)
                for words in (whole, bare):
                    if len(words) < 2:
                        continue
                    # one French word more (a filler); one English word fewer in a long name,
                    # unless it ends on a country, with it or without
                    sizes = (len(words) + 1, len(words)) + (
                        (len(words) - 1,) if len(words) >= SKIPPABLE_FROM and not country else ())
                    self.keys.update(*words, FILLERS)
                    for key in set().union(*words):
                        self.by_key.setdefault(key, []).append((index, words, sizes, words is bare))
        self.acronym_owners = frozenset(i for i, a in enumerate(watchlist.actors) if a.type in KINDS)
        # a name written with a comma (Ministry of Energy, Mines and Quarries): runs go over commas
        self.commas = any("," in form for actor in watchlist.actors if actor.type in KINDS
                          for form in actor.surface_forms)
        self._owners: dict[str, int | None] = {}  # word as written -> ``acronym_owner``
        # actor index -> the heads of the names ``exonyms`` knows it by that open on an institution
        # noun (« Confédération des États du Sahel »), as short names and as written: one alone names
        # it (``shortened_names``)
        self.heads = {index: heads for index, actor in enumerate(watchlist.actors) if actor.type in KINDS
                      and (heads := tuple(sorted({(shorts[0], _WORD.match(other).group())
                                                  for form in actor.surface_forms
                                                  for other in exonyms.other_names(form, actor.type)
                                                  if (shorts := _shorts(other, self.common))
                                                  and shorts[0][0] not in NATIONAL_KEYS})))}
        self._syllabic_owners: dict[str, int | None] = {}  # word as written -> ``syllabic_owner``
        # the words whose capital makes a run a name: translated ones, and a name's own proper
        # nouns but countries (« le tribunal criminel de Dixinn », not « la garde … du Niger »)
        self.capitals = self.common | frozenset(
            key for key in self.keys - self.common - COUNTRY_KEYS - NATIONAL_KEYS if len(key) >= 3)
        self.openers = self.keys & self.capitals  # the words a run is looked for around, capitalised

    def find(self, text: str, chunks: Sequence[Chunk], offsets: Sequence[int], busy: Sequence[int]
             ) -> list[tuple[int, int, int]]:
        """(start, end, actor index) of each name written in translation, around the capitalised
        words of the chunks ``busy``."""
        found: list[tuple[int, int, int]] = []
        reach = -1
        for k in busy:
            base = offsets[k] + k
            for s, piece in enumerate(chunks[k].pieces):
                if base + piece.start < reach or piece.key not in self.openers or not piece.raw[0].isupper():
                    continue
                run = _run(text, chunks, offsets, k, s, self.keys, self.capitals, self.commas)
                for match in self._best(run, reach, text):
                    found.append(match)
                    reach = max(reach, match[1])
        return found

    def _best(self, run: list[tuple[str, int, int, bool]], reach: int, text: str) -> list[tuple[int, int, int]]:
        """The best names among the run's content words (key, start, end, capitalised), each
        holding a capitalised word, starting at ``reach`` or later and not overlapping: the
        names of most words first, then the closest translations, then the leftmost (« la
        Banque mondiale et la Banque islamique de développement » holds two)."""
        candidates = []  # (English words, -French words more or fewer, -start, end, actor index)
        keys = [word[0] for word in run]
        for i, (key, start, _, _) in enumerate(run):
            if start < reach:
                continue
            for index, words, sizes, situated in self.by_key.get(key, ()):
                for size in sizes:
                    window = run[i:i + size]
                    if len(window) == size and any(word[3] for word in window) and _translates(
                            words, keys[i:i + size], max(0, len(words) - size)) and (
                            not situated or self._placed(words, index, text)):
                        candidates.append((len(words), -abs(size - len(words)), -start, window[-1][2], index))
        chosen: list[tuple[int, int, int]] = []
        for _, _, start, end, index in sorted(candidates, reverse=True):
            if all(end <= other[0] or -start >= other[1] for other in chosen):
                chosen.append((-start, end, index))
        return sorted(chosen)

    def _placed(self, words: Signature, index: int, text: str) -> bool:
        """Whether the article names the country of actor ``index``'s name without it, and no
        other country such a name ends on."""
        present = [owner for owner, country in self.situated[words].items() if country.search(text)]
        return present == [index]

    def acronym_owner(self, word: str) -> int | None:
        """The one actor whose French name's initials ``word`` is (``french_acronyms``), written
        in capitals (« la CENI ») or, five letters or more, with one capital (« le Pastef »: a
        common word seldom makes such initials); None for any other word. Remembered."""
        owner = self._owners.get(word, -1)
        if owner == -1:
            owner = None
            if word.isalpha() and word not in NOT_ORGANISATIONS and (
                    word.isupper() or len(word) > 4 and word[0].isupper() and word[1:].islower()):
                owners = self.initials.get(_acronym_key(fold_word(word).upper()), ())
                owner = next(iter(owners)) if len(owners) == 1 else None
            if len(self._owners) >= 1 << 16:
                self._owners.clear()
            self._owners[word] = owner
        return owner

    def syllabic_owner(self, word: str) -> int | None:
        """The one actor whose French name's first syllables ``word`` is (``_syllabic``), of
        ``SYLLABIC_FROM`` to ``SYLLABIC_TO`` letters written in capitals or with one capital
        (« la SONABEL », « le Parena »); None for any other word. Surnames and sentences' first
        words make such syllables too (Condé, Connu): ``syllabic_acronyms`` wants an article
        before it. Remembered."""
        owner = self._syllabic_owners.get(word, -1)
        if owner == -1:
            owner = None
            if (SYLLABIC_FROM <= len(word) <= SYLLABIC_TO and word.isalpha() and word[0].isupper()
                    and (word.isupper() or word[1:].islower())):
                letters = fold_word(word).lower()
                owners = {index for index, words in self.syllabic.get(letters[0], ()) if _syllabic(letters, words)}
                owner = next(iter(owners)) if len(owners) == 1 else None
            if len(self._syllabic_owners) >= 1 << 16:
                self._syllabic_owners.clear()
            self._syllabic_owners[word] = owner
        return owner

    def defined(self, text: str) -> list[tuple[int, int, int]]:
        """(start, end, actor index) of the names an article defines with an acronym in brackets
        whose words translate most of one organisation's name, though not word for word:
        « le Rassemblement démocratique du peuple camerounais (RDPC) » for the Cameroon People's
        Democratic Movement, « le Centre international pour le règlement des différends relatifs
        aux investissements (CIRDI) ». The name is the run of words before the brackets whose
        initials hold the acronym's letters, from a capitalised word on; at least ``LOOSE_FROM``
        of the English name's words and ``LOOSE_SHARE`` of both names' words must pair, a
        country the English name holds must be there, and one organisation only may fit best."""
        found = []
        bracket = text.find("(")
        while bracket >= 0:
            defined = _BRACKETED.match(text, bracket)
            name_end = bracket
            while name_end and text[name_end - 1] in " \u00a0":
                name_end -= 1
            bracket = text.find("(", bracket + 1)
            run = _defined_run(text, name_end, _letters(defined.group(1))) if defined and name_end else None
            if run is None:
                continue
            start, keys, head = run
            scores: dict[int, float] = {}
            # a name that fits pairs all but (1 - LOOSE_SHARE) of the run's words, so it holds one
            # of the rarest few of them: those alone are looked up
            rarest = sorted(keys, key=lambda key: len(self.defining.get(key, ())))
            candidates = {(index, words): country for key in rarest[:int((1 - LOOSE_SHARE) * len(keys)) + 1]
                          for index, words, country in self.defining.get(key, ())}
            for (index, words), country in candidates.items():
                score = self._fit(keys, head, words, country)
                if score is not None:
                    scores[index] = max(scores.get(index, 0), score)
            if scores:
                best = max(scores.values())
                winners = [index for index, score in scores.items() if score == best]
                if len(winners) == 1:
                    found.append((start, name_end, winners[0]))
        return found

    def _fit(self, keys: frozenset[str], head: str, words: Signature, country: frozenset[str]) -> float | None:
        """How well a French name (its words' ``keys``, its first word's ``head``) translates an
        English one (``words``, ``country``), or None when it does not."""
        english = sum(1 for word in words if word & keys)
        unpaired = [key for key in keys if not any(key in word for word in words)]
        # French words of the lexicon the English name lacks make another name (« Banque centrale
        # des États de l'Afrique de l'Ouest » is not ECOWAS), and so does a head or a direction
        # (« Banque ouest-africaine de développement » is not the African Development Bank); one
        # adjective may be added (« Cadre stratégique permanent ») and parties' heads swapped
        # (« Rassemblement » for a Movement)
        known = [key for key in unpaired if key in self.common and not (key in GROUPINGS and words[0] & GROUPINGS)]
        if (english >= LOOSE_FROM and english >= LOOSE_SHARE * len(words)
                and (not known or len(known) == 1 and known[0] != head and known[0] not in DIRECTIONS
                     and english >= CLOSE_SHARE * len(words) and not _swapped(known[0], words, keys))
                and len(unpaired) <= (1 - LOOSE_SHARE) * len(keys) and (not country or country & keys)):
            return english / len(words) + 1 - len(unpaired) / len(keys)
        return None

    def of_another_country(self, text: str, start: int, end: int, index: int) -> bool:
        """Whether the name of actor ``index`` at ``start:end``, opening on the noun of a state's
        institution (``INSTITUTIONS``), is followed by another country than its own: « le Conseil
        de sécurité russe », « le Conseil de sécurité de Russie », « l'Assemblée nationale du
        Mali » are other bodies."""
        first = _WORD.match(text, start)
        if first is None or not first.group()[0].isupper() or word_key(first.group()) not in INSTITUTIONS:
            return False
        after = _COUNTRY_AFTER.match(text, end)
        if after is None:
            return False
        key = word_key(after.group(1) or after.group(2))
        return key in (COUNTRY_KEYS if after.group(1) else NATIONAL_KEYS) and key not in self.countries.get(index, ())


def _swapped(french: str, words: Signature, keys: frozenset[str]) -> bool:
    """Whether a French word the English name lacks stands where one of the English name's own
    words is missing: « Commission électorale nationale indépendante » is not the Autonomous
    National Electoral Commission (indépendante for autonome), though one adjective more is
    allowed (« Cadre stratégique permanent »)."""
    return any(not word & keys and not word & GROUPINGS for word in words[1:])


def _country_keys(name: str) -> frozenset[str]:
    """The French keys of the country a name holds ("Cameroon People's Democratic Movement":
    cameroun, camerounais…), empty when it holds none."""
    keys: set[str] = set()
    for token in tokenize(name):
        if token.text in lexicon.COUNTRIES or token.text in lexicon.NATIONALITIES:
            keys.add(token.key)
            keys.update(_people_keys(token.text))
            keys.update(word_key(other) for other in exonyms.other_names(token.text, "place") if " " not in other)
    return frozenset(keys)


def _people_keys(word: str) -> set[str]:
    """The keys of a country's people's adjectives, from its name or its English adjective, and of
    the country's names, from the adjective: "burkina" -> burkinabe; "burkinabe" -> burkinabe,
    burkina. Empty for any other word."""
    keys = {word_key(adjective) for adjective in lexicon.adjectives(word)}
    country = lexicon.country_of(word)
    if country:
        keys.update(word_key(name) for name in (country, *exonyms.other_names(country, "place")) if " " not in name)
    return keys


def _defined_run(text: str, bracket: int, letters: str) -> tuple[int, frozenset[str], str] | None:
    """(start, content-word keys, the first word's key) of the name before the bracket at ``bracket`` whose word
    initials hold ``letters`` in order, from the nearest capitalised word that makes them; None
    when no run of up to ``MAX_WORDS`` words on one line does."""
    line = text.rfind("\n", 0, bracket) + 1
    words = list(_WORD.finditer(text, max(line, bracket - 20 * MAX_WORDS), bracket))[-MAX_WORDS:]
    if len(letters) < 2 or not words or text[words[-1].end():bracket].strip():
        return None  # « … Mali » (AEEM) or a word ending on a digit: no name right before it
    for first in range(len(words) - 1, -1, -1):
        word = words[first].group()
        if not word[0].isupper() or fold_word(word[0]).upper() != letters[0]:
            continue
        content = [w.group() for w in words[first:] if fold_word(w.group()) not in lexicon.SMALL]
        if _subsequence(letters[1:], fold_word("".join(w[0] for w in content[1:])).upper()):
            return words[first].start(), frozenset(word_key(w) for w in content), word_key(word)
    return None


def defined_acronyms(text: str, hits: Sequence[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """Every use of an acronym the text defines in brackets right after a name of an actor:
    « Forces de soutien rapide (FSR) … les FSR ». The acronym's letters must be initials
    of the name's words, in order, or its words' first syllables (« Société nationale
    d'électricité du Burkina (SONABEL) »: ``_syllabic``), so that « (AFP) » after a name is not
    taken for it; of an acronym with a suffix (« (PDCI-RDA) », the party's former alliance), the
    part before the hyphen must be, and that part alone names the actor too."""
    found = []
    for start, end, index in hits:
        defined = _DEFINED.match(text, end)
        if defined is None:
            continue
        acronym = defined.group(1)
        initials = fold_word("".join(word[0] for word in _WORD.findall(text, start, end))).upper()
        uses = [acronym]
        words = tuple(fold_word(word) for word in _WORD.findall(text, start, end))
        letters = fold_word(acronym).lower()
        content = tuple(frozenset({word}) for word in words if word not in lexicon.SMALL)
        if not _subsequence(_letters(acronym), initials) and not _syllables(letters, words) and not (
                letters.isalpha() and _syllabic(letters, content)):
            head = acronym.split("-")[0]
            if head == acronym or len(head) < 2 or not _subsequence(_letters(head), initials):
                continue
            uses.append(head)
        found.append((defined.start(1), defined.end(1), index))
        for use in re.compile(rf"(?<![\w-])(?:{'|'.join(map(re.escape, uses))})(?![\w-])").finditer(text):
            if use.start() != defined.start(1):  # a headline may use it before the text defines it
                found.append((use.start(), use.end(), index))
    return found


@lru_cache(maxsize=1 << 12)
def _syllables(acronym: str, words: tuple[str, ...], used: int = 0) -> bool:
    """Whether an acronym is made of the first letters of some of the name's words, in order,
    two words at least: Soraz (« Société de raffinage de Zinder »), Nigelec (« Société
    nigérienne d'électricité »)."""
    if not acronym:
        return used >= 2
    for at, word in enumerate(words):
        for length in range(min(len(word), len(acronym)), 0, -1):
            if word[:length] == acronym[:length] and _syllables(acronym[length:], words[at + 1:], used + 1):
                return True
    return False


def _letters(acronym: str) -> str:
    return re.sub(r"[^A-Z]", "", fold_word(acronym).upper())


def french_acronyms(text: str, words: Iterable[tuple[int, int, int]], taken: Sequence[tuple[int, int]]
                    ) -> list[tuple[int, int, int]]:
    """Acronyms an article uses without defining them, whose letters are the initials of a
    name's French words, the head noun's first: « la CENI » (Commission électorale nationale
    indépendante) for the Independent National Electoral Commission, « le BIR » for the Rapid
    Intervention Battalion. ``words``: (start, end, actor index) of the text's words that are
    one actor's acronym (``Translated.acronym_owner``). Only where they are not among words in
    capitals (a headline's words) and where no other name was found."""
    return [(start, end, index) for start, end, index in words
            if not among_capitals(text, start, end) and not any(a < end and start < b for a, b in taken)]


_ARTICLE_BEFORE = re.compile(r"(?:^|[^\w'’])(?:[Ll]es?|[Ll]a|[Dd]u|[Dd]es|[Aa]ux?|[Ll]['’])\s*$")


def syllabic_acronyms(text: str, words: Iterable[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """The words of ``words`` (start, end, actor index: ``Translated.syllabic_owner``) written
    right after an article, as the press writes an organisation's acronym and never a person's
    name: « la SONABEL », « du Parena », « l'Onarem »; not « Alpha Condé »."""
    return [(start, end, index) for start, end, index in words
            if _ARTICLE_BEFORE.search(text, max(0, start - 5), start)]


def _initials(words: Signature, skip: bool = True) -> set[str]:
    """The acronyms a name of three content words or more makes in French, as ``_acronym_key``
    writes them: the head noun's initial first, as French names open on it (« Bataillon
    d'intervention rapide », BIR), then one initial per other word in any order (a name of four
    words or more may leave one out, never the head, unless ``skip`` is False)."""
    if len(words) < 3:
        return set()
    options = [sorted({key[0].upper() for key in word if key}) for word in words]
    # an adjective French puts before the head opens the acronym instead (« Haut Conseil
    # islamique », HCI; « Haute Autorité de la communication », HAC)
    orders = [options] + [[options[i], *options[:i], *options[i + 1:]] for i, word in enumerate(words)
                          if i and word & _BEFORE_HEAD]
    acronyms = set()
    for first, *others in orders:
        rests = [others]
        if skip and len(options) >= SKIPPABLE_FROM:
            rests += [others[:i] + others[i + 1:] for i in range(1, len(others))]  # never the head
        acronyms.update(head + "".join(sorted(letters)) for head in first for rest in rests
                        for letters in product(*rest))
    return acronyms


def _openers(words: Signature) -> list[frozenset[str]]:
    """The words a French name may open on: its head noun, or an adjective French puts before
    it (« Haut Conseil islamique »)."""
    return [words[0], *(word for word in words[1:] if word & _BEFORE_HEAD)]


def _syllabic(letters: str, words: Signature) -> bool:
    """Whether ``letters`` (folded, lower case) are the first letters of each of a name's French
    words, one to four of each, two or more of one word at least, the name's opener first and
    the other words in any order; a name of four words or more may leave one out, never the
    head, but for a company's (« Nigelec », « Senelec »: Société nigérienne d'électricité,
    Société nationale d'électricité du Sénégal). « Parena » is « PArti pour la REnaissance
    NAtionale » (Party for National Rebirth), « Synpics » « SYNdicat des Professionnels de
    l'Information et de la Communication du Sénégal »; an acronym that is initials only is
    ``_initials``' business."""
    skips = 1 if len(words) >= SKIPPABLE_FROM else 0
    if words[0] & _COMPANY_HEADS and _syllables_any(letters, words[1:], False, skips):
        return True  # « Nigelec »: NIGérienne d'ÉLECtricité, without its Société
    for first in _openers(words):
        rest = list(words)
        rest.remove(first)
        for length in range(1, 1 + min(SYLLABLE, len(letters))):
            if any(key.startswith(letters[:length]) for key in first) and _syllables_any(
                    letters[length:], tuple(rest), length > 1, skips if first is words[0] else 0):
                return True
    return False


def _syllable_openers(words: Signature) -> list[frozenset[str]]:
    """The words whose first letters may open a name's syllabic acronym (``_syllabic``)."""
    return list(words) if words[0] & _COMPANY_HEADS else _openers(words)


@lru_cache(maxsize=1 << 12)
def _syllables_any(letters: str, words: Signature, long: bool, skips: int) -> bool:
    """Whether ``letters`` are one to four first letters of each of ``words`` in any order
    (``skips`` of them may be left out: those left when the letters end), one word at least
    giving two if none did (``long``)."""
    if not words:
        return not letters and long
    if not letters:
        return len(words) <= skips and long
    for at, word in enumerate(words):
        rest = words[:at] + words[at + 1:]
        for length in range(1, 1 + min(SYLLABLE, len(letters))):
            if any(key.startswith(letters[:length]) for key in word) and _syllables_any(
                    letters[length:], rest, long or length > 1, skips):
                return True
    return False


def _acronym_key(acronym: str) -> str:
    return acronym[0] + "".join(sorted(acronym[1:]))


def shortened_names(text: str, hits: Sequence[tuple[int, int, int]], common: frozenset[str],
                    known: Mapping[int, tuple[tuple[tuple[str, ...], str], ...]] = {}
                    ) -> list[tuple[int, int, int]]:
    """Later mentions of an organisation by the first words of the French name the article
    gave it (or in its headline: « Touray désigné à la Commission »): « le Fonds monétaire
    international … le Fonds », « la Cour africaine des droits de l'homme et des peuples … la
    Cour africaine ». The head noun of a French name the tables know (``known``, actor index ->
    (head, as written): ``Translated.heads``) names the organisation too once the article names it
    otherwise: « l'AES … la
    Confédération », « la CEDEAO … la Communauté ». A short name opens with a capitalised
    institution noun (``common``: Fonds, Cour, Banque) written as in the full name, names one
    organisation only in the article, and is not followed by a word a longer name would go on
    with (« le Fonds africain de développement » is another fund); in a headline, before the
    full name, it is no minister's portfolio (« un ministre de l'Énergie » over « Énergie du
    Mali »)."""
    owners: dict[tuple[str, ...], set[int]] = {}
    introduced: dict[tuple[str, ...], int] = {}  # where the first full name ends
    spelled: dict[tuple[str, ...], set[str]] = {}  # its first word as written, looked for with str.find
    for start, end, index in hits:
        if not text[start].isupper():
            continue
        for short in _shorts(text[start:end], common):
            owners.setdefault(short, set()).add(index)
            introduced[short] = min(end, introduced.get(short, end))
            spelled.setdefault(short, set()).add(_WORD.match(text, start).group())
    heads: dict[tuple[str, ...], set[int]] = {}  # the heads of names the text does not write
    for start, end, index in hits:
        for short, first_word in known.get(index, ()):
            if short not in owners or short in heads:
                heads.setdefault(short, set()).add(index)
                introduced[short] = min(end, introduced.get(short, end))
                spelled.setdefault(short, set()).add(first_word)
    owners.update(heads)
    found = []
    headline = max(0, text.find("\n"))  # a headline may use the short name before the text gives the full one
    for short, indexes in owners.items():
        after = introduced[short]
        if len(indexes) > 1:
            continue
        (index,) = indexes
        pattern = _short_pattern(short)
        begin = 0 if after > headline else after
        places = sorted({at for word in spelled[short] for at in _occurrences(text, word, begin)
                         if at >= after or at < headline})
        for use in filter(None, (pattern.match(text, at) for at in places)):
            next_word = _NEXT_WORD.match(text, use.end())
            following = next_word.group(1) if next_word else ""
            if (not text[use.start()].isupper() or any(start < use.end() and use.start() < end for start, end, _ in hits)
                    or (use.start() < after or short in heads) and not _ARTICLE_BEFORE.search(
                        text, max(0, use.start() - 5), use.start())
                    or use.start() < after and _PORTFOLIO.search(text, max(0, use.start() - 30), use.start())):
                continue
            if following and (following[0].isupper() or fold_word(following) in _GOES_ON
                              or word_key(following.split("-")[0]) in common):
                continue
            found.append((use.start(), use.end(), index))
    return found


def _occurrences(text: str, word: str, start: int) -> Iterator[int]:
    at = text.find(word, start)
    while at >= 0:
        yield at
        at = text.find(word, at + 1)


# a minister's portfolio, not the organisation of that name: « le ministre de l'Énergie »
_PORTFOLIO = re.compile(r"\bminist(?:re|ère)s?\s+(?:de\s+la\s+|de\s+l['’]|des\s+|du\s+|de\s+)$", re.IGNORECASE)


@lru_cache(maxsize=1 << 12)
def _shorts(name: str, common: frozenset[str]) -> tuple[tuple[str, ...], ...]:
    """The short names (folded words) a name as written offers: its first words, ending on a
    content word, when it opens with an institution noun."""
    tokens = tokenize(name)
    if len(tokens) < 2 or tokens[0].key not in common or tokens[0].text in _STATE:
        return ()
    return tuple(tuple(token.text for token in tokens[:n]) for n in range(1, len(tokens))
                 if tokens[n - 1].text not in lexicon.SMALL)


@lru_cache(maxsize=1 << 12)
def _short_pattern(short: tuple[str, ...]) -> re.Pattern[str]:
    return loose(r"(?<![\w-])" + " ".join(map(re.escape, short)) + r"(?![\w-])")


def _any_of(names: set[str]) -> re.Pattern[str]:
    """A pattern finding any of ``names`` as words, in any case and with any accents."""
    between = r"[\s'’\-‐-―]+"  # « Guinée-Bissau », « Côte d'Ivoire »: words joined as the text joins them
    return loose(r"(?<![\w-])(?:" + "|".join(between.join(map(re.escape, folded_words(name))) for name in names)
                 + r")(?![\w-])")


def _run(text: str, chunks: Sequence[Chunk], offsets: Sequence[int], k: int, s: int, keys: set[str],
         common: set[str], commas: bool = False) -> list[tuple[str, int, int, bool]]:
    """The content words (key, start, end, a ``common`` word with a capital) of the run of name
    words around word ``s`` of chunk ``k``: words of ``keys`` and small words between them, over
    gaps a name spans (« le ministère russe de la Défense » around « Défense »), and over commas
    when the watchlist writes names with them (« ministère de l'Énergie, des Mines et des
    Carrières »)."""
    before = []
    backwards = _words(text, chunks, offsets, k, s, -1, commas)
    next(backwards)  # the word itself, taken going forward
    for at, piece in backwards:
        if piece.key not in keys and piece.fold not in lexicon.SMALL or len(before) >= MAX_WORDS:
            break
        before.append((at, piece))
    after = []
    for at, piece in _words(text, chunks, offsets, k, s, 1, commas):
        if piece.key not in keys and piece.fold not in lexicon.SMALL or len(after) >= MAX_WORDS:
            break
        after.append((at, piece))
    return [(piece.key, at, at + piece.end - piece.start, piece.raw[0].isupper() and piece.key in common)
            for at, piece in (*reversed(before), *after) if piece.key in keys]


def _words(text: str, chunks: Sequence[Chunk], offsets: Sequence[int], k: int, s: int, step: int,
           commas: bool = False) -> Iterator[tuple[int, Piece]]:
    """(start offset, word) from word ``s`` of chunk ``k`` on, forward (``step`` 1) or back
    (-1), while the gaps between words are ones a name spans (spaces, an apostrophe, a hyphen,
    one line break)."""
    piece = chunks[k].pieces[s]
    yield offsets[k] + k + piece.start, piece
    while True:
        pieces = chunks[k].pieces
        if 0 <= s + step < len(pieces):
            gap = pieces[max(s, s + step)].lead
            s += step
        else:
            j = k + step
            if not 0 <= j < len(chunks) or not chunks[j].pieces:
                return
            left, right = (k, j) if step > 0 else (j, k)
            gap = chunks[left].trail + text[offsets[right] + right - 1] + chunks[right].pieces[0].lead
            k, s = j, 0 if step > 0 else len(chunks[j].pieces) - 1
        nxt = chunks[k].pieces[s]
        right = nxt if step > 0 else piece
        if not joins(gap, (piece if step > 0 else nxt).raw) and not (
                commas and _COMMA.fullmatch(gap) and (right.fold in _LIST_GOES_ON or right.raw[0].islower()
                                                      and right.fold not in _ARTICLES)):
            return
        piece = nxt
        yield offsets[k] + k + piece.start, piece


def _singular(word: str) -> str:
    """An English plural's singular, roughly: movements -> movement, militias -> militia, bodies -> body."""
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def _pairs(words: Signature, keys: list[str], untranslated: int = 0) -> bool:
    """Whether each English word can take one of the French keys, each key used once, with
    ``untranslated`` words left without one (« Force multinationale mixte » for Multinational
    Joint Task Force)."""
    if not words:
        return len(keys) <= 1 and all(key in FILLERS for key in keys)
    first, rest = words[0], words[1:]
    return (any(key in first and _pairs(rest, keys[:i] + keys[i + 1:], untranslated) for i, key in enumerate(keys))
            or (untranslated > 0 and _pairs(rest, keys, untranslated - 1)))


def _translates(words: Signature, keys: list[str], untranslated: int) -> bool:
    """``_pairs`` with the head noun (``words[0]``) always translated."""
    return any(key in words[0] and _pairs(words[1:], keys[:i] + keys[i + 1:], untranslated)
               for i, key in enumerate(keys))


def _subsequence(letters: str, initials: str) -> bool:
    position = 0
    for letter in letters:
        position = initials.find(letter, position) + 1
        if not position:
            return False
    return bool(letters)
