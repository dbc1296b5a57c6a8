"""The client against real misbehaving HTTP servers on loopback (no mocking of requests)."""

from __future__ import annotations

import datetime as dt
import logging
import time

import pytest

from kiosk.api import errors

from . import samples
from .conftest import TOKEN, client_for
from .drop_proxy import DropProxy
from .fault_server import DROP, STALL, Reply

ID_NUMBER = "11010519491231002X"
PHONE = "13800135678"


def answer(payload, status: int = 200):
    return lambda request: Reply.json(status, payload)


def identified(server_url: str, **options):
    """A client holding a citizen session from a scripted identification."""
    client = client_for(server_url, **options)
    client.identify(ID_NUMBER, PHONE[-4:])
    return client


def routes(table: dict[tuple[str, str], object]):
    """A script from (method, path) -> Reply; anything else is a 404."""

    def script(request):
        reply = table.get((request.method, request.path.split("?")[0]))
        return reply(request) if callable(reply) else reply or Reply.error(404, "not_found")

    return script


IDENTIFY = {("POST", "/api/v1/identity/lookup"): Reply.json(201, samples.IDENTIFICATION)}


# -- connection-level faults ---------------------------------------------------------


def test_stopped_server_is_offline(fault_server):
    server = fault_server(answer({"status": "ok", "version": "0.1.0", "demo": True}))
    client = client_for(server.url)
    assert client.health().status == "ok"
    server.stop()
    with pytest.raises(errors.Offline) as caught:
        client.health()
    assert caught.value.code == "offline"


def test_stalled_server_times_out_within_the_bound(fault_server):
    server = fault_server(lambda request: STALL)
    client = client_for(server.url, read_timeout=0.5, retries=1)
    started = time.monotonic()
    with pytest.raises(errors.Timeout):
        client.health()
    elapsed = time.monotonic() - started
    # 2 attempts x 0.5 s read timeout + backoff; loose bound against a busy machine.
    assert elapsed < 5
    assert len(server.attempts("GET", "/api/v1/health")) == 2


@pytest.mark.parametrize(
    "body",
    [
        b"<html><body>502 Bad Gateway</body></html>",
        b"\x00\xff\xfe garbage",
        b'{"status": "ok", "version": ',
        b"[" * 100_000,
    ],
    ids=["html", "garbage", "truncated-json", "deep-nesting"],
)
def test_non_json_body_is_bad_response(fault_server, body):
    server = fault_server(lambda request: Reply(200, body, {"Content-Type": "text/html"}))
    with pytest.raises(errors.BadResponse):
        client_for(server.url).health()


@pytest.mark.parametrize(
    "payload",
    [
        [],
        "ok",
        {"status": "ok", "version": "0.1.0"},
        {"status": "ok", "version": 1, "demo": True},
        {"status": None, "version": "0.1.0", "demo": True},
        {"status": "ok", "version": "0.1.0", "demo": "yes"},
    ],
    ids=["list", "string", "missing-field", "wrong-type", "null", "string-for-bool"],
)
def test_wrong_shape_is_bad_response(fault_server, payload):
    server = fault_server(answer(payload))
    with pytest.raises(errors.BadResponse):
        client_for(server.url).health()


def test_list_routes_check_every_item(fault_server):
    broken_slot = dict(samples.SLOT, capacity="4")
    server = fault_server(answer({"items": [samples.SLOT, broken_slot]}))
    with pytest.raises(errors.BadResponse) as caught:
        client_for(server.url).slots("meal", dt.date(2026, 12, 2))
    assert "items[1].capacity" in caught.value.message


# -- 5xx and retries -----------------------------------------------------------------


def test_server_error_after_retrying_get(fault_server):
    server = fault_server(lambda request: Reply(500, b"<h1>Internal Server Error</h1>"))
    with pytest.raises(errors.ServerError) as caught:
        client_for(server.url, retries=2).health()
    assert caught.value.code == "server_error"
    assert len(server.attempts("GET", "/api/v1/health")) == 3


def test_get_recovers_when_a_retry_succeeds(fault_server):
    replies = iter([Reply.error(503, "server_error"), DROP])

    def script(request):
        return next(replies, Reply.json(200, {"status": "ok", "version": "0.1.0", "demo": True}))

    server = fault_server(script)
    assert client_for(server.url, retries=2).health().version == "0.1.0"
    assert len(server.requests) == 3


def test_no_retries_when_configured_off(fault_server):
    server = fault_server(lambda request: Reply.error(500, "server_error"))
    with pytest.raises(errors.ServerError):
        client_for(server.url, retries=0).health()
    assert len(server.requests) == 1


def test_session_end_is_not_retried_and_never_raises(fault_server):
    table = dict(IDENTIFY)
    table[("DELETE", "/api/v1/session")] = Reply.error(500, "server_error")
    server = fault_server(routes(table))
    client = identified(server.url)
    client.end_session()
    assert not client.has_session
    assert len(server.attempts("DELETE", "/api/v1/session")) == 1
    server.stop()
    client._session_token = "still-here"  # as if identified just before the network went
    client.end_session()
    assert not client.has_session


# -- status and error-code mapping ---------------------------------------------------


