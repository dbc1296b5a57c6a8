"""Care services, slots and orders through the routes."""

from __future__ import annotations

import pytest

from backend.demo import DEMO_CITIZENS, DEMO_OTHER_TERMINAL_TOKEN
from backend.help.demo import DEMO_VOLUNTEERS


def _codes(r) -> list[str]:
    return [e["code"] for e in r.json()["errors"]]


def _free_slot(api, headers, service="meal", min_available=1, skip=()):
    slots = api.get(
        f"/api/v1/services/{service}/slots", params={"days": 14}, headers=headers
    ).json()["items"]
    return next(s for s in slots if s["available"] >= min_available and s["id"] not in skip)


def _book(api, headers, slot_id, key, **body):
    return api.post(
        "/api/v1/orders",
        headers={**headers, "Idempotency-Key": key},
        json={"slot_id": slot_id, **body},
    )


def _advance(api, number, to=None):
    r = api.post(
        f"/api/v1/demo/orders/{number}/advance", headers=api.terminal_headers(), json={"to": to}
    )
    assert r.status_code == 200, r.text
    return r.json()


def test_services_are_priced_per_citizen(api):
    anonymous = {
        s["code"]: s
        for s in api.get("/api/v1/services", headers=api.terminal_headers()).json()["items"]
    }
    assert len(anonymous) >= 8
    assert {
        "meal",
        "cleaning",
        "bathing",
        "medical",
        "rehab",
        "companionship",
        "errands",
        "escort",
    } <= set(anonymous)
    assert all(
        s["subsidy_fen"] == 0 and s["you_pay_fen"] == s["price_fen"] for s in anonymous.values()
    )

    def priced(index):
        items = api.get("/api/v1/services", headers=api.identify(index)).json()["items"]
        return {s["code"]: s for s in items}

    dibao, tekun, disabled, untagged = priced(0), priced(1), priced(2), priced(4)
    assert DEMO_CITIZENS[1].tags == ("tekun",) and DEMO_CITIZENS[4].tags == ()
    assert tekun["meal"]["you_pay_fen"] == 0 and tekun["meal"]["subsidy_reason"]["label"] == "特困"
    assert 0 < dibao["meal"]["you_pay_fen"] < dibao["meal"]["price_fen"]
    assert dibao["meal"]["subsidy_reason"] == {"code": "dibao", "label": "低保"}
    assert disabled["bathing"]["subsidy_reason"]["code"] == "disabled_moderate"
    assert untagged["meal"]["subsidy_fen"] == 0 and untagged["meal"]["subsidy_reason"] is None
    assert dibao["errands"]["subsidy_fen"] == 0  # 代购代办 is not subsidised
    for s in dibao.values():
        assert s["price_fen"] == s["subsidy_fen"] + s["you_pay_fen"]


def test_slots_show_capacity_and_places_left(api):
    headers = api.terminal_headers()
    slots = api.get(
        "/api/v1/services/meal/slots", params={"from": "2026-11-30", "days": 14}, headers=headers
    ).json()["items"]
    assert {s["start"][:10] for s in slots} >= {"2026-11-30", "2026-12-13"}
    assert all(
        s["available"] == s["capacity"] - s["booked"] and s["start"].endswith("+08:00")
        for s in slots
    )
    assert any(s["available"] == 0 for s in slots)  # 已约满 exists in the demo data
    week = api.get(
        "/api/v1/services/meal/slots", params={"from": "2026-12-01"}, headers=headers
    ).json()["items"]
    assert {s["start"][:10] for s in week} == {f"2026-12-{d:02d}" for d in range(1, 8)}
    assert api.get("/api/v1/services/nope/slots", headers=headers).status_code == 404
    bad = api.get("/api/v1/services/meal/slots", params={"from": "tomorrow"}, headers=headers)
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "from"


