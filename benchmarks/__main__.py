"""`make bench`: every benchmark, with the hardware it ran on. Figures are for comparison on
the same machine (ratios, or against the targets in each module); these machines are noisy."""

from __future__ import annotations

import os
import platform
import sys
import time

from benchmarks import detect_core, pipeline_latency, pipeline_throughput, poll_scale

BENCHMARKS = {
    "detect_core": detect_core.run,
    "pipeline_latency": pipeline_latency.run,
    "pipeline_throughput": pipeline_throughput.run,
    "poll_scale": poll_scale.run,
}


def hardware() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")), platform.processor())
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{os.cpu_count()} cores, {cpu}, {memory:.0f} GiB, Python {platform.python_version()}"


def main(names: list[str]) -> int:
    print(f"hardware: {hardware()}")
    for name, bench in BENCHMARKS.items():
        if names and name not in names:
            continue
        started = time.monotonic()
        print(f"\n== {name}")
        for key, value in bench().items():
            print(f"  {key}: {value}")
        print(f"  (took {time.monotonic() - started:.0f}s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
