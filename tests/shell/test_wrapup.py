"""Ending a visit: who is signed in and 结束办理 in one place on every identified screen; after
a finished task 还要办别的事吗？ and signing out by itself 30 s later unless the senior answers;
the idle warning says the visit will end and the screen be cleared."""

from __future__ import annotations

from civic_core import idnumber
from tests.booking.test_booking import _to_summary
from tests.fixtures.kiosk import demo_citizens
from tests.fixtures.qml_tools import Tapper, answered, find, scene_rect, visible


def _booked(kiosk_factory, backend, citizen):
    kiosk = kiosk_factory(backend)
    tapper = Tapper(kiosk)
    assert not visible(kiosk, "sessionBar"), "nobody signed in: no session bar"
    _to_summary(kiosk, tapper, citizen)
    return kiosk, tapper


def test_after_the_receipt_it_asks_and_signs_out_by_itself(kiosk_factory, fresh_backend):
    citizen = demo_citizens()[0]
    kiosk, tapper = _booked(kiosk_factory, fresh_backend, citizen)
    masked = idnumber.mask_name(citizen.name)
    assert masked in find(kiosk, "sessionWho").property("text").replace("\u2060", "")
    place = scene_rect(find(kiosk, "sessionEnd"))
    tapper.tap("bookingConfirm")
    answered(kiosk)
    assert kiosk.navigator.current == "booking_receipt"
    assert scene_rect(find(kiosk, "sessionEnd")) == place, "结束办理 stays in its one place"
    assert not kiosk.wrapup.asking, "not while the receipt is still being read"

    kiosk.wrapup.advance(1)  # the kiosk is quiet: it asks
    assert kiosk.wrapup.asking and "还要办别的事吗" in kiosk.speech.said[-1]
    assert 25 <= kiosk.wrapup.secondsLeft <= 30
    assert f"{kiosk.wrapup.secondsLeft} 秒后自动结束办理" in find(
        kiosk, "wrapupCountdown"
    ).property("text")
    assert visible(kiosk, "wrapupMore") and scene_rect(find(kiosk, "sessionEnd")) == place
    kiosk.wrapup.advance(kiosk.wrapup.secondsLeft - 1)
    assert kiosk.session.identified
    kiosk.wrapup.advance(1.5)
    assert not kiosk.session.identified and kiosk.navigator.current == "home"
    assert not visible(kiosk, "sessionBar")


def test_a_touch_answers_more_to_do_keeps_the_visit_and_end_ends_it(kiosk_factory, fresh_backend):
    kiosk, tapper = _booked(kiosk_factory, fresh_backend, demo_citizens()[1])
    tapper.tap("bookingConfirm")
    answered(kiosk)
    kiosk.wrapup.advance(1)
    assert kiosk.wrapup.asking
    tapper.tap("wrapupMore")  # 还要办: home, still signed in
    assert not kiosk.wrapup.asking
    assert kiosk.navigator.current == "home" and kiosk.session.identified
    assert visible(kiosk, "sessionBar"), "home says who is signed in, and offers 结束办理"
    kiosk.wrapup.advance(60)
    assert kiosk.session.identified, "answered: no sign-out by itself"
    tapper.tap("sessionEnd")
    answered(kiosk)
    assert not kiosk.session.identified and not visible(kiosk, "sessionBar")


def test_the_idle_warning_says_the_visit_ends_and_the_screen_is_cleared(kiosk_factory):
    kiosk = kiosk_factory()
    Tapper(kiosk).tap("tileHelp")
    kiosk.idle.advance(kiosk.config.idle.warning_after_s)
    assert kiosk.idle.warning
    shown = find(kiosk, "idleCountdown").property("text")
    assert "结束办理" in shown and "清除" in shown
    assert "结束办理" in kiosk.speech.said[-1] and "清除" in kiosk.speech.said[-1]
