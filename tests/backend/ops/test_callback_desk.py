"""老人留下的请求 (backend/help/callbacks.py): the hotline's desk for the callback and reschedule
requests a kiosk's outbox delivered. A worker sees them masked, oldest first; rings the senior
back through the phone system (the gateway gets the number, the worker's page never does);
moves a booking to a free time agreed on the phone; closes each request with an outcome, once.
Every refusal is a page with one clear line and changes nothing."""

from __future__ import annotations

import re
import uuid

import pytest
from sqlalchemy import select

from backend.demo import DEMO_CITIZENS
from backend.help.call_gateway import CallFailed, DemoCallGateway
from backend.help.demo import DEMO_OTHER_STAFF, DEMO_STAFF
from backend.models import Order
from backend.ops.models import DeferredRequest
from tests.backend.help.conftest import Staff

QUEUED = "2026-12-01T10:00:00+08:00"
DESK = "/staff/requests"


def leave(api, citizen: int, kind: str, order_number: str | None = None) -> int:
    """What a kiosk's outbox sends for this citizen when the network is back; the row id."""
    me = api.identify(citizen)
    grant = api.post("/api/v1/ops/deferrals", headers=me).json()["token"]
    body = {"kind": kind, "queued_at": QUEUED} | (
        {"order_number": order_number} if order_number else {}
    )
    headers = api.terminal_headers() | {
        "X-Deferral-Token": grant,
        "Idempotency-Key": uuid.uuid4().hex,
    }
    answer = api.post("/api/v1/ops/outbox/requests", headers=headers, json=body)
    assert answer.status_code == 201, answer.text
    return answer.json()["id"]


def movable_order(api, citizen: int) -> str:
    listed = api.get("/api/v1/orders", headers=api.identify(citizen)).json()["items"]
    return next(o["number"] for o in listed if "reschedule" in o["actions"])


def status_line(page) -> str:
    return re.search(r'id="request-status">([^<]*)<', page.text).group(1)


def error_line(page) -> str:
    return re.search(r'id="request-error">([^<]*)<', page.text).group(1)


def row_of(page, request_id: int) -> str:
    found = re.search(rf'<tr data-request="{request_id}">(.*?)</tr>', page.text, re.S)
    return found.group(1) if found else ""


@pytest.fixture
def desk(api):
    staff = Staff(api.app)
    assert staff.sign_in().status_code == 303
    return staff


def post(staff: Staff, request_id: int, action: str, **fields: str):
    return staff.client.post(
        f"{DESK}/{request_id}/{action}", data={"csrf_token": staff.csrf} | fields
    )


def test_the_desk_lists_requests_masked_and_the_call_goes_through_the_phone_system(api, desk):
    gateway = api.app.state.call_gateway
    assert isinstance(gateway, DemoCallGateway)
    callback = leave(api, 3, "callback")
    move = leave(api, 0, "reschedule", movable_order(api, 0))

    console = desk.client.get("/staff")
    assert "老人留下的请求（2）" in console.text
    page = desk.client.get(DESK)
    assert page.status_code == 200 and page.headers["cache-control"] == "no-store"
    assert page.text.index(f'data-request="{callback}"') < page.text.index(f'data-request="{move}"')
    senior = DEMO_CITIZENS[3]
    row = row_of(page, callback)
    assert "请回电" in row and "还没拨过" in row and "拨打回电" in row
    assert senior.name[0] + "*" in row and senior.phone[-4:] in row
    for secret in (senior.name, senior.phone, senior.id_number, DEMO_CITIZENS[0].phone):
        assert secret not in page.text

    refused = post(desk, callback, "close", outcome="called")
    assert refused.status_code == 422 and error_line(refused) == "请先拨打回电，再选择结果"

    called = post(desk, callback, "call")
    assert called.status_code == 200, called.text
    assert gateway.dialled[-1].number == senior.phone
    assert (gateway.dialled[-1].seat, gateway.dialled[-1].reference) == (
        DEMO_STAFF.username,
        f"request-{callback}",
    )
    assert status_line(called).startswith("正在接通：先响您的座席电话")
    assert senior.phone not in called.text and "已拨 1 次" in row_of(called, callback)

    closed = post(desk, callback, "close", outcome="called")
    assert closed.status_code == 200 and status_line(closed) == "已处理：请回电 · 已回电"
    assert (
        row_of(closed, callback) == "" and "老人留下的请求（1）" in desk.client.get("/staff").text
    )
    recent = re.search(r'id="closed-requests">(.*?)</tbody>', closed.text, re.S).group(1)
    assert "已回电" in recent and "热线演示员一" in recent

    other = Staff(api.app)
    assert other.sign_in(DEMO_OTHER_STAFF).status_code == 303
    again = post(other, callback, "close", outcome="unreachable")
    assert again.status_code == 409 and error_line(again) == "这条请求已由热线演示员一处理：已回电"


