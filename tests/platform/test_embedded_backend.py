"""The embedded demo backend: a real child process, started without blocking, always stopped."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

from kiosk.config import BackendConfig, KioskConfig
from kiosk.embedded_backend import (
    BackendStartError,
    EmbeddedBackend,
    RemoteBackend,
    backend_for,
    demo_data_dir,
    demo_terminal_token,
)

ROOT = Path(__file__).resolve().parents[2]
START_S = 120  # generous: two shared cores; a slow start is a benchmark figure, not a failure


def gone(pid: int) -> bool:
    """No such process, or only a zombie nobody reaped (PID 1 in a container may not reap)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return True
    return "State:\tZ" in status


def wait_gone(pid: int, timeout_s: float = 15) -> bool:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if gone(pid):
            return True
        time.sleep(0.1)
    return False


def refused(url: str) -> bool:
    try:
        requests.get(f"{url}/api/v1/health", timeout=2)
    except requests.ConnectionError:
        return True
    return False


def test_start_returns_at_once_serves_demo_data_and_stops(tmp_path):
    from backend.demo import DEMO_TERMINAL_TOKEN

    backend = EmbeddedBackend(tmp_path)
    future = backend.start()
    assert backend.start() is future  # idempotent
    endpoint = future.result(START_S)
    # The kiosk's own token, kept owner-only beside the demo database, not the public one.
    assert endpoint.demo and endpoint.terminal_token != DEMO_TERMINAL_TOKEN
    token_file = tmp_path / "demo-terminal-token"
    assert token_file.read_text().strip() == endpoint.terminal_token
    assert token_file.stat().st_mode & 0o777 == 0o600
    assert endpoint.url.startswith("http://127.0.0.1:")
    health = requests.get(f"{endpoint.url}/api/v1/health", timeout=5).json()
    assert health["status"] == "ok" and health["demo"] is True
    auth = {"Authorization": f"Bearer {endpoint.terminal_token}"}
    assert requests.get(f"{endpoint.url}/api/v1/services", headers=auth, timeout=5).ok
    assert (tmp_path / "demo.sqlite3").is_file()
    assert backend.startup_s is not None and backend.startup_s > 0
    pid = backend.pid
    backend.stop()
    assert not backend.running() and wait_gone(pid)
    assert refused(endpoint.url)
    backend.stop()  # a second stop is harmless


PARENT = """
import sys, time
from kiosk.embedded_backend import EmbeddedBackend
backend = EmbeddedBackend(sys.argv[1])
endpoint = backend.start().result(120)
heavy = sorted(m for m in ("backend.demo", "fastapi", "sqlalchemy") if m in sys.modules)
print(backend.pid, endpoint.url, ",".join(heavy) or "-", flush=True)
time.sleep(600)
"""


def test_child_dies_when_the_kiosk_is_killed(tmp_path):
    parent = subprocess.Popen(
        [sys.executable, "-c", PARENT, str(tmp_path)],
        stdout=subprocess.PIPE, text=True, cwd=ROOT,
    )  # fmt: skip
    try:
        line = parent.stdout.readline()
        assert line, "the parent did not report the backend"
        pid_text, url, heavy = line.split()
        assert heavy == "-", "the kiosk process imported the backend's web stack"
        child = int(pid_text)
        assert not gone(child) and not refused(url)
        os.kill(parent.pid, signal.SIGKILL)
        parent.wait(10)
        assert wait_gone(child), "the demo backend outlived the killed kiosk"
        assert refused(url)
    finally:
        parent.kill()
        parent.wait()


def test_a_child_that_fails_to_start_is_a_clear_error(tmp_path):
    backend = EmbeddedBackend(tmp_path, extra_args=("--no-such-option",))
    with pytest.raises(BackendStartError, match="exited with code") as caught:
        backend.start().result(START_S)
    assert "demo-backend.log" in str(caught.value)
    backend.stop()


def test_a_start_that_times_out_leaves_no_child(tmp_path):
    backend = EmbeddedBackend(tmp_path, startup_timeout_s=0.05)
    with pytest.raises(BackendStartError, match="did not start within"):
        backend.start().result(START_S)
    assert backend.pid is not None and wait_gone(backend.pid)
    backend.stop()


def test_stop_while_starting(tmp_path):
    backend = EmbeddedBackend(tmp_path)
    future = backend.start()
    backend.stop()
    with pytest.raises(BackendStartError):
        future.result(START_S)
    assert backend.pid is None or wait_gone(backend.pid)


def test_unwritable_data_dir(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("")
    with pytest.raises(BackendStartError, match="cannot start"):
        EmbeddedBackend(blocker / "data").start().result(START_S)


def test_backend_for_config(tmp_path):
    remote = backend_for(
        KioskConfig(backend=BackendConfig(url="https://api.example.gov.cn/", terminal_token="t"))
    )
    assert isinstance(remote, RemoteBackend)
    endpoint = remote.start().result(0)
    assert (endpoint.url, endpoint.terminal_token, endpoint.demo) == (
        "https://api.example.gov.cn",
        "t",
        False,
    )
    embedded = backend_for(KioskConfig(backend=BackendConfig(demo_data_dir=str(tmp_path))))
    assert isinstance(embedded, EmbeddedBackend) and embedded.data_dir == tmp_path
    assert demo_data_dir(KioskConfig()).name == "civic-kiosk"


def test_demo_token_is_made_once_per_data_dir_and_a_bad_file_is_replaced(tmp_path):
    first = demo_terminal_token(tmp_path)
    assert len(first) >= 32 and demo_terminal_token(tmp_path) == first
    (tmp_path / "demo-terminal-token").write_bytes(b"\xff short")
    replaced = demo_terminal_token(tmp_path)
    assert replaced != first and len(replaced) >= 32


def test_a_restarted_backend_answers_to_the_kept_token_and_not_the_public_one(tmp_path):
    from backend.demo import DEMO_TERMINAL_TOKEN

    for _ in range(2):  # the second start finds the demo database already seeded
        backend = EmbeddedBackend(tmp_path)
        endpoint = backend.start().result(START_S)
        try:
            services = f"{endpoint.url}/api/v1/services"
            mine = {"Authorization": f"Bearer {endpoint.terminal_token}"}
            public = {"Authorization": f"Bearer {DEMO_TERMINAL_TOKEN}"}
            assert requests.get(services, headers=mine, timeout=5).ok
            assert requests.get(services, headers=public, timeout=5).status_code == 401
        finally:
            backend.stop()
