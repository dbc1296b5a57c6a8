"""kiosk-backend CLI pieces that the live-server tests do not show."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
from pathlib import Path

from backend.serve import _listening_socket

REPO_ROOT = Path(__file__).resolve().parents[2]


def test_served_socket_disables_nagle():
    # Without TCP_NODELAY on accepted connections every keep-alive response waited ~40 ms.
    sock = _listening_socket("127.0.0.1", 0)
    try:
        assert sock.proto == socket.IPPROTO_TCP  # asyncio sets TCP_NODELAY per connection only then
        assert sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) == 1
        client = socket.create_connection(sock.getsockname())
        accepted, _ = sock.accept()
        assert accepted.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) == 1
        client.close()
        accepted.close()
    finally:
        sock.close()


def test_serve_on_a_busy_port_says_so_and_exits_2(tmp_path):
    busy = socket.socket()
    busy.bind(("127.0.0.1", 0))
    busy.listen(1)
    try:
        port = busy.getsockname()[1]
        r = subprocess.run(
            [
                sys.executable,
                "-m",
                "backend.cli",
                "serve",
                "--port",
                str(port),
                "--database-url",
                f"sqlite:///{tmp_path / 'db.sqlite3'}",
                "--seed-if-empty",  # a database at schema head, so only the port can fail
            ],
            capture_output=True,
            text=True,
            timeout=120,
            cwd=REPO_ROOT,
        )
    finally:
        busy.close()
    assert r.returncode == 2 and "cannot listen" in r.stderr and "READY" not in r.stdout


def test_openapi_subcommand_prints_the_document():
    r = subprocess.run(
        [sys.executable, "-m", "backend.cli", "openapi"],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=REPO_ROOT,
        check=True,
    )
    assert json.loads(r.stdout)["info"]["title"] == "Civic Kiosk civil-affairs API"
