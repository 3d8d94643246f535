"""Folding, the offset map, tokenisation and word keys."""

from __future__ import annotations

import re

from monitor.detect.text import fold, fold_word, joins, loose, tokenize, word_key


def test_fold_lowercases_strips_accents_and_unifies_punctuation():
    """Folding lower-cases, drops accents and maps typographic apostrophes, quotes and dashes."""
    folded = fold("L’Alliance des ÉTATS du Sahel — «Goïta»")
    assert folded.text == "l'alliance des etats du sahel - \"goita\""


def test_fold_applies_compatibility_forms_and_ligatures():
    """NFKC forms and ligatures fold to plain letters (ﬁ, œ, full-width, superscript)."""
    assert fold("ﬁnance, œuvre, ＡＥＳ, 2ᵉ").text == "finance, oeuvre, aes, 2e"


def test_fold_collapses_whitespace_runs_keeping_line_breaks():
    """A whitespace run becomes one space, or one line break when it holds one."""
    assert fold("Bamako,\u00a0 le\t\tMali\r\n\r\nLa Russie").text == "bamako, le mali\nla russie"


def test_offset_map_returns_exact_original_spans():
    """Every word of the folded text maps back to the original characters it came from."""
    text = "À  Moscou, le Président GOÏTA\u00a0et l’œuvre de Poutine – ﬁn."
    folded = fold(text)
    for match in re.finditer(r"[a-z]+", folded.text):
        start, end = folded.span(*match.span())
        assert fold(text[start:end]).text == match.group()
    start, end = folded.span(folded.text.index("goita"), folded.text.index("goita") + 5)
    assert text[start:end] == "GOÏTA"


def test_offset_map_keeps_combining_accents_with_their_letter():
    """A letter written with a combining accent maps back to the letter and its accent."""
    text = "Assimi Goi\u0308ta arrive"
    folded = fold(text)
    at = folded.text.index("goita")
    assert folded.text == "assimi goita arrive"
    assert folded.original(at, at + 5) == "Goi\u0308ta"


def test_tokens_split_elision_and_hyphens_with_original_offsets():
    """Elided l', d', qu', jusqu' and hyphens separate words, and offsets index the original."""
    text = "l’AES d'Alexandre qu’il jusqu’à Goïta-Poutine aujourd’hui"
    tokens = tokenize(text)
    assert [t.text for t in tokens] == [
        "l", "aes", "d", "alexandre", "qu", "il", "jusqu", "a", "goita", "poutine", "aujourd'hui",
    ]
    for token in tokens:
        assert fold_word(text[token.start:token.end]) == token.text


def test_word_keys_drop_plural_and_feminine_endings():
    """Plural and feminine forms share the key of the singular masculine."""
    assert word_key("drones") == word_key("drone")
    assert word_key("Coopérations") == word_key("coopération")
    assert word_key("militaires") == word_key("militaire")
    assert word_key("maliennes") == word_key("malien")
    assert word_key("internationaux") == word_key("internationale") == word_key("international")
    assert word_key("conjointes") == word_key("conjoint")
    assert word_key("cheffes") == word_key("cheffe") == word_key("chef")
    assert word_key("réfugiées") == word_key("réfugié") and word_key("armée") != word_key("arme")


def test_word_keys_keep_distinct_words_apart():
    """The endings rule does not merge different words (port/porte, charnier/charnière, armée/arme)."""
    assert word_key("porte") != word_key("port")
    assert word_key("charnière") != word_key("charnier")
    assert word_key("armée") != word_key("arme")


def test_joins_accepts_spaces_and_hyphens_but_not_punctuation():
    """Words join across spaces, a hyphen, a line break or an abbreviation's full stop, and no
    other punctuation."""
    assert joins(" ") and joins("-") and joins(" \n") and joins(". ", "K")
    assert not joins(", ") and not joins("\n\n") and not joins(" : ") and not joins(". ", "Mali")


def test_loose_patterns_match_any_case_and_accents():
    """A folded pattern compiled with loose() matches accented, capitalised originals."""
    pattern = loose(r"a lire aussi\b")
    assert pattern.match("À LIRE AUSSI : le reste")
    assert pattern.match("a lire  aussi")
    assert not pattern.match("à lire ausssi")
