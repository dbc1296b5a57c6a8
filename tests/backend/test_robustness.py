"""Bad input never crashes the backend and always gets the one error shape."""

from __future__ import annotations

import json
import logging
from urllib.parse import quote

import pytest
from sqlalchemy import event

from backend.demo import DEMO_CITIZENS
from backend.services import citizens

GARBAGE_VALUES = [
    None,
    True,
    0,
    -1,
    2**63,
    1.5,
    "",
    " ",
    "x" * 5000,
    "\x00",
    "\ud800",
    "１２３４",
    "'; DROP TABLE",
    [],
    {},
    [1, 2],
    {"a": {"b": [None]}},
]


def _shape_ok(r) -> None:
    assert r.status_code < 500, (r.status_code, r.text)
    if r.status_code >= 400:
        body = r.json()
        assert set(body) == {"errors"} and body["errors"]
        assert all(set(e) == {"code", "message", "field"} for e in body["errors"])


def test_malformed_json_is_422_validation_error(api):
    headers = {**api.identify(0), "Content-Type": "application/json"}
    for path in ("/api/v1/identity/lookup", "/api/v1/orders"):
        for raw in (b"{", b"not json", b"\xff\xfe", b'{"slot_id": 1,}', b""):
            r = api.post(path, headers=headers, content=raw)
            assert r.status_code == 422, (path, raw, r.text)
            assert r.json()["errors"][0]["code"] == "validation_error"


def test_bad_field_names_the_field(api):
    r = api.post(
        "/api/v1/identity/lookup",
        headers=api.terminal_headers(),
        json={"id_number": DEMO_CITIZENS[0].id_number, "phone_last4": "56a8"},
    )
    assert r.status_code == 422
    assert r.json()["errors"] == [
        {
            "code": "validation_error",
            "message": r.json()["errors"][0]["message"],
            "field": "phone_last4",
        }
    ]
    assert "56a8" not in r.text  # the input is not echoed back


def test_body_over_64_kb_is_413(api):
    headers = {**api.identify(0), "Content-Type": "application/json"}
    big = json.dumps({"reason": "很" * 30000}).encode()
    assert len(big) > 64 * 1024
    r = api.post("/api/v1/orders/x/cancel", headers=headers, content=big)
    assert r.status_code == 413 and r.json()["errors"][0]["code"] == "payload_too_large"

    def chunked():  # no Content-Length: the limit still holds
        for _ in range(70):
            yield b" " * 1024

    r = api.post("/api/v1/identity/lookup", headers=headers, content=chunked())
    assert r.status_code == 413
    just_under = api.post("/api/v1/identity/lookup", headers=headers, content=b" " * 1000 + b"{}")
    assert just_under.status_code == 422


@pytest.mark.parametrize("value", GARBAGE_VALUES, ids=repr)
def test_garbage_in_every_field_never_500(api, value):
    headers = api.identify(0)
    bodies = {
        "/api/v1/identity/lookup": ["id_number", "phone_last4"],
        "/api/v1/identity/card": ["card_payload"],
        "/api/v1/orders": ["slot_id", "booked_by", "volunteer_id", "channel"],
        "/api/v1/orders/202611270001/cancel": ["reason"],
        "/api/v1/orders/202611270001/reschedule": ["slot_id"],
        "/api/v1/orders/202611270001/rating": ["score", "tags"],
        "/api/v1/demo/orders/202611270001/advance": ["to"],
    }
    for path, fields in bodies.items():
        for field in fields:
            # ensure_ascii sends a lone surrogate as the JSON escape \ud800, as a hostile client could
            raw = json.dumps({field: value}, ensure_ascii=True).encode()
            _shape_ok(
                api.post(path, headers={**headers, "Content-Type": "application/json"}, content=raw)
            )
    piece = quote(str(value).encode("utf-8", "surrogatepass"), safe="")
    for path in (
        f"/api/v1/orders/{piece}",
        f"/api/v1/applications/{piece}",
        f"/api/v1/services/{piece}/slots",
    ):
        _shape_ok(api.get(path, headers=headers))
    assert api.get(f"/s/{piece}").status_code in (200, 404)
    _shape_ok(
        api.get(
            "/api/v1/services/meal/slots", headers=headers, params={"from": piece, "days": piece}
        )
    )
    _shape_ok(
        api.post(
            "/api/v1/orders",
            headers={**headers, "Idempotency-Key": piece[:200] or "k"},
            json={"slot_id": 1},
        )
    )


def test_garbage_status_tokens_get_the_404_page(api):
    for value in ("", "x" * 5000, "%ff", "..%2f..%2fetc"):
        r = api.get(f"/s/{value}")
        assert r.status_code == 404


def test_unknown_route_and_wrong_method_use_the_error_shape(api):
    for r in (
        api.get("/api/v1/nope"),
        api.delete("/api/v1/services", headers=api.terminal_headers()),
    ):
        _shape_ok(r)
        assert r.status_code in (404, 405)


