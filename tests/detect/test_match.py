"""Watchlist matching: word boundaries, inflections, acronyms, surnames, overlaps."""

from __future__ import annotations

from monitor.catalog import Actor, Keyword, Watchlist
from monitor.detect.match import is_acronym
from monitor.detect.pipeline import Detector, Findings


def mentions(findings: Findings, kind: str, item_id: str) -> list[str]:
    for hit in getattr(findings, kind):
        if hit.id == item_id:
            return [m.text for m in hit.mentions]
    return []


def assert_offsets(text: str, findings: Findings) -> None:
    for hit in (*findings.actors, *findings.keywords):
        for mention in hit.mentions:
            assert text[mention.start:mention.end] == mention.text


def test_phrases_match_in_any_case_accents_and_number(detector):
    """A multi-word term matches its plural, capitalised and unaccented forms."""
    text = "Les COOPÉRATIONS MILITAIRES se renforcent; la cooperation militaire avance."
    found = detector.detect(text)
    assert mentions(found, "keywords", "military-cooperation") == ["COOPÉRATIONS MILITAIRES", "cooperation militaire"]
    assert_offsets(text, found)


def test_singular_terms_find_plurals(detector):
    """The term "drone" finds "drones" and "accord" finds "accords"."""
    found = detector.detect("Des drones ont survolé la ville après les accords de paix.")
    assert mentions(found, "keywords", "drones") == ["drones"]
    assert mentions(found, "keywords", "agreements") == ["accords"]


def test_terms_match_whole_words_only(detector):
    """A term inside a longer word (accord in accordéon, port in portail) is not a match."""
    found = detector.detect("L’accordéon joue devant le portail du port.")
    assert mentions(found, "keywords", "agreements") == []
    assert mentions(found, "keywords", "port") == ["port"]


def test_feminine_e_is_not_guessed_for_other_words(detector):
    """The term "port" does not find "porte" (a different word) nor "porte-parole"."""
    found = detector.detect("Le porte-parole ferme la porte.")
    assert mentions(found, "keywords", "port") == []


def test_accents_written_in_the_text_must_agree_with_the_term(detector):
    """"arme" finds "armes" and unaccented "ARMEES"-style text, but not the participle "armés"."""
    found = detector.detect("Les groupes armés ont déposé les armes. DES ARMES SAISIES.")
    assert mentions(found, "keywords", "weapons") == ["armes", "ARMES"]


def test_acronyms_match_case_sensitively(detector):
    """AES and FAMa match as written; aes, Aes and FAMA inside ordinary text do not."""
    text = "Les aes du texte, Aes au début, puis l’AES et les FAMa, pas les FAMA ni fama."
    found = detector.detect(text)
    assert mentions(found, "actors", "aes") == ["AES"]
    assert mentions(found, "actors", "fama") == ["FAMa"]
    assert_offsets(text, found)


def test_acronym_rule():
    """Short forms with a capital after the first letter are acronyms; capitalised words are not."""
    assert is_acronym("AES") and is_acronym("FAMa") and is_acronym("UA") and is_acronym("TB2")
    assert not is_acronym("Mali") and not is_acronym("Mi-24") and not is_acronym("CEDEAOS")


def test_unique_surname_alone_names_the_person(detector):
    """"Goïta" or "GOITA" alone is Assimi Goïta, as no other person has that surname."""
    text = "Le président Goïta a reçu le colonel. GOITA a parlé."
    found = detector.detect(text)
    assert mentions(found, "actors", "assimi-goita") == ["Goïta", "GOITA"]


def test_shared_surname_and_first_name_alone_do_not_match(detector):
    """"Maïga" (two persons) and "Abdoulaye" (a first name) alone name nobody."""
    found = detector.detect("Maïga a répondu à Abdoulaye hier.")
    assert found.actor_ids() == frozenset()


def test_surname_alone_needs_a_capital(detector):
    """A surname alone is only a name when capitalised: "Sall" is, "salle" and "sall" are not."""
    found = detector.detect("Macky Sall entre dans la salle. Sall parle; sall ne compte pas.")
    assert mentions(found, "actors", "macky-sall") == ["Macky Sall", "Sall"]


def test_longest_match_wins(detector):
    """Overlapping forms keep the longest: the full name, not its surname; the longer term."""
    text = "La Fédération de Russie et Assimi Goïta signent un accord de coopération."
    found = detector.detect(text)
    assert mentions(found, "actors", "russia") == ["Fédération de Russie"]
    assert mentions(found, "actors", "assimi-goita") == ["Assimi Goïta"]
    assert mentions(found, "keywords", "agreements") == ["accord de coopération"]


def test_two_keywords_may_count_the_same_words():
    """Overlaps are resolved within a keyword, so two keywords may share words."""
    watchlist = Watchlist(keywords=(
        Keyword(id="drones", terms=("drone kamikaze",)),
        Keyword(id="terrorism", terms=("kamikaze",)),
    ))
    found = Detector(watchlist).detect("Un drone kamikaze a frappé.")
    assert found.keyword_ids() == {"drones", "terrorism"}


def test_phrases_do_not_cross_punctuation_or_paragraphs(detector):
    """A phrase matches across a line break but not across a full stop or a blank line."""
    found = detector.detect("La coopération\nmilitaire. La coopération. Militaire. Sadio\n\nCamara")
    assert mentions(found, "keywords", "military-cooperation") == ["coopération\nmilitaire"]
    assert mentions(found, "actors", "sadio-camara") == ["Camara"]  # the surname alone, not the pair


