"""parse_feed: RSS and Atom bytes to plain-text entries, HTML pages to their advertised feeds."""

from __future__ import annotations

import re
import time

import pytest

from monitor.errors import ParseError
from monitor.feeds.parse import ParsedFeed, parse_feed, strip_doctype

BASE = "https://journal.exemple.fr/rubrique/flux.xml"
MARKUP = re.compile(r"<[a-zA-Z/!?]|\bon[a-z]+\s*=", re.IGNORECASE)

RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel>
  <title>Le Quotidien du Fleuve &amp; des Dunes</title>
  <link>https://journal.exemple.fr/</link>
  <language>fr-FR</language>
  <ttl>30</ttl>
  <item>
    <title>Les pêcheurs de Mopti attendent la crue</title>
    <link>/2025/06/peche-mopti</link>
    <guid isPermaLink="false">quotidien-4512</guid>
    <description>&lt;p&gt;Sur les berges, on répare les filets &lt;b&gt;avant&lt;/b&gt; la saison.&lt;/p&gt;</description>
    <content:encoded><![CDATA[<p>Premier paragraphe : les pirogues sont prêtes.</p><p>Second paragraphe, plus court.</p>]]></content:encoded>
    <pubDate>Tue, 03 Jun 2025 14:30:00 +0200</pubDate>
  </item>
  <item>
    <title>Un marché aux oignons très animé</title>
    <guid>https://journal.exemple.fr/2025/06/oignons</guid>
    <pubDate>Mon, 02 Jun 2025 08:00:00 GMT</pubDate>
  </item>
  <item>
    <title>Brève sans lien ni identifiant</title>
  </item>
</channel>
</rss>""".encode()

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr">
  <title type="html">Radio &lt;em&gt;Savane&lt;/em&gt;</title>
  <id>urn:uuid:radio-savane</id>
  <updated>2025-06-03T09:00:00Z</updated>
  <entry>
    <title>Concert en plein air à Ségou</title>
    <link rel="alternate" href="emissions/concert-segou"/>
    <id>urn:uuid:emission-77</id>
    <published>2025-06-03T07:15:00-04:00</published>
    <updated>2025-06-03T12:00:00+01:00</updated>
    <summary>Une soirée de musique au bord du fleuve.</summary>
    <content type="html">&lt;div&gt;&lt;p&gt;Les musiciens ont joué&lt;br/&gt;jusqu'à minuit.&lt;/p&gt;&lt;/div&gt;</content>
  </entry>
  <entry xml:base="https://autre.exemple.org/archives/">
    <title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">Reportage <b>inédit</b></div></title>
    <link href="reportage.html"/>
    <id>urn:uuid:emission-78</id>
    <updated>2025-06-02T23:30:00-02:00</updated>
    <content type="text">Texte brut &amp; sans balise.</content>
  </entry>
</feed>""".encode()


def strings(feed: ParsedFeed) -> list[str]:
    return [feed.title, *feed.alternate_links] + [
        value for entry in feed.entries for value in (entry.url, entry.guid, entry.title, entry.summary, entry.text, entry.published or "", entry.language or "")
    ]


def test_rss_entries():
    """RSS 2.0 items become entries with absolute URLs, plain text and UTC dates; items without link or URL guid are skipped."""
    feed = parse_feed(RSS, base_url=BASE)
    assert (feed.title, feed.bozo, feed.ttl_seconds, feed.is_html) == ("Le Quotidien du Fleuve & des Dunes", False, 1800.0, False)
    first, second = feed.entries
    assert first.url == "https://journal.exemple.fr/2025/06/peche-mopti"
    assert first.guid == "quotidien-4512"
    assert first.title == "Les pêcheurs de Mopti attendent la crue"
    assert first.summary == "Sur les berges, on répare les filets avant la saison."
    assert first.text == "Premier paragraphe : les pirogues sont prêtes.\n\nSecond paragraphe, plus court."
    assert first.published == "2025-06-03T12:30:00Z"
    assert first.language == "fr-FR"
    assert second.url == second.guid == "https://journal.exemple.fr/2025/06/oignons"
    assert (second.summary, second.text, second.published) == ("", "", "2025-06-02T08:00:00Z")


def test_atom_entries():
    """Atom entries: links resolved against the feed URL or xml:base, offsets normalised to Z, HTML and XHTML flattened."""
    feed = parse_feed(ATOM, base_url="https://radio.exemple.org/flux/atom")
    assert feed.title == "Radio Savane" and not feed.bozo and feed.ttl_seconds is None
    concert, reportage = feed.entries
    assert concert.url == "https://radio.exemple.org/flux/emissions/concert-segou"
    assert concert.guid == "urn:uuid:emission-77"
    assert concert.published == "2025-06-03T11:15:00Z"
    assert concert.summary == "Une soirée de musique au bord du fleuve."
    assert concert.text == "Les musiciens ont joué\njusqu'à minuit."
    assert concert.language == "fr"
    assert reportage.url == "https://autre.exemple.org/archives/reportage.html"
    assert reportage.title == "Reportage inédit"
    assert reportage.published == "2025-06-03T01:30:00Z"  # no <published>: <updated> stands in
    assert reportage.text == "Texte brut & sans balise."


