"""sd_notify over a real datagram socket, and the GUI-thread watchdog that uses it."""

from __future__ import annotations

import os
import socket
import threading
import time

import pytest
from PySide6.QtCore import QCoreApplication, QEventLoop

from kiosk import resources
from kiosk.terminal import sd_notify
from kiosk.terminal.watchdog import GuiWatchdog


@pytest.fixture
def notify_socket(tmp_path):
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind(str(tmp_path / "notify"))
    sock.settimeout(0.05)
    yield sock, str(tmp_path / "notify")
    sock.close()


def _received(sock: socket.socket) -> list[str]:
    got = []
    while True:
        try:
            got.append(sock.recv(4096).decode())
        except TimeoutError:
            return got


def test_notify_sends_one_datagram_to_a_path_or_abstract_socket(notify_socket):
    sock, path = notify_socket
    assert sd_notify.notify("READY=1\nSTATUS=up", {"NOTIFY_SOCKET": path})
    assert _received(sock) == ["READY=1\nSTATUS=up"]
    abstract = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    abstract.bind(f"\0kiosk-test-{os.getpid()}")
    abstract.settimeout(0.05)
    with abstract:
        assert sd_notify.notify("WATCHDOG=1", {"NOTIFY_SOCKET": f"@kiosk-test-{os.getpid()}"})
        assert _received(abstract) == ["WATCHDOG=1"]


def test_notify_without_or_with_a_dead_socket_is_a_quiet_no(tmp_path):
    assert not sd_notify.notify("READY=1", {})
    assert not sd_notify.notify("READY=1", {"NOTIFY_SOCKET": str(tmp_path / "gone")})
    assert not sd_notify.notify("READY=1", {"NOTIFY_SOCKET": "vsock:2:1"})


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"WATCHDOG_USEC": "4000000"}, 4.0),
        ({"WATCHDOG_USEC": "4000000", "WATCHDOG_PID": str(os.getpid())}, 4.0),
        ({"WATCHDOG_USEC": "4000000", "WATCHDOG_PID": str(os.getppid())}, 4.0),  # cage's
        ({"WATCHDOG_USEC": "4000000", "WATCHDOG_PID": "1"}, None),  # someone else's
        ({"WATCHDOG_USEC": "0"}, None),
        ({"WATCHDOG_USEC": "soon"}, None),
        ({}, None),
    ],
)
def test_watchdog_interval_is_for_us_or_our_compositor_only(env, expected):
    assert sd_notify.watchdog_interval_s(env) == expected


def _spin(seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)


def test_watchdog_pings_only_while_the_gui_thread_runs(qapp, notify_socket):
    sock, path = notify_socket
    dog = GuiWatchdog(env={"NOTIFY_SOCKET": path, "WATCHDOG_USEC": "400000"})
    assert dog.active
    _spin(1.0)
    assert _received(sock).count("WATCHDOG=1") >= 3  # every 0.2 s
    # The GUI thread blocks; another thread keeps running, as the kiosk's workers would.
    worker_alive = threading.Event()
    threading.Thread(target=lambda: (time.sleep(0.2), worker_alive.set()), daemon=True).start()
    time.sleep(1.0)
    assert worker_alive.is_set()
    assert "WATCHDOG=1" not in _received(sock)  # 1 s blocked: no ping, though 0.2 s is due
    _spin(0.5)
    assert "WATCHDOG=1" in _received(sock)  # running again: pinging again
    dog.stopping()
    assert "STOPPING=1" in _received(sock)
    assert not dog.active


def test_no_watchdog_asked_for_means_no_timer(qapp):
    sent: list[str] = []
    assert not GuiWatchdog(env={}, send=sent.append).active


def test_ready_names_the_version(qapp, notify_socket):
    """The kiosk calls ready() after its first frame (KioskApp.after_first_frame); that the
    real kiosk sends it is what the real-window and session tests wait for."""
    sock, path = notify_socket
    GuiWatchdog(env={"NOTIFY_SOCKET": path}).ready()
    assert _received(sock) == [f"READY=1\nSTATUS=serving ({resources.describe()})"]
