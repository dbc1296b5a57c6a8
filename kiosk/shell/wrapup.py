"""Ending a visit: who is signed in and 结束办理, in one fixed place on every screen, and
"还要办别的事吗？" once a task is done, signing out by itself unless the senior answers.

A task is done when its answer is on the screen (the booking receipt, an application's
status). Then, once the kiosk has finished speaking that screen, it asks aloud and shows a
countdown (`idle.wrapup_s`, 30 s) beside 还要办 / 结束办理; any touch is an answer. At zero
the visit ends exactly as 结束办理 ends it (Session.end: everything wiped, home).
"""

from __future__ import annotations

import math
from collections.abc import Callable

from PySide6.QtCore import Property, QObject, QTimer, Signal, Slot

from kiosk.shell.i18n import I18n
from kiosk.shell.navigator import Navigator
from kiosk.shell.registry import qml_singleton
from kiosk.speech.output import SpeechOutput

TICK_MS = 1000
# Screens that show a finished task's answer: the kiosk asks whether there is more to do.
TASK_DONE_SCREENS = frozenset({"booking_receipt", "progress_detail"})


@qml_singleton
class Wrapup(QObject):
    changed = Signal()

    def __init__(
        self,
        seconds: int,
        *,
        i18n: I18n,
        navigator: Navigator,
        speech: SpeechOutput,
        end_visit: Callable[[], None],
        parent: QObject | None = None,
    ):
        super().__init__(parent)
        self._seconds, self._i18n, self._nav, self._speech = seconds, i18n, navigator, speech
        self._end_visit = end_visit
        self._pending = False  # a task is done; ask once the kiosk is quiet
        self._asked = False  # the question is on screen (until the screen changes)
        self._left: float | None = None  # counting down: seconds until the visit ends by itself
        self._timer = QTimer(self, interval=TICK_MS)
        self._timer.timeout.connect(lambda: self.advance(TICK_MS / 1000))
        navigator.entered.connect(self._on_screen)
        i18n.changed.connect(self.changed)

    @Property(bool, notify=changed)
    def asking(self) -> bool:
        return self._asked

    @Property(int, notify=changed)
    def secondsLeft(self) -> int:
        return math.ceil(self._left) if self._left is not None else 0

    @Property(str, notify=changed)
    def countdownText(self) -> str:
        """The countdown; empty once the senior has touched the screen (they are there)."""
        if self._left is None:
            return ""
        return self._i18n.pack.fill("wrapup.countdown", seconds=self.secondsLeft)

    @Slot()
    def keepGoing(self) -> None:
        """还要办: the senior has more to do — to the home screen, still signed in."""
        self.cancel()
        self._nav.home()

    @Slot()
    def endVisit(self) -> None:
        """结束办理 (the fixed button, or the countdown at zero)."""
        self.cancel()
        self._end_visit()

    def task_done(self) -> None:
        self._pending, self._asked, self._left = True, False, None
        self._timer.start()

    def touched(self) -> None:
        """Any touch answers: no signing out by itself. The question stays (its buttons may
        be what was touched) until the screen changes."""
        counting = self._left is not None
        self._pending, self._left = False, None
        self._timer.stop()
        if counting:
            self.changed.emit()

    def cancel(self) -> None:
        """Another screen (or the visit's end): no question any more."""
        was_asked = self._asked
        self.touched()
        self._asked = False
        if was_asked:
            self.changed.emit()

    def advance(self, seconds: float) -> None:
        """Time passes (the 1 s timer; tests call it directly). Waits while the kiosk speaks."""
        if self._speech.is_speaking():
            return
        if self._pending:
            self._pending, self._asked, self._left = False, True, float(self._seconds)
            self._speech.say(self._i18n.pack.spoken["wrapup.ask"])
        elif self._left is not None:
            self._left -= seconds
            if self._left <= 0:
                self.endVisit()
                return
        self.changed.emit()

    def reset(self) -> None:
        self.cancel()

    def stop(self) -> None:
        self._timer.stop()

    def _on_screen(self, screen_id: str) -> None:
        if screen_id in TASK_DONE_SCREENS:
            self.task_done()
        else:
            self.cancel()
