"""Places and organisations under their names in the other language (monitor.detect.exonyms)."""

from __future__ import annotations

import pytest

from monitor.catalog import Actor, Watchlist
from monitor.detect.pipeline import Detector
from monitor.detect.exonyms import ORGANIZATIONS, PLACES, SHARED, other_names

ENGLISH = Watchlist(actors=(
    Actor(id="moscow", name="Moscow", type="place"),
    Actor(id="algiers", name="Algiers", type="place"),
    Actor(id="cairo", name="Cairo", type="place"),
    Actor(id="timbuktu", name="Timbuktu", type="place"),
    Actor(id="beijing", name="Beijing", type="place"),
    Actor(id="sochi", name="Sochi", type="place"),
    Actor(id="alger-ndiaye", name="Alger Ndiaye", type="person"),  # not a place: no exonyms
))


def places(text: str, watchlist: Watchlist = ENGLISH) -> dict[str, list[str]]:
    return {hit.id: [m.text for m in hit.mentions] for hit in Detector(watchlist).detect(text).actors}


def test_an_english_watchlist_finds_the_french_names():
    """« Moscou », « Alger », « Le Caire », « Tombouctou », « Pékin », « Sotchi » are the
    watchlist's Moscow, Algiers, Cairo, Timbuktu, Beijing and Sochi."""
    text = ("De Moscou à Pékin, en passant par Alger et Le Caire, les émissaires maliens ont "
            "multiplié les escales avant le sommet de Sotchi. À Tombouctou, on attend les retombées.")
    assert places(text) == {"moscow": ["Moscou"], "beijing": ["Pékin"], "algiers": ["Alger"],
                            "cairo": ["Le Caire"], "sochi": ["Sotchi"], "timbuktu": ["Tombouctou"]}


def test_a_french_watchlist_finds_the_english_names():
    """The table works both ways: a watchlist saying « Moscou » finds "Moscow" in an English dispatch."""
    watchlist = Watchlist(actors=(Actor(id="moscou", name="Moscou", type="place"),))
    assert places("Officials in Moscow welcomed the Malian delegation.", watchlist) == {"moscou": ["Moscow"]}


def test_other_names_ignore_accents_and_case_and_only_concern_places():
    """The lookup folds accents and case; a person named like a city is not renamed."""
    assert other_names("PEKIN", "place") == ("Beijing", "Peking")
    assert other_names("Bamako", "place") == ()  # one name in both languages: nothing to add
    assert other_names("Moscow", "person") == ()
    assert places("Alger Ndiaye a été reçu par le maire.") == {"alger-ndiaye": ["Alger Ndiaye"]}
    assert places("Le cortège est arrivé à Alger.") == {"algiers": ["Alger"]}


def test_full_names_and_acronyms_of_organisations():
    """An English watchlist's ECOWAS, AES, JNIM and FAMa are found under their French full names
    and acronyms; a group (JNIM) as well as an organisation."""
    watchlist = Watchlist(actors=(
        Actor(id="ecowas", name="ECOWAS", type="organization"),
        Actor(id="aes", name="Alliance of Sahel States", type="organization", aliases=("AES",)),
        Actor(id="jnim", name="JNIM", type="group"),
        Actor(id="fama", name="FAMa", type="organization"),
    ))
    text = ("La Communauté économique des États de l’Afrique de l’Ouest a pris acte du départ des pays de "
            "la Confédération des États du Sahel. Les Forces armées maliennes affirment avoir repoussé le "
            "Groupe de soutien à l’islam et aux musulmans près de Ségou, selon la CEDEAO.")
    assert places(text, watchlist) == {
        "ecowas": ["Communauté économique des États de l’Afrique de l’Ouest", "CEDEAO"],
        "aes": ["Confédération des États du Sahel"],
        "fama": ["Forces armées maliennes"],
        "jnim": ["Groupe de soutien à l’islam et aux musulmans"],
    }


