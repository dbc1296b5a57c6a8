"""Defensive parsing: every documented field is checked; drift is a BadResponse, never a crash."""

from __future__ import annotations

import copy
import datetime as dt

import pytest

from kiosk.api import errors, models
from kiosk.api.fields import Obj

from . import samples

CST = dt.timezone(dt.timedelta(hours=8))


def test_order_parses_into_typed_values():
    order = models.Order.parse(Obj(samples.ORDER))
    assert order.status == models.CodeLabel("pending_dispatch", "待派单")
    assert order.slot.start == dt.datetime(2026, 12, 2, 9, tzinfo=CST)
    assert order.you_pay_fen == 800 and order.rating is None
    assert order.history[0].actor.code == "citizen"
    with pytest.raises(AttributeError):
        order.number = "x"  # frozen


def test_order_without_history_is_accepted_for_list_routes():
    body = {k: v for k, v in samples.ORDER.items() if k != "history"}
    assert models.Order.parse(Obj(body)).history == ()


def test_application_detail_extends_the_summary():
    detail = models.ApplicationDetail.parse(Obj(samples.APPLICATION_DETAIL))
    assert isinstance(detail, models.ApplicationSummary)
    assert detail.expected_by == dt.date(2026, 11, 24)
    assert detail.missing_materials[0].where == "社区服务中心"
    assert detail.payments[0].amount_fen == 98000 and detail.decision is None


def test_identification_keeps_the_token_out_of_repr():
    ident = models.Identification.parse(Obj(samples.IDENTIFICATION))
    assert ident.citizen.tags == (models.CodeLabel("dibao", "低保"),)
    assert ident.session_token not in repr(ident)


REQUIRED_ORDER_KEYS = [k for k in samples.ORDER if k not in ("rating", "history")]


@pytest.mark.parametrize("key", REQUIRED_ORDER_KEYS)
def test_order_missing_field_is_bad_response(key):
    body = copy.deepcopy(samples.ORDER)
    del body[key]
    with pytest.raises(errors.BadResponse) as caught:
        models.Order.parse(Obj(body))
    assert key in caught.value.message


@pytest.mark.parametrize(
    ("model", "sample", "key", "value"),
    [
        (models.Order, samples.ORDER, "price_fen", "1500"),
        (models.Order, samples.ORDER, "price_fen", True),
        (models.Order, samples.ORDER, "created_at", "2026-11-29T10:00:00"),  # no offset
        (models.Order, samples.ORDER, "created_at", "yesterday"),
        (
            models.Order,
            samples.ORDER,
            "status",
            "pending_dispatch",
        ),  # bare string, not {code,label}
        (models.Order, samples.ORDER, "history", {"status": "x"}),
        (
            models.Order,
            samples.ORDER,
            "rating",
            {"score": {"code": "5", "label": "非常满意"}, "tags": [1]},
        ),
        (models.Slot, samples.SLOT, "provider", {"id": "1", "name": "x"}),
        (models.Service, samples.SERVICE, "subsidy_reason", {"code": "dibao"}),
        (models.ApplicationDetail, samples.APPLICATION_DETAIL, "expected_by", "2026-13-01"),
        (models.ApplicationDetail, samples.APPLICATION_DETAIL, "payments", [None]),
        (models.Citizen, samples.CITIZEN, "tags", "低保"),
    ],
)
def test_wrong_type_is_bad_response(model, sample, key, value):
    body = copy.deepcopy(sample)
    body[key] = value
    with pytest.raises(errors.BadResponse):
        model.parse(Obj(body))


def test_optional_fields_accept_null():
    body = dict(copy.deepcopy(samples.SERVICE), subsidy_reason=None)
    assert models.Service.parse(Obj(body)).subsidy_reason is None
    body = dict(copy.deepcopy(samples.APPLICATION_SUMMARY), expected_by=None)
    assert models.ApplicationSummary.parse(Obj(body)).expected_by is None
