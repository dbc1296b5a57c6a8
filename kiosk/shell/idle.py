"""Idle: warn a quiet senior, count down, extend with one tap, and end the visit at zero."""

from __future__ import annotations

import math
from collections.abc import Callable

from PySide6.QtCore import Property, QObject, QTimer, Signal, Slot

from kiosk.config import IdleConfig
from kiosk.shell.i18n import I18n
from kiosk.shell.idle_policy import IdlePolicy, Phase
from kiosk.shell.registry import qml_singleton
from kiosk.speech.output import SpeechOutput

TICK_MS = 1000


@qml_singleton
class Idle(QObject):
    changed = Signal()

    def __init__(
        self,
        config: IdleConfig,
        *,
        i18n: I18n,
        speech: SpeechOutput,
        engaged: Callable[[], bool],
        expire: Callable[[], None],
        parent: QObject | None = None,
    ):
        super().__init__(parent)
        self._policy = IdlePolicy(config.warning_after_s, config.countdown_s, config.max_extensions)
        self._i18n, self._speech = i18n, speech
        self._engaged = engaged  # () -> bool: is anyone mid-visit (not on an empty home screen)?
        self._expire = expire
        self._timer = QTimer(self, interval=TICK_MS)
        self._timer.timeout.connect(lambda: self.advance(TICK_MS / 1000))
        self._timer.start()
        i18n.changed.connect(self.changed)

    def set_config(self, config: IdleConfig) -> None:
        """New timings from a remote setting (between visits, so no countdown is running)."""
        self._policy = IdlePolicy(config.warning_after_s, config.countdown_s, config.max_extensions)
        self.changed.emit()

    @Property(bool, notify=changed)
    def warning(self) -> bool:
        return self._policy.phase is Phase.WARNING

    @Property(int, notify=changed)
    def secondsLeft(self) -> int:
        return math.ceil(self._policy.remaining_s)

    @Property(str, notify=changed)
    def countdownText(self) -> str:
        return self._i18n.pack.fill("idle.countdown", seconds=self.secondsLeft)

    @Property(bool, notify=changed)
    def canExtend(self) -> bool:
        return self._policy.can_extend

    @property
    def extensions_used(self) -> int:
        return self._policy.extensions_used

    @Slot()
    def extend(self) -> None:
        if self._policy.extend():
            self._speech.stop()
            self.changed.emit()

    @Slot()
    def endNow(self) -> None:
        self._expire()

    def touch(self) -> None:
        self._policy.touch()

    def keep_alive(self) -> None:
        """Someone is helping remotely (a hotline worker's event): like a touch, and an open
        warning is answered as if 继续 was pressed."""
        if self.warning:
            self.extend()
        else:
            self.touch()

    def advance(self, seconds: float) -> None:
        """Time passes (the 1 s timer; tests call it directly to skip minutes)."""
        if not self._engaged():
            self._policy.reset()
            return
        before = self._policy.phase
        remaining = self.secondsLeft
        phase = self._policy.advance(seconds, paused=self._speech.is_speaking())
        if phase is Phase.EXPIRED:
            self._expire()
            return
        if phase is Phase.WARNING and before is not Phase.WARNING:
            self._speech.say(self._i18n.pack.spoken["idle.warning"])
        if phase is not before or self.secondsLeft != remaining:
            self.changed.emit()

    def reset(self) -> None:
        self._policy.reset()
        self.changed.emit()

    def stop(self) -> None:
        self._timer.stop()
