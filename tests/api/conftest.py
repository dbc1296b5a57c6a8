"""Fixtures for the client tests: misbehaving servers and clients pointed at them."""

from __future__ import annotations

import pytest

from kiosk.api import ApiClient

from .fault_server import FaultServer

TOKEN = "terminal-test-token"


@pytest.fixture
def fault_server():
    """Factory: `fault_server(script)` starts a FaultServer; all are stopped afterwards."""
    servers: list[FaultServer] = []

    def start(script) -> FaultServer:
        server = FaultServer(script)
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.stop()


def client_for(url: str, terminal_token: str = TOKEN, **options) -> ApiClient:
    """A client with short bounds so fault tests stay quick."""
    options = {"connect_timeout": 1.0, "read_timeout": 0.5, "retries": 2, "backoff": 0.01} | options
    return ApiClient(url, terminal_token, **options)
