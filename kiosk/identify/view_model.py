"""Identify: the identification screen's view model over flows.identification.

Shows the ID number grouped 6-8-4 as typed, names a problem in plain words, asks
for the last 4 phone digits, runs the lookup off the GUI thread, and asks
"您是 张*华 吗？" (the name arrives masked from the backend). A card on the reader
starts a card lookup while this screen is shown.
"""

from __future__ import annotations

import enum

from PySide6.QtCore import Property, QEnum, QObject, Signal, Slot

from civic_core import idnumber
from kiosk.api import errors, models
from kiosk.identify.flow import PHONE_DIGITS, IdentificationFlow, Problem, Step
from kiosk.shell.deps import ScreenDeps
from kiosk.shell.registry import qml_singleton
from kiosk.shell.screens import IDENTIFY

KEYS = ("1", "2", "3", "4", "5", "6", "7", "8", "9", "X", "0")
ID_GROUPS = (6, 8, 4)  # how the ID is grouped on screen (idnumber.group)
_STEP_PROMPTS = {Step.PHONE: "identify.phone", Step.CONFIRM: "identify.confirm"}
_HANDLED = (errors.IdentityNotMatched, errors.NotFound, errors.RateLimited, errors.Invalid,
            errors.SessionExpired)  # fmt: skip


def _problem_for(error: errors.ApiError, by_card: bool) -> Problem:
    if isinstance(error, errors.RateLimited):
        return Problem.LOCKED
    if isinstance(error, errors.Invalid):
        return Problem.UNREADABLE_CARD if by_card else Problem.CHECK_CHARACTER
    if isinstance(error, errors.SessionExpired):
        return Problem.EXPIRED
    return Problem.NOT_MATCHED