def test_hostile_feed_yields_no_markup():
    """Scripts, handlers and javascript: links in any field never reach the output."""
    hostile = b"""<?xml version="1.0"?><rss version="2.0"><channel>
    <title>&lt;script&gt;alert(1)&lt;/script&gt;Titre</title>
    <item>
      <title>&lt;img src=x onerror=alert(1)&gt;Alerte</title>
      <link>javascript:alert(1)</link>
      <guid>https://exemple.fr/a?x="&gt;&lt;script&gt;alert(1)&lt;/script&gt;</guid>
      <description><![CDATA[<p onclick="x()">Texte</p><script>alert(2)</script><iframe src="//x"></iframe><svg onload=alert(3)>]]></description>
      <category>&amp;lt;script&amp;gt;</category>
    </item>
    <item><title>Deux</title><link>https://exemple.fr/b</link>
      <description>&amp;lt;script&amp;gt;alert(4)&amp;lt;/script&amp;gt;double</description></item>
    </channel></rss>"""
    feed = parse_feed(hostile, base_url=BASE)
    assert [e.title for e in feed.entries] == ["Alerte", "Deux"]
    assert feed.entries[0].url.startswith("https://exemple.fr/a?x=%22%3E%3Cscript%3E")
    assert feed.entries[0].summary == "Texte"
    assert feed.entries[1].summary == "double"
    assert not [s for s in strings(feed) if MARKUP.search(s)]


def test_billion_laughs_is_not_expanded():
    """A DOCTYPE declaring nested entities is cut before parsing: quick, and nothing expands."""
    entities = "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">\n' for i in range(1, 12))
    bomb = f"""<?xml version="1.0"?>
<!DOCTYPE rss [
  <!ENTITY lol0 "lol">
  <!-- a comment with ]> inside -->
  <!ENTITY quoted "a ]> b">
{entities}]>
<rss version="2.0"><channel><title>Rire &lol11;</title>
<item><title>&lol11;</title><link>https://exemple.fr/rire</link></item></channel></rss>""".encode()
    started = time.monotonic()
    feed = parse_feed(bomb, base_url=BASE)
    assert time.monotonic() - started < 1
    assert feed.entries[0].url == "https://exemple.fr/rire"
    assert all(len(s) < 100 for s in strings(feed))


def test_external_entity_is_not_read():
    """An external entity (XXE) is cut with the DOCTYPE, so no local file is ever read."""
    xxe = b"""<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY vol SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><title>X</title><item><title>&vol;</title><link>https://exemple.fr/x</link></item></channel></rss>"""
    feed = parse_feed(xxe, base_url=BASE)
    assert "root" not in feed.entries[0].title


def test_strip_doctype():
    """strip_doctype removes a DOCTYPE with its subset, after the prolog, and leaves other bodies alone."""
    body = b'\xef\xbb\xbf<?xml version="1.0"?>\n<!-- c -->\n<!DOCTYPE x PUBLIC "-//A//B" "http://x/y.dtd" [<!ENTITY a \'>]\'>]>\n<rss/>'
    assert strip_doctype(body) == b'\xef\xbb\xbf<?xml version="1.0"?>\n<!-- c -->\n\n<rss/>'
    assert strip_doctype(b"<rss><!DOCTYPE x></rss>") == b"<rss><!DOCTYPE x></rss>"
    assert strip_doctype(b"<!DOCTYPE x [ <!ENTITY a 'never closed") == b""
    wide = '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE rss [<!ENTITY a "b">]><rss/>'.encode("utf-16")
    assert strip_doctype(wide) == b'<?xml version="1.0"?><rss/>'


def test_utf16_and_latin1_feeds():
    """Feeds in UTF-16 or a declared legacy encoding come out as the right characters."""
    text = '<?xml version="1.0" encoding="{}"?><rss version="2.0"><channel><title>Été à Gao</title><item><title>Crème brûlée</title><link>https://exemple.fr/c</link></item></channel></rss>'
    for encoding in ("utf-16", "iso-8859-1"):
        feed = parse_feed(text.format(encoding).encode(encoding), base_url=BASE)
        assert (feed.title, feed.entries[0].title) == ("Été à Gao", "Crème brûlée")


def test_bozo_feed_still_yields_entries():
    """A feed with broken XML is repaired, flagged bozo, and its entries kept."""
    broken = b"""<rss version="2.0"><channel><title>Fleuve & Dunes</title>
    <item><title>Crue & pluie</title><link>https://exemple.fr/crue</link></item></channel>"""
    feed = parse_feed(broken, base_url=BASE)
    assert feed.bozo
    assert [(e.title, e.url) for e in feed.entries] == [("Crue & pluie", "https://exemple.fr/crue")]


