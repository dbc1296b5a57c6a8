"""Working-day arithmetic over the holiday calendar in data/holidays_cn.json.

A day is a working day when it is a make-up working day (调休上班), or else when it is a
weekday that is not a public holiday. Years missing from the data fall back to the
weekend rule alone.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"


@dataclass(frozen=True)
class HolidayCalendar:
    holidays: frozenset[dt.date]
    workdays: frozenset[dt.date]
    years: frozenset[int]

    def is_working_day(self, day: dt.date) -> bool:
        if day in self.workdays:
            return True
        if day in self.holidays:
            return False
        return day.weekday() < 5

    def add_working_days(self, start: dt.date, count: int) -> dt.date:
        """The count-th working day after start (start itself not counted)."""
        day = start
        remaining = count
        while remaining > 0:
            day += dt.timedelta(days=1)
            if self.is_working_day(day):
                remaining -= 1
        return day

    def subtract_working_days(self, end: dt.date, count: int) -> dt.date:
        """The day that lies count working days before end (for back-dating demo data)."""
        day = end
        remaining = count
        while remaining > 0:
            day -= dt.timedelta(days=1)
            if self.is_working_day(day):
                remaining -= 1
        return day


def _day_range(first: str, last: str) -> list[dt.date]:
    start, end = dt.date.fromisoformat(first), dt.date.fromisoformat(last)
    return [start + dt.timedelta(days=i) for i in range((end - start).days + 1)]


def parse_calendar(data: dict) -> HolidayCalendar:
    holidays: set[dt.date] = set()
    workdays: set[dt.date] = set()
    for year in data["years"].values():
        for period in year["holidays"]:
            holidays.update(_day_range(period["from"], period["to"]))
        workdays.update(dt.date.fromisoformat(w["date"]) for w in year["workdays"])
    return HolidayCalendar(
        frozenset(holidays), frozenset(workdays), frozenset(int(y) for y in data["years"])
    )


@cache
def load_calendar(path: Path = DATA_DIR / "holidays_cn.json") -> HolidayCalendar:
    return parse_calendar(json.loads(path.read_text(encoding="utf-8")))
