"""When two spellings are one person's name: the transliteration rule. Pure.

Russian (and other) names reach French text through several transliterations: Poutine and
Putin, Belooussov and Belousov, Sergueï and Sergey, Alexandre and Alexander, Jirinovski and
Zhirinovsky (the French j for the English zh), Djaffar and Jafar (dj for j). Two name words
are *variants* when their transliteration keys (``key``) are equal, or when they have the
same consonants in the same order (``skeleton``) and differ little in their vowels:

- keys of ``MIN_VOWEL`` (5) letters: by one vowel more or less (Daglo / Dagalo), or an i
  written e (Salih / Saleh);
- of ``MIN_FUZZY`` (6): by an edit distance of at most ``MAX_EDITS`` (one insertion, deletion,
  substitution or swap of two neighbours: Beloosov / Belousov, Alexandre / Alexander);
- of ``MIN_LONG`` (7): by two edits (Kosheib / Kushayb, as Arabic names' vowels vary)::

    >>> key("Belooussov"), key("Belousov"), key("Sergueï"), key("Sergey"), key("Poutine")
    ('belusov', 'belusov', 'sergei', 'sergei', 'putin')
    >>> similar(key("Beloosov"), key("Belousov")), similar(key("Patin"), key("Putin"))
    (True, False)

The rule is only ever applied to person names written with a capital, word by word; short
keys must be equal, and 5-letter ones may not swap a vowel for another, so ordinary words
(Patin, Putain, Poutre) stay apart from Putin.

A given name before a surname that already matches may differ more (``given_similar``): Arabic
names reach both languages with their short vowels written freely (Imed and Emad, Oussama and
Osama, Njim and Njeem), so two given names of four letters or more are variants when they have
the same consonants in the same order (two at least), open alike (both on a vowel or on one
consonant) and differ in length by one letter at most. Ahmed and Hamid open otherwise and stay
apart.
"""

from __future__ import annotations

import re
from functools import lru_cache

from monitor.detect.text import fold_word

MIN_VOWEL = 5  # letters a key needs before one vowel more or less is tolerated (Daglo / Dagalo)
MIN_FUZZY = 6  # letters a key needs before one edit is tolerated
MIN_LONG = 7  # letters a key needs before two edits of its vowels are tolerated (Kosheib / Kushayb)
MAX_EDITS = 1
# applied in order to the folded word, doubled letters collapsed first (Belooussov -> Belousov)
_REWRITES = (("aoui", "avi"), ("dj", "j"), ("tch", "ch"), ("sch", "sh"), ("ch", "sh"), ("zh", "j"), ("kh", "h"),
             ("ck", "k"), ("x", "ks"), ("q", "k"), ("ca", "ka"), ("co", "ko"), ("cu", "ku"),
             ("ph", "f"), ("w", "v"), ("y", "i"), ("gue", "ge"), ("gui", "gi"), ("ou", "u"))
# the Arabic article as the press writes it before sun and moon letters: Hodh El Chargui, Hodh Ech Chargui
_ARTICLES = frozenset("el al ech ach ed ad er ar es as et at ez az en an ash esh".split())
_VOWELS = str.maketrans("", "", "aeiou")
# spellings of one name that no rule about letters links, as the press writes both
_SPELLINGS = {"tchiani": "tiani", "ben": "bin"}  # (Mohammed ben Zayed)
# "Abd al-" as the press writes it before a consonant: Abdelrahim, Abderrahim, Abdulrahim, Abdourahmane
_ABD = re.compile(r"^abd(?:oul|ou|el|al|ul|er|ar|ur|e|a|u)?(?=[^aeiou])")


