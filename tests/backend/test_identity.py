"""Terminal auth, identification, lockouts, citizen sessions and log privacy."""

from __future__ import annotations

import logging

import pytest
from sqlalchemy import func, select

from backend.demo import DEMO_CITIZENS, DEMO_OTHER_TERMINAL_TOKEN
from backend.models import AuthFailure, CitizenSession, IdempotencyRecord
from civic_core.idnumber import check_character

LOOKUP = "/api/v1/identity/lookup"


def _wrong_check(id_number: str) -> str:
    right = id_number[-1]
    return id_number[:17] + ("1" if right != "1" else "2")


def _codes(response) -> list[str]:
    return [e["code"] for e in response.json()["errors"]]


def test_lookup_returns_session_and_masked_citizen(api):
    c = DEMO_CITIZENS[0]
    r = api.post(
        LOOKUP,
        headers=api.terminal_headers(),
        json={"id_number": c.id_number, "phone_last4": c.phone_last4},
    )
    assert r.status_code == 201
    body = r.json()
    assert body["citizen"]["display_name"] == c.name[0] + "*" + c.name[-1]
    assert body["citizen"]["masked_id"] == c.id_number[:4] + "*" * 10 + c.id_number[-4:]
    assert body["citizen"]["masked_phone"] == c.phone[:3] + "****" + c.phone[-4:]
    assert {"code": "dibao", "label": "低保"} in body["citizen"]["tags"]
    assert body["expires_at"].endswith("+08:00")
    assert c.id_number not in r.text and c.phone not in r.text and c.name not in r.text
    me = api.get(
        "/api/v1/me", headers={**api.terminal_headers(), "X-Citizen-Session": body["session_token"]}
    )
    assert me.json() == body["citizen"]


def test_lowercase_x_and_spaces_are_accepted(api):
    c = next(c for c in DEMO_CITIZENS if c.id_number.endswith("X"))
    spaced = f"{c.id_number[:6]} {c.id_number[6:14]} {c.id_number[14:].lower()}"
    r = api.post(
        LOOKUP,
        headers=api.terminal_headers(),
        json={"id_number": spaced, "phone_last4": c.phone_last4},
    )
    assert r.status_code == 201


def test_card_payload_identifies(api):
    c = DEMO_CITIZENS[2]
    r = api.post(
        "/api/v1/identity/card",
        headers=api.terminal_headers(),
        json={"card_payload": c.card_payload},
    )
    assert r.status_code == 201
    assert r.json()["citizen"]["masked_id"].endswith(c.id_number[-4:])
    bad = api.post(
        "/api/v1/identity/card",
        headers=api.terminal_headers(),
        json={"card_payload": "DEMO-CARD-NOPE"},
    )
    assert bad.status_code == 401 and _codes(bad) == ["identity_not_matched"]


@pytest.mark.parametrize(
    "make_id",
    [
        pytest.param(lambda i: _wrong_check(i), id="wrong-check-character"),
        pytest.param(lambda i: i[:17], id="too-short"),
        pytest.param(lambda i: i + "1", id="too-long"),
        pytest.param(
            lambda i: (f := i[:10] + "0230" + i[14:17]) + check_character(f), id="february-30"
        ),
        pytest.param(
            lambda i: (f := i[:6] + "20991201" + i[14:17]) + check_character(f), id="born-in-future"
        ),
        pytest.param(lambda i: i[:16] + "A" + i[17], id="letter-inside"),
    ],
)
def test_invalid_id_numbers_get_422_invalid_id_number(api, make_id):
    bad = make_id(DEMO_CITIZENS[0].id_number)
    r = api.post(
        LOOKUP, headers=api.terminal_headers(), json={"id_number": bad, "phone_last4": "5678"}
    )
    assert r.status_code == 422
    assert r.json()["errors"][0]["code"] == "invalid_id_number"
    assert r.json()["errors"][0]["field"] == "id_number"


