"""Tell systemd the kiosk is up, and keep telling it that the GUI thread is alive.

READY=1 goes out when the window has drawn its first frame; WATCHDOG=1 from a QTimer on
the GUI thread, at half the interval systemd asks for (WatchdogSec=). A GUI thread stuck
in a call (a wedged driver, a deadlock) stops the pings, systemd kills the kiosk and
Restart=always brings it back. Worker threads that still run cannot hide such a hang.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping

from PySide6.QtCore import QObject, QTimer

from kiosk import resources
from kiosk.terminal import sd_notify

log = logging.getLogger(__name__)


class GuiWatchdog(QObject):
    def __init__(
        self,
        env: Mapping[str, str] | None = None,
        send: Callable[[str], bool] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        kwargs = {} if env is None else {"env": env}
        self._send = send or (lambda message: sd_notify.notify(message, **kwargs))
        self._timer = QTimer(self)  # created on, and firing on, the GUI thread
        self._timer.timeout.connect(self._ping)
        interval = sd_notify.watchdog_interval_s(**kwargs)
        if interval is not None:
            self._timer.start(max(100, int(interval * 1000 / 2)))
            log.info("systemd watchdog: pinging every %.1f s", interval / 2)

    @property
    def active(self) -> bool:
        return self._timer.isActive()

    def ready(self) -> None:
        """READY=1, once the window has put its first frame on screen (KioskApp calls it)."""
        self._send(f"READY=1\nSTATUS=serving ({resources.describe()})")

    def _ping(self) -> None:
        self._send("WATCHDOG=1")

    def stopping(self) -> None:
        self._timer.stop()
        self._send("STOPPING=1")
