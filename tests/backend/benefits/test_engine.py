"""Rule-engine table: synthetic households against the demo region's seven policy files.

Each row: a name, changes to a base household (everything known, nothing fits), the
screening day, and what some policies must answer. A bare outcome checks the outcome only;
a tuple also checks the reason codes, and a third item the questions.
"""

from __future__ import annotations

import datetime as dt

import pytest

from backend.benefits.engine import age_on, birthday_in, screen
from backend.benefits.rules import default_rules
from backend.benefits.schema import Profile

DAY = dt.date(2026, 12, 2)
BASE = {
    "birth_date": "1970-06-15",
    "region": "990101",
    "household_size": 2,
    "income_below_line": False,
    "has_major_assets": False,
    "has_supporter": True,
    "disability_level": 0,
    "care_need": "none",
    "sudden_hardship": False,
    "receiving": [],
    "applied": [],
}
POOR = {"income_below_line": True, "has_major_assets": False}  # 低保-like means
ALONE_POOR = {**POOR, "has_supporter": False}
D = dt.date

CASES = [
    # --- nothing fits: every policy says why ------------------------------------------
    (
        "nothing fits",
        {},
        DAY,
        {
            "dibao": ("unlikely", ["income_above_line"]),
            "tekun": ("unlikely", ["able_to_work", "income_above_line", "has_supporter"]),
            "temp_relief": ("unlikely", ["no_sudden_hardship"]),
            "longevity": ("unlikely", ["under_80", "turns_80_on:2050-06-15"]),
            "care_subsidy": (
                "unlikely",
                ["under_60", "turns_60_on:2030-06-15", "not_dibao_or_tekun", "care_need_low"],
            ),
            "disability_living": ("unlikely", ["no_disability", "not_dibao"]),
            "disability_care": ("unlikely", ["not_severe_disability"]),
        },
    ),
    # --- 低保 -----------------------------------------------------------------------------
    ("dibao likely", POOR, DAY, {"dibao": ("likely", [], [])}),
    (
        "dibao assets",
        {"income_below_line": True, "has_major_assets": True},
        DAY,
        {"dibao": ("unlikely", ["has_major_assets"])},
    ),
    (
        "dibao both fail",
        {"has_major_assets": True},
        DAY,
        {"dibao": ("unlikely", ["income_above_line", "has_major_assets"])},
    ),
    (
        "dibao income unknown",
        {"income_below_line": None},
        DAY,
        {"dibao": ("need_info", ["unknown_income_below_line"], ["income_below_line"])},
    ),
    (
        "dibao assets unknown",
        {"income_below_line": True, "has_major_assets": None},
        DAY,
        {"dibao": ("need_info", ["unknown_has_major_assets"], ["has_major_assets"])},
    ),
    (
        "dibao unlikely beats unknown",
        {"income_below_line": False, "has_major_assets": None},
        DAY,
        {"dibao": ("unlikely", ["income_above_line"])},
    ),
    (
        "dibao both unknown",
        {"income_below_line": None, "has_major_assets": None},
        DAY,
        {"dibao": ("need_info", None, ["income_below_line", "has_major_assets"])},
    ),
    (
        "dibao excluded by tekun",
        {**POOR, "receiving": ["tekun"]},
        DAY,
        {"dibao": ("unlikely", ["receiving_tekun"]), "tekun": "receiving"},
    ),
    (
        "dibao receiving",
        {"receiving": ["dibao"]},
        DAY,
        {"dibao": ("receiving", ["already_receiving"], [])},
    ),
    (
        "dibao applied",
        {"applied": ["dibao"]},
        DAY,
        {"dibao": ("applied", ["application_open"], [])},
    ),
    (
        "receiving beats applied",
        {"receiving": ["dibao"], "applied": ["dibao"]},
        DAY,
        {"dibao": "receiving"},
    ),
    (
        "dibao receiving unknown",
        {**POOR, "receiving": None},
        DAY,
        {"dibao": ("need_info", ["unknown_receiving"], ["receiving"])},
    ),
    # --- 特困 -----------------------------------------------------------------------------
    (
        "tekun elderly alone",
        {**ALONE_POOR, "birth_date": "1950-01-01"},
        DAY,
        {"tekun": "likely", "dibao": "likely"},
    ),
    (
        "tekun disabled level 1",
        {**ALONE_POOR, "disability_level": 1},
        DAY,
        {"tekun": "likely", "disability_care": "likely"},
    ),
    ("tekun disabled level 2", {**ALONE_POOR, "disability_level": 2}, DAY, {"tekun": "likely"}),
    (
        "tekun disabled level 3 works",
        {**ALONE_POOR, "disability_level": 3},
        DAY,
        {"tekun": ("unlikely", ["able_to_work"]), "disability_care": "unlikely"},
    ),
    ("tekun child", {**ALONE_POOR, "birth_date": "2015-05-05"}, DAY, {"tekun": "likely"}),
    (
        "tekun has supporter",
        {**POOR, "birth_date": "1950-01-01"},
        DAY,
        {"tekun": ("unlikely", ["has_supporter"])},
    ),
    (
        "tekun supporter unknown",
        {**POOR, "birth_date": "1950-01-01", "has_supporter": None},
        DAY,
        {"tekun": ("need_info", None, ["has_supporter"])},
    ),
    (
        "tekun assets",
        {**ALONE_POOR, "birth_date": "1950-01-01", "has_major_assets": True},
        DAY,
        {"tekun": ("unlikely", ["has_major_assets"])},
    ),
    (
        "tekun excluded by dibao",
        {**ALONE_POOR, "birth_date": "1950-01-01", "receiving": ["dibao"]},
        DAY,
        {"tekun": ("unlikely", ["receiving_dibao"])},
    ),
    (
        "tekun age unknown, disability 1 decides",
        {**ALONE_POOR, "birth_date": None, "disability_level": 1},
        DAY,
        {"tekun": "likely"},
    ),
    (
        "tekun age and disability unknown",
        {**ALONE_POOR, "birth_date": None, "disability_level": None},
        DAY,
        {"tekun": ("need_info", None, ["birth_date", "disability_level"])},
    ),
    ("tekun applied", {"applied": ["tekun"]}, DAY, {"tekun": "applied"}),
    # --- 16th birthday (tekun: age < 16 means no ability to work) ----------------------------
    (
        "16th birthday: day before",
        {**ALONE_POOR, "birth_date": "2010-12-02"},
        D(2026, 12, 1),
        {"tekun": "likely"},
    ),
    (
        "16th birthday: the day",
        {**ALONE_POOR, "birth_date": "2010-12-02"},
        D(2026, 12, 2),
        {"tekun": ("unlikely", ["able_to_work"])},
    ),
    (
        "16th birthday on 29 Feb: day before",
        {**ALONE_POOR, "birth_date": "2008-02-29"},
        D(2024, 2, 28),
        {"tekun": "likely"},
    ),
    (
        "16th birthday on 29 Feb: the day",
        {**ALONE_POOR, "birth_date": "2008-02-29"},
        D(2024, 2, 29),
        {"tekun": "unlikely"},
    ),
    # --- 60th birthday ---------------------------------------------------------------------
    (
        "60th birthday: day before (tekun)",
        {**ALONE_POOR, "birth_date": "1966-12-02"},
        D(2026, 12, 1),
        {"tekun": ("unlikely", ["able_to_work"])},
    ),
    (
        "60th birthday: the day (tekun)",
        {**ALONE_POOR, "birth_date": "1966-12-02"},
        D(2026, 12, 2),
        {"tekun": "likely"},
    ),
    (
        "60th birthday: day before (care)",
        {"birth_date": "1966-12-02", "receiving": ["dibao"], "care_need": "severe"},
        D(2026, 12, 1),
        {"care_subsidy": ("unlikely", ["under_60", "turns_60_on:2026-12-02"])},
    ),
    (
        "60th birthday: the day (care)",
        {"birth_date": "1966-12-02", "receiving": ["dibao"], "care_need": "severe"},
        D(2026, 12, 2),
        {"care_subsidy": "likely"},
    ),
    (
        "60th birthday on 29 Feb: day before",
        {"birth_date": "1964-02-29", "receiving": ["tekun"], "care_need": "moderate"},
        D(2024, 2, 28),
        {"care_subsidy": ("unlikely", ["under_60", "turns_60_on:2024-02-29"])},
    ),
    (
        "60th birthday on 29 Feb: the day",
        {"birth_date": "1964-02-29", "receiving": ["tekun"], "care_need": "moderate"},
        D(2024, 2, 29),
        {"care_subsidy": "likely"},
    ),
    # --- 80th birthday (高龄津贴) -------------------------------------------------------------
    (
        "80th birthday: day before",
        {"birth_date": "1946-12-02"},
        D(2026, 12, 1),
        {"longevity": ("unlikely", ["under_80", "turns_80_on:2026-12-02"])},
    ),
    (
        "80th birthday: the day",
        {"birth_date": "1946-12-02"},
        D(2026, 12, 2),
        {"longevity": ("likely", [], [])},
    ),
    (
        "80th birthday on 29 Feb: day before",
        {"birth_date": "1944-02-29"},
        D(2024, 2, 28),
        {"longevity": ("unlikely", ["under_80", "turns_80_on:2024-02-29"])},
    ),
    (
        "80th birthday on 29 Feb: the day",
        {"birth_date": "1944-02-29"},
        D(2024, 2, 29),
        {"longevity": "likely"},
    ),
    (
        "80th birthday in 2100 (not a leap year): 1 March",
        {"birth_date": "2020-02-29"},
        D(2026, 12, 2),
        {"longevity": ("unlikely", ["under_80", "turns_80_on:2100-03-01"])},
    ),
    (
        "longevity not registered here",
        {"birth_date": "1940-01-01", "region": "110101"},
        DAY,
        {"longevity": ("unlikely", ["not_registered_here"])},
    ),
    (
        "longevity region unknown",
        {"birth_date": "1940-01-01", "region": None},
        DAY,
        {"longevity": ("need_info", ["unknown_region"], ["region"])},
    ),
    (
        "longevity birth date unknown",
        {"birth_date": None},
        DAY,
        {"longevity": ("need_info", ["unknown_birth_date"], ["birth_date"])},
    ),
    (
        "longevity too young and elsewhere",
        {"region": "310101"},
        DAY,
        {"longevity": ("unlikely", ["under_80", "turns_80_on:2050-06-15", "not_registered_here"])},
    ),
    (
        "longevity young, region unknown: still unlikely",
        {"region": None},
        DAY,
        {"longevity": "unlikely"},
    ),
    (
        "longevity receiving though it is known",
        {"birth_date": "1940-01-01", "receiving": ["longevity"]},
        DAY,
        {"longevity": "receiving"},
    ),
    (
        "longevity applied while too young",
        {"applied": ["longevity"]},
        DAY,
        {"longevity": "applied"},
    ),
    # --- 养老服务补贴 -------------------------------------------------------------------------
    (
        "care: dibao, moderate",
        {"birth_date": "1955-01-01", "receiving": ["dibao"], "care_need": "moderate"},
        DAY,
        {"care_subsidy": "likely"},
    ),
    (
        "care: tekun, severe",
        {"birth_date": "1955-01-01", "receiving": ["tekun"], "care_need": "severe"},
        DAY,
        {"care_subsidy": "likely"},
    ),
    (
        "care: dibao, mild",
        {"birth_date": "1955-01-01", "receiving": ["dibao"], "care_need": "mild"},
        DAY,
        {"care_subsidy": ("unlikely", ["care_need_low"])},
    ),
    (
        "care: dibao, mild but 80",
        {"birth_date": "1945-01-01", "receiving": ["dibao"], "care_need": "mild"},
        DAY,
        {"care_subsidy": "likely"},
    ),
    (
        "care: 80, assessment unknown",
        {"birth_date": "1945-01-01", "receiving": ["dibao"], "care_need": None},
        DAY,
        {"care_subsidy": "likely"},
    ),
    (
        "care: 70, assessment unknown",
        {"birth_date": "1955-01-01", "receiving": ["dibao"], "care_need": None},
        DAY,
        {"care_subsidy": ("need_info", ["unknown_care_need"], ["care_need"])},
    ),
    (
        "care: not dibao/tekun",
        {"birth_date": "1955-01-01", "care_need": "severe"},
        DAY,
        {"care_subsidy": ("unlikely", ["not_dibao_or_tekun"])},
    ),
    (
        "care: only longevity received",
        {"birth_date": "1940-01-01", "receiving": ["longevity"], "care_need": "severe"},
        DAY,
        {"care_subsidy": ("unlikely", ["not_dibao_or_tekun"])},
    ),
    ("care: applied", {"applied": ["care_subsidy"]}, DAY, {"care_subsidy": "applied"}),
    # --- 困难残疾人生活补贴 / 重度残疾人护理补贴 --------------------------------------------------------
    (
        "disability 4 with dibao",
        {"disability_level": 4, "receiving": ["dibao"]},
        DAY,
        {"disability_living": "likely", "disability_care": ("unlikely", ["not_severe_disability"])},
    ),
    (
        "disability 3 with dibao",
        {"disability_level": 3, "receiving": ["dibao"]},
        DAY,
        {"disability_living": "likely"},
    ),
    (
        "disability 1 with dibao",
        {"disability_level": 1, "receiving": ["dibao"]},
        DAY,
        {"disability_living": "likely", "disability_care": "likely"},
    ),
    (
        "disability 2 without dibao",
        {"disability_level": 2},
        DAY,
        {"disability_living": ("unlikely", ["not_dibao"]), "disability_care": "likely"},
    ),
    (
        "disability 2 with tekun only",
        {"disability_level": 2, "receiving": ["tekun"]},
        DAY,
        {"disability_living": ("unlikely", ["not_dibao"])},
    ),
    (
        "disability unknown with dibao",
        {"disability_level": None, "receiving": ["dibao"]},
        DAY,
        {
            "disability_living": ("need_info", ["unknown_disability_level"], ["disability_level"]),
            "disability_care": ("need_info", None, ["disability_level"]),
        },
    ),
    (
        "disability unknown without dibao",
        {"disability_level": None},
        DAY,
        {"disability_living": ("unlikely", ["not_dibao"])},
    ),
    (
        "disability care applied",
        {"disability_level": 1, "applied": ["disability_care"]},
        DAY,
        {"disability_care": "applied", "disability_living": "unlikely"},
    ),
    (
        "disability care receiving",
        {"disability_level": 1, "receiving": ["disability_care"]},
        DAY,
        {"disability_care": "receiving"},
    ),
    # --- 临时救助 -----------------------------------------------------------------------------
    ("sudden hardship", {"sudden_hardship": True}, DAY, {"temp_relief": ("likely", [], [])}),
    (
        "hardship unknown",
        {"sudden_hardship": None},
        DAY,
        {"temp_relief": ("need_info", ["unknown_sudden_hardship"], ["sudden_hardship"])},
    ),
    (
        "hardship applied",
        {"sudden_hardship": True, "applied": ["temp_relief"]},
        DAY,
        {"temp_relief": "applied"},
    ),
    # --- an empty profile: every fact unknown -----------------------------------------
    (
        "empty profile",
        None,
        DAY,
        {
            "dibao": ("need_info", None, ["income_below_line", "has_major_assets", "receiving"]),
            "longevity": ("need_info", None, ["birth_date", "region"]),
            "temp_relief": ("need_info", None, ["sudden_hardship"]),
            "disability_care": ("need_info", None, ["disability_level"]),
        },
    ),
    # --- the example household ------------------------------------------------------
    (
        "issue example",
        {
            "birth_date": "1944-03-01",
            "income_below_line": True,
            "has_supporter": False,
            "receiving": ["dibao"],
            "applied": ["longevity"],
        },
        D(2026, 12, 2),
        {
            "dibao": "receiving",
            "tekun": ("unlikely", ["receiving_dibao"]),
            "longevity": "applied",
            "care_subsidy": "likely",
            "disability_living": "unlikely",
            "temp_relief": "unlikely",
        },
    ),
]


