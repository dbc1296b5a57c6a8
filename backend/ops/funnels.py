"""Where seniors give up: funnels per task, abandonment, help calls and page turns per screen,
voice vs touch, per day — computed from usage events under the console's filters.

A visit is one random key from the kiosk (home → … → idle wipe or session end). A visit
takes part in a task's funnel when any of its events names the task; it reaches a step
when it entered that step's screen or a later one (an identified senior skips identify).
A visit is completed when it reached the last step of any funnel; an uncompleted visit is
abandoned on the last screen it entered.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from backend.ops.models import UsageEvent

FUNNELS: dict[str, tuple[str, ...]] = {
    "booking": (
        "home",
        "identify",
        "booking",
        "booking_day",
        "booking_time",
        "booking_summary",
        "booking_receipt",
    ),
    "progress": ("home", "identify", "progress"),
}
COMPLETION_SCREENS = frozenset(steps[-1] for steps in FUNNELS.values())


@dataclass(frozen=True)
class Filters:
    day_from: dt.date
    day_to: dt.date
    site: str = ""
    terminal: str = ""


@dataclass
class Visit:
    screens: list[str] = field(default_factory=list)
    tasks: dict[str, int] = field(default_factory=dict)  # task -> furthest step index


@dataclass(frozen=True)
class Usage:
    funnels: dict[str, list[tuple[str, int]]]  # task -> [(step screen, visits reaching it)]
    abandoned: list[tuple[str, int]]  # (last screen, visits), most first
    help_calls: list[tuple[str, int]]  # (screen, 呼叫帮助 presses), most first
    page_turns: list[tuple[str, int]]  # (screen, 下一页/上一页 presses), most first
    modality: dict[str, int]  # touch / voice actions
    days: list[tuple[dt.date, int, int]]  # (day, visits, completed)
    visits: int


def _events(db: Session, f: Filters) -> list[UsageEvent]:
    query = select(UsageEvent).where(UsageEvent.day >= f.day_from, UsageEvent.day <= f.day_to)
    if f.site:
        query = query.where(UsageEvent.site == f.site)
    if f.terminal:
        query = query.where(UsageEvent.terminal_id == f.terminal)
    return list(db.scalars(query.order_by(UsageEvent.at, UsageEvent.id)))


def _add_screen(visit: Visit, event: UsageEvent) -> None:
    visit.screens.append(event.screen)
    steps = FUNNELS.get(event.task)
    if steps is None:
        return
    step = steps.index(event.screen) if event.screen in steps else 0
    visit.tasks[event.task] = max(visit.tasks.get(event.task, 0), step)


def _visits(events: list[UsageEvent]) -> tuple[dict[tuple, Visit], dict[tuple, dt.date]]:
    visits: dict[tuple, Visit] = defaultdict(Visit)
    first_day: dict[tuple, dt.date] = {}
    for event in events:
        key = (event.terminal_id, event.visit)
        first_day.setdefault(key, event.day)
        if event.kind == "screen":
            _add_screen(visits[key], event)
        elif event.task in FUNNELS:
            visits[key].tasks.setdefault(event.task, 0)
    return visits, first_day


def _funnel(task: str, visits: dict[tuple, Visit]) -> list[tuple[str, int]]:
    reached = [v.tasks[task] for v in visits.values() if task in v.tasks]
    return [(screen, sum(1 for r in reached if r >= i)) for i, screen in enumerate(FUNNELS[task])]


def _completed(visit: Visit) -> bool:
    return any(screen in COMPLETION_SCREENS for screen in visit.screens)


def _per_screen(events: list[UsageEvent], kind: str) -> list[tuple[str, int]]:
    return Counter(e.screen for e in events if e.kind == kind).most_common()


def usage(db: Session, f: Filters) -> Usage:
    events = _events(db, f)
    visits, first_day = _visits(events)
    abandoned = Counter(v.screens[-1] for v in visits.values() if v.screens and not _completed(v))
    per_day: dict[dt.date, list[int]] = defaultdict(lambda: [0, 0])
    for key, visit in visits.items():
        per_day[first_day[key]][0] += 1
        per_day[first_day[key]][1] += _completed(visit)
    return Usage(
        funnels={task: _funnel(task, visits) for task in FUNNELS},
        abandoned=abandoned.most_common(),
        help_calls=_per_screen(events, "help"),
        page_turns=_per_screen(events, "page_turn"),
        modality=dict(Counter(e.modality for e in events if e.kind == "action" and e.modality)),
        days=[(day, n, done) for day, (n, done) in sorted(per_day.items())],
        visits=len(visits),
    )