@qml_singleton
class Identify(QObject):
    changed = Signal()
    _card = Signal(str)

    @QEnum
    class Step(enum.IntEnum):  # the flow's steps, as QML compares them (Identify.PHONE)
        ID, PHONE, CHECKING, CHECKING_CARD, CONFIRM, DONE = range(6)

    # card payloads hop to the GUI thread through this queued signal

    def __init__(self, deps: ScreenDeps):
        super().__init__(deps.owner)
        self._flow = IdentificationFlow()
        self._i18n, self._nav, self._network = deps.i18n, deps.navigator, deps.network
        self._session, self._speech = deps.session, deps.speech
        self._citizen: models.Citizen | None = None
        self._card_reader = deps.card_reader
        self._card.connect(self._on_card)
        if deps.card_reader is not None:
            deps.card_reader.set_listener(self._card.emit)
        deps.navigator.entered.connect(self._on_screen)
        deps.i18n.changed.connect(self.changed)

    # -- what QML shows -------------------------------------------------------------------
    @property
    def state(self):
        return self._flow.state

    @Property(int, notify=changed)
    def step(self) -> int:
        return Identify.Step[self._flow.state.step.name]

    @Property(str, notify=changed)
    def idText(self) -> str:
        return idnumber.group(self._flow.state.id_number)

    @Property(str, notify=changed)
    def maskedIdText(self) -> str:
        masked = self._flow.state.masked_id
        return self._i18n.pack.fill("identify.id_masked", masked=masked) if masked else ""

    @Property(str, notify=changed)
    def phoneDigits(self) -> str:
        return self._flow.state.phone_last4

    @Property(list, notify=changed)
    def mirrorGroups(self) -> list[int]:
        """The entry as hotline staff see it in the mirror: dots in groups, always the full
        length, so not even the count grows per key (issue 13); the worker asks the senior."""
        return list(ID_GROUPS) if self._flow.state.step is Step.ID else [PHONE_DIGITS]

    @Property(str, notify=changed)
    def problemText(self) -> str:
        return self._problem_text()

    @Property(str, notify=changed)
    def confirmText(self) -> str:
        name = self._flow.state.display_name
        return self._i18n.pack.fill("identify.confirm", name=name) if name else ""

    @Property("QStringList", notify=changed)
    def keys(self) -> list[str]:
        """The keypad's keys, phone layout (1-2-3 on top); on the phone step no dead X: its
        cell stays empty ("") so 0 keeps its place."""
        if self._flow.state.step is Step.ID:
            return list(KEYS)
        return ["" if key == "X" else key for key in KEYS]

    @Property(str, notify=changed)
    def countText(self) -> str:
        """已输入 11/18 位 (the screen hides it in mirror frames: its growth would tell)."""
        s = self._flow.state
        if s.step is Step.ID:
            count, total = len(s.id_number), idnumber.ID_LENGTH
        elif s.step is Step.PHONE:
            count, total = len(s.phone_last4), PHONE_DIGITS
        else:
            return ""
        return self._i18n.pack.fill("identify.count", count=count, total=total)

    @Property(bool, notify=changed)
    def xEnabled(self) -> bool:
        s = self._flow.state
        return s.step is Step.ID and len(s.id_number) == idnumber.ID_LENGTH - 1

    @Property(bool, constant=True)
    def cardAvailable(self) -> bool:
        return self._card_reader is not None

    # -- what QML calls -------------------------------------------------------------------
    @Slot(str)
    def press(self, key: str) -> None:
        self._apply(self._flow.press, key)

    @Slot()
    def backspace(self) -> None:
        self._apply(self._flow.delete)

    @Slot()
    def clear(self) -> None:
        self._apply(self._flow.clear)

    @Slot()
    def editId(self) -> None:
        self._apply(self._flow.edit_id)

    @Slot(bool)
    def answer(self, is_me: bool) -> None:
        if self._flow.state.step is not Step.CONFIRM:
            return
        if not is_me:
            # Someone else's session was opened on the backend: close it before starting over.
            self._network.call(lambda client: client.end_session(), quiet=True)
            self._citizen = None
        self._apply(self._flow.confirm, is_me)
        if is_me and self._citizen is not None:
            self._session.identified_as(self._citizen)
            self._citizen = None
            self._nav.identity_confirmed()

    def reset(self) -> None:
        self._flow.reset()
        self._citizen = None
        self.changed.emit()

    # -- internals ------------------------------------------------------------------------
    def _problem_text(self) -> str:
        s = self._flow.state
        if s.problem is None:
            return ""
        if s.problem is Problem.LOCKED:
            minutes = max(1, -(-s.retry_after_s // 60))
            return self._i18n.pack.fill("identify.locked", minutes=minutes)
        return self._i18n.pack.text(f"identify.problem.{s.problem.value}")

    def _apply(self, action, *args) -> None:
        before = self._flow.state
        after = action(*args)
        if after == before:
            return
        self.changed.emit()
        new_problem = after.problem is not None and after.problem != before.problem
        if after.step is not before.step:
            self._on_step(after.step, speak=not new_problem)
        if new_problem:
            self._speech.say(self._problem_text())  # the problem matters more than the prompt

    def _on_step(self, step: Step, *, speak: bool) -> None:
        if step is Step.CHECKING:
            s = self._flow.state
            id_number, phone = s.id_number, s.phone_last4
            self._lookup(lambda client: client.identify(id_number, phone), by_card=False)
        elif step is Step.CHECKING_CARD:
            payload = self._flow.state.card_payload
            self._lookup(lambda client: client.identify_card(payload), by_card=True)
        elif step in _STEP_PROMPTS or step is Step.ID:
            self._nav.set_step_prompt(_STEP_PROMPTS.get(step), speak=speak)

    def _lookup(self, call, *, by_card: bool) -> None:
        self._network.call(
            call,
            on_ok=self._identified,
            on_error=lambda error: self._apply(
                self._flow.rejected,
                _problem_for(error, by_card),
                int(getattr(error, "retry_after", 0) or 0),
            ),
            handles=_HANDLED,
            on_dismiss=lambda: self._apply(self._flow.interrupted),
        )

    def _identified(self, result: object) -> None:
        assert isinstance(result, models.Identification)
        self._citizen = result.citizen
        self._apply(self._flow.identified, result.citizen.display_name, result.citizen.masked_id)

    def _on_card(self, payload: str) -> None:
        if self._nav.current == IDENTIFY:
            self._apply(self._flow.card_read, payload)

    def _on_screen(self, screen_id: str) -> None:
        if screen_id == IDENTIFY and not self._nav.returning:  # back from 呼叫帮助: keep the input
            self.reset()
