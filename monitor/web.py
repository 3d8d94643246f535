"""HTTP endpoints on the Faust web server: /metrics (Prometheus) and /healthz (JSON)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import faust
import orjson
from aiohttp import web as aiohttp_web

from monitor import metrics


def register(app: faust.App, health: Callable[[], dict]) -> None:
    @app.page("/metrics")
    async def prometheus(web, request):  # noqa: ARG001
        body, content_type = metrics.exposition()
        return web.bytes(body, headers={"Content-Type": content_type})

    @app.page("/healthz")
    async def healthz(web, request):  # noqa: ARG001
        report = health()
        status = 200 if report["status"] == "ok" else 503
        return web.bytes(orjson.dumps(report), status=status, headers={"Content-Type": "application/json"})


def route(app: faust.App, path: str, handler: Callable[[aiohttp_web.Request], Awaitable[aiohttp_web.StreamResponse]]) -> None:
    """Serve a plain aiohttp handler's GET and POST at ``path`` (Faust's web server is aiohttp),
    such as the WebSub callback: ``route(app, websub.CALLBACK_PATH, websub.handle)``."""

    class Handler(faust.web.View):
        async def get(self, request, **match_info):  # noqa: ARG002
            return await handler(request)

        post = get

    app.page(path, name=f"route:{path}")(Handler)