def test_a_reschedule_is_moved_to_a_time_agreed_on_the_phone(api, desk):
    number = movable_order(api, 0)
    request_id = leave(api, 0, "reschedule", number)
    page = desk.client.get(DESK)
    assert "确认改约" not in row_of(page, request_id), "no moving before the call"
    assert post(desk, request_id, "move", slot="1").status_code == 422

    post(desk, request_id, "call")
    row = row_of(desk.client.get(DESK), request_id)
    slots = re.findall(r'<option value="(\d+)">([^<]+)</option>', row)
    assert slots and "确认改约" in row
    with api.app.state.ctx.db.session(write=False) as db:
        before = db.scalar(select(Order).where(Order.number == number)).slot_id
    assert str(before) not in {s for s, _ in slots}, "the booked time is not offered"

    for bad in ("", "x", "99999999"):
        refused = post(desk, request_id, "move", slot=bad)
        assert refused.status_code in (404, 422) and error_line(refused), bad
    moved = post(desk, request_id, "move", slot=slots[0][0])
    assert moved.status_code == 200, error_line(moved)
    assert status_line(moved).startswith("已处理：想改约 · 已改约，新时间 ") and slots[0][1].split(
        " · "
    )[0] in status_line(moved)

    order = api.get(f"/api/v1/orders/{number}", headers=api.identify(0)).json()
    assert order["slot"]["id"] == int(slots[0][0])
    last = order["history"][-1]
    assert (last["actor"]["code"], last["channel"]["code"]) == ("staff", "hotline")
    assert last["channel"]["label"] == "服务热线"


def test_refusals_change_nothing(api, desk):
    request_id = leave(api, 3, "callback")
    forged = desk.client.post(f"{DESK}/{request_id}/call", data={"csrf_token": "x" * 43})
    assert forged.status_code == 403 and error_line(forged) == "页面已过期，请刷新后重试"
    assert api.app.state.call_gateway.dialled == []
    for bad in ("0", "abc", "1" * 12, str(request_id + 1000)):
        assert post(desk, bad, "call").status_code == 404, bad
    post(desk, request_id, "call")
    assert post(desk, request_id, "close", outcome="rescheduled").status_code == 422
    assert post(desk, request_id, "close", outcome="<b>").status_code == 422
    assert post(desk, request_id, "move", slot="1").status_code == 422, "a callback has no booking"
    anonymous = Staff(api.app)
    assert anonymous.client.get(DESK).status_code == 303
    assert anonymous.client.post(f"{DESK}/{request_id}/call", data={}).status_code == 303
    with api.app.state.ctx.db.session(write=False) as db:
        row = db.get(DeferredRequest, request_id)
    assert (row.calls, row.handled_at) == (1, None)


def test_a_phone_system_that_fails_or_is_missing_is_said_plainly(api, desk):
    request_id = leave(api, 3, "callback")

    class Down:
        def dial(self, number, *, seat, reference):
            raise CallFailed("503")

    api.app.state.call_gateway = Down()
    failed = post(desk, request_id, "call")
    assert failed.status_code == 503 and failed.headers["retry-after"] == "30"
    assert error_line(failed) == "电话系统没有接通，请稍后再拨" and "还没拨过" in row_of(
        failed, request_id
    )

    api.app.state.call_gateway = None
    page = desk.client.get(DESK)
    assert "电话系统还没有接入" in page.text and "disabled" in row_of(page, request_id)
    missing = post(desk, request_id, "call")
    assert missing.status_code == 409 and "电话系统还没有接入" in error_line(missing)


def test_a_booking_that_ended_meanwhile_is_closed_without_a_call(api, desk):
    me = api.identify(0)
    number = movable_order(api, 0)
    request_id = leave(api, 0, "reschedule", number)
    assert api.post(f"/api/v1/orders/{number}/cancel", headers=me, json={}).status_code == 200
    row = row_of(desk.client.get(DESK), request_id)
    assert "拨打回电" not in row and "预约已结束，不用改" in row
    closed = post(desk, request_id, "close", outcome="moot")
    assert closed.status_code == 200 and "预约已结束，不用改" in status_line(closed)
