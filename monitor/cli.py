"""media-monitor run | worker | analyze | check-config — argument parsing and process life only."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from monitor import __version__
from monitor.errors import ConfigError, MonitorError, NerUnavailable
from monitor.settings import OPTIONS, Settings

EXIT_OK, EXIT_ERROR, EXIT_USAGE = 0, 1, 2


def _runtime_options(parser: argparse.ArgumentParser) -> None:
    for name in ("config_dir", "broker", "data_dir", "web_port"):
        option = OPTIONS[name]
        flag = "--config" if name == "config_dir" else f"--{name.replace('_', '-')}"
        parser.add_argument(flag, dest=name, metavar=name.split("_")[0].upper(),
                            help=f"{option.help} (env {option.env}, default {option.default or 'unset'})")


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="media-monitor", description="Event-streaming media monitor.")
    top.add_argument("--version", action="version", version=f"media-monitor {__version__}")
    commands = top.add_subparsers(dest="command", required=True, metavar="COMMAND")

    run = commands.add_parser("run", help="the whole monitor; starts the embedded broker when no broker is set")
    _runtime_options(run)
    demo = commands.add_parser("demo", help="`run` on a built-in loopback feed: see alerts with no internet")
    _runtime_options(demo)
    worker = commands.add_parser("worker", help="one more worker joining an existing broker (never starts one)")
    _runtime_options(worker)

    analyze = commands.add_parser("analyze", help="detection on text/HTML files or stdin, offline")
    source = analyze.add_mutually_exclusive_group()
    source.add_argument("--config", dest="config_dir", metavar="DIR", help="config dir whose watchlist.yaml to use")
    source.add_argument("--watchlist", metavar="FILE", help="a watchlist file")
    analyze.add_argument("--json", action="store_true", help="one JSON object per input, one per line")
    analyze.add_argument("--ner", action="store_true",
                         help="add new names found by spaCy to the candidates (pip install 'media-monitor[ner]')")
    analyze.add_argument("paths", nargs="+", metavar="PATH", help="files to read, or - for stdin")

    check = commands.add_parser("check-config", help="validate the config dir; exit 1 on any error")
    check.add_argument("--config", dest="config_dir", metavar="DIR")
    return top


def main(argv: Sequence[str] | None = None, env: dict[str, str] | None = None) -> int:
    args = parser().parse_args(argv)
    env = dict(os.environ) if env is None else env
    overrides = {k: v for k, v in vars(args).items() if k in OPTIONS and v is not None}
    try:
        settings = Settings.load(env, **overrides)
        if args.command == "check-config":
            return check_config(settings, env)
        if args.command == "analyze":
            from monitor.analyze import analyze

            try:
                return analyze(args.paths, settings=settings, watchlist=args.watchlist, as_json=args.json,
                               ner=args.ner)
            except NerUnavailable as exc:  # an extra to install: a usage problem, not a failure
                print(str(exc), file=sys.stderr)
                return EXIT_USAGE
        from monitor.run import run

        return run(settings, env, start_broker=args.command in ("run", "demo"), demo=args.command == "demo")
    except ConfigError as exc:
        print("\n".join(exc.problems), file=sys.stderr)
        return EXIT_ERROR
    except MonitorError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130


def check_config(settings: Settings, env: dict[str, str]) -> int:
    from monitor.catalog import load_catalog

    catalog = load_catalog(settings.config_dir, env)
    counts = ", ".join(f"{n} {k}" for k, n in catalog.summary().items())
    print(f"config: {settings.config_dir}: ok ({counts})")
    return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
