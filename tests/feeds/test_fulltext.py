"""Full text for ``fulltext: true`` feeds: the real Poller reads each new entry's article page
from loopback servers through its Fetcher and extracts the main text in its process pool; any
failure keeps the feed's summary. Entries are collected through Poller's ``publish``."""

from __future__ import annotations

import asyncio

import pytest
import structlog
from aiohttp import web

from monitor import metrics
from monitor.catalog import Feed, parse_catalog
from monitor.feeds.agents import Poller
from monitor.feeds.fulltext import extract_main_text
from monitor.models import Entry
from monitor.settings import Settings
from support import Item, rss
from test_fetch import LOOPBACK, app

TITLE = "Crue du Niger : Ségou sous les eaux"
SUMMARY = "Le fleuve a atteint son plus haut niveau depuis vingt ans."

ARTICLE = f"""<!DOCTYPE html>
<html lang="fr">
<head><meta charset="utf-8"><title>{TITLE} - Le Sahel</title>
<script>window.suivi = "script du site";</script></head>
<body>
<header class="site-header"><a href="/">Le Sahel</a>
<nav class="menu"><ul><li><a href="/politique">Politique</a></li><li><a href="/economie">Économie</a></li>
<li><a href="/sport">Sport</a></li><li><a href="/culture">Culture</a></li></ul></nav>
</header>
<main>
<article class="post">
<h1>{TITLE}</h1>
<div class="share-bar social-share"><span>Partager :</span> <a href="https://facebook.com/sharer">Facebook</a>
<a href="https://twitter.com/intent">Twitter</a> <a href="https://wa.me/">WhatsApp</a></div>
<div class="entry-content">
<p>Le fleuve Niger a atteint mardi son plus haut niveau depuis vingt ans à Ségou, où plusieurs quartiers
riverains ont été évacués dans la nuit par la protection civile.</p>
<p>Selon la direction nationale de l'hydraulique, la cote du fleuve dépasse de près d'un mètre la moyenne
saisonnière, et la décrue n'est pas attendue avant la fin du mois.</p>
<div class="lire-aussi"><strong>Lire aussi :</strong> <a href="/2026/10/secheresse-kayes">Sécheresse à Kayes : les éleveurs en difficulté</a></div>
<p>Le gouverneur de la région a annoncé l'ouverture de trois sites d'hébergement provisoires dans les écoles
de la ville, ainsi qu'une distribution de vivres aux familles sinistrées.</p>
<p>« Nous n'avions jamais vu l'eau monter aussi vite », témoigne Aminata Traoré, commerçante au marché de
Ségou, dont la boutique a été inondée.</p>
<p><strong>Lire aussi :</strong> <a href="/2026/09/barrage-markala">Le barrage de Markala sous surveillance</a></p>
<p>Les autorités appellent les habitants des zones basses à la plus grande prudence et déconseillent toute
traversée du fleuve en pirogue jusqu'à nouvel ordre.</p>
</div>
<div class="share-bar"><a href="https://facebook.com/sharer">Partager sur Facebook</a>
<a href="https://twitter.com/intent">Partager sur Twitter</a></div>
</article>
<section id="comments" class="comments">
<h2>3 commentaires</h2>
<div class="comment"><p class="comment-author">Moussa</p><p>Courage aux sinistrés de Ségou, que Dieu nous protège tous.</p></div>
<div class="comment"><p class="comment-author">Fatou</p><p>Le gouvernement doit agir plus vite, c'est chaque année la même chose.</p></div>
</section>
</main>
<aside class="sidebar"><h3>Les plus lus</h3><ul><li><a href="/a">Football : les Aigles qualifiés</a></li>
<li><a href="/b">Bamako : la circulation perturbée</a></li></ul></aside>
<footer><p>© 2026 Le Sahel – Tous droits réservés</p><a href="/contact">Contact</a> <a href="/mentions">Mentions légales</a></footer>
</body></html>
"""

