"""我的预约 through the QML screens against the real backend: list, cancel, refusal, 改约, 评价."""

from __future__ import annotations

import requests

from kiosk.booking import wording
from tests.booking.test_booking import _citizen_client, _identify
from tests.fixtures.kiosk import demo_citizens
from tests.fixtures.qml_tools import Tapper, answered, find, page_to, shown_texts, visible

ME = 0  # has orders 待派单, 已接单, 已完成 (unrated and rated), 已取消


def _open_orders(kiosk_factory, backend):
    kiosk = kiosk_factory(backend)
    tapper = Tapper(kiosk)
    tapper.tap("tileOrders")
    _identify(kiosk, tapper, demo_citizens()[ME])
    assert kiosk.navigator.current == "orders"
    return kiosk, tapper


def _open(kiosk, tapper, status_code: str, *, rated: bool | None = None):
    client = kiosk.network.source.get()
    order = next(o for o in client.orders() if o.status.code == status_code
                 and (rated is None or (o.rating is not None) == rated))  # fmt: skip
    page_to(kiosk, tapper, f"order_{order.number}")  # the screen pages the list (▼)
    tapper.tap(f"order_{order.number}")
    answered(kiosk)
    assert kiosk.navigator.current == "order_detail"
    return order


def _advance(backend, number: str, to: str) -> None:
    """The provider moves the order on (the demo backend's operator route)."""
    r = requests.post(
        f"{backend.url}/api/v1/demo/orders/{number}/advance",
        json={"to": to},
        headers={"Authorization": f"Bearer {backend.terminal_token}"},
        timeout=10,
    )
    assert r.status_code == 200, r.text


def test_list_shows_backend_labels_and_next_steps_page_by_page(kiosk_factory, live_backend):
    kiosk, tapper = _open_orders(kiosk_factory, live_backend)
    answered(kiosk)
    orders = kiosk.network.source.get().orders()
    texts, pages = "", 1
    assert not visible(kiosk, "ordersMore"), "one way to page: the screen's ▲/▼ only"
    while True:  # what a person sees, page by page (▼ at whole bookings)
        texts += " ".join(shown_texts(kiosk))
        if not find(kiosk, "pageDown").isEnabled():
            break
        tapper.tap("pageDown")
        pages += 1
    assert pages > 1, "citizen 0 has more bookings than fit one screen"
    for order in orders:
        assert order.status.label in texts and wording.order_number(order.number) in texts
    assert kiosk.i18n.pack.ui["orders.next.pending_dispatch"] in texts


def test_cancel_after_confirmation(kiosk_factory, fresh_backend):
    kiosk, tapper = _open_orders(kiosk_factory, fresh_backend)
    order = _open(kiosk, tapper, "pending_dispatch")
    assert len(kiosk.orders.history) == len(order.history) >= 1
    said = kiosk.speech.said[-1]  # the booking is read aloud: status, time in words, next step
    assert order.status.label in said and "月" in said and ":" not in said
    assert kiosk.i18n.pack.ui["orders.next.pending_dispatch"] in said
    tapper.tap("orderCancel")
    assert kiosk.navigator.current == "order_cancel"
    assert find(kiosk, "cancelNo").property("primary"), "the safe choice is the primary button"
    assert find(kiosk, "cancelYes").property("warning") and not find(kiosk, "cancelYes").property(
        "primary"
    )
    tapper.tap("cancelYes")
    answered(kiosk)
    assert kiosk.navigator.current == "order_detail"
    assert find(kiosk, "ordersMessage").property("text") == kiosk.i18n.pack.ui["orders.cancelled"]
    stored = _citizen_client(fresh_backend, demo_citizens()[ME]).order(order.number)
    assert stored.status.code == "cancelled"
    assert (stored.history[-1].channel.code, stored.history[-1].actor.code) == ("kiosk", "citizen")
    assert not find(kiosk, "orderCancel", visible=False).isVisible(), (
        "no cancel on a cancelled order"
    )