def test_unions_juntas_and_armed_movements_under_their_french_names():
    """"l’UA" and "l’UE" are the African and European Unions; the juntas' councils and the
    northern Malian movements are found under their French names and acronyms."""
    watchlist = Watchlist(actors=(
        Actor(id="au", name="African Union", type="organization"),
        Actor(id="eu", name="European Union", type="organization"),
        Actor(id="cnsp", name="National Council for the Safeguard of the Homeland", type="organization"),
        Actor(id="fla", name="Azawad Liberation Front", type="group"),
        Actor(id="lna", name="Libyan National Army", type="organization"),
        Actor(id="ansar-dine", name="Ansar Dine", type="group"),
    ))
    text = ("Le Conseil national pour la sauvegarde de la patrie (CNSP) a reçu les émissaires de l’UA et "
            "de l’UE. Au nord, le Front de libération de l’Azawad affirme que le FLA tient Tinzaouatène, "
            "ancien fief d’Ansar Eddine. L’Armée nationale libyenne (ANL) dément.")
    assert places(text, watchlist) == {
        "cnsp": ["Conseil national pour la sauvegarde de la patrie", "CNSP"],
        "au": ["UA"], "eu": ["UE"],
        "fla": ["Front de libération de l’Azawad", "FLA"],
        "ansar-dine": ["Ansar Eddine"],
        "lna": ["Armée nationale libyenne", "ANL"],
    }


@pytest.mark.parametrize("table", [PLACES, ORGANIZATIONS])
def test_every_group_names_one_actor_once(table):
    """No name belongs to two groups, every group has a name to add, and the only two-letter
    acronyms are UA and UE, which no language of the press writes as a word (a headline's "AU",
    "UN" or "EU" is one)."""
    names = [name.casefold() for group in table for name in group if name.casefold() not in SHARED]
    assert len(names) == len(set(names))
    assert all(len(group) > 1 for group in table)
    assert all(len(name) > 2 or name in ("ua", "ue") for name in names)


def test_sudan_s_war_under_its_french_names():
    """The English watchlist's Rapid Support Forces, Darfur and Port Sudan are the French press's
    Forces de soutien rapide (FSR), Darfour and Port-Soudan."""
    watchlist = Watchlist(actors=(
        Actor(id="rsf", name="Rapid Support Forces", type="group"),
        Actor(id="darfur", name="Darfur", type="place"),
        Actor(id="port-sudan", name="Port Sudan", type="place"),
    ))
    text = ("Les Forces de soutien rapide (FSR) contrôlent l’essentiel du Darfour, tandis que le "
            "gouvernement s’est replié à Port-Soudan.")
    assert places(text, watchlist) == {
        "rsf": ["Forces de soutien rapide", "FSR"], "darfur": ["Darfour"], "port-sudan": ["Port-Soudan"]}


def test_france_s_institutions_under_the_names_the_press_gives_them():
    """The French Foreign Ministry is « le Quai d'Orsay », the Ministry of the Armed Forces « le
    ministère des Armées », Operation Barkhane « la force Barkhane »."""
    watchlist = Watchlist(actors=(
        Actor(id="quai", name="French Foreign Ministry", type="organization"),
        Actor(id="armees", name="French Ministry of the Armed Forces", type="organization"),
        Actor(id="barkhane", name="Operation Barkhane", type="organization"),
    ))
    text = "Le Quai d’Orsay et le ministère des Armées ont annoncé la fin de la force Barkhane."
    assert places(text, watchlist) == {"quai": ["Quai d’Orsay"], "armees": ["ministère des Armées"],
                                       "barkhane": ["force Barkhane"]}


def test_a_one_word_place_in_lower_case_is_a_word_not_the_place():
    """« le président bissau-guinéen » names no Bissau; « Bissau » and a headline's « BISSAU » do."""
    watchlist = Watchlist(actors=(Actor(id="bissau", name="Bissau", type="place"),))
    assert places("Le président bissau-guinéen est rentré à Bissau.\n\nBISSAU ACCUEILLE LE SOMMET", watchlist) == {
        "bissau": ["Bissau", "BISSAU"]}


