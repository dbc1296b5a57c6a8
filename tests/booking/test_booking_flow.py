"""The booking state machine without Qt or a backend: one key per intent, choices kept."""

from __future__ import annotations

import datetime as dt
import itertools

from kiosk.api import models
from kiosk.booking.flow import BookingFlow, Problem, Step

CST = dt.timezone(dt.timedelta(hours=8))
DAY = dt.date(2026, 12, 2)
SERVICE = models.Service("meal", "助餐", "送餐上门", "meal", 60, 1500, 900, 600, None)
PROVIDER = models.Provider(1, "演示")


def _slot(slot_id: int, hour: int, available: int, day: dt.date = DAY) -> models.Slot:
    start = dt.datetime.combine(day, dt.time(hour), CST)
    return models.Slot(
        slot_id, "meal", PROVIDER, start, start + dt.timedelta(hours=1), 3, 3 - available, available
    )


def _at_summary() -> BookingFlow:
    keys = (f"k{n}" for n in itertools.count())
    flow = BookingFlow(new_key=lambda: next(keys))
    flow.services_loaded([SERVICE])
    flow.choose_service("meal")
    flow.slots_loaded(
        DAY, [_slot(1, 9, 1), _slot(2, 14, 0), _slot(3, 9, 2, DAY + dt.timedelta(days=1))]
    )
    flow.choose_day(DAY)
    flow.choose_slot(1)
    flow.confirm_address()
    return flow


def test_steps_and_a_full_time_cannot_be_chosen():
    flow = _at_summary()
    assert flow.state.step is Step.SUMMARY and flow.state.slot.id == 1
    flow.went_back(Step.TIME)
    assert flow.choose_slot(2).slot.id == 1, "已约满 cannot be chosen"


def test_submit_once_per_intent_and_the_key_survives_interruption():
    flow = _at_summary()
    key = flow.state.idempotency_key
    submitting = flow.submit()
    assert submitting.step is Step.SUBMITTING and submitting.idempotency_key == key
    assert flow.submit() is submitting, "a second tap changes nothing"
    flow.interrupted()
    assert flow.state.step is Step.SUMMARY and flow.submit().idempotency_key == key


def test_slot_taken_offers_next_free_times_and_keeps_the_rest():
    flow = _at_summary()
    old_key = flow.state.idempotency_key
    flow.submit()
    flow.slot_taken()
    flow.slots_loaded(
        DAY, [_slot(1, 9, 0), _slot(2, 14, 0), _slot(3, 9, 2, DAY + dt.timedelta(days=1))]
    )
    s = flow.state
    assert (s.step, s.problem, s.service.code) == (Step.SUMMARY, Problem.SLOT_FULL, "meal")
    assert [x.id for x in s.alternatives] == [3]
    flow.choose_slot(3)
    assert flow.state.problem is None and flow.state.step is Step.SUMMARY
    assert flow.state.idempotency_key != old_key, "a new choice is a new intent"


def test_reschedule_skips_the_address():
    flow = BookingFlow()
    flow.start_reschedule(order=object(), service=SERVICE)  # type: ignore[arg-type]  (only its presence matters)
    flow.slots_loaded(DAY, [_slot(1, 9, 1)])
    flow.choose_day(DAY)
    assert flow.choose_slot(1).step is Step.SUMMARY
