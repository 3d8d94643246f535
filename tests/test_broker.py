import asyncio
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer

from monitor import broker
from support import pid_alive


async def test_embedded_broker_speaks_kafka_and_stops(tmp_path: Path):
    """The Tansu broker starts on a free loopback port, carries a message both ways, and stops."""
    with broker.running(tmp_path) as embedded:
        bootstrap = embedded.url.removeprefix("kafka://")
        producer = AIOKafkaProducer(bootstrap_servers=bootstrap)
        await producer.start()
        await producer.send_and_wait("probe", b"bonjour", key=b"k")
        await producer.stop()
        consumer = AIOKafkaConsumer("probe", bootstrap_servers=bootstrap, auto_offset_reset="earliest", group_id=None)
        await consumer.start()
        try:
            message = await asyncio.wait_for(consumer.getone(), 20)
        finally:
            await consumer.stop()
        assert (message.key, message.value) == (b"k", b"bonjour")
        pid = embedded.process.pid
    assert embedded.process.poll() is not None and not pid_alive(pid)


def test_broker_dies_with_a_killed_parent(tmp_path: Path):
    """If the monitor is killed outright (SIGKILL), the kernel takes its broker down too."""
    script = (
        "import sys, time; from pathlib import Path; from monitor import broker\n"
        f"b = broker.start(Path({str(tmp_path)!r}))\n"
        "print(b.process.pid, flush=True); time.sleep(60)\n"
    )
    parent = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    broker_pid = int(parent.stdout.readline())
    assert pid_alive(broker_pid)
    os.kill(parent.pid, signal.SIGKILL)
    parent.wait(10)
    deadline = time.monotonic() + 10
    while pid_alive(broker_pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not pid_alive(broker_pid)