def test_a_geographic_feature_is_named_noun_first_in_french():
    """Niger River is « le fleuve Niger », Lake Chad « le lac Tchad », Mopti Region « la région de
    Mopti », Cameroon's North-West Region « la région du Nord-Ouest » or « le Nord-Ouest »; a
    direction in lower case (« au nord-ouest de Bamenda ») names no region."""
    watchlist = Watchlist(actors=(
        Actor(id="niger-river", name="Niger River", type="place"),
        Actor(id="lake-chad", name="Lake Chad", type="place"),
        Actor(id="mopti-region", name="Mopti Region", type="place"),
        Actor(id="northwest", name="North-West Region", type="place"),
    ))
    text = ("Le fleuve Niger a débordé dans la région de Mopti. Les rives du lac Tchad sont menacées. "
            "Dans la région du Nord-Ouest, des villages ont été incendiés ; le Nord-Ouest reste sous couvre-feu. "
            "Les combats ont eu lieu au nord-ouest de la ville.")
    assert places(text, watchlist) == {
        "niger-river": ["fleuve Niger"], "mopti-region": ["région de Mopti"], "lake-chad": ["lac Tchad"],
        "northwest": ["région du Nord-Ouest", "Nord-Ouest"]}


def test_a_park_or_a_region_by_its_own_name():
    """« le parc national de la Pendjari » and « la Pendjari » are Pendjari National Park, « les
    Savanes » the Savanes Region; « Hongrie » is Hungary."""
    watchlist = Watchlist(actors=(
        Actor(id="pendjari", name="Pendjari National Park", type="place"),
        Actor(id="savanes", name="Savanes Region", type="place"),
        Actor(id="hungary", name="Hungary", type="place"),
    ))
    text = ("Dans le parc national de la Pendjari, les rangers patrouillent ; la Pendjari reste fermée. "
            "Les Savanes sont sous état d’urgence. La Hongrie envoie des soldats.")
    assert places(text, watchlist) == {"pendjari": ["parc national de la Pendjari", "Pendjari"],
                                       "savanes": ["Savanes"], "hungary": ["Hongrie"]}


def test_a_place_in_another_spelling():
    """« M'berra » is the Mbera camp, « Hodh El Chargui » Hodh Ech Chargui and « l'Atacora »
    Atakora (equal transliteration keys); a word that only ends like one is not."""
    watchlist = Watchlist(actors=(
        Actor(id="mbera", name="Mbera", type="place"),
        Actor(id="hodh", name="Hodh Ech Chargui", type="place"),
        Actor(id="atakora", name="Atakora", type="place"),
        Actor(id="wap", name="W-Arly-Pendjari Complex", type="place"),
        Actor(id="square", name="Independence Square", type="place"),
        Actor(id="m5", name="June 5 Movement-Rally of Patriotic Forces", type="organization"),
    ))
    text = ("Au camp de M’berra, dans le Hodh El Chargui, les réfugiés affluent, comme dans l’Atacora, aux portes "
            "du complexe W-Arly-Pendjari. La berra est pleine. À Bamako, le M5-RFP tient la place de l’Indépendance.")
    assert places(text, watchlist) == {"mbera": ["M’berra"], "hodh": ["Hodh El Chargui"], "atakora": ["Atacora"],
                                       "wap": ["complexe W-Arly-Pendjari"], "m5": ["M5-RFP"],
                                       "square": ["place de l’Indépendance"]}


def test_a_state_named_after_a_country_is_not_found_by_that_name_alone():
    """Nigeria's Niger State is « l'État du Niger »; « le Niger » alone is the country, while
    Borno State is also « le Borno »."""
    watchlist = Watchlist(actors=(
        Actor(id="niger-state", name="Niger State", type="place"),
        Actor(id="borno", name="Borno State", type="place"),
    ))
    text = "Des bandits venus du Niger ont frappé l’État du Niger, puis le Borno."
    assert places(text, watchlist) == {"niger-state": ["État du Niger"], "borno": ["Borno"]}


def test_armed_groups_under_their_other_names():
    """The Macina Liberation Front is « la katiba Macina »; Boko Haram is also called by its
    Arabic name."""
    watchlist = Watchlist(actors=(
        Actor(id="flm", name="Macina Liberation Front", type="group"),
        Actor(id="boko-haram", name="Boko Haram", type="group"),
    ))
    text = "La katiba Macina et la Jama'atu Ahlis Sunna Lidda'awati wal-Jihad ont frappé."
    assert places(text, watchlist) == {"flm": ["katiba Macina"],
                                       "boko-haram": ["Jama'atu Ahlis Sunna Lidda'awati wal-Jihad"]}
