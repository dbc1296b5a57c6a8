"""The outbox's requests route (issue 15): a reschedule request names one of the citizen's own
bookings that may still be moved; bad bodies, an unknown grant and foreign or finished
bookings get documented 4xx answers (never a 5xx); a replay with the same Idempotency-Key
answers the stored result and stores one request. The body is strict, as the OpenAPI
document says: a timestamp is an RFC 3339 string, and no unknown field is taken."""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import func, select

from backend.ops.models import DeferredRequest

ROUTE = "/api/v1/ops/outbox/requests"
QUEUED = "2026-12-01T10:00:00+08:00"


def orders_of(api, headers) -> dict[str, str]:
    listed = api.get("/api/v1/orders", headers=headers).json()
    return {o["status"]["code"]: o["number"] for o in reversed(listed["items"])}


def stored(api) -> int:
    with api.app.state.ctx.db.session(write=False) as db:
        return db.scalar(select(func.count()).select_from(DeferredRequest))


def test_requests_are_checked_and_replayed_once(api):
    me = api.identify(0)
    token = api.post("/api/v1/ops/deferrals", headers=me).json()["token"]
    mine, theirs = orders_of(api, me), orders_of(api, api.identify(3))

    def send(body: dict, key: str | None = None, grant: str = token):
        headers = {**api.terminal_headers(), "X-Deferral-Token": grant,
                   "Idempotency-Key": key or uuid.uuid4().hex}  # fmt: skip
        return api.post(ROUTE, headers=headers, json=body)

    key = uuid.uuid4().hex
    move = {"kind": "reschedule", "order_number": mine["pending_dispatch"], "queued_at": QUEUED}
    first, again = send(move, key), send(move, key)
    assert first.status_code == again.status_code == 201 and first.json() == again.json()
    assert send({"kind": "callback", "queued_at": "2026-12-01T02:00:00Z"}).status_code == 201
    assert stored(api) == 2
    with api.app.state.ctx.db.session(write=False) as db:
        times = set(db.scalars(select(DeferredRequest.queued_at)))
    assert times == {dt.datetime(2026, 12, 1, 10, 0)}, "kept as local time, whatever the offset"

    refusals = {
        "completed": (send(move | {"order_number": mine["completed"]}), 409, "invalid_state"),
        "not mine": (send(move | {"order_number": theirs["pending_dispatch"]}), 404, "not_found"),
        "no order": (send({"kind": "reschedule", "queued_at": QUEUED}), 422, "validation_error"),
        "bad kind": (send({"kind": "visit", "queued_at": QUEUED}), 422, "validation_error"),
        "no time": (send({"kind": "callback"}), 422, "validation_error"),
        "time as number": (
            send({"kind": "callback", "queued_at": 1764554400}),
            422,
            "validation_error",
        ),  # fmt: skip
        "unknown field": (send(move | {"phone": "13800000000"}), 422, "validation_error"),
        "odd number": (send(move | {"order_number": "../1"}), 422, "validation_error"),
        "no grant": (send(move, grant="x" * 43), 401, "deferral_expired"),
    }
    for name, (answer, status, code) in refusals.items():
        assert (answer.status_code, answer.json()["errors"][0]["code"]) == (status, code), name
    assert stored(api) == 2, "nothing refused was stored"