def test_a_bug_becomes_a_clean_500_and_the_log_has_no_personal_data(api, monkeypatch, caplog):
    c = DEMO_CITIZENS[0]

    def broken(*_args, **_kwargs):
        raise RuntimeError(f"boom for {c.id_number} {c.name}")

    monkeypatch.setattr(citizens, "citizen_view", broken)
    caplog.set_level(logging.INFO)
    r = api.post(
        "/api/v1/identity/lookup",
        headers=api.terminal_headers(),
        json={"id_number": c.id_number, "phone_last4": c.phone_last4},
    )
    assert r.status_code == 500
    assert r.json() == {
        "errors": [{"code": "server_error", "message": "服务器内部错误", "field": None}]
    }
    logged = "\n".join(f"{rec.getMessage()} {getattr(rec, 'fields', '')}" for rec in caplog.records)
    assert "RuntimeError" in logged
    assert c.id_number not in logged and c.name not in logged and c.id_number not in r.text


def test_odd_characters_in_paths_never_reach_the_database(api):
    # PostgreSQL rejects NUL in a query parameter with an error (a 500); such keys cannot exist.
    seen: list = []
    engine = api.app.state.ctx.db.engine
    headers = api.identify(0)

    def capture(_conn, _cursor, _statement, parameters, _context, _many):
        seen.append(repr(parameters))

    event.listen(engine, "before_cursor_execute", capture)
    try:
        for path in (
            "/api/v1/orders/a%00b",
            "/api/v1/orders/a%00b/history",
            "/api/v1/applications/%E5%BC%A0%00",
            "/api/v1/services/meal%00/slots",
            "/s/abcdefgh%00ijk",
        ):
            assert api.get(path, headers=headers).status_code == 404
        r = api.post("/api/v1/orders/a%00b/cancel", headers=headers, json={})
        assert r.status_code == 404
    finally:
        event.remove(engine, "before_cursor_execute", capture)
    assert not any("\\x00" in p for p in seen)


@pytest.mark.parametrize(
    "raw",
    [
        b"\xff\xfe\x00{",  # not UTF-8
        b"[" * 20000 + b"]" * 20000,  # nested deeper than the parser goes
        b'{"slot_id": 1' + b"0" * 5000 + b"}",  # a number too long to convert
        b'{"slot_id": 1e999}',  # infinite
        b'{"slot_id": NaN}',
    ],
    ids=["bad utf-8", "deep nesting", "huge integer", "infinite float", "NaN"],
)
def test_unreadable_bodies_are_the_documented_422(api, raw):
    headers = {**api.identify(0), "Content-Type": "application/json"}
    r = api.post("/api/v1/orders", headers=headers, content=raw)
    assert r.status_code == 422, r.text
    assert [e["code"] for e in r.json()["errors"]] == ["validation_error"]


@pytest.mark.parametrize(
    "body",
    [
        {"slot_id": True},  # a boolean is not an id
        {"slot_id": "5"},
        {"slot_id": 5.5},
        {"slot_id": 5, "unexpected": 1},  # nothing the document does not name
    ],
)
def test_types_are_strict(api, body):
    headers = api.identify(0)
    r = api.post("/api/v1/orders", headers=headers, json=body)
    assert r.status_code == 422 and r.json()["errors"][0]["code"] == "validation_error"
    assert api.get("/api/v1/orders", headers=headers).json()["items"][0]["slot"]["id"] != 1


@pytest.mark.parametrize(
    "id_number",
    [
        "\U0001f600" * 18,
        "١١٠١٠٥١٩٤٩١٢٣١٠٠٢X",  # Arabic-Indic digits
        "11010519491231002\u00b2",  # a superscript
        "\x00" * 18,
        "Ǆ" * 18,  # upper-cases to two letters
    ],
)
def test_arbitrary_unicode_in_the_identity_routes(api, id_number):
    lookup = api.post(
        "/api/v1/identity/lookup",
        headers=api.terminal_headers(),
        json={"id_number": id_number, "phone_last4": "1234"},
    )
    assert lookup.status_code == 422, lookup.text
    assert lookup.json()["errors"][0]["code"] in ("invalid_id_number", "validation_error")
    card = api.post(
        "/api/v1/identity/card", headers=api.terminal_headers(), json={"card_payload": id_number}
    )
    assert card.status_code in (401, 422), card.text


def test_lone_surrogates_in_the_identity_routes(api):
    for path, field in (("lookup", "id_number"), ("card", "card_payload")):
        raw = f'{{"{field}": "\\ud800\\udfff\\ud800", "phone_last4": "1234"}}'.encode()
        r = api.post(
            f"/api/v1/identity/{path}",
            headers={**api.terminal_headers(), "Content-Type": "application/json"},
            content=raw,
        )
        assert r.status_code == 422, r.text


def test_full_width_digits_identify_like_ascii(api):
    c = DEMO_CITIZENS[0]
    full_width = c.id_number.translate(str.maketrans("0123456789X", "０１２３４５６７８９ｘ"))
    r = api.post(
        "/api/v1/identity/lookup",
        headers=api.terminal_headers(),
        json={"id_number": full_width, "phone_last4": c.phone_last4},
    )
    assert r.status_code == 201, r.text


@pytest.mark.parametrize("method", ["PUT", "PATCH", "OPTIONS"])
def test_wrong_method_says_every_method_the_path_has(api, method):
    r = api.client.request(method, "/api/v1/orders", headers=api.identify(0))
    assert r.status_code == 405 and r.json()["errors"][0]["code"] == "method_not_allowed"
    assert set(r.headers["allow"].split(", ")) == {"GET", "POST"}