def test_unknown_id_and_wrong_phone_get_identical_answers(api):
    c = DEMO_CITIZENS[1]
    unknown_first17 = "99010919500101" + "999"
    unknown = unknown_first17 + check_character(unknown_first17)
    wrong_phone = api.post(
        LOOKUP,
        headers=api.terminal_headers(),
        json={"id_number": c.id_number, "phone_last4": "0000"},
    )
    no_such = api.post(
        LOOKUP, headers=api.terminal_headers(), json={"id_number": unknown, "phone_last4": "0000"}
    )
    assert wrong_phone.status_code == no_such.status_code == 401
    assert wrong_phone.json() == no_such.json()
    assert _codes(wrong_phone) == ["identity_not_matched"]
    assert dict(wrong_phone.headers).keys() == dict(no_such.headers).keys()


def test_five_failures_lock_the_id_even_for_the_right_phone(api):
    c = DEMO_CITIZENS[4]
    for _ in range(5):
        r = api.post(
            LOOKUP,
            headers=api.terminal_headers(),
            json={"id_number": c.id_number, "phone_last4": "0000"},
        )
        assert r.status_code == 401
    locked = api.post(
        LOOKUP,
        headers=api.terminal_headers(),
        json={"id_number": c.id_number, "phone_last4": c.phone_last4},
    )
    assert locked.status_code == 429
    assert _codes(locked) == ["identity_locked"]
    retry = int(locked.headers["Retry-After"])
    assert 0 < retry <= 15 * 60
    # The card of the same citizen is refused too: the lock is on the ID, not on a route.
    by_card = api.post(
        "/api/v1/identity/card",
        headers=api.terminal_headers(),
        json={"card_payload": c.card_payload},
    )
    assert by_card.status_code == 429 and _codes(by_card) == ["identity_locked"]
    assert 0 < int(by_card.headers["Retry-After"]) <= retry
    # Another citizen on the same terminal is not affected by this ID's lock.
    assert (
        api.post(
            LOOKUP,
            headers=api.terminal_headers(),
            json={
                "id_number": DEMO_CITIZENS[5].id_number,
                "phone_last4": DEMO_CITIZENS[5].phone_last4,
            },
        ).status_code
        == 201
    )
    api.clock.advance(seconds=retry)
    unlocked = api.post(
        LOOKUP,
        headers=api.terminal_headers(),
        json={"id_number": c.id_number, "phone_last4": c.phone_last4},
    )
    assert unlocked.status_code == 201


def test_per_terminal_failure_limit(api_factory):
    api = api_factory(terminal_failure_limit=3)
    for i in range(3):
        c = DEMO_CITIZENS[10 + i]
        assert (
            api.post(
                LOOKUP,
                headers=api.terminal_headers(),
                json={"id_number": c.id_number, "phone_last4": "0000"},
            ).status_code
            == 401
        )
    c = DEMO_CITIZENS[20]
    limited = api.post(
        LOOKUP,
        headers=api.terminal_headers(),
        json={"id_number": c.id_number, "phone_last4": c.phone_last4},
    )
    assert limited.status_code == 429 and _codes(limited) == ["rate_limited"]
    assert int(limited.headers["Retry-After"]) > 0
    card = api.post(
        "/api/v1/identity/card",
        headers=api.terminal_headers(),
        json={"card_payload": c.card_payload},
    )
    assert card.status_code == 429
    # The other terminal is not limited.
    other = api.post(
        LOOKUP,
        headers=api.terminal_headers(DEMO_OTHER_TERMINAL_TOKEN),
        json={"id_number": c.id_number, "phone_last4": c.phone_last4},
    )
    assert other.status_code == 201


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Authorization": "Bearer wrong"},
        {"Authorization": "Basic abc"},
        {"Authorization": "Bearer "},
    ],
)
def test_missing_or_wrong_terminal_token_is_401(api, headers):
    c = DEMO_CITIZENS[0]
    for method, path, body in [
        ("get", "/api/v1/terminal", None),
        ("get", "/api/v1/services", None),
        ("post", LOOKUP, {"id_number": c.id_number, "phone_last4": c.phone_last4}),
    ]:
        r = getattr(api.client, method)(path, headers=headers, **({"json": body} if body else {}))
        assert r.status_code == 401, (path, r.text)
        assert _codes(r) == ["unauthorized"]


