"""The citizen's applications: list, detail, due dates, scoping, public page."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from backend.codes import STAGES
from backend.demo import DEMO_CITIZEN_WITHOUT_RECORDS, DEMO_CITIZENS
from backend.models import Application
from backend.stage_rules import load_rules


def test_list_shows_type_stage_and_expected_date(api):
    headers = api.identify(0)
    items = api.get("/api/v1/applications", headers=headers).json()["items"]
    assert len(items) >= 3
    by_type = {a["type"]["code"]: a for a in items}
    dibao = by_type["dibao"]
    assert dibao["type"] == {"code": "dibao", "label": "最低生活保障"}
    assert dibao["stage"] == {"code": "publicity", "label": "公示"}
    entered = dt.date.fromisoformat(dibao["stage_entered_at"])
    assert dt.date.fromisoformat(dibao["expected_by"]) == entered + dt.timedelta(days=7)
    assert dibao["public_url"].startswith("http://testserver/s/")


def test_detail_has_history_upcoming_missing_materials_and_payments(api):
    headers = api.identify(0)
    items = {
        a["stage"]["code"]: a
        for a in api.get("/api/v1/applications", headers=headers).json()["items"]
    }
    needs = api.get(
        f"/api/v1/applications/{items['needs_materials']['number']}", headers=headers
    ).json()
    assert [h["stage"]["code"] for h in needs["history"]] == ["submitted", "needs_materials"]
    assert needs["missing_materials"] and all(
        m["item"] and m["where"] and m["due_date"] for m in needs["missing_materials"]
    )
    assert needs["upcoming"][0]["stage"]["code"] == "accepted"
    paid = api.get(f"/api/v1/applications/{items['paid']['number']}", headers=headers).json()
    assert paid["decision"]["code"] == "approved"
    assert paid["payments"] and paid["payments"][0]["status"] == {"code": "paid", "label": "已发放"}
    assert paid["upcoming"] == [] and paid["expected_by"] is None
    publicity = api.get(
        f"/api/v1/applications/{items['publicity']['number']}", headers=headers
    ).json()
    dates = [h["entered_at"] for h in publicity["history"]]
    assert dates == sorted(dates)
    assert publicity["decision"] is None and publicity["monthly_amount_fen"] is None


def test_every_type_in_every_applicable_stage_with_consistent_due_dates(api):
    rules = load_rules()
    with api.app.state.ctx.db.session(write=False) as db:
        apps = db.scalars(select(Application)).all()
        seen = {(a.type_code, a.stage_code) for a in apps}
        for a in apps:
            assert a.stage_code in STAGES
            assert a.history[-1].stage_code == a.stage_code
            assert a.history[-1].entered_on == a.stage_entered_on <= api.clock.today()
    expected = {(t, s) for t in rules.data["paths"] for s in rules.applicable_stages(t)}
    assert expected <= seen


def test_another_citizens_application_is_404_without_leak(api):
    mine = api.identify(0)
    other = api.identify(1)
    other_numbers = [
        a["number"] for a in api.get("/api/v1/applications", headers=other).json()["items"]
    ]
    assert other_numbers
    for number in other_numbers:
        r = api.get(f"/api/v1/applications/{number}", headers=mine)
        assert r.status_code == 404
        assert r.json()["errors"][0]["code"] == "not_found"
        assert number not in r.text
    mine_numbers = {
        a["number"] for a in api.get("/api/v1/applications", headers=mine).json()["items"]
    }
    assert mine_numbers and not mine_numbers & set(other_numbers)
    unknown = api.get("/api/v1/applications/MZ0000000000000", headers=mine)
    assert unknown.json() == r.json()  # absent and foreign look the same


def test_application_routes_need_a_session(api):
    r = api.get("/api/v1/applications", headers=api.terminal_headers())
    assert r.status_code == 401 and r.json()["errors"][0]["code"] == "session_expired"


def test_public_status_page_for_an_application_is_masked(api):
    c = DEMO_CITIZENS[0]
    headers = api.identify(0)
    app = api.get("/api/v1/applications", headers=headers).json()["items"][0]
    page = api.get(app["public_url"].removeprefix("http://testserver"))
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "张*华" in page.text and app["stage"]["label"] in page.text
    assert 'name="viewport"' in page.text
    for secret in (c.name, c.id_number, c.phone, c.phone[-4:], c.address):
        assert secret not in page.text
    assert page.headers["cache-control"] == "no-store"


def test_unknown_status_token_is_a_404_page(api):
    for token in ("nope", "x" * 22, "A" * 200, "%00"):
        r = api.get(f"/s/{token}")
        assert r.status_code == 404 and "没有找到" in r.text


def test_a_demo_citizen_without_applications_or_orders(api):
    headers = api.identify(DEMO_CITIZEN_WITHOUT_RECORDS)
    assert api.get("/api/v1/applications", headers=headers).json() == {"items": []}
    assert api.get("/api/v1/orders", headers=headers).json() == {"items": []}
