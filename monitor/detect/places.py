"""One place under the names the French and the English press give it. Pure data and lookup.

A watchlist written in English says "Moscow" and "Algiers"; French outlets write "Moscou" and
"Alger". These are exonyms, not spellings: no rule about letters links "Beijing" to "Pékin" or
"Cairo" to "Le Caire", so they come from a table. A place actor of the watchlist is matched
under every name of its group here (``matcher.Matcher`` adds them as forms), whichever of them
the watchlist lists. The table holds the places the region's press names most: capitals and
cities of the Sahel's partners, the region's countries and towns whose names differ between
the two languages. A place missing here is still matched under the names the watchlist gives.
"""

from __future__ import annotations

from functools import cache

from monitor.detect.text import tokenize

# each line: one place, its names in any order (English, French, other current spellings)
GROUPS: tuple[tuple[str, ...], ...] = (
    # cities
    ("Moscow", "Moscou"),
    ("Saint Petersburg", "Saint-Pétersbourg", "St Petersburg"),
    ("Sochi", "Sotchi"),
    ("Beijing", "Pékin", "Peking"),
    ("Algiers", "Alger"),
    ("Cairo", "Le Caire"),
    ("Kyiv", "Kiev", "Kyïv"),
    ("London", "Londres"),
    ("Brussels", "Bruxelles"),
    ("Geneva", "Genève"),
    ("Tehran", "Téhéran"),
    ("Jerusalem", "Jérusalem"),
    ("Mecca", "La Mecque"),
    ("Addis Ababa", "Addis-Abeba"),
    ("N'Djamena", "Ndjamena", "N’Djaména"),
    ("Timbuktu", "Tombouctou"),
    ("Segou", "Ségou"),
    ("Tillaberi", "Tillabéri"),
    ("Menaka", "Ménaka"),
    # countries and regions
    ("Russia", "Russie"),
    ("China", "Chine"),
    ("Turkey", "Turquie", "Türkiye"),
    ("Algeria", "Algérie"),
    ("Morocco", "Maroc"),
    ("Libya", "Libye"),
    ("Egypt", "Égypte"),
    ("Sudan", "Soudan"),
    ("Chad", "Tchad"),
    ("Mauritania", "Mauritanie"),
    ("Senegal", "Sénégal"),
    ("Guinea", "Guinée"),
    ("Ivory Coast", "Côte d'Ivoire"),
    ("Benin", "Bénin"),
    ("Cameroon", "Cameroun"),
    ("Nigeria", "Nigéria"),
    ("Germany", "Allemagne"),
    ("Belgium", "Belgique"),
    ("Spain", "Espagne"),
    ("Italy", "Italie"),
    ("United Kingdom", "Royaume-Uni"),
    ("United States", "États-Unis"),
    ("Saudi Arabia", "Arabie saoudite"),
    ("United Arab Emirates", "Émirats arabes unis"),
    ("Syria", "Syrie"),
    ("Crimea", "Crimée"),
    ("Donbas", "Donbass"),
    ("Lake Chad", "lac Tchad"),
)


def _key(name: str) -> tuple[str, ...]:
    return tuple(token.text for token in tokenize(name))  # folded words: accents and case aside


@cache
def _index() -> dict[tuple[str, ...], tuple[str, ...]]:
    return {_key(name): group for group in GROUPS for name in group}


def other_names(name: str) -> tuple[str, ...]:
    """The other names of the place called ``name`` (any of its names, any accents or case);
    () when the table does not know it."""
    group = _index().get(_key(name), ())
    return tuple(other for other in group if _key(other) != _key(name))
