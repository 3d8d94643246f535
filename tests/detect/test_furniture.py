"""Page furniture: recognised lines and blocks, and mentions inside them."""

from __future__ import annotations

import pytest

from monitor.detect.furniture import LINE, TAIL, TEASER, classify, furniture_spans

ARTICLE = """Bamako renforce sa coopération militaire avec la Russie

Le ministre Sadio Camara a reçu une délégation russe à Bamako pour parler de drones.

Par Moussa Konaté

Partager sur Facebook

Lire aussi : Abdoulaye Diop attendu à Moscou pour un accord

Le chef de la diplomatie doit signer un accord avec Rosatom, selon des sources proches du..

Articles similaires
Assimi Goïta inaugure une centrale
Des drones livrés aux FAMa
"""


@pytest.mark.parametrize("line, kind", [
    ("Suivez-nous sur Facebook, Telegram, WhatsApp pour ne rien rater", LINE),
    ("Partager", LINE),
    ("Laisser un commentaire", LINE),
    ("Votre adresse e-mail ne sera pas publiée.", LINE),
    ("Publié le 3 mars 2025 à 10:00", LINE),
    ("Source : Agence malienne de presse", LINE),
    ("PAR SIKOU BAH", LINE),
    ("Awa Traoré est journaliste indépendante basée à Ségou.", LINE),
    ("Facebook Twitter WhatsApp", LINE),
    ("Lire aussi : Le Mali et la Russie signent un accord", TEASER),
    ("À LIRE AUSSI", TEASER),
    ("Articles similaires", TAIL),
    ("Les articles de l'auteur", TAIL),
    ("Sur le même sujet :", TAIL),
    ("Par Awa Diallo – Ses derniers articles : Goïta à Moscou ; Kidal, un an après", LINE),
    ("Par Awa Diallo — À lire du même auteur : Wagner au Mali, la fin d’un cycle", LINE),
    ("Du même auteur : Prigojine en Afrique ; Tiani à Niamey", LINE),
    ("Par Awa Diallo, correspondante à Gao. Du même auteur : Djibo sous blocus ; Kidal, un an après", LINE),
])
def test_furniture_lines_are_recognised(line, kind):
    """Each usual kind of furniture line is classified as what it is."""
    assert classify(line) == kind


@pytest.mark.parametrize("line", [
    "Par ailleurs, le ministre a rappelé les engagements pris à Moscou.",
    "Le partage des ressources reste un enjeu, a souligné le ministre.",
    "Les articles de la loi ont été votés hier par le CNT.",
    "Source de tensions, la frontière reste fermée depuis des mois et des mois, selon les habitants.",
    "Partager les responsabilités entre les pays de l’AES reste difficile, selon plusieurs diplomates.",
    "Par ses derniers articles : le journaliste a irrité la junte, qui l’a expulsé du pays en mars.",
])
def test_article_sentences_are_not_furniture(line):
    """Sentences that merely start like furniture words are article text."""
    assert classify(line) is None


def test_blocks_after_teasers_and_section_headings_are_furniture():
    """A teaser's cut-short summary and everything under "Articles similaires" are furniture."""
    spans = furniture_spans(ARTICLE)
    furniture = "".join(ARTICLE[start:end] for start, end in spans)
    assert "Par Moussa Konaté" in furniture and "Partager sur Facebook" in furniture
    assert "Le chef de la diplomatie doit signer" in furniture
    assert "Des drones livrés aux FAMa" in furniture
    assert "Sadio Camara a reçu" not in furniture


def test_teaser_followed_by_article_text_leaves_that_text_alone():
    """A paragraph under an inline "Lire aussi" that goes on with the article stays article text."""
    text = (
        "Le ministre est arrivé à Moscou.\n"
        "Lire aussi : Le Mali et la Russie signent un accord\n"
        "Les discussions ont porté sur la formation des militaires.\n"
        "Elles reprendront demain à Bamako."
    )
    spans = furniture_spans(text)
    assert [text[start:end] for start, end in spans] == ["Lire aussi : Le Mali et la Russie signent un accord"]


def test_unpunctuated_lines_under_trailing_furniture_are_furniture():
    """Link lines at the very end, under a furniture line, are furniture; the closing words above are not."""
    text = "Le sommet s'achève.\nAffaire à suivre\nSource : Info Matin\nRadios en direct Bamako Gao Mopti"
    spans = furniture_spans(text)
    assert [text[start:end] for start, end in spans] == ["Source : Info Matin\nRadios en direct Bamako Gao Mopti"]


def test_mentions_in_furniture_are_listed_but_not_counted(detector):
    """Mentions inside furniture carry furniture=True and do not count toward count or ids."""
    found = detector.detect(ARTICLE)
    by_id = {hit.id: hit for hit in (*found.actors, *found.keywords)}
    assert by_id["sadio-camara"].count == 1
    assert by_id["rosatom"].count == 0 and [m.furniture for m in by_id["rosatom"].mentions] == [True]
    assert by_id["drones"].count == 1 and len(by_id["drones"].mentions) == 2
    assert "rosatom" not in found.actor_ids() and "assimi-goita" not in found.actor_ids()
    assert {"sadio-camara", "russia"} <= found.actor_ids()
    for start, end in found.furniture:
        assert ARTICLE[start:end].strip() == ARTICLE[start:end]
