"""HTTP endpoints on the Faust web server: /metrics (Prometheus) and /healthz (JSON)."""

from __future__ import annotations

from collections.abc import Callable

import faust
import orjson

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