def test_fields_are_capped():
    """Every text field is cut at max_field_chars."""
    long = "mot " * 5000
    body = f"""<rss version="2.0"><channel><title>{long}</title><item><title>{long}</title>
    <link>https://exemple.fr/long</link><guid>{long}</guid><description>{long}</description></item></channel></rss>""".encode()
    feed = parse_feed(body, base_url=BASE, max_field_chars=50)
    entry = feed.entries[0]
    assert max(len(feed.title), len(entry.title), len(entry.guid), len(entry.summary)) <= 50
    assert entry.title.startswith("mot mot")


def test_impossible_or_missing_dates_are_none():
    """Entries without a date, or with one that cannot be read, have published None."""
    body = b"""<rss version="2.0"><channel><title>T</title>
    <item><title>a</title><link>https://exemple.fr/a</link><pubDate>jamais</pubDate></item>
    <item><title>b</title><link>https://exemple.fr/b</link></item></channel></rss>"""
    assert [e.published for e in parse_feed(body, base_url=BASE).entries] == [None, None]


def test_syndication_update_period():
    """sy:updatePeriod and sy:updateFrequency give the TTL when <ttl> is absent."""
    body = b"""<rss version="2.0" xmlns:sy="http://purl.org/rss/1.0/modules/syndication/"><channel><title>T</title>
    <sy:updatePeriod>hourly</sy:updatePeriod><sy:updateFrequency>4</sy:updateFrequency></channel></rss>"""
    assert parse_feed(body, base_url=BASE).ttl_seconds == 900.0


def test_html_page_with_alternate_links():
    """An HTML page is reported as such, with the feeds it advertises as absolute URLs."""
    page = b"""<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8">
    <title>Accueil &ndash; Le Quotidien</title>
    <link rel="stylesheet" href="/style.css">
    <link rel="alternate" type="application/rss+xml" title="Tout" href="/flux/tout.xml?a=1&amp;b=2">
    <link type="application/atom+xml" rel="alternate feed" href="https://autre.exemple.org/atom">
    <link rel="alternate" type="application/rss+xml" href="javascript:alert(1)">
    <link rel="alternate" hreflang="en" href="/en/">
    </head><body><p>Bienvenue</p></body></html>"""
    feed = parse_feed(page, base_url="https://journal.exemple.fr/accueil")
    assert feed.is_html and feed.entries == () and feed.title == "Accueil – Le Quotidien"
    assert feed.alternate_links == ("https://journal.exemple.fr/flux/tout.xml?a=1&b=2", "https://autre.exemple.org/atom")


def test_html_page_base_href():
    """Autodiscovery links resolve against <base href> when the page declares one."""
    page = b'<html><head><base href="https://cdn.exemple.fr/site/"><link rel=alternate type="application/atom+xml" href=atom.xml></head></html>'
    assert parse_feed(page, base_url=BASE).alternate_links == ("https://cdn.exemple.fr/site/atom.xml",)


def test_html_fragment_without_html_tag():
    """A page that starts with <head> rather than <html> is still recognised after feedparser finds no feed."""
    page = b'<head><link rel="alternate" type="application/rss+xml" href="/f.xml"></head><body>x</body>'
    feed = parse_feed(page, base_url="https://exemple.fr/")
    assert feed.is_html and feed.alternate_links == ("https://exemple.fr/f.xml",)


def test_feed_quoting_a_page_is_still_a_feed():
    """A feed whose first item embeds a whole HTML page stays a feed."""
    body = b"""<rss version="2.0"><channel><title>T</title><item><title>Page</title><link>https://exemple.fr/p</link>
    <description><![CDATA[<!DOCTYPE html><html><head><link rel="alternate" type="application/rss+xml" href="/x"></head></html>]]></description>
    </item></channel></rss>"""
    feed = parse_feed(body, base_url=BASE)
    assert not feed.is_html and [e.url for e in feed.entries] == ["https://exemple.fr/p"]


def test_hostile_html_page_is_quick():
    """Megabytes of unclosed <link tags on a page are scanned in linear time."""
    page = b"<!doctype html><html>" + b'<link rel="alternate" ' * 200_000
    started = time.monotonic()
    feed = parse_feed(page, base_url=BASE)
    assert feed.is_html and feed.alternate_links == ()
    assert time.monotonic() - started < 1


@pytest.mark.parametrize(
    "body",
    [b"", b"\x00\x01\x02\xff\xfe garbage \x00", b"Bonjour, ceci n'est pas un flux.", b'{"items": []}', b"<catalogue><livre/></catalogue>"],
)
def test_not_a_feed_is_parse_error(body):
    """Bytes that are neither a feed nor an HTML page raise ParseError with the parse: prefix."""
    with pytest.raises(ParseError, match=r"^parse: neither a feed nor an HTML page"):
        parse_feed(body, base_url=BASE)
