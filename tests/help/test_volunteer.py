"""Volunteer assisted mode through the kiosk's screens against the real backend: sign-in on
the full keyboard and PIN pad, the 代办 badge, a booking recorded as booked by that
volunteer, and the mode ending with the session."""

from __future__ import annotations

import pytest

from backend.help.demo import DEMO_VOLUNTEERS
from kiosk.help.volunteer import Volunteer
from kiosk.tour import settle
from tests.booking.test_booking import _citizen_client, _to_summary
from tests.fixtures.kiosk import demo_citizens
from tests.fixtures.qml_tools import Tapper, answered, find, visible, wholly_shown

VOLUNTEER = DEMO_VOLUNTEERS[0]


def _sign_in(kiosk, tapper: Tapper, pin: str = VOLUNTEER.pin) -> None:
    tapper.tap("navHelp")
    answered(kiosk)
    tapper.tap("consentDeny")  # phone help only; the volunteer is next to the senior
    tapper.tap("helpVolunteer")
    assert kiosk.navigator.current == "volunteer"
    tapper.keys(VOLUNTEER.number)  # V - 0 0 0 1 on the full keyboard
    assert find(kiosk, "volunteerEntry").property("text") == VOLUNTEER.number
    tapper.tap("volunteerNext")
    tapper.keys(pin)
    assert find(kiosk, "volunteerEntry").property("text") == "●" * len(pin), (
        "the PIN is never shown"
    )
    tapper.tap("volunteerNext")
    answered(kiosk)


def test_a_volunteer_booking_is_recorded_as_booked_by_that_volunteer(kiosk_factory, fresh_backend):
    citizen = demo_citizens()[0]
    kiosk = kiosk_factory(fresh_backend)
    tapper = Tapper(kiosk)
    _sign_in(kiosk, tapper)
    assert kiosk.volunteer.signedIn
    assert kiosk.navigator.current == "help", "back to where the senior was"
    tapper.tap("navHome")
    assert find(kiosk, "volunteerBadgeText").property("text") == f"志愿者 {VOLUNTEER.number} 代办"

    _to_summary(kiosk, tapper, citizen)
    assert find(kiosk, "volunteerBadge").isVisible(), "the badge stays on every screen"
    tapper.tap("bookingConfirm")
    answered(kiosk)
    assert kiosk.navigator.current == "booking_receipt"
    number = kiosk.booking.state.order.number

    recorded = _citizen_client(fresh_backend, citizen).order(number)
    assert recorded.booked_by.code == "volunteer"
    assert recorded.volunteer_id == VOLUNTEER.number

    kiosk.session.end()  # the mode ends with the session
    answered(kiosk)
    assert not kiosk.volunteer.signedIn
    assert not find(kiosk, "volunteerBadge", visible=False).isVisible()
    assert not kiosk.network.source.get().has_volunteer


def test_a_senior_booking_without_a_volunteer_is_their_own(kiosk_factory, fresh_backend):
    citizen = demo_citizens()[0]
    kiosk = kiosk_factory(fresh_backend)
    tapper = Tapper(kiosk)
    _to_summary(kiosk, tapper, citizen)
    tapper.tap("bookingConfirm")
    answered(kiosk)
    recorded = _citizen_client(fresh_backend, citizen).order(kiosk.booking.state.order.number)
    assert recorded.booked_by.code == "self" and recorded.volunteer_id is None


def test_a_wrong_pin_is_refused_plainly_and_nothing_is_signed_in(kiosk_factory, live_backend):
    kiosk = kiosk_factory(live_backend)
    tapper = Tapper(kiosk)
    _sign_in(kiosk, tapper, pin="999999")
    assert not kiosk.volunteer.signedIn
    assert kiosk.navigator.current == "volunteer" and kiosk.volunteer.step == Volunteer.Step.PIN
    assert find(kiosk, "volunteerProblem").property("text") == "编号或密码不对，请再试一次。"
    assert find(kiosk, "volunteerEntry").property("text") == ""


@pytest.mark.parametrize("orientation", ["portrait", "landscape"])
def test_next_and_sign_in_are_pinned_in_view_at_large_text(kiosk_factory, orientation):
    """下一步 / 登录 sit in the pinned action area: wholly in view on every page at 特大."""
    kiosk = kiosk_factory(orientation=orientation)
    kiosk.preferences.setLargeText(True)
    tapper = Tapper(kiosk)
    kiosk.navigator.go("volunteer")
    settle(30)
    for step in ("number", "pin"):
        button = find(kiosk, "volunteerNext")
        assert button.parentItem().parentItem().objectName() == "actionArea", step
        while True:
            assert wholly_shown(button), (step, "hidden by paging")
            if not (visible(kiosk, "pageDown") and find(kiosk, "pageDown").isEnabled()):
                break
            tapper.tap("pageDown")
        if step == "number":
            for key in VOLUNTEER.number:  # typed as its keys do (the keyboard may be paged away)
                kiosk.volunteer.press(key)
            tapper.tap("volunteerNext")
            assert wholly_shown(find(kiosk, "volunteerEditNumber"))
