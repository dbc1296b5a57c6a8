"""Booking a home-care visit: service → day → time → address → summary → receipt.

A plain state machine over frozen dataclasses; the view model feeds it taps and backend
answers and runs the call the state asks for (load slots, submit). The same machine
reschedules an existing order (改约): the service is fixed, the address step is
skipped, and submitting moves the order to the new slot under the same number.

One Idempotency-Key belongs to one intent (this slot, this order): it is made when the
summary is reached and kept across 重试 and double taps, so at most one booking results;
any change of choice makes a new one.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid
from dataclasses import dataclass
from enum import Enum
from typing import Any

from kiosk.api import models

DAYS_SHOWN = 7
ALTERNATIVES_SHOWN = 3


class Step(Enum):
    SERVICE = "service"
    DAY = "day"
    TIME = "time"
    ADDRESS = "address"
    SUMMARY = "summary"
    SUBMITTING = "submitting"
    RECEIPT = "receipt"


class Problem(Enum):
    SLOT_FULL = "slot_full"  # the place went between viewing and confirming
    NO_PLACES = "no_places"  # the service has no free place in the days shown
    REFUSED = "refused"  # the order can no longer be moved (it started, or was cancelled)


@dataclass(frozen=True)
class BookingState:
    step: Step = Step.SERVICE
    services: tuple[models.Service, ...] = ()
    service: models.Service | None = None
    first_day: dt.date | None = None
    slots: tuple[models.Slot, ...] = ()  # the chosen service's slots over the days shown
    day: dt.date | None = None
    slot: models.Slot | None = None
    idempotency_key: str = ""
    problem: Problem | None = None
    order: models.Order | None = None
    reschedule_of: models.Order | None = None  # set when moving an existing order
    lost: models.Slot | None = (
        None  # the time that filled up before 确认预约 (named in the message)
    )

    @property
    def days(self) -> tuple[dt.date, ...]:
        if self.first_day is None:
            return ()
        return tuple(self.first_day + dt.timedelta(days=n) for n in range(DAYS_SHOWN))

    def slots_on(self, day: dt.date) -> tuple[models.Slot, ...]:
        return tuple(s for s in self.slots if s.start.date() == day)

    def day_has_places(self, day: dt.date) -> bool:
        return any(s.available > 0 for s in self.slots_on(day))

    @property
    def alternatives(self) -> tuple[models.Slot, ...]:
        """After SLOT_FULL: the next free times from the full one on (same service)."""
        if self.problem is not Problem.SLOT_FULL:
            return ()
        free = [s for s in self.slots if s.available > 0]
        return tuple(sorted(free, key=lambda s: s.start)[:ALTERNATIVES_SHOWN])


class BookingFlow:
    def __init__(self, new_key=lambda: uuid.uuid4().hex) -> None:
        self._new_key = new_key
        self.state = BookingState()

    def _set(self, **changes: Any) -> BookingState:
        self.state = dataclasses.replace(self.state, **changes)
        return self.state

    def reset(self) -> BookingState:
        self.state = BookingState()
        return self.state

    # -- new booking ----------------------------------------------------------------------
    def services_loaded(self, services: list[models.Service]) -> BookingState:
        return self._set(services=tuple(services))

    def choose_service(self, code: str) -> BookingState:
        """A tile: the slots for it are asked for next (step stays until they arrive)."""
        service = next((s for s in self.state.services if s.code == code), None)
        if service is None or self.state.step not in (Step.SERVICE, Step.DAY):
            return self.state
        if self.state.service is not None and self.state.service.code == code:
            return self._set(step=Step.SERVICE)  # same tile again: keep day and time
        return self._set(
            service=service, slots=(), day=None, slot=None, problem=None, step=Step.SERVICE
        )

    def slots_loaded(self, first_day: dt.date, loaded: list[models.Slot]) -> BookingState:
        s = self.state
        slots = (
            tuple(
                sorted(
                    (x for x in loaded if x.service_code == s.service.code), key=lambda x: x.start
                )
            )
            if s.service
            else ()
        )
        slot = next((x for x in slots if s.slot and x.id == s.slot.id and x.available > 0), None)
        problem = None if any(x.available > 0 for x in slots) else Problem.NO_PLACES
        if s.problem is Problem.SLOT_FULL:
            return self._set(first_day=first_day, slots=slots, slot=None, problem=Problem.SLOT_FULL)
        return self._set(
            first_day=first_day, slots=slots, slot=slot, step=Step.DAY, problem=problem
        )

    def choose_day(self, day: dt.date) -> BookingState:
        s = self.state
        if s.step not in (Step.DAY, Step.TIME) or day not in s.days or not s.day_has_places(day):
            return s
        slot = s.slot if s.slot is not None and s.slot.start.date() == day else None
        return self._set(day=day, slot=slot, step=Step.TIME, problem=None)

    def choose_slot(self, slot_id: int) -> BookingState:
        """A time: on to the address (or, when rescheduling, straight to the summary)."""
        s = self.state
        slot = next((x for x in s.slots if x.id == slot_id and x.available > 0), None)
        if slot is None or s.step not in (Step.TIME, Step.ADDRESS, Step.SUMMARY):
            return s
        if s.step is Step.SUMMARY and s.problem is not Problem.SLOT_FULL:
            return s
        changed = s.slot is None or s.slot.id != slot.id or s.problem is not None
        key = self._new_key() if changed or not s.idempotency_key else s.idempotency_key
        if s.problem is Problem.SLOT_FULL:  # picked from the offered times: every other choice kept
            return self._set(slot=slot, day=slot.start.date(), problem=None, idempotency_key=key)
        step = Step.SUMMARY if s.reschedule_of is not None else Step.ADDRESS
        return self._set(
            slot=slot, day=slot.start.date(), step=step, problem=None, idempotency_key=key
        )

    def confirm_address(self) -> BookingState:
        if self.state.step is not Step.ADDRESS:
            return self.state
        return self._set(step=Step.SUMMARY)

    def went_back(self, step: Step) -> BookingState:
        """返回 to an earlier screen: choices stay, the step follows the screen."""
        if self.state.step in (Step.SUBMITTING, Step.RECEIPT):
            return self.state
        return self._set(
            step=step, problem=None if step is not Step.SUMMARY else self.state.problem
        )

    def submit(self) -> BookingState:
        """确认预约: only once per intent (a second tap while submitting does nothing)."""
        s = self.state
        if s.step is not Step.SUMMARY or s.slot is None or s.problem is not None:
            return s
        return self._set(step=Step.SUBMITTING, idempotency_key=s.idempotency_key or self._new_key())

    def submitted(self, order: models.Order) -> BookingState:
        if self.state.step is not Step.SUBMITTING:
            return self.state
        return self._set(step=Step.RECEIPT, order=order)

    def slot_taken(self) -> BookingState:
        """The backend said slot_full: stay on the summary, fresh slots are asked for next."""
        if self.state.step is not Step.SUBMITTING:
            return self.state
        return self._set(
            step=Step.SUMMARY,
            problem=Problem.SLOT_FULL,
            slot=None,
            lost=self.state.slot,
            idempotency_key="",
        )

    def refused(self) -> BookingState:
        if self.state.step is not Step.SUBMITTING:
            return self.state
        return self._set(step=Step.SUMMARY, problem=Problem.REFUSED)

    def interrupted(self) -> BookingState:
        """The submit could not be made and the senior closed the message: back to the summary,
        same key, so a later 确认预约 cannot book twice if the first one did arrive."""
        if self.state.step is not Step.SUBMITTING:
            return self.state
        return self._set(step=Step.SUMMARY)

    # -- reschedule (改约) ----------------------------------------------------------------
    def start_reschedule(self, order: models.Order, service: models.Service) -> BookingState:
        self.state = BookingState(
            step=Step.SERVICE, services=(service,), service=service, reschedule_of=order
        )
        return self.state
