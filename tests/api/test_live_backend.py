"""The client against the REAL backend (uvicorn on a free loopback port, seeded demo data).

Read-only checks share the session-wide `live_backend`; anything that books, cancels or
stops the server gets its own `fresh_backend`.
"""

from __future__ import annotations

import datetime as dt
import logging

import pytest

from backend.demo import DEMO_CITIZENS
from kiosk.api import ApiClient, errors, models

from .drop_proxy import DropProxy

MAIN, OTHER = DEMO_CITIZENS[0], DEMO_CITIZENS[1]


def client_for(backend, url: str | None = None) -> ApiClient:
    return ApiClient(url or backend.url, backend.terminal_token, retries=2, backoff=0.05)


def identified(backend, citizen=MAIN, url: str | None = None) -> ApiClient:
    client = client_for(backend, url)
    client.identify(citizen.id_number, citizen.phone[-4:])
    return client


def free_slot(client: ApiClient, service_code: str, *, skip: int = 0) -> models.Slot:
    slots = client.slots(service_code, dt.date.today(), days=14)
    return [s for s in slots if s.available > 0 and s.start > dt.datetime.now(dt.UTC)][skip]


def test_health_and_terminal(live_backend):
    client = client_for(live_backend)
    assert client.health().status == "ok"
    assert client.terminal().id


def test_wrong_terminal_token_is_unauthorized(live_backend):
    client = ApiClient(live_backend.url, "not-a-terminal", retries=0)
    with pytest.raises(errors.Unauthorized) as caught:
        client.services()
    assert caught.value.code == "unauthorized"


def test_identification_errors_are_typed(fresh_backend):
    # Its own backend: failures count against the terminal, which live_backend users share.
    client = client_for(fresh_backend)
    with pytest.raises(errors.IdentityNotMatched):
        client.identify(
            DEMO_CITIZENS[7].id_number, "0000" if DEMO_CITIZENS[7].phone[-4:] != "0000" else "1111"
        )
    bad_check = MAIN.id_number[:17] + ("0" if MAIN.id_number[17] != "0" else "1")
    with pytest.raises(errors.Invalid) as caught:
        client.identify(bad_check, MAIN.phone[-4:])
    assert (caught.value.code, caught.value.field) == ("invalid_id_number", "id_number")
    assert not client.has_session


def test_read_journey_and_masking(live_backend, caplog):
    with caplog.at_level(logging.DEBUG, logger="kiosk.api"):
        client = client_for(live_backend)
        ident = client.identify(MAIN.id_number, MAIN.phone[-4:])
        assert client.has_session
        assert (
            ident.citizen.display_name != MAIN.name
            and ident.citizen.display_name[0] == MAIN.name[0]
        )
        assert MAIN.id_number not in ident.citizen.masked_id
        assert client.me() == ident.citizen
        summaries = client.applications()
        assert summaries
        detail = client.application(summaries[0].number)
        assert detail.number == summaries[0].number and detail.history
        services = client.services()
        assert {s.code for s in services} >= {"meal", "cleaning"}
        assert all(s.you_pay_fen <= s.price_fen for s in services)
        assert free_slot(client, "meal").service_code == "meal"
        statuses = {o.status.code for o in client.orders()}
        assert {"pending_dispatch", "completed"} <= statuses
        client.end_session()
        assert not client.has_session
    for secret in (MAIN.id_number, MAIN.phone, MAIN.name):
        assert secret not in caplog.text


def test_other_citizens_data_is_not_found(live_backend):
    mine = identified(live_backend, MAIN)
    application_number = mine.applications()[0].number
    order_number = mine.orders()[0].number
    other = identified(live_backend, OTHER)
    with pytest.raises(errors.NotFound):
        other.application(application_number)
    with pytest.raises(errors.NotFound):
        other.order(order_number)
    with pytest.raises(errors.NotFound):
        other.cancel_order(order_number, idempotency_key=other.new_idempotency_key())
    assert mine.order(order_number).number == order_number  # untouched


def test_ended_session_is_refused_by_the_backend(live_backend):
    client = identified(live_backend, DEMO_CITIZENS[2])
    token = client._session_token
    client.end_session()
    client._session_token = token  # replay the ended token on purpose
    with pytest.raises(errors.SessionExpired):
        client.applications()
    assert not client.has_session


