"""html_to_text: readable plain text out of any HTML, and never markup a browser would honour."""

from __future__ import annotations

import random
import re
import time

import pytest

from monitor.html import html_to_text, looks_like_html

TAG = re.compile(r"<[a-zA-Z/!?]")


def test_block_elements_become_line_breaks():
    """Paragraphs are separated by a blank line, <br> and list items by a line break."""
    html = "<h1>Titre</h1><p>Premier paragraphe.</p><p>Ligne un<br>ligne deux</p><ul><li>un</li><li>deux</li></ul>"
    assert html_to_text(html) == "Titre\n\nPremier paragraphe.\n\nLigne un\nligne deux\n\nun\ndeux"


def test_inline_elements_keep_words_together():
    """Inline tags neither split a word nor glue two words together."""
    assert html_to_text("<p>Bamako<b>,</b> <i>Mali</i> : re<em>pri</em>se</p>") == "Bamako, Mali : reprise"


def test_table_cells_and_rows():
    """Cells are separated by a space and rows by a line break."""
    html = "<table><tr><th>Ville</th><th>Pluie</th></tr><tr><td>Niamey</td><td>12 mm</td></tr></table>"
    assert html_to_text(html) == "Ville Pluie\nNiamey 12 mm"


@pytest.mark.parametrize(
    "hidden",
    [
        "<script>alert('x')</script>",
        "<script type='text/javascript'>if (a < b) { document.write('<p>caché</p>') }</script>",
        "<style>p { color: red }</style>",
        "<noscript><p>Activez JavaScript</p></noscript>",
        "<iframe src='https://pub.example/'>cadre</iframe>",
        "<svg><title>icône</title><text>dessin</text></svg>",
        "<form action='/x'><label>Courriel</label><input name=e><button>Envoyer</button></form>",
    ],
)
def test_code_and_chrome_are_dropped(hidden):
    """Script, style, noscript, iframe, svg and form content never reaches the text."""
    assert html_to_text(f"<p>Avant</p>{hidden}<p>Après</p>") == "Avant\n\nAprès"


def test_attributes_and_handlers_are_dropped():
    """Attributes, event handlers included, vanish with their tags."""
    html = '<p onclick="voler()">Texte <img src=x onerror="alert(1)" alt="image"><a href="javascript:x()" onmouseover=y>lien</a></p>'
    text = html_to_text(html)
    assert text == "Texte lien"
    assert "onerror" not in text and "onclick" not in text and "javascript" not in text


def test_entities_are_decoded():
    """Named, decimal and hexadecimal entities become characters; &nbsp; becomes a space."""
    assert html_to_text("<p>L&#39;&eacute;t&#233; &amp; l&#xE9;gumes&nbsp;: 5&nbsp;&euro;</p>") == "L'été & légumes : 5 €"


def test_spaces_are_collapsed():
    """Runs of spaces, tabs and source line breaks inside HTML collapse to one space."""
    assert html_to_text("<p>  Un\t\tdeux\n\n   trois  </p>\n\n\n<p>quatre</p>") == "Un deux trois\n\nquatre"


def test_plain_text_keeps_its_lines():
    """Text without markup keeps its own line breaks and is otherwise only trimmed."""
    assert html_to_text("  Premier jour.\nDeuxième   jour.\n\n\n\nFin. ") == "Premier jour.\nDeuxième jour.\n\nFin."


def test_comparison_in_plain_text_survives():
    """A lone '<' in prose stays readable; one that could open a tag gets a space after it."""
    assert html_to_text("si a < b et b > c") == "si a < b et b > c"
    assert html_to_text("si a<b alors") == "si a< b alors"


def test_double_escaped_html_is_stripped():
    """HTML escaped twice by the publisher is still reduced to its text."""
    assert html_to_text("&lt;p&gt;Communiqué &lt;b&gt;officiel&lt;/b&gt;&lt;/p&gt;") == "Communiqué officiel"
    assert html_to_text("&lt;script&gt;alert(1)&lt;/script&gt;Suite") == "Suite"


def test_unclosed_script_hides_the_rest():
    """An unclosed script swallows the rest of the input, as in a browser, rather than showing code."""
    assert html_to_text("<p>Visible</p><script>var x = '<p>pas du texte</p>';") == "Visible"


def test_comments_and_declarations_are_dropped():
    """Comments, CDATA sections, declarations and processing instructions show nothing."""
    html = "<!DOCTYPE html><?xml version='1.0'?><!-- note --><p>Oui</p><![CDATA[ non ]]><!-- ouvert"
    assert html_to_text(html) == "Oui"


def test_quoted_greater_than_inside_attribute():
    """A '>' inside a quoted attribute value does not end the tag."""
    assert html_to_text('<img alt="a > b" title=\'c > d\'>Légende') == "Légende"


def test_looks_like_html():
    """Tags, closing tags, comments and entities count as HTML; prose with '<' or '&' does not."""
    assert looks_like_html("<p>x</p>") and looks_like_html("a<br/>b") and looks_like_html("x &amp; y")
    assert looks_like_html("fin</div>") and looks_like_html("<!-- c -->")
    assert not looks_like_html("a < b & c > d") and not looks_like_html("Texte simple.") and not looks_like_html("")


def test_malformed_input_never_raises_nor_leaks_markup():
    """Random tag soup never raises and never yields text that a browser would parse as a tag."""
    pieces = ["<", ">", "</", "<!", "<?", "<!--", "-->", "<![CDATA[", "]]>", "<![x[", "<p>", "</p>", "<script>",
              "</script>", "<style>", "<svg>", "</svg>", "<a href=\"", "'", '"', "=", "&", "&amp;", "&lt;", "&#x3c;",
              "&#0;", "&#99999999;", "\x00", "\n", " ", "x", "onerror", "<img onerror=alert(1)>", "&lt;script&gt;"]
    rng = random.Random(7)
    for _ in range(5000):
        soup = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 40)))
        text = html_to_text(soup)
        assert not TAG.search(text), (soup, text)
        assert "\x00" not in text


@pytest.mark.parametrize(
    "hostile",
    ["<!--" * 100_000, "<a" * 200_000, "<a " + "x" * 400_000, "</" * 200_000, "<?" * 200_000,
     "<a b=\"" * 60_000, "<a'>'" * 80_000, "<script>" + "</script " * 50_000, "&lt;a" * 100_000],
)
def test_hostile_input_takes_linear_time(hostile):
    """Inputs that make Python 3.11's html.parser quadratic are handled in well under a second."""
    started = time.monotonic()
    html_to_text(hostile)
    assert time.monotonic() - started < 1.5
