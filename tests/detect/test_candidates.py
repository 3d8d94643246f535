"""New names: person-like names that are not in the watchlist."""

from __future__ import annotations


def names(findings) -> dict[str, int]:
    return {c.name: c.count for c in findings.candidates}


def test_people_not_in_the_watchlist_are_candidates(detector):
    """Names after a title, in "First LAST" form, or before a role are candidates."""
    text = ("Le ministre de l’Économie, Aloussény SANOU, a rencontré le Capitaine Ibrahim Traoré. "
            "Plus tard, Rintalba Ouédraogo, Premier ministre, les a rejoints.")
    assert names(detector.detect(text)) == {"Aloussény Sanou": 1, "Ibrahim Traoré": 1, "Rintalba Ouédraogo": 1}


def test_spellings_that_fold_alike_count_as_one(detector):
    """"Aloussény SANOU" and "Aloussény Sanou" are one candidate seen twice."""
    text = "Le ministre Aloussény SANOU arrive. Le ministre Aloussény Sanou repart."
    assert names(detector.detect(text)) == {"Aloussény Sanou": 2}


def test_watchlist_names_places_and_titles_are_not_candidates(detector):
    """Watchlist actors, capitalised place names and bare titles are not new names."""
    text = ("Le Président Assimi Goïta et Sadio Camara sont au Burkina Faso, puis à Saint-Pétersbourg "
            "avec la Fédération de Russie. La République du Mali et les Nations Unies suivent.")
    assert names(detector.detect(text)) == {}


def test_names_do_not_run_over_line_breaks(detector):
    """A name at the end of one line and a capitalised word on the next stay apart."""
    text = "Envoyé spécial à Moscou\nAlassane Souleymane\nLire aussi : la suite"
    assert names(detector.detect(text)) == {"Alassane Souleymane": 1}


def test_names_in_furniture_are_not_candidates(detector):
    """A byline or a teaser in page furniture does not add candidates."""
    text = "Le sommet s’est tenu hier.\n\nArticles similaires\nLe ministre Moussa Konaté en visite"
    assert names(detector.detect(text)) == {}


def test_the_same_name_reads_by_its_own_context_each_time(detector):
    """A run of capitalised words seen before is judged again by what surrounds it: after a
    title it is a name, alone it is not, and inside a watchlist mention it is nothing."""
    after_title = "Le ministre Rokia Dembélé est arrivé à Gao."
    alone = "Hier, Rokia Dembélé est arrivée à Gao."
    before_role = "Hier, Rokia Dembélé, ministre de la Santé, est arrivée à Gao."
    for _ in range(2):  # the second time, the run is known
        assert names(detector.detect(after_title)) == {"Rokia Dembélé": 1}
        assert names(detector.detect(alone)) == {}
        assert names(detector.detect(before_role)) == {"Rokia Dembélé": 1}
