"""Language detection."""

from __future__ import annotations

from monitor.detect.language import detect_language


def test_french():
    """A French paragraph is "fr"."""
    text = "Le président de la Transition a reçu les ministres pour parler de la sécurité dans le pays."
    assert detect_language(text) == "fr"


def test_english():
    """An English paragraph is "en"."""
    text = "The president of the transition met the ministers to discuss security in the country."
    assert detect_language(text) == "en"


def test_arabic_by_script():
    """Text mostly in Arabic script is "ar"."""
    text = "استقبل رئيس المرحلة الانتقالية وزير الخارجية الروسي في باماكو لبحث التعاون العسكري"
    assert detect_language(text) == "ar"


def test_french_article_quoting_an_english_phrase():
    """A French text with an English phrase inside stays "fr"."""
    text = ("Le ministre a parlé de « strategic partnership » avec la Russie et il a dit que "
            "les accords seront signés par les deux pays dans les prochains mois.")
    assert detect_language(text) == "fr"


def test_too_short_or_unknown_is_none():
    """A title, a list of names, or an empty string has no language."""
    for text in ("", "Assimi Goïta", "Bamako, Moscou, Niamey", "12 345 678", "Hola amigos, ¿qué tal?"):
        assert detect_language(text) is None