def test_health_needs_no_token_and_terminal_describes_itself(api):
    assert api.get("/api/v1/health").json() == {"status": "ok", "version": "0.1.0", "demo": True}
    assert api.get("/api/v1/terminal", headers=api.terminal_headers()).json()["id"] == "T-0001"


def test_session_expires_after_15_idle_minutes_and_use_extends_it(api):
    headers = api.identify(0)
    api.clock.advance(minutes=14)
    assert api.get("/api/v1/me", headers=headers).status_code == 200
    api.clock.advance(minutes=14)  # 28 min after start but only 14 idle
    assert api.get("/api/v1/me", headers=headers).status_code == 200
    api.clock.advance(minutes=15, seconds=1)
    r = api.get("/api/v1/me", headers=headers)
    assert r.status_code == 401 and _codes(r) == ["session_expired"]


def test_session_belongs_to_its_terminal(api):
    headers = api.identify(0)
    stolen = {
        **api.terminal_headers(DEMO_OTHER_TERMINAL_TOKEN),
        "X-Citizen-Session": headers["X-Citizen-Session"],
    }
    r = api.get("/api/v1/me", headers=stolen)
    assert r.status_code == 401 and _codes(r) == ["session_expired"]


def test_ending_the_session(api):
    headers = api.identify(0)
    assert api.delete("/api/v1/session", headers=headers).status_code == 204
    assert _codes(api.get("/api/v1/me", headers=headers)) == ["session_expired"]
    assert _codes(
        api.get("/api/v1/me", headers={**api.terminal_headers(), "X-Citizen-Session": "made-up"})
    ) == ["session_expired"]


def test_logs_carry_no_id_phone_or_name(api, caplog):
    caplog.set_level(logging.DEBUG)
    c = DEMO_CITIZENS[6]
    api.post(
        LOOKUP,
        headers=api.terminal_headers(),
        json={"id_number": c.id_number, "phone_last4": "0000"},
    )
    api.post(
        LOOKUP,
        headers=api.terminal_headers(),
        json={"id_number": _wrong_check(c.id_number), "phone_last4": "1"},
    )
    headers = api.identify(6)
    api.get("/api/v1/me", headers=headers)
    api.post(
        "/api/v1/identity/card",
        headers=api.terminal_headers(),
        json={"card_payload": c.card_payload},
    )
    text = "\n".join(r.getMessage() + " " + repr(getattr(r, "fields", "")) for r in caplog.records)
    assert "identified" in text and "identify_failed" in text
    for secret in (c.id_number, c.id_number[:17], c.phone, c.name, c.card_payload):
        assert secret not in text


def test_identification_prunes_stale_sessions_failures_and_idempotency_records(api):
    headers = api.identify(0)
    slot = api.get("/api/v1/services/meal/slots", params={"days": 14}, headers=headers).json()[
        "items"
    ][-1]
    api.post(
        "/api/v1/orders",
        headers={**headers, "Idempotency-Key": "old"},
        json={"slot_id": slot["id"]},
    )
    api.post(
        LOOKUP,
        headers=api.terminal_headers(),
        json={"id_number": DEMO_CITIZENS[9].id_number, "phone_last4": "0000"},
    )
    api.clock.advance(days=2)
    api.identify(1)

    def count(model):
        with api.app.state.ctx.db.session(write=False) as db:
            return db.scalar(select(func.count()).select_from(model))

    assert count(CitizenSession) == 1  # only the fresh one
    assert count(IdempotencyRecord) == 0 and count(AuthFailure) == 0
