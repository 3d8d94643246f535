"""Shorter names the press uses, and the words around a mention that change who it names."""

from __future__ import annotations

from datetime import date

from monitor.catalog import Actor, Role, Watchlist
from monitor.detect.pipeline import Detector

CHAD = Watchlist(actors=(
    Actor(id="mahamat-deby", name="Mahamat Deby", type="person",
          roles=(Role(name="président tchadien", since=date(2021, 4, 20)),)),
    Actor(id="idriss-deby", name="Idriss Deby", type="person",
          roles=(Role(name="président tchadien", since=date(1990, 12, 2), until=date(2021, 4, 20)),)),
    Actor(id="bassirou-diomaye-faye", name="Bassirou Diomaye Faye", type="person"),
    Actor(id="assimi-goita", name="Assimi Goita", type="person",
          roles=(Role(name="président de la Transition", since=date(2021, 5, 24)),)),
    Actor(id="ibrahim-traore", name="Ibrahim Traore", type="person",
          roles=(Role(name="président de la Transition", since=date(2022, 10, 21)),)),
    Actor(id="wagner-group", name="Wagner Group", type="group"),
    Actor(id="united-nations", name="United Nations", type="organization", aliases=("UN",)),
))


def ids(text: str, when: date | None = None) -> list[tuple[str, str]]:
    found = Detector(CHAD).detect(text, date=when)
    return sorted((m.text, hit.id) for hit in found.actors for m in hit.mentions)


def test_a_shorter_name_another_actor_bears_is_left_to_that_actor():
    """« Idriss Déby » is the father, not a short form of his son Mahamat Idriss Déby."""
    detector = Detector(Watchlist(actors=(
        Actor(id="mahamat-deby", name="Mahamat Idriss Deby", type="person"),
        Actor(id="idriss-deby", name="Idriss Deby Itno", type="person"),
    )))
    found = detector.detect("Après la mort du maréchal Idriss Déby, son fils Mahamat Idriss Déby a pris le pouvoir.")
    assert sorted((m.text, hit.id) for hit in found.actors for m in hit.mentions) == [
        ("Mahamat Idriss Déby", "mahamat-deby")]  # the father's full name is Idriss Deby Itno


def test_shorter_names_of_groups_and_persons():
    """"Wagner" is the Wagner Group; « Diomaye Faye » is Bassirou Diomaye Faye."""
    text = "Les mercenaires de Wagner ont quitté Kidal. À Dakar, Diomaye Faye a reçu les ambassadeurs."
    assert ids(text) == [("Diomaye Faye", "bassirou-diomaye-faye"), ("Wagner", "wagner-group")]


def test_a_late_or_former_holder_is_not_the_holder():
    """« le défunt président tchadien » in 2024 is not Mahamat Déby, who holds the title then."""
    assert ids("Le défunt président tchadien a été inhumé à Amdjarass.", date(2024, 5, 1)) == []
    assert ids("Le président tchadien a été reçu à Paris.", date(2024, 5, 1)) == [
        ("président tchadien", "mahamat-deby")]


def test_a_name_inside_a_longer_name_is_no_context():
    """After « Mahamat Idriss Déby Itno », « Déby » is the son: « Idriss Déby » inside his full
    name does not make the father the last Déby named."""
    text = "Mahamat Idriss Déby Itno a prêté serment. Déby a promis des élections."
    assert ("Déby", "mahamat-deby") in ids(text, date(2021, 5, 1))
    assert ("Déby", "idriss-deby") not in ids(text, date(2021, 5, 1))


def test_a_role_two_actors_hold_is_resolved_by_context():
    """Two juntas' leaders are both « président de la Transition » in 2023: the one named last
    before the role is meant."""
    text = "Ibrahim Traoré a reçu une délégation malienne. Le président de la Transition a promis des renforts."
    assert ids(text, date(2023, 3, 1)) == [("Ibrahim Traoré", "ibrahim-traore"),
                                           ("président de la Transition", "ibrahim-traore")]


def test_a_short_acronym_among_capitals_is_a_headline_word():
    """« UN SOMMET » in a headline is not the UN; « l'UN » in running text is."""
    assert ids("UN SOMMET À NIAMEY\n\nLes chefs d'État se sont retrouvés.") == []
    assert ids("Un rapport de l'UN dénonce les exactions.") == [("UN", "united-nations")]
