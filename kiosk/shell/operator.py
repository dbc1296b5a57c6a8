"""Operator panel: hidden corner (hold 5 s) → PIN (salted hash, lockout) → selftest, volume,
simulated card, exit. PIN checks and the selftest run in a worker thread."""

from __future__ import annotations

import enum
import math
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Property, QEnum, QObject, Signal, Slot

from kiosk import resources
from kiosk.config import KioskConfig
from kiosk.devices.card_reader import CardReader
from kiosk.operator_pin import PinGate, PinResult, PinStatus
from kiosk.shell.i18n import I18n
from kiosk.shell.preferences import Preferences
from kiosk.shell.registry import qml_singleton
from kiosk.shell.worker import Background

if TYPE_CHECKING:
    from kiosk.selftest import Check  # the selftest itself is imported by its worker, when run

MAX_PIN_DIGITS = 12
PIN_KEYS = ("1", "2", "3", "4", "5", "6", "7", "8", "9", "0")


@qml_singleton
class Operator(QObject):
    changed = Signal()
    exitRequested = Signal()

    @QEnum
    class State(enum.IntEnum):  # QML compares Operator.state with Operator.PIN etc.
        CLOSED, PIN, CHECKING_PIN, PANEL = range(4)

    def __init__(
        self,
        config: KioskConfig,
        *,
        gate: PinGate,
        run_checks: Callable[[], list[Check]],
        i18n: I18n,
        preferences: Preferences,
        card_reader: CardReader | None,
        parent: QObject | None = None,
    ):
        super().__init__(parent)
        self._hold_ms = int(config.operator.hold_seconds * 1000)
        self._gate = gate
        self._run_checks = run_checks
        self._i18n, self._prefs = i18n, preferences
        self._card_reader = card_reader
        self._jobs = Background(max_threads=1, parent=self)
        self._state = "closed"  # closed | pin | checking_pin | panel
        self._pin = ""
        self._message = ""
        self._checks: list[Check] = []
        self._checking = False
        i18n.changed.connect(self.changed)
        preferences.changed.connect(self.changed)

    def set_gate(self, gate: PinGate) -> None:
        """A new operator PIN hash from a remote setting."""
        self._gate = gate

    # -- state ----------------------------------------------------------------------------
    @Property("QStringList", constant=True)
    def keys(self) -> list[str]:
        return list(PIN_KEYS)

    @Property(str, constant=True)
    def version(self) -> str:
        """civic-kiosk 0.1.0: which build this terminal runs (selftest adds where from)."""
        return f"civic-kiosk {resources.VERSION}"

    @Property(int, constant=True)
    def holdMs(self) -> int:
        return self._hold_ms

    @Property(int, notify=changed)
    def state(self) -> int:
        return Operator.State[self._state.upper()]

    @Property(int, notify=changed)
    def pinLength(self) -> int:
        return len(self._pin)

    @Property(str, notify=changed)
    def message(self) -> str:
        return self._message

    @Property(bool, notify=changed)
    def checking(self) -> bool:
        return self._checking

    @Property("QVariantList", notify=changed)
    def checks(self) -> list[dict]:
        ok, missing = self._i18n.pack.text("operator.ok"), self._i18n.pack.text("operator.missing")
        return [
            {
                "name": c.name,
                "ok": c.ok,
                "status": ok if c.ok else missing,
                "detail": c.detail if c.ok else f"{c.detail} — {c.fix}",
            }  # fmt: skip
            for c in self._checks
        ]

    @Property(str, notify=changed)
    def volumeText(self) -> str:
        return self._i18n.pack.fill("operator.volume_level", level=self._prefs.volumeStep)

    @Property(bool, constant=True)
    def canSimulateCard(self) -> bool:
        return bool(getattr(self._card_reader, "demo_payloads", ()))

    # -- actions --------------------------------------------------------------------------
    @Slot()
    def open(self) -> None:
        if self._state != "closed":
            return
        self._pin = ""
        self._state = "pin"
        self._message = "" if self._gate.enabled else self._i18n.pack.text("operator.not_set")
        self._show_lockout()
        self.changed.emit()

    @Slot()
    def close(self) -> None:
        self._state, self._pin, self._message = "closed", "", ""
        self.changed.emit()

    @Slot(str)
    def press(self, digit: str) -> None:
        if (
            self._state == "pin"
            and digit.isdigit()
            and len(digit) == 1
            and len(self._pin) < MAX_PIN_DIGITS
        ):
            self._pin += digit
            self.changed.emit()

    @Slot()
    def backspace(self) -> None:
        if self._state == "pin" and self._pin:
            self._pin = self._pin[:-1]
            self.changed.emit()

    @Slot()
    def submit(self) -> None:
        if self._state != "pin" or not self._pin:
            return
        pin, self._pin = self._pin, ""
        self._state = "checking_pin"
        self.changed.emit()
        self._jobs.submit(lambda: self._gate.check(pin), self._pin_checked)

    def _pin_checked(self, result: PinResult | None, error: BaseException | None) -> None:
        if self._state != "checking_pin":
            return  # closed meanwhile
        if error is None and result is not None and result.accepted:
            self._state, self._message = "panel", ""
            self.changed.emit()
            self.runSelftest()
            return
        self._state = "pin"
        if result is not None and result.status is PinStatus.DISABLED:
            self._message = self._i18n.pack.text("operator.not_set")
        elif not self._show_lockout():
            self._message = self._i18n.pack.text("operator.wrong")
        self.changed.emit()

    def _show_lockout(self) -> bool:
        left = self._gate.retry_after_s()
        if left:
            self._message = self._i18n.pack.fill("operator.locked", minutes=math.ceil(left / 60))
        return bool(left)

    @Slot()
    def runSelftest(self) -> None:
        if self._state != "panel" or self._checking:
            return
        self._checking = True
        self.changed.emit()
        self._jobs.submit(self._run_checks, self._checked)

    def _checked(self, result: list[Check] | None, error: BaseException | None) -> None:
        self._checking = False
        if error is None and result is not None:
            self._checks = list(result)
        self.changed.emit()

    @Slot(int)
    def changeVolume(self, delta: int) -> None:
        self._prefs.setVolumeStep(self._prefs.volumeStep + delta)

    @Slot()
    def simulateCard(self) -> None:
        self.close()
        insert_demo = getattr(self._card_reader, "insert_demo", None)
        if insert_demo is not None:
            insert_demo(0)

    @Slot()
    def exitKiosk(self) -> None:
        if self._state == "panel":
            self.exitRequested.emit()

    def shutdown(self) -> None:
        self._jobs.wait()
