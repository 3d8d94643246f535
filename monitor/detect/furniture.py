"""Page furniture in extracted text: what the site prints around every article. Pure.

Lines are judged on their own first ("Suivez-nous sur ...", "Partager", "Laisser un
commentaire", "Publié le ...", "Source : ...", bylines, author bios, "Du même auteur : <titles>"
on one line), then by their neighbours:

- a section heading ("Articles similaires", "Les articles de l'auteur", "Sur le même sujet")
  makes everything after it furniture;
- "Lire aussi : <title>" is furniture, and so is the teaser paragraph under it when it is
  cut short ("..", "…") or followed by more furniture; a bare "À lire aussi" also takes the
  title lines under it;
- at the end of the text, short unpunctuated lines under a furniture line ("Écoutez les
  radios ...", a line of links) are furniture too.

Mentions inside furniture are kept but flagged, and do not count.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence

from monitor.detect.text import loose

LINE, TEASER, TAIL = 1, 2, 3

_DAYS = "lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche"
_LINE = loose(  # furniture lines, up to 300 characters
    r"(?:suivez-? ?nous|rejoignez-? ?nous|retrouvez-? ?nous|abonnez-? ?vous|s'abonner|inscrivez-? ?vous|"
    r"(?:laisser|laissez|ajouter|ajoutez|poster|publier|donnez) (?:un|votre) (?:commentaire|avis)|"
    r"votre adresse (?:e-?mail|de messagerie|courriel) ne sera pas publiee|les champs obligatoires|"
    r"l'espace des contributions|(?:connectez|identifiez)-? ?vous|vous devez etre connecte|"
    rf"publie (?:le|il y a|{_DAYS})\b|mis a jour (?:le|il y a)\b|"
    r"(?:sources?|credits? photos?|photos?|illustration|avec agences?)\s*:|\(?©|\(c\) |copyright\b|"
    r"tous droits reserves|a propos de l'auteur|about the author|l'auteur\s*:|"
    r"follow us\b|sign up\b|subscribe\b|leave a (?:comment|reply))"
)
_SHORT = loose(  # furniture words that make a line furniture only when it is short
    r"(?:newsletter|partager|partagez|partage\s*:|share\b|tweet(?:er)?\b|imprimer\b|"
    r"envoyer (?:par (?:e-?mail|courriel)|a un ami)|\d+ (?:commentaires?|reactions?)\b|"
    r"commentaires?\s*(?:\(\d+\))?\s*:?$|reagir\b|reagissez\b|"
    r"lire la suite\b|en savoir plus\b|voir plus\b|read more\b|continue reading\b)"
)
_TEASER = loose(r"(?:a )?(?:lire|voir) (?:aussi|egalement)\b|read also\b|see also\b|related\s*:")
_HEADINGS = (
    r"(?:(?:articles?|infos?|actualites?|sujets?|contenus?) (?:similaires|lies|liees|associes|"
    r"en relation|recommandes|sponsorises)|sur le meme (?:sujet|theme)|dans la meme (?:rubrique|categorie)|"
    r"(?:les )?(?:autres )?articles de l'auteur|(?:a lire )?du meme auteur|"
    r"vous (?:aimerez|pourriez) (?:aussi|egalement)(?: aimer)?|"
    r"(?:les )?(?:articles )?(?:les )?plus (?:lus|populaires|commentes|partages)|"
    r"(?:nos |ses |ses autres )?(?:derniers|dernieres) (?:articles|actualites|infos|publications)|articles recents|"
    r"related (?:articles|posts|stories)|you may also like|more stories|most read|tags?|mots-? ?cles)"
)
_TAIL = loose(_HEADINGS + r"\s*:?")
# a byline or a heading with the author's other titles on the same line: "Par Awa Diallo – Ses
# derniers articles : …", "Par Awa Diallo, à Gao. Du même auteur : …", "Du même auteur : …"
_HEADED_LINE = loose(r"(?:(?:par|by) [^\n:]{2,80}? ?(?:-|[|,.]) ?)?" + _HEADINGS + r" ?: ?")
_SOCIAL = loose(
    r"(?:(?:facebook|twitter|x|whatsapp|telegram|linkedin|instagram|youtube|tiktok|messenger|"
    r"pinterest|reddit|e-?mail|imprimer|print|copier le lien)[\s,|/·•-]*)+"
)
_CAP = "A-ZÀ-ÖØ-ÞŒ"
_BYLINE = re.compile(rf"(?i:par|by)\s+[{_CAP}][\w.'’-]*(?:\s+[{_CAP}][\w.'’-]*){{0,4}}\s*")
_BIO = re.compile(
    rf"[{_CAP}][\w'’-]+(?:\s+[{_CAP}][\w'’-]+){{1,3}},?\s+(?:est|is)\s+(?:un\s+|une\s+|an?\s+)?"
    r"(?:\w+\s+)?(?:journaliste|chercheur|chercheuse|analyste|correspondante?|r[ée]dact(?:eur|rice)|"
    r"reporter|[ée]ditorialiste|consultante?|enseignante?|professeure?|doctorante?|[ée]crivaine?|"
    r"journalist|researcher|analyst|correspondent|writer|editor)\b"
)
_TRUNCATED = re.compile(r"(?:\.\.|…|\[…\]|\[\.\.\.\]|\s\.)\s*$")
_BULLETS = "-•*·>|–— \t\r"


def classify(line: str) -> int | None:
    """LINE, TEASER, TAIL or None (article text) for one stripped line."""
    line = line.lstrip(_BULLETS)
    if len(line) <= 60 and _TAIL.fullmatch(line):
        return TAIL
    if _TEASER.match(line):
        return TEASER
    if _HEADED_LINE.match(line):
        return LINE
    if (len(line) <= 80 and _SHORT.match(line)) or (len(line) <= 300 and (
        _LINE.match(line)
        or (line[:2].lower() in _BY and _BYLINE.fullmatch(line))  # only P/p, B/b... match these
        or _SOCIAL.fullmatch(line)
        or (("est" in line or "is" in line) and _BIO.match(line))
    )):
        return LINE
    return None


_BY = ("pa", "by")  # how a line that _BYLINE matches starts, in lower case
SHORT_LINE = 100  # lines up to this long are judged once and remembered: a site repeats its furniture
_judged: dict[str, int | None] = {}


def _classify(line: str) -> int | None:
    """``classify``, remembered for short lines (headings, links, follow-us lines)."""
    if len(line) > SHORT_LINE:
        return classify(line)
    try:
        return _judged[line]
    except KeyError:
        pass
    if len(_judged) >= 1 << 14:
        _judged.clear()
    kind = _judged[line] = classify(line)
    return kind


def _unpunctuated(line: str, limit: int = 150) -> bool:
    return len(line) <= limit and not line.endswith((".", "!", "?", ";", "»", '"', "”", ":"))


def furniture_spans(text: str) -> list[tuple[int, int]]:
    """Original ``[start, end)`` spans of furniture, in order; neighbouring lines merged."""
    lines: list[tuple[int, int, str]] = []
    offset = 0
    for raw in text.split("\n"):
        content = raw.strip()
        if content:
            start = offset + len(raw) - len(raw.lstrip())
            lines.append((start, start + len(content), content))
        offset += len(raw) + 1
    kinds = [_classify(content) for _, _, content in lines]
    marked = [kind is not None for kind in kinds]
    count = len(lines)
    for i, kind in enumerate(kinds):
        if kind == TAIL:
            marked[i:] = [True] * (count - i)
            break
        if kind != TEASER:
            continue
        j = i + 1
        if len(lines[i][2]) <= 25:  # a bare "À lire aussi": the titles under it
            while j < count and j <= i + 5 and kinds[j] is None and _unpunctuated(lines[j][2]):
                marked[j] = True
                j += 1
        if j < count and kinds[j] is None and (
            _TRUNCATED.search(lines[j][2]) or j + 1 == count or kinds[j + 1] is not None
        ):
            marked[j] = True
    pending: list[int] = []
    for i in range(count - 1, -1, -1):  # unpunctuated lines trailing under furniture
        if marked[i]:
            for j in pending:
                marked[j] = True
            pending = []
        elif _unpunctuated(lines[i][2], 400):
            pending.append(i)
        else:
            break
    spans: list[tuple[int, int]] = []
    for (start, end, _), furniture in zip(lines, marked):
        if not furniture:
            continue
        if spans and not text[spans[-1][1]:start].strip():
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
    return spans


def inside(spans: Sequence[tuple[int, int]], position: int) -> bool:
    """Whether ``position`` falls in one of the (sorted, disjoint) spans."""
    at = bisect_right(spans, (position, float("inf"))) - 1
    return at >= 0 and spans[at][0] <= position < spans[at][1]
