"""Volunteer assisted mode through the kiosk's API client against the real backend: the
order records booked_by volunteer with the volunteer's id, and only a signed-in volunteer
can be named."""

from __future__ import annotations

import datetime as dt

import pytest

from backend.demo import DEMO_CITIZENS
from backend.help.demo import DEMO_VOLUNTEERS
from kiosk.api import ApiClient, errors
from tests.fixtures.backend_server import start_backend


@pytest.fixture(scope="module")
def backend(tmp_path_factory):
    server = start_backend(tmp_path_factory.mktemp("volunteer_backend"))
    yield server
    server.stop()


@pytest.fixture
def client(backend):
    c = ApiClient(backend.url, backend.terminal_token)
    citizen = DEMO_CITIZENS[4]
    c.identify(citizen.id_number, citizen.phone_last4)
    yield c
    c.close()


def _free_slot(client) -> int:
    slots = client.slots("cleaning", dt.date.today() + dt.timedelta(days=1), days=10)
    return next(s.id for s in slots if s.available > 0)


def test_volunteer_booking_is_recorded_as_such(client):
    volunteer = DEMO_VOLUNTEERS[1]
    signed_in = client.volunteer_sign_in("0002", volunteer.pin)
    assert signed_in.volunteer_id == volunteer.number and signed_in.display_name == "钱*愿"
    assert client.has_volunteer and signed_in.token not in repr(signed_in)
    order = client.create_order(
        _free_slot(client),
        idempotency_key=client.new_idempotency_key(),
        booked_by="volunteer",
        volunteer_id=signed_in.volunteer_id,
    )
    assert order.booked_by.code == "volunteer" and order.volunteer_id == volunteer.number
    assert order.history[0].actor.code == "volunteer"
    assert client.order(order.number).volunteer_id == volunteer.number


def test_an_order_cannot_name_a_volunteer_who_has_not_signed_in(client):
    with pytest.raises(errors.Unauthorized) as refused:
        client.create_order(
            _free_slot(client),
            idempotency_key=client.new_idempotency_key(),
            booked_by="volunteer",
            volunteer_id="V-0001",
        )
    assert refused.value.code == "volunteer_unauthorized"
    client.volunteer_sign_in("V-0001", DEMO_VOLUNTEERS[0].pin)
    client.volunteer_sign_out()
    assert not client.has_volunteer
    with pytest.raises(errors.Unauthorized):
        client.create_order(
            _free_slot(client),
            idempotency_key=client.new_idempotency_key(),
            booked_by="volunteer",
            volunteer_id="V-0001",
        )


def test_wrong_pin_is_unauthorized_then_rate_limited(client):
    for _ in range(5):  # an unknown number locks just like a known one
        with pytest.raises(errors.Unauthorized):
            client.volunteer_sign_in("V-0099", "000000")
    with pytest.raises(errors.RateLimited) as locked:
        client.volunteer_sign_in("V-0099", "000000")
    assert locked.value.retry_after > 0 and not client.has_volunteer