def test_create_order_records_channel_booker_price_and_history(api):
    headers = api.identify(0)
    slot = _free_slot(api, headers)
    r = _book(api, headers, slot["id"], "k-create-1")
    assert r.status_code == 201, r.text
    order = r.json()
    assert order["status"] == {"code": "pending_dispatch", "label": "待派单"}
    assert order["channel"]["code"] == "kiosk" and order["booked_by"]["code"] == "self"
    assert order["slot"]["id"] == slot["id"] and order["you_pay_fen"] == 600
    assert (
        order["history"][0]["actor"]["code"] == "citizen"
        and order["history"][0]["channel"]["code"] == "kiosk"
    )
    assert order["address_masked"].count("*") >= 3
    after = next(
        s
        for s in api.get(
            "/api/v1/services/meal/slots", params={"days": 14}, headers=headers
        ).json()["items"]
        if s["id"] == slot["id"]
    )
    assert after["booked"] == slot["booked"] + 1
    listed = api.get("/api/v1/orders", headers=headers).json()["items"]
    assert listed[0]["number"] == order["number"]  # newest first
    assert api.get(f"/api/v1/orders/{order['number']}", headers=headers).json() == order


def test_same_idempotency_key_gives_one_order_and_the_same_answer(api):
    headers = api.identify(0)
    slot = _free_slot(api, headers, min_available=2)
    first = _book(api, headers, slot["id"], "same-key")
    second = _book(api, headers, slot["id"], "same-key")
    assert first.status_code == second.status_code == 201
    assert first.json() == second.json()
    numbers = [o["number"] for o in api.get("/api/v1/orders", headers=headers).json()["items"]]
    assert numbers.count(first.json()["number"]) == 1
    reused = _book(api, headers, _free_slot(api, headers, skip=(slot["id"],))["id"], "same-key")
    assert reused.status_code == 422 and _codes(reused) == ["idempotency_key_reused"]
    too_long = _book(api, headers, slot["id"], "k" * 65)
    assert (
        too_long.status_code == 422 and too_long.json()["errors"][0]["field"] == "Idempotency-Key"
    )


def test_full_slot_is_a_clean_409(api):
    headers = api.identify(0)
    slots = api.get("/api/v1/services/meal/slots", params={"days": 14}, headers=headers).json()[
        "items"
    ]
    full = next(s for s in slots if s["available"] == 0)
    r = _book(api, headers, full["id"], "k-full")
    assert r.status_code == 409 and _codes(r) == ["slot_full"]


def test_volunteer_booking_is_recorded(api):
    volunteer = DEMO_VOLUNTEERS[0]  # signed in at the kiosk: the order route checks its token
    signed_in = api.post(
        "/api/v1/volunteers/sign-in",
        headers=api.terminal_headers(),
        json={"volunteer_number": volunteer.number, "pin": volunteer.pin},
    ).json()
    headers = {**api.identify(3), "X-Volunteer-Token": signed_in["token"]}
    slot = _free_slot(api, headers, service="cleaning")
    r = _book(
        api, headers, slot["id"], "k-vol", booked_by="volunteer", volunteer_id=volunteer.number
    )
    assert r.status_code == 201
    assert (
        r.json()["booked_by"]["code"] == "volunteer"
        and r.json()["volunteer_id"] == volunteer.number
    )
    assert r.json()["history"][0]["actor"]["code"] == "volunteer"
    missing = _book(api, headers, slot["id"], "k-vol-2", booked_by="volunteer")
    assert missing.status_code == 422 and missing.json()["errors"][0]["field"] == "volunteer_id"


def test_cancel_releases_the_place_and_is_refused_once_in_service(api):
    headers = api.identify(0)
    slot = _free_slot(api, headers)
    order = _book(api, headers, slot["id"], "k-c1").json()
    r = api.post(
        f"/api/v1/orders/{order['number']}/cancel", headers=headers, json={"reason": "身体不舒服"}
    )
    assert r.status_code == 200 and r.json()["status"]["code"] == "cancelled"
    assert r.json()["history"][-1]["note"] == "身体不舒服"
    again = api.post(f"/api/v1/orders/{order['number']}/cancel", headers=headers, json={})
    assert again.status_code == 409 and _codes(again) == ["invalid_state"]
    started = _book(api, headers, _free_slot(api, headers)["id"], "k-c2").json()
    _advance(api, started["number"], "in_service")
    refused = api.post(f"/api/v1/orders/{started['number']}/cancel", headers=headers, json={})
    assert refused.status_code == 409 and "服务中" in refused.json()["errors"][0]["message"]