BODY_SENTENCES = (
    "Le fleuve Niger a atteint mardi son plus haut niveau depuis vingt ans à Ségou",
    "la décrue n'est pas attendue avant la fin du mois",
    "trois sites d'hébergement provisoires",
    "« Nous n'avions jamais vu l'eau monter aussi vite », témoigne Aminata Traoré",
    "déconseillent toute traversée du fleuve en pirogue",
)
FURNITURE = (
    "Lire aussi", "Sécheresse à Kayes", "Barrage de Markala", "Partager", "Facebook", "WhatsApp",
    "commentaires", "Courage aux sinistrés", "Le gouvernement doit agir", "Moussa", "Les plus lus",
    "Football", "Politique", "Économie", "Tous droits réservés", "Mentions légales", "script du site",
)


def outcomes() -> dict[str, float]:
    return {o: metrics.fulltext.labels(outcome=o)._value.get() for o in ("extracted", "fallback")}


def html(body: str | bytes, status: int = 200, content_type: str = "text/html"):
    async def handler(request: web.Request) -> web.Response:
        return web.Response(body=body.encode() if isinstance(body, str) else body, status=status,
                            content_type=content_type, charset="utf-8")

    return handler


def a_feed(links: list[str]):
    """A handler serving an RSS feed of one item per link (a path is on the feed's own server),
    each with the same title and summary."""

    async def handler(request: web.Request) -> web.Response:
        items = [Item(TITLE, link if "://" in link else f"http://{request.host}{link}", SUMMARY) for link in links]
        return web.Response(body=rss("Le Sahel", items), content_type="application/rss+xml")

    return handler


async def poll(feed_url: str, *, fulltext: bool = True, **settings) -> tuple[list[Entry], dict[str, float], list[dict]]:
    """One poll of one feed: the entries published, the fulltext outcomes counted, the log events."""
    options = {"allow_networks": LOOPBACK, "fetch_timeout": 5.0, "backfill": 100 * 365 * 86400.0, **settings}
    entries: list[Entry] = []

    async def collect(entry: Entry) -> None:
        entries.append(entry)

    poller = Poller((Feed(id="le-sahel", url=feed_url, fulltext=fulltext),), Settings(**options), collect)
    before = outcomes()
    with structlog.testing.capture_logs() as logs:
        async with poller:
            await poller.poll("le-sahel")
    counted = {o: n - before[o] for o, n in outcomes().items() if n != before[o]}
    return entries, counted, logs


async def test_article_text_is_extracted_without_site_furniture(serve):
    """A fulltext feed's entry gets the article's main text, without nav, share bars, "Lire aussi" blocks, comments, sidebar or footer."""
    server = await serve(app({"/rss.xml": a_feed(["/2026/11/crue-segou"]), "/2026/11/crue-segou": html(ARTICLE)}))
    entries, counted, logs = await poll(str(server.make_url("/rss.xml")))
    assert counted == {"extracted": 1} and len(entries) == 1
    [entry] = entries
    assert entry.summary == SUMMARY and entry.title == TITLE
    for sentence in BODY_SENTENCES:
        assert sentence in entry.text
    for furniture in FURNITURE:
        assert furniture.casefold() not in entry.text.casefold(), furniture
    assert not entry.text.startswith(TITLE), "the headline is the entry's title already"
    assert not [e for e in logs if e["event"].startswith("full text")]


@pytest.mark.parametrize("link, route, reason", [
    ("http://10.0.0.5/2026/11/crue?token=secret", None, "private or reserved"),
    ("/big?token=secret", html("<p>" + "Ségou sous les eaux. " * 20_000 + "</p>"), "over 65536 bytes"),
    ("/gone?token=secret", html("introuvable", status=404), "HTTP 404"),
    ("/doc.pdf?token=secret", html(b"%PDF-1.4 binaire", content_type="application/pdf"), "not an HTML page"),
    ("/vide?token=secret", html("<html><body><nav><a href='/'>Accueil</a></nav></body></html>"), "no main text"),
], ids=["blocked", "too_large", "404", "not_html", "empty"])
async def test_unusable_page_falls_back_to_the_summary(serve, link, route, reason):
    """A page on a blocked address, over the size cap, missing, not HTML or without text leaves the feed's summary, counted and logged once without the URL."""
    path = link.split("?")[0]
    routes = {"/rss.xml": a_feed([link])} | ({path: route} if route else {})
    server = await serve(app(routes))
    entries, counted, logs = await poll(str(server.make_url("/rss.xml")), fetch_max_bytes=65536)
    assert counted == {"fallback": 1} and [(e.text, e.summary) for e in entries] == [(SUMMARY, SUMMARY)]
    [line] = [e for e in logs if e["event"].startswith("full text")]
    assert line["feed_id"] == "le-sahel" and reason in line["reason"]
    assert "secret" not in repr(line) and path.rsplit("/", 1)[-1] not in repr(line)


