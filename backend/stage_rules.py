"""Application stage order and time limits per type (data/time_limits.json).

Used for `expected_by` of the current stage and of the stages still to come.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from functools import cache

from backend.workdays import DATA_DIR, HolidayCalendar, load_calendar

FINAL_STAGES = frozenset({"paid", "rejected_intake", "denied"})


@dataclass(frozen=True)
class StageRules:
    data: dict
    calendar: HolidayCalendar

    def path(self, type_code: str) -> list[str]:
        return self.data["paths"][type_code]

    def applicable_stages(self, type_code: str) -> list[str]:
        """Every stage an application of this type can be in (main path plus branches)."""
        stages = list(self.path(type_code))
        for stage, branch in self._branches().items():
            if type_code in branch.get("types", [type_code]):
                stages.append(stage)
        return stages

    def next_stage(self, type_code: str, stage: str) -> str | None:
        branch = self._branches().get(stage)
        if branch is not None:
            return branch["next"]
        path = self.path(type_code)
        index = path.index(stage) if stage in path else len(path) - 1
        return path[index + 1] if index + 1 < len(path) else None

    def due(self, type_code: str, stage: str, entered: dt.date) -> dt.date | None:
        limit = self.limit(type_code, stage)
        if limit is None:
            return None
        if "calendar_days" in limit:
            return entered + dt.timedelta(days=limit["calendar_days"])
        return self.calendar.add_working_days(entered, limit["working_days"])

    def upcoming(self, type_code: str, stage: str, entered: dt.date) -> list[tuple[str, dt.date]]:
        """Later stages with the date each is expected by, if every stage takes its full limit."""
        result: list[tuple[str, dt.date]] = []
        due = self.due(type_code, stage, entered)
        current = stage
        while due is not None:
            following = self.next_stage(type_code, current)
            if following is None:
                break
            following_due = self.due(type_code, following, due)
            if following_due is None:  # a final stage: it is reached when the previous ends
                result.append((following, due))
                break
            result.append((following, following_due))
            current, due = following, following_due
        return result

    def limit(self, type_code: str, stage: str) -> dict | None:
        if stage in FINAL_STAGES:
            return None
        override = self.data["types"].get(type_code, {}).get(stage)
        return override or self.data["default"].get(stage)

    def _branches(self) -> dict:
        return {k: v for k, v in self.data["branches"].items() if not k.startswith("_")}


@cache
def load_rules() -> StageRules:
    data = json.loads((DATA_DIR / "time_limits.json").read_text(encoding="utf-8"))
    return StageRules(data, load_calendar())
