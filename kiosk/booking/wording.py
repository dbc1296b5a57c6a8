"""How booking values are shown: days, times, prices and order numbers in the locale pack's words.

Pure functions of a LocalePack (no Qt), shared by the booking and my-bookings view models,
the printed receipt and the tests. Spoken forms come from kiosk.speech.spoken instead.
"""

from __future__ import annotations

import datetime as dt

from kiosk.api import models
from kiosk.locale_pack import LocalePack

_RELATIVE = {0: "day.today", 1: "day.tomorrow", 2: "day.after_tomorrow"}
NOON = 12


def relative_day(pack: LocalePack, day: dt.date, today: dt.date) -> str:
    """今天 / 明天 / 后天, or "" further away."""
    key = _RELATIVE.get((day - today).days)
    return pack.text(key) if key else ""


def weekday(pack: LocalePack, day: dt.date) -> str:
    return pack.text(f"weekday.{day.isoweekday()}")


def date_text(pack: LocalePack, day: dt.date) -> str:
    """12月2日 / Dec 2."""
    return pack.fill(
        "booking.date", month=day.month, day=day.day, month_name=pack.text(f"month.{day.month}")
    )


def day_title(pack: LocalePack, day: dt.date, today: dt.date) -> str:
    """The big line of a day button: 明天, else the weekday."""
    return relative_day(pack, day, today) or weekday(pack, day)


def day_hint_parts(pack: LocalePack, day: dt.date, today: dt.date) -> list[str]:
    """What goes under it: [星期三, 12月2日] (the weekday only when the title is 明天 etc.)."""
    if relative_day(pack, day, today):
        return [weekday(pack, day), date_text(pack, day)]
    return [date_text(pack, day)]


def day_hint(pack: LocalePack, day: dt.date, today: dt.date) -> str:
    """星期三 · 12月2日 on one line."""
    return " · ".join(day_hint_parts(pack, day, today))


def period(pack: LocalePack, moment: dt.datetime) -> str:
    """上午 / 下午."""
    return pack.text("time.am" if moment.hour < NOON else "time.pm")


def clock(moment: dt.datetime) -> str:
    return f"{moment.hour}:{moment.minute:02d}"


def clock_range(start: dt.datetime, end: dt.datetime) -> str:
    """9:00–10:00."""
    return f"{clock(start)}–{clock(end)}"


def time_range(pack: LocalePack, start: dt.datetime, end: dt.datetime) -> str:
    """上午 9:00–10:00."""
    return pack.fill(
        "booking.time_range", period=period(pack, start), start=clock(start), end=clock(end)
    )


def when(pack: LocalePack, start: dt.datetime, end: dt.datetime) -> str:
    """12月2日 星期三 上午 9:00–10:00."""
    return f"{date_text(pack, start.date())} {weekday(pack, start.date())} {time_range(pack, start, end)}"


def money(fen: int) -> str:
    """¥8 / ¥12.50 (no decimals for whole yuan: easier to read)."""
    yuan, cents = divmod(max(fen, 0), 100)
    return f"¥{yuan}" if cents == 0 else f"¥{yuan}.{cents:02d}"


def price_line(
    pack: LocalePack, you_pay_fen: int, subsidy_fen: int, *, stacked: bool = False
) -> str:
    """政府补贴，您付 ¥8 — or 您付 ¥20 with no subsidy; stacked: 政府补贴 / 您付 ¥8 on two lines
    (a narrow tile then breaks it where it reads well)."""
    key = "booking.you_pay_subsidised" if subsidy_fen > 0 else "booking.you_pay"
    text = pack.fill(key, price=money(you_pay_fen))
    return (
        text.replace(pack.text("booking.price_break"), "\n")
        if stacked and subsidy_fen > 0
        else text
    )


def service_price(pack: LocalePack, service: models.Service, *, stacked: bool = False) -> str:
    return price_line(pack, service.you_pay_fen, service.subsidy_fen, stacked=stacked)


def order_number(number: str) -> str:
    """2026 1202 0017: groups of four, easy to copy down or read out."""
    return " ".join(number[i : i + 4] for i in range(0, len(number), 4))


def places(pack: LocalePack, slot: models.Slot) -> str:
    if slot.available <= 0:
        return pack.text("booking.full")
    return pack.fill("booking.places", count=slot.available)


def next_step(pack: LocalePack, order: models.Order) -> str:
    """What happens next for an order in its backend state (the label itself comes from the backend)."""
    code = order.status.code
    if code == "completed" and order.rating is not None:
        code = "rated"
    key = f"orders.next.{code}"
    return pack.ui.get(key) or pack.text("orders.next.other")
