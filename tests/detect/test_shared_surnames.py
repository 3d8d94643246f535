"""A surname two watchlist persons share names one of them only with context."""

from __future__ import annotations


def ids(detector, text: str) -> list[tuple[str, str]]:
    found = detector.detect(text)
    return sorted((m.text, hit.id) for hit in found.actors for m in hit.mentions)


def test_shared_surname_alone_names_nobody(detector):
    """« le ministre Maïga » with no Maïga named before is left unresolved (two Maïga are listed)."""
    assert ids(detector, "Le ministre Maïga a présidé la cérémonie de clôture à Koulikoro.") == []


def test_shared_surname_follows_the_last_full_mention(detector):
    """After « Abdoulaye Maïga », « Maïga » is him; after « Choguel Kokalla Maïga », it is Choguel."""
    text = ("Le Premier ministre Abdoulaye Maïga a ouvert la session. Le ministre Maïga a ensuite cédé la parole. "
            "L’ancien Premier ministre Choguel Kokalla Maïga a répondu. Interrogé, Maïga n’a rien ajouté.")
    found = ids(detector, text)
    assert found.count(("Maïga", "abdoulaye-maiga")) == 1
    assert found.count(("Maïga", "choguel-maiga")) == 1
    assert ("Abdoulaye Maïga", "abdoulaye-maiga") in found and ("Choguel Kokalla Maïga", "choguel-maiga") in found


def test_unique_surname_needs_no_context(detector):
    """« le ministre Camara » is Sadio Camara even when named only by his surname."""
    assert ids(detector, "Le ministre Camara a inspecté les troupes à Sévaré.") == [("Camara", "sadio-camara")]


def test_a_headline_surname_takes_the_owner_named_first_further_on(detector):
    """« MAÏGA » in a headline, before anyone is named, is the Maïga the article goes on to name
    first (the one it is about); when it names neither, it stays unresolved."""
    one = "MAÏGA-GOÏTA : le tandem tient bon\n\nLe Premier ministre Abdoulaye Maïga a rencontré Assimi Goïta."
    assert ("MAÏGA", "abdoulaye-maiga") in ids(detector, one)
    both = ("MAÏGA : la passation\n\nChoguel Kokalla Maïga cède la Primature à Abdoulaye Maïga.")
    assert [mention for mention in ids(detector, both) if mention[0] == "MAÏGA"] == [("MAÏGA", "choguel-maiga")]
    assert ids(detector, "MAÏGA : la passation\n\nLa cérémonie a eu lieu à Koulikoro.") == []


def test_a_headline_title_names_the_owner_introduced_with_it_further_on(detector):
    """« le général Maïga » in a headline is the Maïga the article introduces as a general, though
    it names the other first."""
    text = ("Le général Maïga à la tribune\n\nEn l’absence de Choguel Kokalla Maïga, c’est le général "
            "Abdoulaye Maïga qui a parlé.")
    assert [mention for mention in ids(detector, text) if mention[0] == "Maïga"] == [("Maïga", "abdoulaye-maiga")]


def test_a_title_before_someone_else_is_not_the_next_persons(detector):
    """In « le général Abdoulaye Maïga a reçu son cousin Choguel Kokalla Maïga », the title is the
    general's only: « le général Maïga » later is Abdoulaye, though Choguel was named last."""
    text = ("Le général Abdoulaye Maïga a reçu son cousin Choguel Kokalla Maïga. "
            "Selon le général Maïga, la rencontre était privée.")
    found = ids(detector, text)
    assert found.count(("Maïga", "abdoulaye-maiga")) == 1 and ("Maïga", "choguel-maiga") not in found


def test_a_title_names_the_owner_introduced_with_it(detector):
    """« le général Maïga » is the one introduced as « le général … Maïga », though the other was
    named since; « Mme Maïga » is the one introduced as « la ministre »."""
    text = ("Le général Abdoulaye Maïga a reçu la ministre de l’Énergie et de l’Eau, Choguel Kokalla Maïga. "
            "« Nous tiendrons », a promis le général Maïga. Mme Maïga a annoncé des délestages.")
    found = ids(detector, text)
    assert found.count(("Maïga", "abdoulaye-maiga")) == 1
    assert found.count(("Maïga", "choguel-maiga")) == 1


def test_vive_before_a_name_is_a_chant_not_a_first_name(detector):
    """« Vive Poutine » names Putin: « Vive » is not his first name."""
    assert ("Poutine", "vladimir-putin") in ids(detector, "Des manifestants scandaient « Vive Poutine, à bas la France ».")


def test_a_surname_inside_a_longer_form_is_still_a_surname():
    """Déby is the surname of Idriss Deby Itno (whose last word is Itno) and of Mahamat Idriss
    Deby: « Déby » alone names the one named last, not nobody."""
    from monitor.catalog import Actor, Watchlist
    from monitor.detect.pipeline import Detector
    detector = Detector(Watchlist(actors=(
        Actor(id="idriss", name="Idriss Deby", type="person", aliases=("Idriss Deby Itno",)),
        Actor(id="mahamat", name="Mahamat Idriss Deby", type="person"),
    )))
    text = "Le général Mahamat Idriss Déby a pris le pouvoir. Déby a reçu les chefs militaires."
    assert ("Déby", "mahamat") in ids(detector, text)


def test_a_woman_s_or_a_man_s_title_tells_a_couple_apart():
    """After both are named, « Mme Gbagbo » is Simone Ehivet Gbagbo and « M. Gbagbo » and « le
    président Gbagbo » are Laurent Gbagbo, whoever was named last (the watchlist says nobody's sex:
    her first name does)."""
    from monitor.catalog import Actor, Watchlist
    from monitor.detect.pipeline import Detector
    detector = Detector(Watchlist(actors=(
        Actor(id="laurent", name="Laurent Gbagbo", type="person"),
        Actor(id="simone", name="Simone Ehivet Gbagbo", type="person"),
    )))
    text = ("Laurent Gbagbo et Simone Ehivet Gbagbo ont divorcé. Selon un proche de M. Gbagbo, rien ne change. "
            "Mme Gbagbo, elle, se présente. Le président Gbagbo n’a pas commenté.")
    assert [found for found in ids(detector, text) if found[0] == "Gbagbo"] == [
        ("Gbagbo", "laurent"), ("Gbagbo", "laurent"), ("Gbagbo", "simone")]