def test_names_match_across_non_breaking_and_double_spaces(detector):
    """Non-breaking spaces and doubled spaces inside a name still match, offsets exact."""
    text = "Le ministre Sadio\u00a0Camara et Abdoulaye  Diop."
    found = detector.detect(text)
    assert mentions(found, "actors", "sadio-camara") == ["Sadio\u00a0Camara"]
    assert mentions(found, "actors", "abdoulaye-diop") == ["Abdoulaye  Diop"]


def test_decomposed_accents_soft_hyphens_and_windows_line_ends_match(detector):
    """Combining accents, soft hyphens and CRLF line ends do not disturb matches or offsets."""
    text = "Titre\r\n\r\nAssimi Goi\u0308ta et Vladimir Putin.\r\nLa coopé\u00adration militaire.\r\n"
    found = detector.detect(text)
    assert mentions(found, "actors", "assimi-goita") == ["Assimi Goi\u0308ta"]
    assert mentions(found, "actors", "vladimir-putin") == ["Vladimir Putin"]
    assert mentions(found, "keywords", "military-cooperation") == ["coopé\u00adration militaire"]
    assert_offsets(text, found)


def test_two_actors_sharing_a_form_both_count():
    """A form listed for two actors names both (the watchlist decides, not the matcher)."""
    watchlist = Watchlist(actors=(
        Actor(id="a", name="Forces spéciales", type="group"),
        Actor(id="b", name="Unité Alpha", type="group", aliases=("Forces spéciales",)),
    ))
    found = Detector(watchlist).detect("Les forces spéciales sont arrivées.")
    assert found.actor_ids() == {"a", "b"}


def test_empty_and_wordless_texts_find_nothing(detector):
    """Empty, blank and punctuation-only texts give empty findings."""
    for text in ("", "   ", "\n\n", "… — «» !!"):
        found = detector.detect(text)
        assert (found.actors, found.keywords, found.quotes, found.candidates) == ((), (), (), ())


def test_surname_after_another_first_name_is_someone_else(detector):
    """"Mariam Goïta" is not Assimi Goïta, while "le Président Goïta" is."""
    text = "Mariam Goïta tient une boutique. Le Président Goïta est arrivé."
    found = detector.detect(text)
    assert [m.start for m in found.actors[0].mentions] == [text.rindex("Goïta")]


def test_a_phrase_spans_spaces_and_one_line_break_but_no_punctuation_or_paragraph():
    """The automaton reads the text as words and breaks: a phrase runs over any spaces, a
    hyphen or a single line break, and stops at a comma, a full stop or a blank line."""
    detector = Detector(Watchlist(keywords=(Keyword(id="mc", terms=("coopération militaire",)),)))
    spans = {
        "la coopération militaire": ["coopération militaire"],
        "la coopération  militaire": ["coopération  militaire"],
        "la coopération\nmilitaire": ["coopération\nmilitaire"],
        "la coopération-militaire": ["coopération-militaire"],
        "(coopération militaire)": ["coopération militaire"],
        "la coopération, militaire": [],
        "la coopération. Militaire": [],
        "la coopération\n\nmilitaire": [],
        "la coopération\n \nmilitaire": [],
        "la coopération    militaire": ["coopération    militaire"],
        "la coopération (militaire)": [],
    }
    for text, expected in spans.items():
        found = detector.detect(text)
        assert mentions(found, "keywords", "mc") == expected, text
        assert_offsets(text, found)


def test_an_empty_watchlist_finds_nothing():
    found = Detector(Watchlist()).detect("Assimi Goïta a reçu Vladimir Poutine.")
    assert found.actors == () and found.keywords == ()


def test_a_place_inside_a_keyword_is_not_a_mention_of_it():
    """« l'accord d'Alger », a watched term, is an agreement: no mention of Algiers; « à Alger » is."""
    detector = Detector(Watchlist(actors=(Actor(id="algiers", name="Algiers", type="place"),),
                                  keywords=(Keyword(id="peace-agreement", terms=("accord d'Alger",)),)))
    findings = detector.detect("À Alger, on défend l’accord d’Alger.")
    assert [m.text for hit in findings.actors for m in hit.mentions] == ["Alger"]
    assert [m.text for hit in findings.keywords for m in hit.mentions] == ["accord d’Alger"]


def test_a_term_in_the_feminine_finds_only_feminine_forms():
    """« présidentielle » (the election) finds « les présidentielles », not « le palais présidentiel »;
    « drone » still finds « drones »."""
    detector = Detector(Watchlist(actors=(), keywords=(
        Keyword(id="election", terms=("présidentielle", "législatives")), Keyword(id="drones", terms=("drone",)))))
    findings = detector.detect("Avant les présidentielles et les législatives, le palais présidentiel et le pouvoir "
                               "législatif achètent des drones.")
    assert sorted(m.text for hit in findings.keywords for m in hit.mentions) == [
        "drones", "législatives", "présidentielles"]


def test_a_form_with_a_comma_spans_the_text_s_comma():
    """The role « ministre de l'Énergie, des Mines et des Carrières » is found with its comma; a
    comma elsewhere still ends a name."""
    from datetime import date
    from monitor.catalog import Role
    detector = Detector(Watchlist(actors=(
        Actor(id="boussim", name="Simon Pierre Boussim", type="person",
              roles=(Role(name="ministre de l'Énergie, des Mines et des Carrières"),)),)))
    findings = detector.detect("Le ministre de l’Énergie, des Mines et des Carrières a signé.", date=date(2023, 1, 1))
    assert [m.text for hit in findings.actors for m in hit.mentions] == ["ministre de l’Énergie, des Mines et des Carrières"]