def test_booking_journey(fresh_backend):
    client = identified(fresh_backend)
    before = {o.number for o in client.orders()}
    slot = free_slot(client, "meal")
    order = client.create_order(slot.id, idempotency_key="journey-book")
    assert order.number not in before and order.slot.id == slot.id
    assert order.status.code == "pending_dispatch" and order.channel.code == "kiosk"
    assert client.order(order.number).history[0].status.code == "pending_dispatch"
    assert order.number in {o.number for o in client.orders()}

    later = free_slot(client, "meal", skip=3)
    moved = client.reschedule_order(order.number, later.id, idempotency_key="journey-move")
    assert (moved.number, moved.slot.id) == (order.number, later.id)

    cancelled = client.cancel_order(order.number, idempotency_key="journey-cancel", reason="有事")
    assert cancelled.status.code == "cancelled"
    with pytest.raises(errors.Conflict) as caught:
        client.cancel_order(order.number, idempotency_key="journey-cancel-again")
    assert caught.value.code == "invalid_state"


def test_rating_a_completed_order(fresh_backend):
    client = identified(fresh_backend)
    done = next(o for o in client.orders() if o.status.code == "completed" and o.rating is None)
    assert done.actions == ("rate",)
    rated = client.rate_order(done.number, 5, ["on_time"], idempotency_key="rate-1")
    assert rated.rating is not None and rated.rating.score.code == "5"
    assert [(t.code, t.label) for t in rated.rating.tags] == [("on_time", "准时")]
    assert rated.actions == ()
    with pytest.raises(errors.Conflict):
        client.rate_order(done.number, 4, [], idempotency_key="rate-2")


def test_same_key_books_once(fresh_backend):
    client = identified(fresh_backend)
    slot = free_slot(client, "cleaning")
    first = client.create_order(slot.id, idempotency_key="tap-once")
    again = client.create_order(slot.id, idempotency_key="tap-once")
    assert again == first
    after = client.slots("cleaning", dt.date.today(), days=14)
    assert next(s for s in after if s.id == slot.id).booked == slot.booked + 1


def test_answer_lost_after_commit_books_exactly_once(fresh_backend):
    """The backend commits the order, the answer is lost on the way, the client retries."""
    direct = identified(fresh_backend)
    slot = free_slot(direct, "bathing")
    before = {o.number for o in direct.orders()}
    proxy = DropProxy(fresh_backend.url, drop_first="POST /api/v1/orders ")
    try:
        via_proxy = identified(fresh_backend, url=proxy.url)
        order = via_proxy.create_order(slot.id, idempotency_key="lost-answer")
    finally:
        proxy.close()
    assert len(proxy.dropped) == 1
    new = [o for o in direct.orders() if o.number not in before]
    assert [o.number for o in new] == [order.number]
    after = direct.slots("bathing", dt.date.today(), days=14)
    assert next(s for s in after if s.id == slot.id).booked == slot.booked + 1


def test_stopped_backend_is_offline_then_recovers(fresh_backend):
    client = identified(fresh_backend, DEMO_CITIZENS[3])
    fresh_backend.stop()
    with pytest.raises(errors.Offline):
        client.applications()
    client.end_session()  # never raises, even offline
    fresh_backend.start()
    assert client.health().status == "ok"


def test_locked_identity_is_rate_limited_with_retry_after(fresh_backend):
    citizen = DEMO_CITIZENS[5]
    wrong = "0000" if citizen.phone[-4:] != "0000" else "1111"
    client = client_for(fresh_backend)
    failures = []
    for _ in range(6):
        try:
            client.identify(citizen.id_number, wrong)
        except errors.IdentityNotMatched:
            failures.append("not_matched")
        except errors.RateLimited as exc:
            failures.append(exc.code)
            assert exc.retry_after and exc.retry_after > 0
            break
    assert failures[-1] == "identity_locked" and len(failures) <= 6
    with pytest.raises(errors.RateLimited):  # locked even with the right digits
        client.identify(citizen.id_number, citizen.phone[-4:])