@pytest.mark.parametrize(
    ("reply", "kind", "code", "field"),
    [
        (Reply.error(401, "unauthorized"), errors.Unauthorized, "unauthorized", None),
        (
            Reply.error(401, "identity_not_matched"),
            errors.IdentityNotMatched,
            "identity_not_matched",
            None,
        ),
        (Reply.error(404, "not_found"), errors.NotFound, "not_found", None),
        (Reply(404, b'{"detail": "Not Found"}'), errors.NotFound, "not_found", None),
        (Reply.error(409, "slot_full"), errors.Conflict, "slot_full", None),
        (Reply.error(409, "invalid_state"), errors.Conflict, "invalid_state", None),
        (Reply.error(413, "payload_too_large"), errors.Invalid, "payload_too_large", None),
        (
            Reply.error(422, "invalid_id_number", "id_number"),
            errors.Invalid,
            "invalid_id_number",
            "id_number",
        ),
        (
            Reply.error(422, "validation_error", "phone_last4"),
            errors.Invalid,
            "validation_error",
            "phone_last4",
        ),
        (Reply(418, b"teapot"), errors.Invalid, "validation_error", None),
        (
            Reply(302, b"", {"Location": "/elsewhere"}),
            errors.BadResponse,
            "unexpected_status",
            None,
        ),
    ],
)
def test_status_and_code_mapping(fault_server, reply, kind, code, field):
    server = fault_server(lambda request: reply)
    with pytest.raises(kind) as caught:
        client_for(server.url).identify(ID_NUMBER, "5678")
    assert (caught.value.code, caught.value.field) == (code, field)
    assert len(server.requests) == 1  # 4xx are never retried


@pytest.mark.parametrize(("header", "expected"), [("120", 120.0), (None, None), ("soon", None)])
def test_rate_limited_carries_retry_after(fault_server, header, expected):
    headers = {"Retry-After": header} if header else {}
    server = fault_server(lambda request: Reply.error(429, "identity_locked", **headers))
    with pytest.raises(errors.RateLimited) as caught:
        client_for(server.url).identify(ID_NUMBER, "5678")
    assert caught.value.code == "identity_locked"
    assert caught.value.retry_after == expected


def test_expired_session_is_forgotten(fault_server):
    table = dict(IDENTIFY)
    table[("GET", "/api/v1/applications")] = Reply.error(401, "session_expired")
    server = fault_server(routes(table))
    client = identified(server.url)
    assert client.has_session
    with pytest.raises(errors.SessionExpired):
        client.applications()
    assert not client.has_session
    with pytest.raises(errors.SessionExpired):  # no second trip with a dead token
        client.applications()
    assert len(server.attempts("GET", "/api/v1/applications")) == 1


# -- headers and idempotency ---------------------------------------------------------


def test_headers_terminal_token_and_citizen_session(fault_server):
    table = dict(IDENTIFY)
    table[("GET", "/api/v1/services")] = Reply.json(200, samples.items(samples.SERVICE))
    server = fault_server(routes(table))
    client = client_for(server.url)
    client.services()
    client.identify(ID_NUMBER, "5678")
    client.services()
    first, lookup, second = server.requests
    assert all(r.headers["Authorization"] == f"Bearer {TOKEN}" for r in server.requests)
    assert "X-Citizen-Session" not in first.headers
    assert second.headers["X-Citizen-Session"] == samples.IDENTIFICATION["session_token"]
    assert lookup.json() == {"id_number": ID_NUMBER, "phone_last4": "5678"}


def test_every_post_has_an_idempotency_key(fault_server):
    table = dict(IDENTIFY)
    table[("POST", "/api/v1/orders")] = Reply.json(201, samples.ORDER)
    server = fault_server(routes(table))
    client = identified(server.url)
    client.create_order(123)
    client.create_order(123)
    client.create_order(123, idempotency_key="tap-1")
    keys = [r.headers.get("Idempotency-Key") for r in server.requests]
    assert all(keys) and len(set(keys)) == 4
    assert keys[-1] == "tap-1"
    assert server.requests[1].json() == {
        "slot_id": 123,
        "booked_by": "self",
        "volunteer_id": None,
        "channel": "kiosk",
    }


def test_post_dropped_after_commit_is_retried_with_the_same_key(fault_server):
    committed: list[str] = []

    def create_order(request):
        # The server "commits" on every attempt it sees, but the first answer is lost.
        committed.append(request.headers["Idempotency-Key"])
        return DROP if len(committed) == 1 else Reply.json(201, samples.ORDER)

    table = dict(IDENTIFY)
    table[("POST", "/api/v1/orders")] = create_order
    server = fault_server(routes(table))
    order = identified(server.url).create_order(123, idempotency_key="book-42")
    assert order.number == samples.ORDER["number"]
    assert committed == ["book-42", "book-42"]


