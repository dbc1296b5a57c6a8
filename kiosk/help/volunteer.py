"""Volunteer: assisted mode (志愿者协助). A volunteer signs in on the kiosk with their number
(typed on the full on-screen keyboard: numbers look like V-0001) and PIN; bookings are then
made on the senior's behalf (booked_by volunteer, with the volunteer's id), a badge
"志愿者 V-0001 代办" stays visible, and the mode ends with the session.
"""

from __future__ import annotations

import enum

from PySide6.QtCore import Property, QEnum, QObject, Signal, Slot

from kiosk.api import errors
from kiosk.api.help_models import VolunteerSignIn
from kiosk.shell.deps import ScreenDeps
from kiosk.shell.registry import qml_singleton

VOLUNTEER = "volunteer"
# The full keyboard: digits, letters A–Z, the dash of "V-0001" (alphabetical: the keys wrap
# into as many columns as fit, so keyboard rows could not keep their shape anyway).
KEYBOARD = "1234567890ABCDEFGHIJKLMNOPQRSTUVWXYZ-"
PIN_KEYS = ("1", "2", "3", "4", "5", "6", "7", "8", "9", "0")
MAX_NUMBER = 12
MIN_PIN, MAX_PIN = 4, 12
_STEP_PROMPTS = {"pin": "volunteer.pin"}


@qml_singleton
class Volunteer(QObject):
    changed = Signal()

    @QEnum
    class Step(enum.IntEnum):  # QML compares Volunteer.step with Volunteer.NUMBER etc.
        NUMBER, PIN, CHECKING = range(3)

    def __init__(self, deps: ScreenDeps):
        super().__init__(deps.owner)
        self._i18n, self._nav, self._network = deps.i18n, deps.navigator, deps.network
        self._step = "number"  # number | pin | checking
        self._number = ""
        self._pin = ""
        self._problem = ""  # [ui] key
        self._signed_in: VolunteerSignIn | None = None
        deps.navigator.entered.connect(self._on_screen)
        deps.i18n.changed.connect(self.changed)

    def volunteer_id(self) -> str | None:
        """The signed-in volunteer's id (bookings are made on the senior's behalf), or None."""
        return self._signed_in.volunteer_id if self._signed_in else None

    # -- what QML shows -------------------------------------------------------------------
    @Property(int, notify=changed)
    def step(self) -> int:
        return Volunteer.Step[self._step.upper()]

    @Property(bool, notify=changed)
    def canContinue(self) -> bool:
        """下一步 / 登录 can be pressed: a number typed, or a PIN of at least MIN_PIN digits."""
        if self._step == "number":
            return bool(self._number)
        return self._step == "pin" and len(self._pin) >= MIN_PIN

    @Property("QStringList", constant=True)
    def keyboardKeys(self) -> list[str]:
        return list(KEYBOARD)

    @Property("QStringList", constant=True)
    def pinKeys(self) -> list[str]:
        return list(PIN_KEYS)

    @Property(str, notify=changed)
    def numberText(self) -> str:
        return self._number

    @Property(int, notify=changed)
    def pinLength(self) -> int:
        return len(self._pin)

    @Property(str, notify=changed)
    def problemText(self) -> str:
        return self._i18n.pack.text(self._problem) if self._problem else ""

    @Property(bool, notify=changed)
    def signedIn(self) -> bool:
        return self._signed_in is not None

    @Property(str, notify=changed)
    def badgeText(self) -> str:
        v = self._signed_in
        return self._i18n.pack.fill("volunteer.badge", number=v.volunteer_id) if v else ""

    # -- what QML calls -------------------------------------------------------------------
    @Slot(str)
    def press(self, key: str) -> None:
        if (
            self._step == "number"
            and len(self._number) < MAX_NUMBER
            and len(key) == 1
            and key in KEYBOARD
        ):
            self._number += key
        elif self._step == "pin" and len(self._pin) < MAX_PIN and key in PIN_KEYS:
            self._pin += key
        else:
            return
        self._problem = ""
        self.changed.emit()

    @Slot()
    def backspace(self) -> None:
        if self._step == "number":
            self._number = self._number[:-1]
        elif self._step == "pin":
            self._pin = self._pin[:-1]
        self.changed.emit()

    @Slot()
    def next(self) -> None:
        """下一步 after the number; 登录 after the PIN."""
        if self._step == "number" and self._number:
            self._set_step("pin")
        elif self._step == "pin" and len(self._pin) >= MIN_PIN:
            self._sign_in()

    @Slot()
    def editNumber(self) -> None:
        if self._step == "pin":
            self._pin = ""
            self._set_step("number")

    @Slot()
    def signOut(self) -> None:
        """结束代办 on the badge (the session's end does the same)."""
        if self._signed_in is not None:
            self._signed_in = None
            self._network.call(lambda client: client.volunteer_sign_out(), quiet=True)
            self.changed.emit()

    def reset(self) -> None:
        self.signOut()
        self._clear_entry()

    # -- internals ------------------------------------------------------------------------
    def _set_step(self, step: str) -> None:
        self._step = step
        self.changed.emit()
        if step in _STEP_PROMPTS or step == "number":
            self._nav.set_step_prompt(_STEP_PROMPTS.get(step))

    def _clear_entry(self) -> None:
        self._step, self._number, self._pin, self._problem = "number", "", "", ""
        self.changed.emit()

    def _sign_in(self) -> None:
        number, pin = self._number, self._pin
        self._step = "checking"
        self.changed.emit()
        self._network.call(
            lambda client: client.volunteer_sign_in(number, pin),
            on_ok=self._signed,
            on_error=self._refused,
            handles=(errors.Unauthorized, errors.RateLimited, errors.Invalid),
            on_dismiss=lambda: self._set_step("pin"),
        )

    def _signed(self, result: object) -> None:
        assert isinstance(result, VolunteerSignIn)
        self._signed_in = result
        self._clear_entry()
        self._nav.back()  # back to where the senior was, now in assisted mode

    def _refused(self, error: errors.ApiError) -> None:
        self._pin = ""
        self._problem = (
            "volunteer.locked" if isinstance(error, errors.RateLimited) else "volunteer.refused"
        )
        self._set_step("pin")

    def _on_screen(self, screen_id: str) -> None:
        if screen_id == VOLUNTEER and not self._nav.returning:
            self._clear_entry()
