"""The kiosk's benefits routes and the slip's public page, in-process over seeded demo data."""

from __future__ import annotations

import re

import pytest

from backend.benefits.models import BenefitScreening
from backend.demo import DEMO_CITIZEN_WITHOUT_RECORDS, DEMO_CITIZENS

PERSONA = 0  # 张演华: 低保 on record, born 1946-01-01, applications for 养老服务补贴 and 残疾人补贴
NO_STATUS = 4  # 陈示英: nothing on record but an open 低保 application; 72 on the demo day


def _screen(api, who: int, answers: dict | None = None, final: bool = False, headers=None):
    return api.post(
        "/api/v1/benefits/screening",
        headers=headers or api.identify(who),
        json={"answers": answers or {}, "final": final},
    )


def test_known_facts_are_not_asked_and_results_come_with_words_and_where(api):
    r = _screen(api, PERSONA)
    assert r.status_code == 200, r.text
    body = r.json()
    results = {x["policy"]: x for x in body["results"]}
    assert len(results) == 7
    # 低保 is on record, so income/assets/supporter settle nothing: only 临时救助 still asks.
    assert body["next_question"] == {
        "code": "sudden_hardship",
        "text": "最近三个月，您家里有没有因为生病、意外或者受灾，突然遇到困难？",
    }
    assert body["display_name"] == "张*华" and body["questions_left"] == 5
    assert results["dibao"]["outcome"] == "receiving"
    assert results["tekun"]["reasons"] == [
        {"code": "receiving_dibao", "text": "已在享受低保，不能同时享受特困供养"}
    ]
    longevity = results["longevity"]
    assert (longevity["outcome"], longevity["monthly_yuan"]) == ("likely", 100)
    assert "本人银行卡" in longevity["bring"]
    assert longevity["office"]["address"].startswith("演示市幸福区示范路1号")
    assert "9:00" in longevity["office"]["hours"]
    assert results["care_subsidy"]["outcome"] == "applied"


def test_dont_know_leaves_need_info_and_is_not_asked_again(api):
    headers = api.identify(NO_STATUS)
    first = _screen(api, NO_STATUS, headers=headers).json()
    assert first["next_question"]["code"] == "income_below_line"
    assert "一千元" in first["next_question"]["text"]
    answers = {"income_below_line": "dont_know"}
    asked = ["income_below_line"]
    while (step := _screen(api, NO_STATUS, answers, headers=headers).json())["next_question"]:
        code = step["next_question"]["code"]
        assert code not in asked
        asked.append(code)
        answers[code] = "no"
    assert len(asked) <= 5
    results = {x["policy"]: x for x in step["results"]}
    assert results["tekun"]["outcome"] == "need_info"
    assert results["tekun"]["questions"] == ["income_below_line"]
    assert results["tekun"]["reasons"][0]["text"] == "还不清楚家里每人每月的收入"
    assert results["temp_relief"]["outcome"] == "unlikely"  # 不是 to sudden hardship


def test_yes_to_income_over_the_line_makes_dibao_and_tekun_unlikely(api):
    body = _screen(api, 26, {"income_below_line": "yes"}).json()
    results = {x["policy"]: x for x in body["results"]}
    assert results["dibao"]["outcome"] == "unlikely"
    assert results["tekun"]["outcome"] == "unlikely"
    # assets and supporter no longer matter: the next question is 临时救助's
    assert body["next_question"]["code"] == "sudden_hardship"


@pytest.mark.parametrize(
    ("answers", "code", "field"),
    [
        ({"income": "yes"}, "unknown_question", "answers.income"),
        ({"birth_date": "no"}, "unknown_question", "answers.birth_date"),
        ({"income_below_line": "maybe"}, "validation_error", None),
    ],
)
def test_bad_answers_are_refused_with_a_documented_error(api, answers, code, field):
    r = _screen(api, PERSONA, answers)
    assert r.status_code == 422
    error = r.json()["errors"][0]
    assert error["code"] == code
    if field:
        assert error["field"] == field


def test_screening_needs_a_citizen_session(api):
    r = api.post("/api/v1/benefits/screening", headers=api.terminal_headers(), json={})
    assert r.status_code == 401


def test_final_keeps_the_screening_and_the_public_page_is_masked(api):
    r = _screen(api, PERSONA, {"sudden_hardship": "no"}, final=True)
    slip = r.json()["slip"]
    assert re.fullmatch(r"[A-Za-z0-9_-]{20,}", slip["token"])
    assert slip["public_url"].endswith(f"/b/{slip['token']}")
    page = api.get(f"/b/{slip['token']}")
    assert page.status_code == 200 and page.headers["cache-control"] == "no-store"
    citizen = DEMO_CITIZENS[PERSONA]
    assert "张*华" in page.text and "高龄津贴" in page.text and "可能符合" in page.text
    assert "每月100元" in page.text and "您已经在享受" not in page.text  # why only where it helps
    for secret in (citizen.name, citizen.id_number, citizen.phone, citizen.phone_last4, "示范路1"):
        assert secret not in page.text.replace("示范路1号 示范社区", "")
    with api.app.state.ctx.db.session(write=False) as db:
        row = db.query(BenefitScreening).one()
        assert row.answers == {"sudden_hardship": False}
    assert api.get("/b/" + "x" * 22).status_code == 404
    assert api.get("/b/%00bad").status_code == 404


def test_hint_names_a_policy_likely_from_the_record(api):
    hint = api.get("/api/v1/benefits/hint", headers=api.identify(PERSONA)).json()
    assert hint == {"policy": "longevity", "name": "高龄津贴", "short_name": "高龄津贴"}
    none = api.get("/api/v1/benefits/hint", headers=api.identify(DEMO_CITIZEN_WITHOUT_RECORDS))
    assert none.json() == {"policy": None, "name": None, "short_name": None}