def test_cancel_refused_plainly_once_the_visit_started(kiosk_factory, fresh_backend):
    kiosk, tapper = _open_orders(kiosk_factory, fresh_backend)
    order = _open(kiosk, tapper, "accepted")
    tapper.tap("orderCancel")
    # Meanwhile the carer arrives and starts (the provider moves the order on).
    _advance(fresh_backend, order.number, "in_service")
    tapper.tap("cancelYes")
    answered(kiosk)
    assert kiosk.navigator.current == "order_detail"
    assert (
        find(kiosk, "ordersMessage").property("text") == kiosk.i18n.pack.ui["orders.refused.cancel"]
    )
    assert kiosk.speech.said[-1] == kiosk.i18n.pack.ui["orders.refused.cancel"]
    assert kiosk.orders.order.status.code == "in_service", "the screen shows why"
    stored = _citizen_client(fresh_backend, demo_citizens()[ME]).order(order.number)
    assert stored.status.code == "in_service"


def test_reschedule_keeps_the_number(kiosk_factory, fresh_backend):
    kiosk, tapper = _open_orders(kiosk_factory, fresh_backend)
    order = _open(kiosk, tapper, "pending_dispatch")
    tapper.tap("orderReschedule")
    answered(kiosk)
    assert kiosk.navigator.current == "booking_day"
    day = [d for d in kiosk.booking.days if d["enabled"]][-1]
    tapper.tap(f"day_{day['iso']}")
    slot = next(s for s in kiosk.booking.morning + kiosk.booking.afternoon if s["enabled"])
    tapper.tap(f"slot_{slot['id']}")
    assert kiosk.navigator.current == "booking_summary", "no address step when moving a booking"
    when = next(r["value"] for r in kiosk.booking.summary if r["label"] == "时间")
    old = wording.when(kiosk.i18n.pack, order.slot.start, order.slot.end)
    assert when.startswith(f"原时间 {old}") and "→ 新时间" in when, when
    button = find(kiosk, "bookingConfirm").property("text")
    assert button == "确认改约" and f"“{button}”" in kiosk.navigator.instruction
    tapper.tap("bookingConfirm")
    answered(kiosk)
    assert kiosk.navigator.current == "booking_receipt"
    assert kiosk.booking.state.order.number == order.number
    stored = _citizen_client(fresh_backend, demo_citizens()[ME]).order(order.number)
    assert stored.slot.id == slot["id"] and stored.service.code == order.service.code


def test_rate_a_completed_visit(kiosk_factory, fresh_backend):
    kiosk, tapper = _open_orders(kiosk_factory, fresh_backend)
    order = _open(kiosk, tapper, "completed", rated=False)
    tapper.tap("orderRate")
    assert kiosk.navigator.current == "order_rate"
    assert not find(kiosk, "rateSubmit").isEnabled(), "a face first"
    tapper.tap("face_4")
    tapper.tap("tag_on_time")
    tapper.tap("tag_kind")
    tapper.tap("tag_kind")  # changed their mind
    tapper.tap("rateSubmit")
    answered(kiosk)
    assert kiosk.navigator.current == "order_detail"
    assert find(kiosk, "ordersMessage").property("text") == kiosk.i18n.pack.ui["orders.rated"]
    stored = _citizen_client(fresh_backend, demo_citizens()[ME]).order(order.number)
    assert stored.rating is not None
    assert stored.rating.score.code == "4" and [t.code for t in stored.rating.tags] == ["on_time"]
    assert "准时" in find(kiosk, "detailRating").property("text")
    assert stored.rating.score.label in find(kiosk, "detailRating").property("text")


def test_reschedule_refused_plainly_once_the_visit_started(kiosk_factory, fresh_backend):
    kiosk, tapper = _open_orders(kiosk_factory, fresh_backend)
    order = _open(kiosk, tapper, "accepted")
    tapper.tap("orderReschedule")
    answered(kiosk)
    day = [d for d in kiosk.booking.days if d["enabled"]][-1]
    tapper.tap(f"day_{day['iso']}")
    slot = next(s for s in kiosk.booking.morning + kiosk.booking.afternoon if s["enabled"])
    tapper.tap(f"slot_{slot['id']}")
    _advance(fresh_backend, order.number, "in_service")
    tapper.tap("bookingConfirm")
    answered(kiosk)
    assert kiosk.navigator.current == "booking_summary"
    refused = kiosk.i18n.pack.ui["booking.problem.refused"]
    assert (
        find(kiosk, "bookingProblem").property("text") == refused
        and kiosk.speech.said[-1] == refused
    )
    assert not find(kiosk, "bookingConfirm").isEnabled()
    stored = _citizen_client(fresh_backend, demo_citizens()[ME]).order(order.number)
    assert stored.slot.id == order.slot.id, "not moved"
