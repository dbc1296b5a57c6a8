"""Working days over the holiday calendar data, and stage due dates."""

from __future__ import annotations

import datetime as dt

import pytest

from backend.stage_rules import load_rules
from backend.workdays import load_calendar, parse_calendar

D = dt.date


@pytest.fixture(scope="module")
def cal():
    return load_calendar()


def test_weekends_holidays_and_make_up_days(cal):
    assert cal.is_working_day(D(2026, 12, 1))  # an ordinary Tuesday
    assert not cal.is_working_day(D(2026, 12, 5))  # an ordinary Saturday
    assert not cal.is_working_day(D(2026, 10, 1))  # 国庆节, a Thursday
    assert not cal.is_working_day(D(2026, 2, 16))  # 春节, a Monday
    assert cal.is_working_day(D(2026, 2, 14))  # 调休: a Saturday that is worked
    assert cal.is_working_day(D(2026, 9, 20))  # 调休: a Sunday that is worked
    assert cal.is_working_day(D(2026, 1, 4))  # 调休 after 元旦


def test_adding_working_days_skips_weekends(cal):
    assert cal.add_working_days(D(2026, 12, 4), 1) == D(2026, 12, 7)  # Fri + 1 -> Mon
    assert cal.add_working_days(D(2026, 11, 30), 5) == D(2026, 12, 7)


def test_adding_working_days_skips_holidays_and_counts_make_up_days(cal):
    # Fri 2026-09-18 + 1: Sat 19 is off, Sun 20 is a make-up working day.
    assert cal.add_working_days(D(2026, 9, 18), 1) == D(2026, 9, 20)
    # Wed 2026-09-30 + 1: 10-01..10-07 are 国庆 holidays -> Thu 10-08.
    assert cal.add_working_days(D(2026, 9, 30), 1) == D(2026, 10, 8)
    # ... + 2 -> Fri 10-09, + 3 -> Sat 10-10 (make-up working day).
    assert cal.add_working_days(D(2026, 9, 30), 3) == D(2026, 10, 10)
    # Over 春节 2026: Fri 02-13 + 1 -> Sat 02-14 (make-up), + 2 -> Tue 02-24.
    assert cal.add_working_days(D(2026, 2, 13), 2) == D(2026, 2, 24)


def test_subtract_is_the_inverse_on_working_days(cal):
    day = D(2026, 10, 12)
    for n in (1, 3, 10, 25):
        assert cal.add_working_days(cal.subtract_working_days(day, n), n) == day


def test_year_without_data_falls_back_to_weekends():
    cal = parse_calendar({"years": {}})
    assert cal.add_working_days(D(2030, 10, 1), 1) == D(2030, 10, 2)


def test_both_years_are_covered(cal):
    assert {2026, 2027} <= set(cal.years)


def test_publicity_runs_seven_calendar_days_even_over_holidays():
    rules = load_rules()
    assert rules.due("dibao", "publicity", D(2026, 9, 28)) == D(2026, 10, 5)


def test_due_dates_use_working_days_per_type_and_stage():
    rules = load_rules()
    # 初审: 10 working days for 低保, 5 for 高龄津贴 (data override), both across 国庆
    # (09-30, then 10-08, 10-09, 10-10 make-up Saturday, 10-12 ...).
    assert rules.due("dibao", "first_review", D(2026, 9, 29)) == D(2026, 10, 19)
    assert rules.due("longevity", "first_review", D(2026, 9, 29)) == D(2026, 10, 12)
    assert rules.due("dibao", "paid", D(2026, 9, 29)) is None


def test_upcoming_stages_chain_their_limits():
    rules = load_rules()
    upcoming = rules.upcoming("dibao", "first_review", D(2026, 11, 30))
    stages = [s for s, _ in upcoming]
    assert stages == ["publicity", "final_review", "approved", "payment_pending", "paid"]
    first_review_due = rules.due("dibao", "first_review", D(2026, 11, 30))
    assert upcoming[0][1] == first_review_due + dt.timedelta(days=7)
    dates = [d for _, d in upcoming]
    assert dates == sorted(dates)


def test_branch_stages():
    rules = load_rules()
    assert rules.next_stage("dibao", "needs_materials") == "accepted"
    assert rules.upcoming("dibao", "denied", D(2026, 11, 30)) == []
    assert "advance_relief" in rules.applicable_stages("temp_relief")
    assert "advance_relief" not in rules.applicable_stages("dibao")
    assert "means_check" not in rules.applicable_stages("longevity")


def test_the_calendar_is_data_holidays_and_make_up_days_come_from_it():
    # A made-up year: Mon 2030-06-03 a holiday, Sat 2030-06-08 a make-up working day.
    cal = parse_calendar({"years": {"2030": {
        "holidays": [{"name": "test", "from": "2030-06-03", "to": "2030-06-03"}],
        "workdays": [{"date": "2030-06-08", "for": "test"}],
    }}})  # fmt: skip
    assert cal.add_working_days(D(2030, 5, 31), 1) == D(2030, 6, 4)  # Fri → (Mon off) → Tue
    assert cal.add_working_days(D(2030, 6, 7), 1) == D(2030, 6, 8)  # Fri → the worked Saturday
