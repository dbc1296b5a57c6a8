"""Identification: ID number (6-8-4 groups, GB 11643 check) + last 4 phone digits, or a card.

A plain state machine shared by every citizen flow (booking, progress, my bookings).
The view model feeds it key presses and backend answers and runs the lookup the
state asks for; nothing here talks to the network or Qt.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from enum import Enum
from typing import Any

from civic_core import idnumber

PHONE_DIGITS = 4


class Step(Enum):
    ID = "id"  # typing the ID number
    PHONE = "phone"  # typing the last 4 phone digits
    CHECKING = "checking"  # lookup by ID + phone running
    CHECKING_CARD = "checking_card"  # lookup by card payload running
    CONFIRM = "confirm"  # "您是 张*华 吗？"
    DONE = "done"


class Problem(Enum):
    """What went wrong, named so the screen can say it plainly (locale key suffixes)."""

    CHARACTERS = "characters"
    BIRTH_DATE = "birth_date"
    CHECK_CHARACTER = "check_character"
    NOT_MATCHED = "not_matched"
    LOCKED = "locked"
    UNREADABLE_CARD = "unreadable_card"
    EXPIRED = "expired"


_ID_PROBLEMS = {
    idnumber.IdProblem.CHARACTERS: Problem.CHARACTERS,
    idnumber.IdProblem.BIRTH_DATE: Problem.BIRTH_DATE,
    idnumber.IdProblem.CHECK_CHARACTER: Problem.CHECK_CHARACTER,
}


@dataclass(frozen=True)
class IdentifyState:
    step: Step = Step.ID
    id_number: str = ""
    phone_last4: str = ""
    card_payload: str = ""
    problem: Problem | None = None
    retry_after_s: int = 0
    display_name: str = ""  # already masked by the backend (张*华)
    masked_id: str = ""


class IdentificationFlow:
    def __init__(self) -> None:
        self.state = IdentifyState()

    def _set(self, **changes: Any) -> IdentifyState:
        self.state = dataclasses.replace(self.state, **changes)
        return self.state

    def reset(self) -> IdentifyState:
        self.state = IdentifyState()
        return self.state

    def press(self, key: str) -> IdentifyState:
        """A keypad key: a digit, or X (only as the 18th ID character)."""
        s = self.state
        key = key.upper()
        if s.step is Step.ID:
            return self._press_id(key)
        if s.step is Step.PHONE and key.isdigit() and len(key) == 1:
            phone = s.phone_last4 + key
            if len(phone) == PHONE_DIGITS:
                return self._set(phone_last4=phone, step=Step.CHECKING, problem=None)
            return self._set(phone_last4=phone, problem=None)
        return s

    def _press_id(self, key: str) -> IdentifyState:
        s = self.state
        if len(s.id_number) >= idnumber.ID_LENGTH or len(key) != 1:
            return s
        if key == "X" and len(s.id_number) != idnumber.ID_LENGTH - 1:
            return self._set(problem=Problem.CHARACTERS)
        if not (key.isdigit() or key == "X"):
            return s
        typed = s.id_number + key
        if len(typed) < idnumber.ID_LENGTH:
            return self._set(id_number=typed, problem=None)
        check = idnumber.validate(typed)
        if not check.ok:
            return self._set(
                id_number=typed,
                problem=_ID_PROBLEMS.get(check.problem, Problem.CHECK_CHARACTER)
                if check.problem
                else Problem.CHECK_CHARACTER,
            )
        return self._set(
            id_number=typed, step=Step.PHONE, problem=None, masked_id=idnumber.mask_id(typed)
        )

    def delete(self) -> IdentifyState:
        s = self.state
        if s.step is Step.ID:
            return self._set(id_number=s.id_number[:-1], problem=None)
        if s.step is Step.PHONE:
            return self._set(phone_last4=s.phone_last4[:-1], problem=None)
        return s

    def clear(self) -> IdentifyState:
        s = self.state
        if s.step is Step.ID:
            return self._set(id_number="", problem=None)
        if s.step is Step.PHONE:
            return self._set(phone_last4="", problem=None)
        return s

    def edit_id(self) -> IdentifyState:
        """From the phone step back to the ID number, kept as typed, to correct it."""
        if self.state.step is Step.PHONE:
            return self._set(step=Step.ID, phone_last4="", problem=None, masked_id="")
        return self.state

    def card_read(self, payload: str) -> IdentifyState:
        """A card on the reader starts a card lookup unless one is already running or done."""
        if self.state.step in (Step.CHECKING, Step.CHECKING_CARD, Step.CONFIRM, Step.DONE):
            return self.state
        if not payload.strip():
            return self._set(problem=Problem.UNREADABLE_CARD)
        return self._set(step=Step.CHECKING_CARD, card_payload=payload, problem=None)

    def identified(self, display_name: str, masked_id: str) -> IdentifyState:
        if self.state.step not in (Step.CHECKING, Step.CHECKING_CARD):
            return self.state
        return self._set(
            step=Step.CONFIRM, display_name=display_name, masked_id=masked_id, card_payload=""
        )

    def rejected(self, problem: Problem, retry_after_s: int = 0) -> IdentifyState:
        """The backend said no: go back to the step that can fix it, keep what is still useful."""
        s = self.state
        if s.step is Step.CHECKING_CARD:
            return self._set(
                step=Step.ID, card_payload="", problem=problem, retry_after_s=retry_after_s
            )
        if problem is Problem.NOT_MATCHED:
            return self._set(step=Step.PHONE, phone_last4="", problem=problem)
        if problem is Problem.LOCKED:
            return self._set(
                step=Step.PHONE, phone_last4="", problem=problem, retry_after_s=retry_after_s
            )
        return self._set(step=Step.ID, phone_last4="", masked_id="", problem=problem)

    def interrupted(self) -> IdentifyState:
        """The lookup could not be made (network): back to where it was asked, input kept for 重试."""
        s = self.state
        if s.step is Step.CHECKING_CARD:
            return self._set(step=Step.ID, card_payload="")
        if s.step is Step.CHECKING:
            return self._set(step=Step.PHONE, phone_last4=s.phone_last4[:-1])
        return s

    def confirm(self, is_me: bool) -> IdentifyState:
        if self.state.step is not Step.CONFIRM:
            return self.state
        if is_me:
            return self._set(step=Step.DONE)
        return self.reset()
