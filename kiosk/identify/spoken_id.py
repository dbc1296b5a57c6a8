"""Spoken digits into the identification keypad: the same presses a finger makes.

Digits arrive an utterance at a time ("幺一零一…" -> "1101…") and are pressed into
Identify, so they show large, grouped 6-8-4, as they arrive. At 18 characters the GB 11643
check names the one group that is wrong (kiosk.speech.digits.check_id_groups); the senior
is asked for that group only, and what they say next replaces it (replace_group).
"""

from __future__ import annotations

from civic_core import idnumber
from kiosk.identify.flow import Step
from kiosk.identify.view_model import Identify
from kiosk.shell.navigator import Navigator
from kiosk.speech.digits import check_id_groups, replace_group


class SpokenId:
    def __init__(self, identify: Identify, navigator: Navigator) -> None:
        self._identify = identify
        self._nav = navigator
        self._retry: tuple[str, int] | None = None  # (the ID as heard, the group to say again)

    def heard(self, digits: str) -> None:
        step = self._identify.state.step
        if step is Step.PHONE:
            self._press(d for d in digits if d.isdigit())
        elif step is Step.ID:
            self._id_digits(digits)

    def reset(self) -> None:
        self._retry = None

    def _id_digits(self, digits: str) -> None:
        typed = self._identify.state.id_number
        if self._retry is not None and self._retry[0] == typed:
            value = replace_group(typed, self._retry[1], digits)
        else:  # a touch changed the number since: carry on from what is there
            value = (typed + digits)[: idnumber.ID_LENGTH]
        self._retry = None
        if value != typed:
            self._identify.clear()
            self._press(value)
        now = self._identify.state.id_number  # an X anywhere but last is refused by the flow
        if len(now) == idnumber.ID_LENGTH and self._identify.state.step is Step.ID:
            check = check_id_groups(now)
            if not check.ok and check.failed_group is not None:
                self._retry = (now, check.failed_group)
                self._nav.set_step_prompt(f"voice.id_group.{check.failed_group}")

    def _press(self, keys) -> None:
        for key in keys:
            self._identify.press(key)
