"""Local time of the civil-affairs office (China Standard Time, no DST since 1991).

Times are stored naive in local time and sent with +08:00. With Settings.today the clock
is shifted by whole days, so elapsed time (session expiry, lockouts) still runs normally.
"""

from __future__ import annotations

import datetime as dt

CST = dt.timezone(dt.timedelta(hours=8), "Asia/Shanghai")


class Clock:
    def __init__(self, today: dt.date | None = None) -> None:
        real_today = dt.datetime.now(CST).date()
        self._offset = (today - real_today) if today else dt.timedelta(0)

    def now(self) -> dt.datetime:
        """Naive local time."""
        return (dt.datetime.now(CST) + self._offset).replace(tzinfo=None)

    def today(self) -> dt.date:
        return self.now().date()

    def advance(self, **delta: float) -> None:
        """Move the clock on, e.g. advance(seconds=90) (the demo-only clock route, so a test
        can let heartbeats go missing; tests' ManualClock has the same method)."""
        self._offset += dt.timedelta(**delta)


def aware(value: dt.datetime) -> dt.datetime:
    """A stored naive local time as an aware +08:00 datetime for the wire."""
    return value.replace(tzinfo=CST) if value.tzinfo is None else value.astimezone(CST)


def local_naive(value: dt.datetime) -> dt.datetime:
    """A time from the wire as stored: local and naive (a naive one is taken as local)."""
    return value if value.tzinfo is None else value.astimezone(CST).replace(tzinfo=None)


def china_today() -> dt.date:
    return dt.datetime.now(CST).date()