def test_reschedule_keeps_the_number(api):
    headers = api.identify(0)
    first = _free_slot(api, headers, service="bathing")
    order = _book(api, headers, first["id"], "k-r1").json()
    target = _free_slot(api, headers, service="bathing", skip=(first["id"],))
    r = api.post(
        f"/api/v1/orders/{order['number']}/reschedule",
        headers={**headers, "Idempotency-Key": "k-r2"},
        json={"slot_id": target["id"]},
    )
    assert r.status_code == 200, r.text
    moved = r.json()
    assert moved["number"] == order["number"] and moved["slot"]["id"] == target["id"]
    assert moved["history"][-1]["note"].startswith("改约")
    other_service = _free_slot(api, headers, service="meal")
    wrong = api.post(
        f"/api/v1/orders/{order['number']}/reschedule",
        headers=headers,
        json={"slot_id": other_service["id"]},
    )
    assert wrong.status_code == 422 and wrong.json()["errors"][0]["field"] == "slot_id"
    full = next(
        s
        for s in api.get(
            "/api/v1/services/meal/slots", params={"days": 14}, headers=headers
        ).json()["items"]
        if s["available"] == 0
    )
    meal_order = _book(api, headers, other_service["id"], "k-r3").json()
    to_full = api.post(
        f"/api/v1/orders/{meal_order['number']}/reschedule",
        headers=headers,
        json={"slot_id": full["id"]},
    )
    assert to_full.status_code == 409 and _codes(to_full) == ["slot_full"]


def test_rating_only_after_completion_and_only_once(api):
    headers = api.identify(0)
    order = _book(api, headers, _free_slot(api, headers)["id"], "k-rate").json()
    early = api.post(
        f"/api/v1/orders/{order['number']}/rating", headers=headers, json={"score": 5, "tags": []}
    )
    assert early.status_code == 409 and _codes(early) == ["invalid_state"]
    assert order["actions"] == ["cancel", "reschedule"]
    done = _advance(api, order["number"], "completed")
    assert done["actions"] == ["rate"]
    assert [h["status"]["code"] for h in done["history"]] == [
        "pending_dispatch",
        "dispatched",
        "accepted",
        "in_service",
        "completed",
    ]
    assert done["history"][-1]["actor"]["code"] == "provider"
    r = api.post(
        f"/api/v1/orders/{order['number']}/rating",
        headers=headers,
        json={"score": 4, "tags": ["on_time", "on_time", "kind"]},
    )
    assert r.status_code == 200
    assert r.json()["rating"] == {
        "score": {"code": "4", "label": "满意"},
        "tags": [{"code": "on_time", "label": "准时"}, {"code": "kind", "label": "态度好"}],
    }
    assert r.json()["status"]["label"] == "已完成" and r.json()["actions"] == []
    twice = api.post(
        f"/api/v1/orders/{order['number']}/rating", headers=headers, json={"score": 1, "tags": []}
    )
    assert twice.status_code == 409
    for bad in ({"score": 0}, {"score": 6}, {"score": "five"}, {"score": 3, "tags": ["准时"]}):
        assert (
            api.post(
                f"/api/v1/orders/{order['number']}/rating", headers=headers, json=bad
            ).status_code
            == 422
        )


def test_demo_route_needs_demo_mode_and_a_terminal(api_factory):
    api = api_factory(demo=False)
    headers = api.identify(0)
    number = api.get("/api/v1/orders", headers=headers).json()["items"][0]["number"]
    r = api.post(f"/api/v1/demo/orders/{number}/advance", headers=api.terminal_headers(), json={})
    assert r.status_code == 404
    assert api.post(f"/api/v1/demo/orders/{number}/advance", json={}).status_code == 401


def test_no_show_from_accepted(api):
    headers = api.identify(0)
    order = _book(api, headers, _free_slot(api, headers)["id"], "k-ns").json()
    _advance(api, order["number"], "accepted")
    assert _advance(api, order["number"], "no_show")["status"]["code"] == "no_show"
    r = api.post(
        f"/api/v1/demo/orders/{order['number']}/advance", headers=api.terminal_headers(), json={}
    )
    assert r.status_code == 409