def test_stalled_post_is_retried_with_the_same_key_then_times_out(fault_server):
    table = dict(IDENTIFY)
    table[("POST", "/api/v1/orders/202612020017/cancel")] = lambda request: STALL
    server = fault_server(routes(table))
    client = identified(server.url, retries=1)
    with pytest.raises(errors.Timeout):
        client.cancel_order("202612020017", reason="有事")
    attempts = server.attempts("POST", "/api/v1/orders/202612020017/cancel")
    assert len(attempts) == 2
    assert attempts[0].headers["Idempotency-Key"] == attempts[1].headers["Idempotency-Key"]


def test_path_values_are_quoted(fault_server):
    table = dict(IDENTIFY)
    server = fault_server(routes(table))
    client = identified(server.url)
    with pytest.raises(errors.NotFound):
        client.application("../orders?x=1")
    assert server.requests[-1].path == "/api/v1/applications/..%2Forders%3Fx%3D1"


def test_citizen_call_without_session_does_not_reach_the_network(fault_server):
    server = fault_server(answer(samples.items()))
    with pytest.raises(errors.SessionExpired):
        client_for(server.url).orders()
    assert server.requests == []


@pytest.mark.parametrize("key", ["k" * 65, "预约-1", "line\nbreak"])
def test_unusable_idempotency_key_is_refused_locally(fault_server, key):
    server = fault_server(routes(IDENTIFY))
    with pytest.raises(ValueError):
        identified(server.url).create_order(1, idempotency_key=key)
    assert server.attempts("POST", "/api/v1/orders") == []


def test_unusable_terminal_token_is_refused_at_construction():
    with pytest.raises(ValueError):
        client_for("http://127.0.0.1:9", terminal_token="终端")


@pytest.mark.parametrize("token", ["", "令牌", "tok\r\nX-Evil: 1"])
def test_unusable_session_token_is_a_bad_response(fault_server, token):
    body = dict(samples.IDENTIFICATION, session_token=token)
    server = fault_server(lambda request: Reply.json(201, body))
    client = client_for(server.url)
    with pytest.raises(errors.BadResponse):
        client.identify(ID_NUMBER, "5678")
    assert not client.has_session


# -- privacy ---------------------------------------------------------------------------


def test_logs_carry_no_personal_data(fault_server, caplog):
    table = dict(IDENTIFY)
    table[("GET", "/api/v1/applications/MZ2026110300012")] = Reply.json(
        200, samples.APPLICATION_DETAIL
    )
    table[("POST", "/api/v1/orders")] = Reply.error(409, "slot_full")
    server = fault_server(routes(table))
    with caplog.at_level(logging.DEBUG, logger="kiosk.api"):
        client = identified(server.url)
        client.application("MZ2026110300012")
        with pytest.raises(errors.Conflict):
            client.create_order(123)
        client.end_session()
    text = caplog.text
    assert "POST /identity/lookup -> 201" in text
    assert "GET /applications/{number} -> 200" in text
    for secret in (
        ID_NUMBER,
        ID_NUMBER[-4:],
        PHONE[-4:],
        "张",
        samples.IDENTIFICATION["session_token"],
    ):
        assert secret not in text
    assert "MZ2026110300012" not in text


def test_drop_proxy_loses_one_answer_after_the_server_handled_it(fault_server):
    """The proxy used against the real backend: the server sees both attempts, the client one answer."""
    table = dict(IDENTIFY)
    table[("POST", "/api/v1/orders")] = Reply.json(201, samples.ORDER)
    server = fault_server(routes(table))
    proxy = DropProxy(server.url, drop_first="POST /api/v1/orders ")
    try:
        order = identified(proxy.url).create_order(123, idempotency_key="book-7")
    finally:
        proxy.close()
    assert order.number == samples.ORDER["number"]
    attempts = server.attempts("POST", "/api/v1/orders")
    assert [r.headers["Idempotency-Key"] for r in attempts] == ["book-7", "book-7"]
    assert len(proxy.dropped) == 1


def test_local_request_fault_is_typed_and_not_retried(caplog):
    client = client_for("http://[::1")  # unparseable host: requests raises InvalidURL
    with (
        caplog.at_level(logging.INFO, logger="kiosk.api"),
        pytest.raises(errors.ApiError) as caught,
    ):
        client.health()
    assert type(caught.value) is errors.ApiError and caught.value.code == "request_failed"
    assert caplog.text.count("GET /health") == 1


def test_expired_session_on_the_priced_catalogue_is_forgotten(fault_server):
    table = dict(IDENTIFY)
    table[("GET", "/api/v1/services")] = lambda request: (
        Reply.error(401, "session_expired")
        if "X-Citizen-Session" in request.headers
        else Reply.json(200, samples.items(samples.SERVICE))
    )
    client = identified(fault_server(routes(table)).url)
    with pytest.raises(errors.SessionExpired):
        client.services()
    assert not client.has_session
    assert client.services()[0].code == "meal"  # the unpriced catalogue still works


def test_a_new_identification_ends_the_previous_session(fault_server):
    table = dict(IDENTIFY)
    table[("DELETE", "/api/v1/session")] = Reply(204)
    server = fault_server(routes(table))
    client = identified(server.url)
    client.identify(ID_NUMBER, "5678")
    assert [r.method for r in server.requests] == ["POST", "DELETE", "POST"]
    assert "X-Citizen-Session" not in server.requests[2].headers
    assert client.has_session