def _profile(changes: dict | None) -> Profile:
    return Profile.model_validate({} if changes is None else {**BASE, **changes})


@pytest.mark.parametrize(("name", "changes", "today", "expected"), CASES, ids=[c[0] for c in CASES])
def test_table(name, changes, today, expected):
    results = {r.policy: r for r in screen(default_rules(), _profile(changes), today)}
    assert list(results) == [p.code for p in default_rules().policies]
    for policy, want in expected.items():
        outcome, reasons, questions = (
            (want, None, None) if isinstance(want, str) else (*want, None)[:3]
        )
        got = results[policy]
        assert got.outcome == outcome, (policy, got)
        if reasons is not None:
            assert list(got.reasons) == reasons, (policy, got)
        if questions is not None:
            assert list(got.questions) == questions, (policy, got)
        assert bool(got.reasons) == (outcome != "likely"), got  # only likely has no reasons
        assert bool(got.questions) == (outcome == "need_info"), got


def test_there_are_at_least_sixty_households():
    assert len(CASES) >= 60


@pytest.mark.parametrize(
    ("born", "today", "age"),
    [
        ("1936-02-29", "2026-02-28", 89),  # a common year: the birthday is 1 March
        ("1936-02-29", "2026-03-01", 90),
        ("1944-02-29", "2024-02-29", 80),
        ("1946-12-02", "2026-12-01", 79),
        ("1946-12-02", "2026-12-02", 80),
    ],
)
def test_age_on_the_screening_day(born, today, age):
    assert age_on(dt.date.fromisoformat(born), dt.date.fromisoformat(today)) == age


def test_birthday_of_29_february_in_a_common_year_is_1_march():
    assert birthday_in(D(1944, 2, 29), 2100) == D(2100, 3, 1)
    assert birthday_in(D(1944, 2, 29), 2028) == D(2028, 2, 29)


@pytest.mark.parametrize(
    ("born", "today", "yuan"),
    [
        ("1946-12-02", "2026-12-02", 100),
        ("1937-12-03", "2026-12-02", 100),  # 89
        ("1936-02-29", "2026-02-28", 100),  # still 89
        ("1936-02-29", "2026-03-01", 300),  # 90 on 1 March
        ("1927-12-02", "2026-12-02", 300),  # 99
        ("1926-12-02", "2026-12-02", 500),  # 100
    ],
)
def test_longevity_amount_by_age_band(born, today, yuan):
    results = screen(default_rules(), _profile({"birth_date": born}), dt.date.fromisoformat(today))
    longevity = next(r for r in results if r.policy == "longevity")
    assert (longevity.outcome, longevity.monthly_yuan) == ("likely", yuan)
