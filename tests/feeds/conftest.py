"""Loopback servers standing in for publishers, and a net that fails any test whose code
tries to connect beyond loopback (the fetcher's guard should make that impossible)."""

from __future__ import annotations

import asyncio
import ipaddress
from collections.abc import AsyncIterator, Awaitable, Callable

import pytest
from aiohttp import web
from aiohttp.test_utils import TestServer

LOOPBACK = (ipaddress.ip_network("127.0.0.0/8"),)


@pytest.fixture(autouse=True)
def loopback_only(monkeypatch: pytest.MonkeyPatch):
    """Refuse, and then fail the test for, any socket connection outside loopback."""
    escapes: list[object] = []
    original = asyncio.selector_events.BaseSelectorEventLoop.sock_connect

    async def guarded(loop, sock, address):
        host = address[0] if isinstance(address, tuple) else address
        if not ipaddress.ip_address(str(host).split("%")[0]).is_loopback:
            escapes.append(address)
            raise ConnectionRefusedError(f"test tried to reach {address}")
        return await original(loop, sock, address)

    monkeypatch.setattr(asyncio.selector_events.BaseSelectorEventLoop, "sock_connect", guarded)
    yield
    assert not escapes, f"connections attempted beyond loopback: {escapes}"


@pytest.fixture
async def serve() -> AsyncIterator[Callable[[web.Application], Awaitable[TestServer]]]:
    """Start aiohttp applications on 127.0.0.1; they are closed after the test."""
    servers: list[TestServer] = []

    async def start(app: web.Application) -> TestServer:
        server = TestServer(app, host="127.0.0.1")
        await server.start_server()
        servers.append(server)
        return server

    yield start
    for server in servers:
        await server.close()


@pytest.fixture
async def raw_server() -> AsyncIterator[Callable[[bytes], Awaitable[int]]]:
    """A TCP server on 127.0.0.1 that answers any request with the given bytes verbatim,
    for responses aiohttp.web refuses to produce (a lying Content-Length)."""
    servers: list[asyncio.Server] = []

    async def start(response: bytes) -> int:
        async def answer(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            await reader.readuntil(b"\r\n\r\n")
            writer.write(response)
            await writer.drain()
            writer.close()

        server = await asyncio.start_server(answer, "127.0.0.1", 0)
        servers.append(server)
        return server.sockets[0].getsockname()[1]

    yield start
    for server in servers:
        server.close()
        await server.wait_closed()
