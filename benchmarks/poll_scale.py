"""Polling at scale: can one monitor keep up with N feeds polled every 10 s (BENCH_POLL_FEEDS,
BENCH_POLL_INTERVAL, BENCH_POLL_WINDOW change the defaults of 5,000 feeds, 10 s, 60 s)?

The real `media-monitor run` (embedded broker, every stage) polls N feeds spread over 50
loopback hosts (127.0.0.11 .. 127.0.0.60), served by a separate process on the same machine.
The server honours ETags (304 when nothing changed) and each feed gains an item every 10
minutes on average, so about 10% of feeds change each minute. After the start-up spread and a
warm-up, fetches are counted from /metrics over a fixed window and compared with the demand
(N x 60 / interval per minute, with pace adaptation off); CPU and RSS are read from /proc for
the poller side (the monitor process, its forkserver and parser processes) and for the broker.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from prometheus_client.parser import text_string_to_metric_families  # noqa: E402

from support import MonitorProcess, free_port  # noqa: E402

FEEDS = int(os.environ.get("BENCH_POLL_FEEDS", "5000"))
WINDOW = float(os.environ.get("BENCH_POLL_WINDOW", "60"))
HOSTS = [f"127.0.0.{n}" for n in range(11, 61)]
INTERVAL = int(os.environ.get("BENCH_POLL_INTERVAL", "10"))
GAIN_PERIOD = 600.0  # seconds between two items of one feed, on average: 10% of feeds per minute
TICKS = os.sysconf("SC_CLK_TCK")


# --- the feed server (run as `python -m benchmarks.poll_scale serve PORT`) -----------------------
def serve(port: int) -> None:
    import asyncio
    import hashlib

    from aiohttp import web

    epoch = time.time()

    def version(n: int) -> int:
        phase = int.from_bytes(hashlib.blake2b(str(n).encode(), digest_size=4).digest()) / 2**32
        return int((time.time() - epoch) / GAIN_PERIOD + phase)

    def body(n: int, v: int, host: str) -> bytes:
        items = "".join(
            f"<item><title>Dépêche {n}-{k}</title><link>http://{host}/a/{n}/{k}</link><guid>http://{host}/a/{n}/{k}</guid>"
            f"<pubDate>{time.strftime('%a, %d %b %Y %H:%M:%S GMT', time.gmtime())}</pubDate>"
            f"<description>Nouvelles du fleuve, numéro {k} du fil {n}.</description></item>"
            for k in range(v, max(v - 10, -1), -1)
        )
        return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Fil {n}</title>'
                f"<link>http://{host}/</link><description>bench</description>{items}</channel></rss>").encode()

    async def feed(request: web.Request) -> web.Response:
        n = int(request.match_info["n"])
        v = version(n)
        etag = f'"{n}-{v}"'
        if request.headers.get("If-None-Match") == etag:
            return web.Response(status=304, headers={"ETag": etag})
        return web.Response(body=body(n, v, request.host), headers={"ETag": etag, "Content-Type": "application/rss+xml"})

    async def main() -> None:
        app = web.Application()
        app.router.add_get("/feed/{n}.xml", feed)
        runner = web.AppRunner(app, access_log=None)
        await runner.setup()
        for host in HOSTS:
            await web.TCPSite(runner, host, port, backlog=1024).start()
        print("serving", flush=True)
        await asyncio.Event().wait()

    asyncio.run(main())


# --- measuring ------------------------------------------------------------------------------
def tree(root: int) -> list[int]:
    """root and all its descendants."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                ppid = int(Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError):
                continue
            children.setdefault(ppid, []).append(int(entry))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo += children.get(pid, [])
    return found


def usage(pids: list[int]) -> tuple[float, float]:
    """(CPU seconds, RSS in MB) summed over pids."""
    cpu = rss = 0.0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            cpu += (int(fields[11]) + int(fields[12])) / TICKS
            rss += int(fields[21]) * os.sysconf("SC_PAGE_SIZE") / 2**20
        except (OSError, IndexError):
            pass
    return cpu, rss


def pss(pids: list[int]) -> float:
    """Proportional set size in MB: pages shared between the forkserver and its parser
    processes are counted once, unlike RSS."""
    total = 0.0
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1]) / 1024
        except (OSError, IndexError, ValueError):
            pass
    return total


def sides(monitor_pid: int) -> dict[str, list[int]]:
    pids = tree(monitor_pid)
    broker = [p for p in pids if b"tansu" in _cmdline(p)]
    return {"poller": [p for p in pids if p not in broker], "broker": broker}


