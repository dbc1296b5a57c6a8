"""Volunteer accounts: sign-in with number + PIN, PIN limits, and orders booked on a senior's
behalf carrying a verified volunteer id."""

from __future__ import annotations

from sqlalchemy import select

from backend.demo import DEMO_OTHER_TERMINAL_TOKEN
from backend.help.demo import DEMO_VOLUNTEERS
from backend.help.models import Volunteer
from backend.help.passwords import hash_secret, verify_secret

SIGN_IN = "/api/v1/volunteers/sign-in"
V = DEMO_VOLUNTEERS[0]


def _sign_in(api, number=V.number, pin=V.pin, token=None):
    return api.post(
        SIGN_IN,
        headers=api.terminal_headers(*([token] if token else [])),
        json={"volunteer_number": number, "pin": pin},
    )


def _codes(response) -> list[str]:
    return [e["code"] for e in response.json()["errors"]]


def _book(api, headers, key, **body):
    slot = next(
        s
        for s in api.get(
            "/api/v1/services/cleaning/slots", params={"days": 14}, headers=headers
        ).json()["items"]
        if s["available"] > 0
    )
    return api.post(
        "/api/v1/orders",
        headers={**headers, "Idempotency-Key": key},
        json={"slot_id": slot["id"], "booked_by": "volunteer", **body},
    )


def test_sign_in_returns_masked_name_and_token(api):
    r = _sign_in(api, number="0001")  # the keypad-friendly form of V-0001
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["volunteer_id"] == "V-0001"
    assert body["display_name"] == V.name[0] + "*" + V.name[-1] and V.name not in r.text
    assert len(body["token"]) >= 32 and body["expires_at"].endswith("+08:00")


def test_pins_are_stored_as_salted_slow_hashes(api):
    with api.app.state.ctx.db.session(write=False) as db:
        stored = db.scalars(select(Volunteer.pin_hash)).all()
    assert all(h.startswith("scrypt$16384$") and V.pin not in h for h in stored)
    assert hash_secret("246810") != hash_secret("246810")  # salted
    assert verify_secret("246810", stored[0]) and not verify_secret("000000", stored[0])
    assert not verify_secret("246810", "garbage")


def test_wrong_pin_and_unknown_number_look_alike_and_lock_after_five(api):
    unknown = _sign_in(api, number="V-9999")
    assert unknown.status_code == 401 and _codes(unknown) == ["volunteer_sign_in_failed"]
    for _ in range(5):
        r = _sign_in(api, pin="999999")
        assert r.status_code == 401 and _codes(r) == ["volunteer_sign_in_failed"]
    locked = _sign_in(api)  # even the right PIN
    assert locked.status_code == 429 and _codes(locked) == ["volunteer_locked"]
    assert int(locked.headers["Retry-After"]) > 0
    assert (
        _sign_in(api, number=DEMO_VOLUNTEERS[1].number, pin=DEMO_VOLUNTEERS[1].pin).status_code
        == 201
    )
    api.clock.advance(minutes=15, seconds=1)
    assert _sign_in(api).status_code == 201


def test_malformed_sign_in_is_a_validation_error(api):
    assert _sign_in(api, pin="12ab").status_code == 422
    assert _sign_in(api, number="V 0001; drop").status_code == 422
    assert (
        api.post(SIGN_IN, json={"volunteer_number": V.number, "pin": V.pin}).status_code == 401
    )  # no terminal


def test_order_booked_by_volunteer_records_the_verified_volunteer(api):
    token = _sign_in(api).json()["token"]
    headers = {**api.identify(5), "X-Volunteer-Token": token}
    r = _book(api, headers, "vol-1", volunteer_id=V.number)
    assert r.status_code == 201, r.text
    assert r.json()["booked_by"]["code"] == "volunteer" and r.json()["volunteer_id"] == V.number


def test_volunteer_order_without_a_valid_token_is_refused(api):
    headers = api.identify(5)
    assert _codes(_book(api, headers, "vol-2", volunteer_id=V.number)) == ["volunteer_unauthorized"]
    forged = {**headers, "X-Volunteer-Token": "not-a-token"}
    assert _codes(_book(api, forged, "vol-3", volunteer_id=V.number)) == ["volunteer_unauthorized"]
    token = _sign_in(api).json()["token"]
    someone_else = _book(
        api, {**headers, "X-Volunteer-Token": token}, "vol-4", volunteer_id="V-0002"
    )
    assert (
        someone_else.status_code == 401
        and someone_else.json()["errors"][0]["field"] == "volunteer_id"
    )


def test_volunteer_token_is_bound_to_its_terminal_and_ends_with_sign_out(api):
    other_token = _sign_in(api, token=DEMO_OTHER_TERMINAL_TOKEN).json()["token"]
    headers = api.identify(6)
    r = _book(api, {**headers, "X-Volunteer-Token": other_token}, "vol-5", volunteer_id=V.number)
    assert r.status_code == 401
    token = _sign_in(api).json()["token"]
    out = api.delete(
        "/api/v1/volunteers/session", headers={**api.terminal_headers(), "X-Volunteer-Token": token}
    )
    assert out.status_code == 204
    r = _book(api, {**headers, "X-Volunteer-Token": token}, "vol-6", volunteer_id=V.number)
    assert r.status_code == 401


def test_volunteer_token_expires(api):
    token = _sign_in(api).json()["token"]
    api.clock.advance(minutes=61)
    headers = {**api.identify(7), "X-Volunteer-Token": token}
    assert _book(api, headers, "vol-7", volunteer_id=V.number).status_code == 401