async def test_feeds_without_fulltext_never_fetch_pages(serve):
    """A feed without ``fulltext`` publishes its entries as the feed gives them and never requests an article page."""
    pages: list[str] = []

    async def article(request: web.Request) -> web.Response:
        pages.append(request.path)
        return web.Response(text=ARTICLE, content_type="text/html")

    server = await serve(app({"/rss.xml": a_feed(["/a/1", "/a/2"]), "/a/{n}": article}))
    entries, counted, _ = await poll(str(server.make_url("/rss.xml")), fulltext=False)
    assert len(entries) == 2 and all(e.text == "" and e.summary == SUMMARY for e in entries)
    assert pages == [] and counted == {}


async def test_pages_respect_the_per_host_limit_and_keep_feed_order(serve):
    """Eight slow article pages on one host are fetched at most two at a time (the per-host limit) and published in feed order."""
    active = peak = 0

    async def slow(request: web.Request) -> web.Response:
        nonlocal active, peak
        active += 1
        peak = max(peak, active)
        await asyncio.sleep(0.2)
        active -= 1
        return web.Response(text=ARTICLE.replace("Ségou", f"Ségou {request.match_info['n']}"), content_type="text/html")

    links = [f"/a/{n}" for n in range(8)]
    server = await serve(app({"/rss.xml": a_feed(links), "/a/{n}": slow}))
    entries, counted, _ = await poll(str(server.make_url("/rss.xml")), fetch_per_host=2)
    assert peak == 2 and counted == {"extracted": 8}
    assert [e.url.rsplit("/", 1)[-1] for e in entries] == [str(n) for n in range(8)]
    assert all(f"Ségou {e.url.rsplit('/', 1)[-1]}" in e.text for e in entries)


def test_fulltext_is_optional_in_feeds_yaml():
    """``fulltext: true`` loads from feeds.yaml and defaults to false."""
    catalog = parse_catalog({"feeds.yaml": "feeds:\n  - {id: a, url: 'https://a.example/feed', fulltext: true}\n"
                                           "  - {id: b, url: 'https://b.example/feed'}\n"})
    assert [f.fulltext for f in catalog.feeds] == [True, False]


def test_extracted_text_is_plain_and_capped():
    """Extraction leaves no markup quoted in the article as a tag and cuts the text at the cap."""
    page = ("<html><body><article><p>" + "Le ministre a parlé du code &lt;script&gt;alert(1)&lt;/script&gt; à Bamako. " * 40
            + "</p></article></body></html>").encode()
    text = extract_main_text(page, "http://127.0.0.1/a", "utf-8", "", max_chars=500)
    assert "Le ministre a parlé" in text and "<script" not in text and len(text) <= 500


def test_furniture_lines_go_but_sentences_with_the_same_first_word_stay():
    """A "Lire aussi" line and a share prompt are dropped, a long sentence opening with "Partager" is kept."""
    sentence = "Partager l'eau du fleuve entre les pays riverains reste la priorité du gouverneur de la région de Ségou."
    page = (f"<html><body><article><p>{'Le fleuve Niger a encore monté cette nuit à Ségou et à Mopti. ' * 4}</p>"
            f"<p><b>Lire aussi :</b> <a href='/x'>La crue de 2020</a></p><p>{sentence}</p>"
            f"<p>Partager sur WhatsApp</p></article></body></html>").encode()
    text = extract_main_text(page, "http://127.0.0.1/a", None, "")
    assert sentence in text and "Lire aussi" not in text and "La crue de 2020" not in text and "WhatsApp" not in text