@pytest.mark.parametrize("route", ["detail", "history", "cancel", "reschedule", "rating"])
def test_another_citizens_order_is_404_on_every_route(api, route):
    other = api.identify(1)
    theirs = api.get("/api/v1/orders", headers=other).json()["items"]
    assert theirs
    mine = api.identify(0)
    slot = _free_slot(api, mine)
    for order in theirs:
        number = order["number"]
        r = {
            "detail": lambda n: api.get(f"/api/v1/orders/{n}", headers=mine),
            "history": lambda n: api.get(f"/api/v1/orders/{n}/history", headers=mine),
            "cancel": lambda n: api.post(f"/api/v1/orders/{n}/cancel", headers=mine, json={}),
            "reschedule": lambda n: api.post(
                f"/api/v1/orders/{n}/reschedule", headers=mine, json={"slot_id": slot["id"]}
            ),
            "rating": lambda n: api.post(
                f"/api/v1/orders/{n}/rating", headers=mine, json={"score": 5, "tags": []}
            ),
        }[route](number)
        assert r.status_code == 404, r.text
        assert _codes(r) == ["not_found"] and number not in r.text
    # ...nothing changed for the owner, and my list never shows theirs.
    assert api.get("/api/v1/orders", headers=other).json()["items"] == theirs
    mine_numbers = {o["number"] for o in api.get("/api/v1/orders", headers=mine).json()["items"]}
    assert not mine_numbers & {o["number"] for o in theirs}


def test_idempotency_key_is_per_terminal_and_citizen(api):
    mine = api.identify(0)
    other_citizen = api.identify(5)
    slot = _free_slot(api, mine, min_available=2)
    assert _book(api, mine, slot["id"], "shared").status_code == 201
    # Same key, same body, other citizen on the same terminal: refused, not answered with my order.
    r = _book(api, other_citizen, slot["id"], "shared")
    assert r.status_code == 422 and _codes(r) == ["idempotency_key_reused"]
    other_terminal = api.identify(5, token=DEMO_OTHER_TERMINAL_TOKEN)
    assert _book(api, other_terminal, slot["id"], "shared").status_code == 201


def test_history_route(api):
    headers = api.identify(0)
    order = api.get("/api/v1/orders", headers=headers).json()["items"][0]
    history = api.get(f"/api/v1/orders/{order['number']}/history", headers=headers).json()["items"]
    assert history == order["history"]
    assert all({"status", "at", "actor", "channel", "note"} == set(h) for h in history)


def test_public_order_page_is_masked(api):
    c = DEMO_CITIZENS[0]
    headers = api.identify(0)
    order = _book(api, headers, _free_slot(api, headers)["id"], "k-page").json()
    page = api.get(order["public_url"].removeprefix("http://testserver"))
    assert page.status_code == 200
    assert "张*华" in page.text and order["number"] in page.text and "待派单" in page.text
    for secret in (c.name, c.id_number, c.phone, c.address, order["address_masked"], "示范路"):
        assert secret not in page.text


def test_slots_far_from_today_are_none(api):
    """Any date is a valid question (the OpenAPI document admits every date); a year away or
    more there are simply no slots, and no date sum overflows at the calendar's ends."""
    for day in ("9999-12-31", "0001-01-01", "2030-01-01"):
        r = api.get(
            "/api/v1/services/meal/slots",
            params={"from": day, "days": 31},
            headers=api.terminal_headers(),
        )
        assert r.status_code == 200 and r.json() == {"items": []}


def test_demo_cards_only_in_demo_mode_masked_and_they_open_a_session(api_factory):
    from backend.demo import DEMO_CITIZENS

    demo = api_factory()
    cards = demo.get("/api/v1/demo/cards", headers=demo.terminal_headers()).json()["items"]
    first = DEMO_CITIZENS[0]
    assert cards[0] == {"payload": first.card_payload, "display_name": "张*华",
                        "id_tail": first.id_number[-4:]}  # fmt: skip
    assert len(cards) == len(DEMO_CITIZENS)
    assert not [c for c in cards if any(z.name in str(c) for z in DEMO_CITIZENS)]  # no full name
    session = demo.post("/api/v1/identity/card", headers=demo.terminal_headers(),
                        json={"card_payload": cards[0]["payload"]})  # fmt: skip
    assert session.status_code == 201
    assert demo.get("/api/v1/demo/cards").status_code == 401
    real = api_factory(demo=False)
    assert real.get("/api/v1/demo/cards", headers=real.terminal_headers()).status_code == 404
