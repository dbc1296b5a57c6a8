"""Waiting and failing: slow calls show 正在查询，请稍候; a dead backend shows 网络暂时不通 with
重试 and 呼叫帮助, the senior's input is kept, and 重试 works once the backend is back."""

from __future__ import annotations

import threading

from kiosk.identify.view_model import Identify
from kiosk.tour import wait_until
from tests.fixtures.kiosk import demo_citizens
from tests.fixtures.qml_tools import Tapper, answered, find, visible_texts


def test_a_slow_call_shows_the_waiting_state(kiosk_factory, live_backend):
    kiosk = kiosk_factory(live_backend)
    release = threading.Event()
    done = []

    def slow(client):
        release.wait(10)
        return client.health()

    kiosk.network.call(slow, on_ok=done.append)
    assert not kiosk.network.busy, "nothing shown for a call under 300 ms"
    assert wait_until(lambda: kiosk.network.busy, 5)
    assert find(kiosk, "busyOverlay").isVisible()
    assert kiosk.i18n.pack.ui["busy.text"] in visible_texts(kiosk)
    release.set()
    answered(kiosk)
    assert done and done[0].status == "ok"
    assert not find(kiosk, "busyOverlay", visible=False).isVisible()


def test_offline_then_retry_after_the_backend_returns(kiosk_factory, fresh_backend):
    citizen = demo_citizens()[0]
    kiosk = kiosk_factory(fresh_backend)
    tapper = Tapper(kiosk)
    tapper.tap("tileBook")
    tapper.keys(citizen.id_number + citizen.phone_last4[:3])
    fresh_backend.stop()
    tapper.keys(citizen.phone_last4[3])
    answered(kiosk)
    assert find(kiosk, "failureOverlay").isVisible()
    assert kiosk.i18n.pack.ui["failure.offline"] in visible_texts(kiosk)
    assert kiosk.speech.said[-1] == kiosk.i18n.pack.spoken["error.offline"]
    find(kiosk, "failureHelp")  # 呼叫帮助 is offered too
    fresh_backend.start()
    tapper.tap("failureRetry")
    answered(kiosk)
    assert kiosk.identify.step == Identify.Step.CONFIRM, (
        "the same lookup was retried with the kept input"
    )


def test_closing_the_failure_keeps_the_input_and_help_leads_to_help(kiosk_factory, fresh_backend):
    citizen = demo_citizens()[1]
    kiosk = kiosk_factory(fresh_backend)
    tapper = Tapper(kiosk)
    tapper.tap("tileProgress")
    fresh_backend.stop()
    tapper.keys(citizen.id_number + citizen.phone_last4)
    answered(kiosk)
    tapper.tap("failureClose")
    assert kiosk.identify.step == Identify.Step.PHONE
    assert kiosk.identify.state.id_number == citizen.id_number
    tapper.keys(citizen.phone_last4[3])
    answered(kiosk)
    tapper.tap("failureHelp")
    assert kiosk.navigator.current == "help"
    assert not kiosk.network.failed


def test_cancel_while_waiting_goes_back_and_drops_the_answer(kiosk_factory, live_backend):
    kiosk = kiosk_factory(live_backend)
    tapper = Tapper(kiosk)
    release = threading.Event()
    answers, dismissed = [], []

    def slow(client):
        release.wait(10)
        return client.health()

    kiosk.network.call(slow, on_ok=answers.append, on_dismiss=lambda: dismissed.append(True))
    assert wait_until(lambda: kiosk.network.busy, 5)
    tapper.tap("busyCancel")
    assert dismissed and not kiosk.network.busy
    release.set()
    answered(kiosk)
    assert answers == [], "a cancelled call's answer is dropped"
