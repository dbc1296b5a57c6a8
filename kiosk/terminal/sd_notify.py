"""sd_notify(3) without libsystemd: one datagram to $NOTIFY_SOCKET per message.

systemd (or any supervisor that sets NOTIFY_SOCKET) learns from these that the kiosk is
up (READY=1), alive (WATCHDOG=1) and what it is doing (STATUS=…). Without NOTIFY_SOCKET
every call is a cheap no-op, so the kiosk behaves the same outside a service.
"""

from __future__ import annotations

import logging
import os
import socket
from collections.abc import Mapping

log = logging.getLogger(__name__)


def _address(raw: str) -> str | bytes | None:
    if raw.startswith("@"):  # abstract namespace: a leading NUL instead of the @
        return b"\0" + raw[1:].encode()
    if raw.startswith("/"):
        return raw
    return None  # vsock and other families are not used for a kiosk


def notify(message: str, env: Mapping[str, str] = os.environ) -> bool:
    """Send `message` (e.g. "READY=1\\nSTATUS=…"); True when a supervisor took it."""
    address = _address(env.get("NOTIFY_SOCKET", ""))
    if address is None:
        return False
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM | socket.SOCK_CLOEXEC) as sock:
            sock.sendto(message.encode(), address)
    except OSError as exc:  # a supervisor that went away must not take the kiosk with it
        log.warning("sd_notify to %s failed: %s", env.get("NOTIFY_SOCKET"), exc)
        return False
    return True


def watchdog_interval_s(env: Mapping[str, str] = os.environ) -> float | None:
    """Seconds within which the supervisor wants WATCHDOG=1, or None when none is asked for.

    WATCHDOG_PID names the process the watchdog is meant for: the service's main process.
    Under cage that is the compositor, our parent, so the kiosk (NotifyAccess=all) also
    answers for its parent; a grandchild inheriting the variables does not.
    """
    try:
        usec = int(env.get("WATCHDOG_USEC", ""))
    except ValueError:
        return None
    pid = env.get("WATCHDOG_PID", "")
    if usec <= 0 or (pid and pid not in (str(os.getpid()), str(os.getppid()))):
        return None
    return usec / 1_000_000