@lru_cache(maxsize=1 << 14)
def key(word: str) -> str:
    """The transliteration key of one name word: folded, doubled letters single, French and
    English spellings of the same sounds merged (ou/u, ch/sh, j/zh/dj, y/i, gue/ge, x/ks, aoui/awi,
    q/k, c/k before a, o, u), a final French -e dropped (Poutine, Alexandre), a final h after a
    (Intallah) and a final g read k (Merzoug), "Abd al-" written one way (Abdelrahim, Abderrahim:
    abdrahim), the Arabic article one way (El, Ech: al); a few names
    spelled two ways no rule links are listed (``_SPELLINGS``: Tchiani, Tiani)."""
    text = fold_word(word)
    if text in _ARTICLES:
        return "al"
    text = _ABD.sub("abd", _SPELLINGS.get(text, text))
    text = "".join(c for i, c in enumerate(text) if i == 0 or c != text[i - 1])
    for before, after in _REWRITES:
        text = text.replace(before, after)
    text = "".join(c for i, c in enumerate(text) if i == 0 or c != text[i - 1])  # Andriy: andrii, andri
    if len(text) >= 5 and text.endswith(("e", "ah")):  # Poutine, Alexandre; Intallah / Intalla
        return text[:-1]
    if len(text) >= 5 and text.endswith("g"):  # the Maghreb's g for qaf: Merzoug / Merzouk
        return text[:-1] + "k"
    return text


def skeleton(name_key: str) -> str:
    """The consonants of a key, in order (belusov -> blsv)."""
    return name_key.translate(_VOWELS)


@lru_cache(maxsize=1 << 14)
def similar(a: str, b: str) -> bool:
    """Whether two keys are variants of one name word (see the module docstring)."""
    if a == b:
        return True
    shortest = min(len(a), len(b))
    if shortest < MIN_VOWEL or skeleton(a) != skeleton(b):
        return False
    if shortest < MIN_FUZZY:  # Daglo / Dagalo: one vowel more or less; Salih / Saleh: i for e
        return _syllable_more(a, b) or _syllable_more(b, a) or _i_for_e(a, b)
    return _edits(a, b) <= (MAX_EDITS if shortest < MIN_LONG else MAX_EDITS + 1)


@lru_cache(maxsize=1 << 12)
def given_similar(a: str, b: str) -> bool:
    """Whether two keys are variants of one given name, written before a surname that matches
    (see the module docstring)."""
    if similar(a, b):
        return True
    if min(len(a), len(b)) < 4 or abs(len(a) - len(b)) > 1:
        return False
    consonants = skeleton(a)
    return (len(consonants) >= 2 and consonants == skeleton(b)
            and (a[0] == b[0] or a[0] in "aeiou" and b[0] in "aeiou"))


def _syllable_more(short: str, long: str) -> bool:
    """Whether ``long`` is ``short`` with one vowel more between two consonants (Dagalo for
    Daglo; not Putain for Putin, whose extra vowel stands by another)."""
    if len(long) != len(short) + 1:
        return False
    at = next((i for i, (x, y) in enumerate(zip(short, long)) if x != y), len(short))
    return (long[:at] + long[at + 1:] == short and long[at] in "aeiou" and 0 < at < len(short)
            and long[at - 1] not in "aeiou" and long[at + 1] not in "aeiou")


def _i_for_e(a: str, b: str) -> bool:
    """Whether two keys differ only by one i written e (Salih / Saleh: the Arabic kasra has both
    spellings); not a vowel for any other (Putin / Patin)."""
    return len(a) == len(b) and sorted(x + y for x, y in zip(a, b) if x != y) in (["ei"], ["ie"])


