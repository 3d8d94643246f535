"""`media-monitor demo`: the whole monitor on this machine, with no internet.

A loopback feed serves a handful of short articles written for the demo (invented events in a
newswire style; no real outlet's text), one more every few seconds, so alerts can be watched
as they arrive. Everything else is the real monitor: embedded broker, watchlist and rules from
the config directory, sinks, metrics.
"""

from __future__ import annotations

import asyncio
import ipaddress
import threading
from datetime import UTC, datetime
from email.utils import format_datetime
from html import escape

from aiohttp import web

from monitor.catalog import Catalog, Feed

ARTICLES = (
    ("Moscou et Bamako renforcent leur coopération militaire",
     "Le président de la Transition, Assimi Goïta, a été reçu au Kremlin par Vladimir Poutine. "
     "Les deux chefs d'État ont évoqué la coopération militaire entre le Mali et la Russie, "
     "la formation des FAMa et la livraison d'équipements. « Notre partenariat est stratégique », "
     "a déclaré le ministre de la Défense, Sadio Camara."),
    ("Maraîchage : la saison s'annonce bonne à Kayes",
     "Les coopératives de la région de Kayes ont reçu des semences améliorées. Les producteurs "
     "d'oignons espèrent une récolte abondante et des prix stables sur les marchés locaux."),
    ("Niamey accueille un sommet de l'AES sur la sécurité",
     "Les chefs d'État de l'Alliance des États du Sahel se réunissent à Niamey. Au menu : la lutte "
     "contre le terrorisme dans le Liptako-Gourma et la mutualisation des moyens aériens, dont des "
     "drones de surveillance."),
    ("Énergie : un accord avec Rosatom pour une centrale au Burkina Faso",
     "Ouagadougou a signé un mémorandum d'entente avec Rosatom pour étudier la construction d'une "
     "centrale nucléaire. Le Burkina Faso veut doubler sa production d'électricité d'ici dix ans."),
    ("Gao : les FAMa repoussent une attaque terroriste",
     "L'armée malienne affirme avoir repoussé une attaque contre un poste avancé près de Gao. "
     "Selon l'état-major, les assaillants ont été neutralisés et des armes saisies."),
)


class DemoFeed:
    """An RSS feed on 127.0.0.1 that publishes one more article every ``every`` seconds."""

    def __init__(self, every: float = 15.0) -> None:
        self.every = every
        self.started = datetime.now(UTC)
        self.port = 0
        self._loop = asyncio.new_event_loop()
        self._ready = threading.Event()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/feed.xml"

    def published(self) -> int:
        elapsed = (datetime.now(UTC) - self.started).total_seconds()
        return min(len(ARTICLES), 2 + int(elapsed // self.every))

    def rss(self) -> bytes:
        items = "".join(
            f"<item><title>{escape(title)}</title><link>http://127.0.0.1:{self.port}/articles/{i}</link>"
            f"<guid>demo-{i}</guid><pubDate>{format_datetime(self.started)}</pubDate>"
            f"<description>{escape(body)}</description></item>"
            for i, (title, body) in enumerate(ARTICLES[: self.published()])
        )
        return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Démo</title>'
                f"<link>http://127.0.0.1/</link><description>media-monitor demo</description>{items}"
                "</channel></rss>").encode()

    async def _feed(self, request: web.Request) -> web.Response:
        return web.Response(body=self.rss(), content_type="application/rss+xml", charset="utf-8")

    def _serve(self) -> None:
        asyncio.set_event_loop(self._loop)
        app = web.Application()
        app.router.add_get("/feed.xml", self._feed)
        runner = web.AppRunner(app, access_log=None)
        self._loop.run_until_complete(runner.setup())
        site = web.TCPSite(runner, "127.0.0.1", 0)
        self._loop.run_until_complete(site.start())
        self.port = site._server.sockets[0].getsockname()[1]
        self._ready.set()
        self._loop.run_forever()

    def start(self) -> DemoFeed:
        threading.Thread(target=self._serve, daemon=True, name="demo-feed").start()
        self._ready.wait(10)
        return self

    def catalog(self, base: Catalog) -> Catalog:
        """The configured watchlist, rules and sinks, with this feed as the only feed."""
        feed = Feed(id="demo", url=self.url, name="Démo", language="fr", interval=max(10.0, self.every))
        return base.model_copy(update={"feeds": (feed,)})


LOOPBACK = ipaddress.ip_network("127.0.0.1/32")