def _cmdline(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


def scrape(monitor: MonitorProcess) -> dict[str, float]:
    _, text = monitor.get("/metrics")
    values: dict[str, float] = {"fetches": 0.0}
    for family in text_string_to_metric_families(text.decode()):
        for sample in family.samples:
            if sample.name == "monitor_feed_fetches_total":
                values["fetches"] += sample.value
                values[f"status_{sample.labels['status']}"] = sample.value
            elif sample.name in ("monitor_feed_poll_delay_seconds_sum", "monitor_feed_poll_delay_seconds_count",
                                 "monitor_feeds_due", "monitor_feed_entries_total"):
                values[sample.name] = values.get(sample.name, 0.0) + sample.value
    return values


def run(feeds: int = FEEDS, window: float = WINDOW) -> dict:
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "benchmarks.poll_scale", "serve", str(port)],
                              cwd=Path(__file__).resolve().parents[1], stdout=subprocess.PIPE, text=True)
    try:
        assert server.stdout.readline().strip() == "serving", "the feed server did not start"
        lines = "".join(f"  - {{id: f{n}, url: 'http://{HOSTS[n % len(HOSTS)]}:{port}/feed/{n}.xml', interval: {INTERVAL}s}}\n"
                        for n in range(feeds))
        with tempfile.TemporaryDirectory() as tmp:
            # pace adaptation off: it would rightly slow feeds that publish every 10 min, and the
            # demand to measure against is every feed every 10 s
            monitor = MonitorProcess(Path(tmp), "feeds:\n" + lines,
                                     {"MONITOR_LOG_LEVEL": "warning", "MONITOR_POLL_ADAPT": "false"})
            try:
                monitor.wait_healthy(120)
                # the first polls are spread over feeds/50 s; then one more interval to settle
                warmup = max(5.0, feeds / 50) + 2 * INTERVAL
                time.sleep(warmup)
                before, started = scrape(monitor), time.monotonic()
                groups = sides(monitor.process.pid)
                cpu_before = {name: usage(pids)[0] for name, pids in groups.items()}
                server_cpu_before = usage([server.pid])[0]
                peak_rss = 0.0
                while time.monotonic() - started < window:
                    time.sleep(2)
                    peak_rss = max(peak_rss, usage(sides(monitor.process.pid)["poller"])[1])
                after, elapsed = scrape(monitor), time.monotonic() - started
                groups = sides(monitor.process.pid)
                cpu = {name: usage(pids)[0] - cpu_before.get(name, 0.0) for name, pids in groups.items()}
                rss = {name: usage(pids)[1] for name, pids in groups.items()}
                main_rss = usage([monitor.process.pid])[1]
                server_cpu = usage([server.pid])[0] - server_cpu_before
                poller_pss = pss(groups["poller"])
            finally:
                monitor.stop()
    finally:
        server.terminate()
        server.wait(10)

    def delta(key: str) -> float:
        return after.get(key, 0.0) - before.get(key, 0.0)

    achieved = delta("fetches") * 60 / elapsed
    demand = feeds * 60 / INTERVAL
    polls = delta("monitor_feed_poll_delay_seconds_count")
    statuses = {k.removeprefix("status_"): round(delta(k)) for k in after if k.startswith("status_") and delta(k)}
    return {
        "feeds": feeds,
        "interval_seconds": INTERVAL,
        "hosts": len(HOSTS),
        "window_seconds": round(elapsed),
        "demand_fetches_per_min": round(demand),
        "achieved_fetches_per_min": round(achieved),
        "kept_up_percent": round(100 * achieved / demand, 1),
        "statuses_in_window": statuses,
        "mean_poll_start_delay_s": round(delta("monitor_feed_poll_delay_seconds_sum") / polls, 3) if polls else None,
        "feeds_due_at_end": after.get("monitor_feeds_due"),
        "poller_cpu_percent_of_one_core": round(100 * cpu["poller"] / elapsed, 1),
        "broker_cpu_percent_of_one_core": round(100 * cpu["broker"] / elapsed, 1),
        "feed_server_cpu_percent_of_one_core": round(100 * server_cpu / elapsed, 1),
        "monitor_process_rss_mb": round(main_rss, 1),
        "poller_side_rss_mb (monitor+forkserver+parsers, shared pages counted twice)": round(rss["poller"], 1),
        "poller_side_peak_rss_mb": round(peak_rss, 1),
        "poller_side_pss_mb": round(poller_pss, 1),
        "broker_rss_mb": round(rss["broker"], 1),
    }


if __name__ == "__main__":
    if sys.argv[1:2] == ["serve"]:
        serve(int(sys.argv[2]))
    else:
        for key, value in run().items():
            print(f"{key}: {value}")
