"""What the booking screens show, as tables over derive_*() (no Qt, no backend)."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from kiosk.api import models
from kiosk.booking import derive
from kiosk.booking.flow import BookingState, Problem, Step
from kiosk.locale_pack import load_pack
from tests.booking.test_booking_flow import CST, DAY, PROVIDER, SERVICE, _slot

ZH = load_pack("zh_CN")
TODAY = DAY - dt.timedelta(days=1)  # DAY is 明天
CLEANING = models.Service("cleaning", "保洁", "打扫卫生", "cleaning", 120, 5000, 0, 5000, None)
SLOTS = (_slot(1, 9, 1), _slot(2, 14, 0), _slot(3, 9, 2, DAY + dt.timedelta(days=1)))
CHOSEN = BookingState(
    step=Step.SUMMARY, services=(SERVICE, CLEANING), service=SERVICE, first_day=DAY,
    slots=SLOTS, day=DAY, slot=SLOTS[0],
)  # fmt: skip


def _order(number: str = "2026120200017") -> models.Order:
    start = dt.datetime.combine(DAY, dt.time(9), CST)
    return models.Order(
        number=number, service=models.ServiceRef("meal", "助餐"), provider=PROVIDER,
        slot=models.SlotRef(1, start, start + dt.timedelta(hours=1)),
        status=models.CodeLabel("pending_dispatch", "待派单"),
        booked_by=models.CodeLabel("self", "本人"), volunteer_id=None,
        channel=models.CodeLabel("kiosk", "自助终端"), address_masked="幸福路**号",
        price_fen=1500, subsidy_fen=900, you_pay_fen=600, subsidy_reason=None,
        created_at=start, rating=None, actions=("cancel",), public_url="http://x/o/1", history=(),
    )  # fmt: skip


@pytest.mark.parametrize(
    ("state", "page", "expected"),
    [
        (BookingState(), (), []),
        (CHOSEN, (SERVICE,), [("meal", "助餐", "餐", True)]),
        (CHOSEN, (CLEANING,), [("cleaning", "保洁", "洁", False)]),
        (dataclasses.replace(CHOSEN, service=None), (SERVICE, CLEANING),
         [("meal", "助餐", "餐", False), ("cleaning", "保洁", "洁", False)]),
    ],
)  # fmt: skip
def test_service_tiles(state, page, expected):
    tiles = derive.derive_services(ZH, state, page)
    assert [(t["code"], t["name"], t["icon"], t["selected"]) for t in tiles] == expected
    assert all(t["price"] for t in tiles)


def test_days_name_tomorrow_and_disable_full_ones():
    days = derive.derive_days(ZH, CHOSEN, TODAY)
    assert len(days) == 7
    first, second, third = days[:3]
    assert (first["iso"], first["title"], first["enabled"], first["selected"]) == (
        DAY.isoformat(), "明天", True, True,
    )  # fmt: skip
    assert second["title"] == "后天" and second["enabled"] and not second["selected"]
    assert not third["enabled"] and third["hint"].endswith("已约满")
    assert third["hintStacked"] == third["hint"].replace(" · ", "\n")


@pytest.mark.parametrize(
    ("morning", "expected"), [(True, [(1, "9:00–10:00", True, True)]), (False, [(2, "14:00–15:00", False, False)])]
)  # fmt: skip
def test_half_days(morning, expected):
    slots = derive.derive_half_day(ZH, CHOSEN, morning=morning)
    assert [(s["id"], s["text"], s["enabled"], s["selected"]) for s in slots] == expected
    assert derive.derive_half_day(ZH, BookingState(), morning=morning) == []


@pytest.mark.parametrize(
    ("state", "labels"),
    [
        (BookingState(), []),
        (CHOSEN, ["服务", "时间", "地址", "费用"]),
        (dataclasses.replace(CHOSEN, reschedule_of=_order()), ["服务", "时间", "地址", "预约号"]),
    ],
)
def test_summary_rows(state, labels):
    rows = derive.derive_summary(ZH, state, "本人地址")
    assert [r["label"] for r in rows] == labels
    if state.reschedule_of is not None:  # moving a booking keeps its own address and number
        assert rows[2]["value"] == "幸福路**号" and rows[3]["value"] == "2026 1202 0001 7"
    elif rows:
        assert rows[2]["value"] == "本人地址"


@pytest.mark.parametrize(
    ("state", "expected"),
    [
        (CHOSEN, ""),
        (dataclasses.replace(CHOSEN, problem=Problem.NO_PLACES), ZH.ui["booking.problem.no_places"]),
        (dataclasses.replace(CHOSEN, problem=Problem.SLOT_FULL), ZH.ui["booking.problem.slot_full"]),
        (dataclasses.replace(CHOSEN, problem=Problem.SLOT_FULL, lost=SLOTS[0]),
         "您选的 12月2日 星期三 上午 9:00–10:00 刚刚约满了。请在下面选一个别的时间，其他都不用改。"),
    ],
)  # fmt: skip
def test_problem_text(state, expected):
    assert derive.derive_problem(ZH, state) == expected


@pytest.mark.parametrize(
    ("state", "can"),
    [
        (CHOSEN, True),
        (dataclasses.replace(CHOSEN, step=Step.ADDRESS), False),
        (dataclasses.replace(CHOSEN, slot=None), False),
        (dataclasses.replace(CHOSEN, problem=Problem.SLOT_FULL), False),
    ],
)
def test_can_submit(state, can):
    assert derive.derive_can_submit(state) is can


def test_alternatives_after_a_time_filled_up():
    assert derive.derive_alternatives(ZH, CHOSEN) == []
    full = dataclasses.replace(CHOSEN, problem=Problem.SLOT_FULL)
    assert [a["id"] for a in derive.derive_alternatives(ZH, full)] == [1, 3]
    assert all("月" in a["text"] for a in derive.derive_alternatives(ZH, full))  # the full date


@pytest.mark.parametrize(
    ("order", "rescheduled", "done", "when"),
    [
        (None, False, "预约成功", ""),
        (_order(), False, "预约成功", "助餐 · 12月2日 星期三 上午 9:00–10:00"),
        (_order(), True, "改约成功，预约号不变", "助餐 · 12月2日 星期三 上午 9:00–10:00"),
    ],
)
def test_receipt_texts(order, rescheduled, done, when):
    assert derive.derive_done_text(ZH, rescheduled) == done
    assert derive.derive_receipt_when(ZH, order) == when
    assert (derive.derive_next_text(ZH, order) != "") is (order is not None)


def test_receipt_lines_and_spoken_summary():
    order = _order()
    lines = derive.derive_receipt_lines(ZH, order)
    assert [line.split("：")[0] for line in lines[:4]] == ["服务", "时间", "地址", "费用"]
    assert lines[-1] == derive.derive_next_text(ZH, order)
    spoken = derive.derive_spoken_summary(ZH, "zh_CN", order)
    assert "助餐" in spoken and order.number not in spoken and "元" in spoken
    assert derive.derive_spoken_summary(ZH, "zh_CN", None) == ""