def _edits(a: str, b: str) -> int:
    """Optimal string alignment distance (Levenshtein plus swaps of neighbours)."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[-1]


# small words that belong to a surname: Iyad Ag Ghaly is « Ag Ghali », Ursula von der Leyen « von
# der Leyen », Mohamed Ould Ghazouani « Ould Ghazouani »
PARTICLES = frozenset("ag ould ben bin ibn el al abou abu von van der den de da dos di le la".split())
# the first half of a given name the press writes in two words: « Abdel Aziz », « Abou Bakr »
HALF_NAME = re.compile(r"abd(?:el|al|ul|oul|ou|er|ar)?|abou|abu")
# the region's most common first names, folded: one of them alone is no other spelling of a
# surname (« Moussa, grossiste en céréales » is not Christopher Musa); a surname written as
# the watchlist writes it still counts
FIRST_NAMES = frozenset(
    "moussa mamadou amadou ousmane ibrahim ibrahima abdoulaye boubacar aboubacar issa oumar omar ali adama "
    "souleymane seydou idrissa hamidou mahamadou modibo salif sekou lamine moustapha mustapha youssouf "
    "yacouba aliou alioune cheikh ahmed mohamed mohammed mahamat hassan bakary karim fatou aminata mariam "
    "aissata awa kadiatou fatoumata".split())
# women's first names, folded: of two persons who share a surname, « Mme Gbagbo » is the one
# named Simone, « M. Gbagbo » the other (the watchlist says nobody's sex)
WOMEN = frozenset(
    "aminata fatou fatoumata fatouma fatima fatimata mariam mariama maryam aissata aissatou aicha awa kadiatou "
    "khadija hadiza hadja bintou oumou assa rokia hawa salamatou ramatoulaye zeinab zeinabou zainab ramata "
    "safiatou adiaratou djeneba nana rahinatou sanata sarata coumba ndeye isatou amie amina zazia "
    "nazhat simone henriette dominique marie anne catherine christine nathalie sophie sylvie ursula kamala "
    "giorgia marine segolene annalena kaja ngozi ellen joyce nkosazana sahle-work hillary theresa angela "
    "victoria linda antonia chantal jeanne josephine rebecca olivia emmanuelle agnes helene isabelle "
    "claire florence laurence francoise michele monique brigitte yasmina leila samia amal hind".split())
# Chinese names put the family name first: Xi Jinping is « M. Xi », Wang Yi « M. Wang »
FAMILY_FIRST = frozenset(
    "xi wang li zhang liu chen yang zhao huang zhou wu hu guo qin lin sun zhu gao luo zheng liang xie song tang "
    "xu deng feng cao peng zeng xiao tian dong yuan cai jiang yu wei ding shen yao jin cui".split())
_ABD_APART = re.compile(r"\bAbd(?:ul|el|al|oul|ou)? (?=[A-Z])")
_ABD_JOINED = re.compile(r"\b(Abd(?:ul|el|al))([a-z]{4,})\b")  # not Abdoulaye, Abdallah


def other_forms(name: str) -> tuple[str, ...]:
    """The name as the press also writes it: with or without a West African N' or M' before a
    consonant ("Pascal Affi Nguessan" is also « Pascal Affi N'Guessan », « N'Djamena »
    "Ndjamena"), "Abdul Hamid" as one word (« Abdelhamid Dbeibah ») and "Abdelaziz" as two
    (« Mohamed Ould Abdel Aziz »)."""
    joined = _ABD_APART.sub(lambda match: match.group().rstrip(), name)
    joined = re.sub(r"(?<=\bAbd)(\w*)([A-Z])", lambda m: m.group(1) + m.group(2).lower(), joined)
    apart = _ABD_JOINED.sub(lambda match: f"{match.group(1)} {match.group(2).capitalize()}", name)
    return tuple(dict.fromkeys(other for other in (*apostrophe_forms(name), joined, apart) if other != name))


_PRENASAL = re.compile(r"\b([NM])(['’]?)([bcdfgjkstvz])(?=[a-zà-ÿ])", re.IGNORECASE)  # Nguessan, N'Djamena


def apostrophe_forms(name: str) -> tuple[str, ...]:
    """The name written the other way with a West African N' or M' before a consonant:
    "Pascal Affi Nguessan" is also « Pascal Affi N'Guessan », and « N'Djamena » "Ndjamena"."""
    def other(match: re.Match[str]) -> str:
        initial, apostrophe, consonant = match.groups()
        if not initial.isupper():
            return match.group()
        return initial + consonant.lower() if apostrophe else f"{initial}'{consonant.upper()}"
    written = _PRENASAL.sub(other, name)
    return (written,) if written != name else ()
