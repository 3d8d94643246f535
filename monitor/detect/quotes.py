"""Quotations and who said them. Pure.

A quotation is the text inside «…», “…”, ‘‘…’’ or "…" (at least 15 characters and three
words, so scare quotes around a name or a phrase are left out). Its speaker is a watchlist
actor (person, organization or group), found from the words around it:

- after it: «…», a déclaré X / «…», a assuré M. X / «…», s'est félicité X / «…», selon X / «…», a conclu le
  ministre (a role: the person named just before the quotation, if any; "un responsable",
  with an indefinite article, is someone else, unnamed) / «…», a assuré ce dernier (the person
  named last) / «…», a réagi le groupe (the organisation named last) / «…», a affirmé le ministre de
  l'Intérieur (an office: the person the article gave it, else someone it does not name);
- after it, a pronoun: «…», a-t-il précisé / «…», a-t-il toutefois ajouté / «…», explique-t-elle: the last person named
  since the previous quotation (the pronoun's antecedent), else the last speaker named, if
  within ``PRONOUN_REACH`` characters;
- before it, in the same sentence: X a affirmé : «…» / Selon X, «…» / X a salué ... qui «…» /
  X accuse Alger de «…» (the last person named there, else a role's person, else the
  organization or group that is the sentence's subject, else the last one; never the one
  accused: « Les trois pays reprochent à la CEDEAO d'être «…» » is unnamed; after "Selon X,"
  X whoever else is named) / Ce dernier a rappelé : «…» (the person named last) / Dans un communiqué,
  l'organisation «…» (the organisation named last); a pronoun there
  ("Il a ajouté : «…»") refers back like above, and a quotation that continues a sentence
  already attributed (X a dit «…», ajoutant «…») keeps that speaker.

A pronoun after a person off the watchlist is his: « Le porte-parole, Amadou Coulibaly, a
rejeté … « … », a-t-il déclaré »; so is « ce dernier »; a plural one (« Ils reprochent … «…» »)
is nobody on the watchlist.

A speaker the article describes without naming is nobody on the watchlist, whoever else the
sentence names: «…», affirme un ancien mineur, qui salue la décision de X / «…», a déclaré le
ministre de la Défense, le général Salifou Mody (a name off the watchlist) / selon une source
sécuritaire qui redoute «…» / on assure qu'il «…» / le porte-parole de X a appelé «…» (someone
speaking for a person X) / Un cadre de Rosatom dénonce «…» / Une chercheuse … : «…», estime-t-elle /
«…», a souligné Boussim (a name off the watchlist; a pronoun after it stays his).

An organisation speaks through its voices: «…», a déclaré un porte-parole de BP / «…», selon un
communiqué de la CEDEAO / Un porte-parole de Rio Tinto a salué «…» are the organisation's, and so
are «…», indique son communiqué / «…», a souligné une porte-parole de l'agence (the organisation
named last before). La CEDEAO a « condamné … » (an auxiliary before a quoted participle) and a
headline's « Robert Dussey : l'adhésion « n'est pas exclue » » name their speaker too.

Anything else has no speaker (None). Quotations inside page furniture are left out.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from typing import NamedTuple

from monitor.detect.furniture import inside
from monitor.detect.text import loose
from monitor.models import Quote

MIN_CHARS, MIN_WORDS = 15, 3
PRONOUN_REACH = 1000  # characters from the last named speaker's quotation
ROLE_REACH = 400  # characters back to the person a role ("le ministre") stands for
SENTENCE_REACH = 300  # characters back to look for the start of the sentence
SPEAKING = frozenset({"person", "organization", "group"})


class ActorMention(NamedTuple):
    start: int
    end: int
    id: str
    type: str


# each style starts with its literal opening mark, so the regex engine jumps from one to the next
_STYLES = (
    ("«", re.compile(r"«\s*([^«»]{1,3000}?)\s*»")),
    ("“", re.compile(r"“\s*([^“”]{1,3000}?)\s*”")),
    ("‘‘", re.compile(r"‘‘\s*([^\n]{1,3000}?)\s*’’")),
    ('"', re.compile(r'"\s*([^"\n]{1,3000}?)\s*"(?!\w)')),
)
# «…» and “…” found without the lazy body of _STYLES (which tries the closing mark after every
# character): the whole inside at once, then trimmed in Python to what _STYLES would match
_PAIRED = {"«": re.compile(r"«([^«»]*)»"), "“": re.compile(r"“([^“”]*)”")}


class _Quoted:
    """What ``extract_quotes`` reads of a quotation match (``re.Match``'s methods it calls)."""

    __slots__ = ("_start", "_end", "_body", "_body_start")

    def __init__(self, start: int, end: int, body: str, body_start: int) -> None:
        self._start, self._end, self._body, self._body_start = start, end, body, body_start

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._end

    def group(self, index: int) -> str:
        return self._body

    def span(self, index: int) -> tuple[int, int]:
        return self._body_start, self._body_start + len(self._body)


def _paired(pattern: re.Pattern[str], text: str) -> list[_Quoted]:
    """The matches of the «…» or “…» style of ``_STYLES``: the body is the inside without
    surrounding whitespace (\s, as str.strip), of 1 to 3000 characters; an inside of whitespace
    only gives its last character, as the lazy pattern does."""
    found = []
    for match in pattern.finditer(text):
        inside = match.group(1)
        if not inside:
            continue
        body = inside.strip()
        if body:
            if len(body) > 3000:
                continue
            at = match.start(1) + len(inside) - len(inside.lstrip())
        else:
            body = inside[-1]
            at = match.end(1) - 1
        found.append(_Quoted(match.start(), match.end(), body, at))
    return found


def _quotations(text: str) -> list:
    """Quotation matches in text order, without those nested inside another."""
    found = [
        match
        for opening, pattern in _STYLES
        if opening in text
        for match in (_paired(_PAIRED[opening], text) if opening in _PAIRED else pattern.finditer(text))
        if opening != '"' or match.start() == 0 or not text[match.start() - 1].isalnum()
    ]
    found.sort(key=lambda match: match.start())
    kept: list = []
    for match in found:
        if not kept or match.start() >= kept[-1].end():
            kept.append(match)
    return kept


# reporting verbs, written folded: regular stems take the endings below; others as listed
_STEMS = (
    "declar|affirm|ajout|expliqu|precis|indiqu|soulign|estim|juge?|consider|assur|martel|insist|rappell?|confi|"
    "annonc|observ|relev|comment|temoign|deplor|denonc|salu|plaid|fustig|regrett|lanc|rassur|avou|"
    "nuanc|retorqu|exclam|proclam|resum|tranch|lach|confess|reaffirm|reiter|souhait|interrog|"
    "jur|promett|avertiss|invoqu|demand|remerci|accus|condamn|justifi|evoqu|qualifi|appell?|exhort|"
    "felicit|indign|interpell|raill|ironis|dement|reclam|rejoui|vant|repet|confirm|exig|reproch|rejet|"
    "repliqu|alert"
)
_ENDINGS = "e|ee|es|ees|ent|er|era|erait|ait|aient|ant"
_IRREGULAR = (
    "dit|disait|dira|dirait|disent|disant|conclu|conclut|concluait|concluant|poursuivi|poursuit|"
    "poursuivait|repondu|repond|repondait|reagi|reagit|admis|admet|promis|promet|prevenu|previent|"
    "averti|avertit|reconnu|reconnait|soutenu|soutient|ecrit|ecrivait|fait savoir|fait valoir|"
    "fait remarquer|fait observer|said|says|told|stated|added|explained|noted|warned|declared|"
    "insisted|stressed|defend|defendu|defendait|defendent|defendant|mis en garde|met en garde"
)
_VERB = rf"(?:(?:{_STEMS})(?:{_ENDINGS})|{_IRREGULAR})\b"
_PRONOUN = r"(?:il|elle|ils|elles)"
_AUX = r"(?:a|avait|aurait|ont|avaient|va|vient de|venait de|s'est|s'etait|se sont)"
# "a-t-il toutefois ajouté", "a ensuite déclaré": one adverb may stand before the verb
_ADVERB = (r"(?:toutefois|encore|ensuite|aussi|egalement|enfin|cependant|neanmoins|pourtant|alors|"
           r"d'ailleurs|aussitot|notamment|simplement|seulement|plus tard|pour sa part|de son cote)")
_VERB_PHRASE = rf"(?:{_AUX} )?(?:{_ADVERB} )?{_VERB}"  # "a déclaré", "a ensuite précisé", "accuse"
_AFTER = loose(
    rf"[\s,]*(?:(?P<pronoun>{_AUX}(?:-t)?-{_PRONOUN},? (?:{_ADVERB},? )?{_VERB}|(?:y |en )?{_VERB}(?:-t)?-{_PRONOUN}\b)"
    rf"|(?P<verb>{_VERB_PHRASE})|(?P<selon>selon|d'apres|according to)\b)"
)
# a role with a definite article or a possessive stands for someone named before; "un
# responsable", "une source" bring in someone new, who is not named
_ROLE = loose(
    r"\s*\b(?:le|la|l'|son|sa|leur) ?(?:nouveau |nouvel |nouvelle |ancien |ancienne |premier )?"
    r"(?:ministre|president|presidente|chef|porte-parole|general|colonel|capitaine|commandant|"
    r"ambassadeur|ambassadrice|secretaire|directeur|directrice|gouverneur|maire|depute|senateur|"
    r"patron|responsable|dirigeant|dirigeante|officier|diplomate|conseiller|conseillere|emir|"
    r"emissaire|envoye|envoyee|homme fort|numero un|garde des sceaux|opposant|opposante|souverain|roi)\b"
)
# an office: a role with what it is the role of, « le ministre de l'Intérieur », « l'ambassadrice de
# France »; "le chef de l'État" and "le président" stay roles (one holder the article names)
_OFFICE = re.compile(
    r"\s*(?i:(?:le|la|l['’]|son|sa) ?)((?:ministre|ambassadeur|ambassadrice|secrétaire|directeur|directrice|"
    r"gouverneur|maire|porte-parole|procureur|commissaire)(?: général| générale)?"
    r" (?:de|du|des|d['’])\s*(?:la |l['’])?[A-ZÀ-ÖØ-Þ][\w’'-]*)")
OFFICE_REACH = 60  # characters between an office and the name it introduces
_CUE = loose(rf"\b(?:{_VERB}|selon|d'apres|according to)")
# an auxiliary right before the quotation, whose participle is quoted: « La CEDEAO a « condamné … » »
_AUX_END = loose(r"\b(?:a|ont|avait|avaient|s'est dite?|s'est montree?|se dit|se disent)\s*$")
_COMPLEMENT_BEFORE = loose(r"\b(?:sur|a|au|aux|dans|devant|chez|avec|en) (?:la |le |les |l')?$")
# what may stand before a sentence's subject: an opening phrase and an article (not « l'adhésion
# du Togo à l'AES « … » », where the AES is no subject)
_ONLY_SUBJECT = loose(r"\s*(?:[^,.;:«»\n]{0,40}, ?)?(?:le |la |les |l')?")
_COLON = re.compile(r"[^\S\n]*:")
_SUBJECT_PRONOUN = loose(rf"\b{_PRONOUN}\b")
_ACCUSED = loose(r"\b(?:reproch\w* a|accus\w*) (?:la |le |les |l')?$")
_SENTENCE_END = re.compile(r"[.!?;\n«“]")
_HONORIFIC = re.compile(r"\s*(?:M|Mme|Mlle|Me|Dr|Pr)\.\s")
_SUBJECT_VERB = loose(rf",?\s*{_VERB_PHRASE}")
_UNNAMED = loose(r"\s*(?:selon |pour |d'apres )?(?:un|une|des|plusieurs|certains|certaines)\b")
_SELON = loose(r"\s*(?:selon|d'apres|according to|pour)\b")
SELON_REACH = 40  # "Pour le ministre Abdoulaye Diop, « … »": the name soon after the opening word


UNNAMED = "unnamed"  # ``how`` of a quotation whose speaker the article describes but does not name
# an indefinite or vague speaker right after the reporting verb: «…», affirme un ancien mineur
_UNNAMED_AFTER = loose(r"\s*(?:un|une|des|plusieurs|certains|certaines|d'autres|on)\b")
# an unnamed subject in the sentence: "selon une source", "son entourage", "on"
_UNNAMED_SUBJECT = loose(
    r"\b(?:(?:selon|d'apres) (?:un|une|des|plusieurs|certains|certaines)\b"
    r"|(?:son|sa|ses|leur|l') ?(?:entourage|proches|avocat|avocate|porte-parole|cabinet|camp)\b"
    r"|on(?: ne| n')?\b)"
)
# "Un cadre d'Orano", "un responsable de la CEDEAO": the actor completes the unnamed speaker
_COMPLEMENT = loose(r"\b(?:de|du|des|d')\s*(?:la |l')?\S*$")
# a voice of an organisation, which speaks for it: « un porte-parole de BP », « selon un communiqué
# de la CEDEAO » (``VOICE_REACH``: characters to the organisation's name)
_VOICE = loose(
    r"\s*(?:(?:selon|d'apres) )?(?P<article>un|une|le|la|l') ?(?:(?:porte-parole|representant|representante|"
    r"service de presse|service de communication)|(?P<document>communique|declaration|texte|rapport|message))"
    r"(?: (?:final|officiel|conjoint))? (?:de|du|des|d') ?(?:la |l')?"
)
VOICE_REACH = 3  # characters from the voice's "de" to the organisation's name
DOCUMENT_REACH = 40  # characters from a quotation's or sentence's start to the organisation it opens on
# what an organisation is called by what it is, after « de » (« un porte-parole de l'agence »); not
# _BODY_NOUN's list: « le ministère », « la commission » after a reporting verb are seldom the body
# named last (merging the two lists gave 17 fewer right speakers over the 63 sets)
_BODY_WORD = loose(r"(?:agence|organisation|institution|ong|groupe|mouvement|ministere|instance|entreprise|"
                   r"societe|compagnie|coalition|alliance|junte|regulateur|mission|commission|parti)\b")
# a document named without its organisation: « …», indique son communiqué (the organisation named
# last), « …», précise le communiqué final (``_document_owner``)
_DOCUMENT = loose(r"\s*(?:(?P<own>son|sa|leur)|le|un|l') ?"
                  r"(?:communique|texte|message|rapport|declaration|document|arret)"
                  r"(?: final| officiel| conjoint)?\b(?! (?:de|du|des|d'))")
# someone speaking for an actor: "le porte-parole d'António Guterres", "l'entourage du président
# Goïta", « le parti de Macky Sall »
_ON_BEHALF = loose(
    r"\b(?:porte-parole|entourage|proches?|avocat|avocate|conseiller|conseillere|cabinet|fils|fille|epouse|parti)"
    r" ?(?:de|du|d')(?: la| l')? ?(?:(?:president|presidente|general|colonel|capitaine|ministre|m\.|mme) )?$"
)
# a person's name outside the watchlist: two capitalised words ("le général Salifou Mody")
_NAME = re.compile(r"\b[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ'’-]+ (?:[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ'’-]+ ?)+")
# right after the reporting verb: a capitalised name (not a watchlist mention, looked up first)
_NAME_AFTER = re.compile(r"\s*(?:M\.\s|Mme\s)?[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ'’-]{2,}\b")
# a first name and a surname after a comma, a title or a sentence's start, before a comma, a full
# stop or a verb
_OFF_LIST = re.compile(r"(?:^|[.,:] |\b(?:M\.|Mme|ministre|président|porte-parole) )"
                       r"([A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ'’-]+ (?:[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ'’-]+ ?){1,3})(?=,| a | s'| s’|(\.))",
                       re.MULTILINE)
_LATTER = loose(r"\s*(?:ce dernier|cette derniere)\b")
# an organisation referred to by what it is: "le groupe", "l'entreprise", "l'organisation"
_BODY_NOUN = (r"(?:le |la |l'|leur )(groupe|entreprise|societe|organisation|institution|compagnie|mouvement|agence|"
              r"firme|alliance|coalition|bloc|consortium|junte|parti|syndicat|groupement|collectif|association|"
              r"ong|regulateur|conseil|commandement)\b")
BODY_NAME_REACH = 12  # characters from « le groupe » to the name it may go on with (« le groupe Wagner »)
_BODY = loose(r"\s*" + _BODY_NOUN)
_BODY_SUBJECT = loose(r"(?:^|, )\s*" + _BODY_NOUN)  # the same, as the subject of the sentence before a quotation


def _named_role(segment: str) -> bool:
    """Whether a role in ``segment`` is followed by a name: "le porte-parole des militaires,
    le colonel-major Amadou Abdramane" is someone the watchlist does not have."""
    role = _ROLE.search(segment)
    return role is not None and _NAME.search(segment, role.end()) is not None


class _Speakers:
    """Actor mentions that can speak, looked up by position."""

    def __init__(self, mentions: Sequence[ActorMention]) -> None:
        self.mentions = [m for m in mentions if m.type in SPEAKING]
        self.starts = [m.start for m in self.mentions]

    def between(self, low: int, high: int) -> list[ActorMention]:
        """Mentions starting in [low, high), in order."""
        return self.mentions[bisect_left(self.starts, low):bisect_left(self.starts, high)]

    def last(self, before: int, person: bool) -> tuple[str | None, bool | None]:
        """(id, True) of the person, or else organisation or group, named last within
        ``ROLE_REACH`` before ``before``; (None, None) when there is none."""
        near = [m for m in self.between(before - ROLE_REACH, before) if (m.type == "person") == person]
        return (near[-1].id, True) if near else (None, None)


def extract_quotes(text: str, mentions: Sequence[ActorMention],
                   furniture: Sequence[tuple[int, int]] = ()) -> tuple[Quote, ...]:
    """Quotations of ``text`` in order. ``mentions``: actor mentions sorted by start."""
    found = _quotations(text)
    if not found:
        return ()
    speakers = _Speakers(mentions)
    quotes: list[Quote] = []
    last_named: tuple[str, int] | None = None  # speaker id, end of that quotation
    previous: tuple[str | None, int] = (None, -1)  # speaker and end of the previous quotation
    for match in found:
        body = match.group(1)
        if len(body) < MIN_CHARS or len(body.split()) < MIN_WORDS or inside(furniture, match.start()):
            continue
        start, end = match.span(1)
        speaker, how = _after(text, match.end(), match.start(), speakers, previous)
        if speaker is None and how is not UNNAMED:
            found, how_before = _before(text, match.start(), previous, speakers)
            if found is not None:
                speaker, how = found, how_before
            elif how is None or how_before is UNNAMED:  # "Une chercheuse … : « … », estime-t-elle"
                how = how_before
        if speaker is None and how is False:  # a pronoun
            since = max(previous[1], match.start() - PRONOUN_REACH)
            antecedent = [m for m in speakers.between(since, match.start()) if m.type == "person"]
            if _someone_else(text, antecedent[-1].end if antecedent else since, match.start(), speakers):
                last_named = None  # « Volker Türk s'est dit « horrifié ». « … », a-t-il insisté »
            elif antecedent:
                speaker = antecedent[-1].id
                last_named = (speaker, end)
            elif last_named and start - last_named[1] <= PRONOUN_REACH:
                speaker = last_named[0]
        elif speaker is not None and how:
            last_named = (speaker, end)
        elif how is UNNAMED:
            last_named = None  # «…», a souligné Boussim. «…», a-t-il précisé: still Boussim
        previous = (speaker, match.end())
        quotes.append(Quote(text=body, speaker=speaker, start=start, end=end))
    return tuple(quotes)


def _someone_else(text: str, since: int, opening: int, speakers: _Speakers, last: bool = False) -> bool:
    """Whether a person off the watchlist is named between ``since`` and ``opening``, as a
    sentence's subject or beside a comma (« Le porte-parole du gouvernement, Amadou Coulibaly,
    a rejeté … »): a pronoun after it is his. ``last``: or at a sentence's end, for « ce
    dernier » (« … son homologue, Mohamed Salem Ould Merzoug. Ce dernier a rappelé »)."""
    for name in _OFF_LIST.finditer(text, since, opening):
        if (last or not name.group(2)) and not speakers.between(name.start(1) - 1, name.end(1) + 1):
            return True
    return False


def _after(text: str, position: int, opening: int, speakers: _Speakers,
           previous: tuple[str | None, int] = (None, -1)) -> tuple[str | None, bool | None]:
    """(speaker, how): how is True when named, False for a pronoun, None when no cue."""
    cue = _AFTER.match(text, position)
    if cue is None:
        return None, None
    if cue.group("pronoun"):
        return None, False
    if cue.group("selon") and text[cue.start("selon")].isupper():
        return None, None  # « … » Selon X, « … »: a new sentence, about the next quotation
    rest = cue.end()
    if cue.group("verb") and cue.group("verb").endswith("ant"):
        return None, None  # «…», évoquant des violations: the sentence's subject goes on speaking
    voice = _VOICE.match(text, rest)
    if voice:  # «…», a déclaré un porte-parole de BP / selon un communiqué de la CEDEAO: the body
        body = speakers.between(voice.end(), voice.end() + VOICE_REACH)
        if body and body[0].type != "person":
            return body[0].id, True
        if voice.group("document") and voice.group("article") in ("un", "une"):
            # « … », indique un communiqué du groupe: the body the quotation or the sentence before
            # names; else a body off the watchlist, whose the sentence before may say
            return _document_owner(text, opening, position, speakers) if _BODY_WORD.match(text, voice.end()) \
                else (None, None)
        if _BODY_WORD.match(text, voice.end()):  # «…», a souligné une porte-parole de l'agence
            return speakers.last(opening, person=False)
    document = _DOCUMENT.match(text, rest)
    if document and document.group("own"):  # «…», indique son communiqué: the body named last
        return speakers.last(opening, person=False)
    if document:  # «…», indique le communiqué final
        owner = _document_owner(text, opening, position, speakers)
        if owner[0] is not None:
            return owner
    if _UNNAMED_AFTER.match(text, rest):
        return None, UNNAMED  # «…», reconnaît un haut fonctionnaire: whoever is named further on
    honorific = _HONORIFIC.match(text, rest)  # "a assuré M. Fidan": that full stop ends nothing
    stop = _SENTENCE_END.search(text, honorific.end() if honorific else rest, rest + 120)
    end = stop.start() if stop else rest + 120
    # not a complement: « a écrit sur X l'activiste Kémi Séba », « a déclaré à l'AFP »
    named = [m for m in speakers.between(rest, end)
             if not _COMPLEMENT_BEFORE.search(text, max(rest, m.start - 12), m.start)]
    body = _BODY.match(text, rest)
    if body and not (named and named[0].start < body.end() + BODY_NAME_REACH and named[0].type != "person"):
        # «…», a réagi le groupe / dénonce le parti de l'ancien président Macky Sall: the
        # organisation named last before it (not « le groupe Wagner », a name)
        return speakers.last(opening, person=False)
    if named:
        if named[0].type != "person" and _ROLE.match(text, rest) and _NAME.search(text, named[0].end, end):
            return None, UNNAMED  # «…», a déclaré le directeur général de RSF, Thibaut Bruttin
        return named[0].id, True
    if _LATTER.match(text, rest):  # «…», a assuré ce dernier: the person named last before it
        return speakers.last(opening, person=True)
    if _NAME_AFTER.match(text, rest):
        return None, UNNAMED  # «…», a souligné Boussim: someone off the watchlist
    role = _ROLE.match(text, rest)
    if role:
        if _NAME.search(text, role.end(), end):
            return None, UNNAMED  # «…», a déclaré le ministre de la Défense, le général Salifou Mody
        office = _OFFICE.match(text, role.start())
        if office:  # «…», a affirmé le ministre de l'Intérieur: whoever the article gave that office
            return _holder(text, office.group(1), speakers, opening)
        return _role(speakers, opening, previous)
    return None, None


def _document_owner(text: str, opening: int, closing: int, speakers: _Speakers) -> tuple[str | None, bool | None]:
    """The organisation a document quoted without its name speaks for: the one the quotation
    opens on (« La CNPC salue … », indique un communiqué du groupe), else the one that opens the
    sentence before it (« Le ministère des Transports a tenté … « … », indique un communiqué »)."""
    bodies = [m for m in speakers.between(opening, min(closing, opening + DOCUMENT_REACH))
              if m.type not in ("person", "place")]
    if bodies:
        return bodies[0].id, True
    stop = max(text.rfind(c, 0, opening - 1) for c in ".!?\n") + 1
    if not text[stop:opening].strip():  # the quotation opens its sentence: the sentence before
        stop = max(text.rfind(c, 0, max(stop - 1, 0)) for c in ".!?\n") + 1
    named = [m for m in speakers.between(stop, opening) if m.type != "place"]
    if named and named[0].type != "person" and named[0].start - stop <= DOCUMENT_REACH:
        return named[0].id, True
    return None, None


def _holder(text: str, office: str, speakers: _Speakers, opening: int) -> tuple[str | None, bool | None]:
    """The person the article introduced with ``office`` (« le ministre de l'Intérieur, X »,
    « X, ministre de l'Intérieur »), else nobody on the watchlist: the office names someone
    the article has not named."""
    for earlier in re.finditer(re.escape(office), text[:opening]):
        near = speakers.between(earlier.start() - OFFICE_REACH, earlier.end() + OFFICE_REACH)
        people = [m for m in near if m.type == "person"]
        if people:
            return min(people, key=lambda m: min(abs(m.start - earlier.end()), abs(earlier.start() - m.end))).id, True
    return None, UNNAMED


def _role(speakers: _Speakers, opening: int,
          previous: tuple[str | None, int] = (None, -1)) -> tuple[str | None, bool | None]:
    """A role ("le ministre") stands for the person named last before the quotation, if near;
    with nobody named since the previous quotation, for that quotation's speaker: «…», a conclu
    le ministre goes on with the minister just quoted, not with whoever he thanked."""
    near = [m for m in speakers.between(opening - ROLE_REACH, opening) if m.type == "person" and m.end <= opening]
    if previous[0] is not None and opening - previous[1] <= ROLE_REACH and not any(m.start >= previous[1] for m in near):
        return previous[0], True
    return (near[-1].id, True) if near else (None, None)


def _before(text: str, opening: int, previous: tuple[str | None, int],
            speakers: _Speakers) -> tuple[str | None, bool | None]:
    bound = max(previous[1], opening - SENTENCE_REACH, 0)
    stop = max(text.rfind(c, bound, opening) for c in ".!?\n")
    start = stop + 1 if stop >= 0 else bound
    segment = text[start:opening]
    # not the one accused: « Les trois pays reprochent à la CEDEAO d'être « … » »
    named = [m for m in speakers.between(start, opening) if m.end <= opening
             and not _ACCUSED.search(text, max(start, m.start - 30), m.start)]
    if named and text[named[-1].end:opening].strip() in ("", ",") and _ONLY_SUBJECT.fullmatch(
            text, start, named[-1].start):  # « Dans un communiqué, le ministère algérien … « rejette … » »
        return named[-1].id, True
    if (named and named[0].type == "person" and not text[start:named[0].start].strip()
            and _COLON.match(text, named[0].end)):  # not a rubric: « ONU : à New York, X défend « … » »
        return named[0].id, True  # a headline's « Robert Dussey : l'adhésion du Togo « n'est pas exclue » »
    if named and _SELON.match(segment) and named[0].start - start <= SELON_REACH:
        return named[0].id, True  # "Selon X, ... « … »", "Pour X, « … »": X, whoever else is named
    voice = _VOICE.search(segment)
    if voice and named:  # "Un porte-parole de Rio Tinto a salué « … »": the body he speaks for
        body = [m for m in named if m.start >= start + voice.end() and m.start - start - voice.end() <= VOICE_REACH]
        if body and body[0].type != "person":
            return body[0].id, True
    if _UNNAMED.match(segment) and not (named and named[0].start - start <= SELON_REACH
                                        and not _COMPLEMENT.search(text, start, named[0].start)):
        return None, UNNAMED  # "Un diplomate estime qu'elle « … »", "Un cadre d'Orano dénonce « … »"
    if _UNNAMED_SUBJECT.search(text, named[-1].start + 1 if named else start, opening):
        return None, UNNAMED  # "…, selon une source sécuritaire qui redoute « … »", "on assure qu'il « … »"
    if named and (segment.rstrip().endswith(":") or _CUE.search(segment) or _AUX_END.search(segment)):
        other = _NAME.search(text, named[-1].end, opening)
        if other is not None and _CUE.search(text, other.end(), opening):
            return None, UNNAMED  # "…de la CEDEAO, le Bissau-Guinéen Umaro Sissoco Embaló, a condamné « … »"
        # "le porte-parole d'António Guterres": the spokesman speaks, not Guterres
        named = [m for m in named if not _ON_BEHALF.search(text, max(0, m.start - 40), m.start)]
        if not named:  # « Le parti de Karim Wade regrette « … » »: the party named before, if any
            return speakers.last(start, person=False) if _BODY_SUBJECT.match(segment) else (None, UNNAMED)
        people = [m for m in named if m.type == "person"]
        for person in people:  # the sentence's subject: "X a remercié A et B pour ce « … »"
            if _SUBJECT_VERB.match(text, person.end):
                return person.id, True
        if not people and _ROLE.search(segment):  # "…de Wagner, le ministre a dit : « … »"
            if _named_role(segment):
                return None, UNNAMED
            role = _role(speakers, start)
            if role[0] is not None:
                return role
        for body in [] if people else named:  # "L'ONG X accuse les garde-côtes Y d'avoir « … »": X
            if _SUBJECT_VERB.match(text, body.end):
                return body.id, True
        return (people or named)[-1].id, True
    if start == previous[1] and previous[0] is not None and not named:
        return previous[0], True  # the same sentence goes on quoting the same speaker
    body = None if named else _BODY_SUBJECT.search(segment)
    if body and body.group(1).islower() and not _ROLE.search(segment, body.end()):
        # "Dans un communiqué, l'organisation « … »": the organisation named last before it
        # (not « le Mouvement patriotique … », a name; not « le groupe … ; son directeur »)
        organisation = speakers.last(start, person=False)
        if organisation[0] is not None:
            return organisation
    if _CUE.search(segment) or segment.rstrip().endswith(":"):
        if _LATTER.match(segment):  # « Ce dernier a salué « … » »: the person named last
            people = [m for m in speakers.between(start - ROLE_REACH, start) if m.type == "person"]
            if people and not _someone_else(text, people[-1].end, start, speakers, last=True):
                return people[-1].id, True
            return None, UNNAMED
        pronoun = _SUBJECT_PRONOUN.search(segment)
        if pronoun:  # « Il a ajouté : « … » »: the pronoun's antecedent; « Ils reprochent … »: a few, unnamed
            return (None, UNNAMED) if pronoun.group().lower().endswith("s") else (None, False)
        if _ROLE.search(segment):
            # "le porte-parole des militaires, le colonel-major Amadou Abdramane, a dénoncé « … »"
            return (None, UNNAMED) if _named_role(segment) else _role(speakers, start)
    return None, None
