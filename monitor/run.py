"""The life of a `run` or `worker` process: logging, config, broker, Faust worker, clean stop."""

from __future__ import annotations

import contextlib
import errno
import os
import signal
import socket
import sys
import threading

import faust

from monitor import broker as embedded
from monitor import logging
from monitor.app import build
from monitor.catalog import load_catalog
from monitor.demo import ARTICLES, LOOPBACK, DemoFeed
from monitor.errors import ConfigError
from monitor.settings import Settings

log = logging.get("monitor")
STOP_DEADLINE = 30.0


class MonitorWorker(faust.Worker):
    """Faust's worker with a deadline on stopping: with its broker gone, Faust would wait
    forever to commit, and a stopped monitor must not linger."""

    exit_code = 0

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if not self.stdout.isatty():
            # its cursor codes would land inside the next JSON log line
            self.spinner = None

    def _schedule_shutdown(self, signum: signal.Signals) -> None:
        if not self._signal_stop_time:
            timer = threading.Timer(STOP_DEADLINE, self._give_up)
            timer.daemon = True
            timer.start()
        super()._schedule_shutdown(signum)

    def _give_up(self) -> None:
        log.error("monitor did not stop in time; exiting", deadline_seconds=STOP_DEADLINE)
        os._exit(1)  # the embedded broker dies with us (PR_SET_PDEATHSIG)

    def stop_with(self, code: int) -> None:
        self.exit_code = code
        self._schedule_shutdown(signal.SIGTERM)


def watch(worker: MonitorWorker, broker: embedded.EmbeddedBroker) -> None:
    """Stop the monitor, with exit code 1, if its embedded broker dies under it."""

    @worker.app.timer(1.0)
    async def broker_alive() -> None:
        code = broker.process.poll()
        if code is not None and not worker.exit_code:
            log.error("embedded broker exited; stopping", exit_code=code, log=str(broker.log_path))
            worker.stop_with(1)


def check_port_free(host: str, port: int) -> None:
    with socket.socket() as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError as exc:
            reason = "is in use" if exc.errno == errno.EADDRINUSE else f"cannot be bound ({exc.strerror})"
            raise ConfigError(f"settings: web port {host}:{port} {reason}; pass --web-port or set MONITOR_WEB_PORT") from None


def run(settings: Settings, env: dict[str, str], start_broker: bool, demo: bool = False) -> int:
    logging.configure(settings.log_level, settings.log_format)
    if settings.embedded and not start_broker:
        raise ConfigError("settings: `worker` joins an existing broker: pass --broker or set MONITOR_BROKER")
    catalog = load_catalog(settings.config_dir, env)
    if demo:
        feed = DemoFeed().start()
        catalog = feed.catalog(catalog)
        settings = settings.replace(allow_networks=(*settings.allow_networks, LOOPBACK))
        log.info("demo feed serving", url=feed.url, articles=len(ARTICLES))
    check_port_free(settings.web_host, settings.web_port)
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    with contextlib.ExitStack() as stack:
        if settings.embedded:
            broker = stack.enter_context(embedded.running(settings.data_dir / "broker"))
            broker_url = broker.url
            log.info("embedded broker started", broker=broker_url, pid=broker.process.pid, log=str(broker.log_path), storage="memory")
        else:
            broker_url = settings.broker
        app = build(settings, catalog, broker_url)
        log.info("monitor starting", broker=broker_url, web=f"http://{settings.web_host}:{settings.web_port}/metrics",
                 data_dir=str(settings.data_dir), **catalog.summary())
        # stdout carries the console sink's alerts only: the worker's terminal codes go to stderr
        worker = MonitorWorker(app, quiet=True, override_logging=False, redirect_stdouts=False,
                               loglevel=settings.log_level.upper(), console_port=0, stdout=sys.stderr)
        if settings.embedded:
            watch(worker, broker)
        try:
            worker.execute_from_commandline()
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 0
        finally:
            log.info("monitor stopping")
    code = code or worker.exit_code
    log.info("monitor stopped", exit_code=code)
    return code
