"""Application progress: what the list and detail screens show, built from API models + locale pack.

Every word comes from the locale pack or the backend: stage NAMES are the backend's
labels, and the plain "what is happening now" sentence is the pack's template for the
stage code (`progress.now.<code>`); a code the pack has never seen falls back to the
backend's label in a generic sentence. Texts that are spoken come in two forms: shown
("12月9日") and spoken (dates, counts and amounts in words: "十二月九日").

No Qt: the view model adapts these frozen dataclasses to QML.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from kiosk.api import models
from kiosk.locale_pack import LocalePack
from kiosk.speech import spoken

RECENT_PAYMENTS = 3
_GENERIC = "progress.now.generic"
_GENERIC_NO_DATE = "progress.now.generic_no_date"


@dataclass(frozen=True)
class Said:
    """One sentence as shown on screen and as spoken."""

    shown: str
    spoken: str


ACTION_STAGES = frozenset({"needs_materials"})  # stages that wait for the senior


@dataclass(frozen=True)
class ListRow:
    number: str
    title: str  # the type's label, e.g. 最低生活保障
    lines: tuple[str, ...]  # (需要您补材料,) submitted date, current stage, expected date
    needs_action: bool = False  # the senior must do something: it stands out in the list


@dataclass(frozen=True)
class TimelineRow:
    state: str  # "done" | "current" | "later"
    mark: str  # ✓ done, ● now, none later (the words in `when` carry the meaning too)
    label: str  # the backend's stage label
    when: str
    note: str


@dataclass(frozen=True)
class MaterialRow:
    item: str
    reason: str
    where: str
    due: str


@dataclass(frozen=True)
class PaymentRow:
    period: str
    amount: str
    status: str  # the backend's label, e.g. 已发放 / 待发放
    when: str


@dataclass(frozen=True)
class DetailView:
    number: str
    title: str
    number_text: str
    now: Said
    timeline: tuple[TimelineRow, ...]
    materials: tuple[MaterialRow, ...]
    materials_prompt: Said
    decision: str
    amount: str
    payments: tuple[PaymentRow, ...]
    money_prompt: Said
    money_prompt_hidden: Said  # before 显示金额: no amount said (bystanders)
    public_url: str

    @property
    def has_money(self) -> bool:
        return bool(self.decision or self.payments)


class _Words:
    """Shown and spoken forms of the pack's texts for one locale."""

    def __init__(self, pack: LocalePack):
        self.pack = pack

    def date(self, day: dt.date) -> str:
        return self.pack.fill("progress.date", year=day.year, month=day.month, day=day.day)

    def amount(self, fen: int) -> str:
        yuan, cents = divmod(fen, 100)
        return self.pack.fill("progress.amount", yuan=f"{yuan}.{cents:02d}" if cents else str(yuan))

    def period(self, period: str) -> str:
        try:
            year, month = (int(part) for part in period.split("-"))
        except ValueError:  # not "YYYY-MM": show what the backend sent
            return period
        return self.pack.fill("progress.period", year=year, month=month)

    def said(self, key: str, **values: object) -> Said:
        """A template filled twice: shown values (dates as 12月9日, money as 1050 元) and
        spoken values (words, by spoken.fill's rules for dates, ints and `*_fen`)."""
        shown = {k: self._shown(k, v) for k, v in values.items()}
        template = self.pack.templates.get(key, key)
        return Said(self.pack.fill(key, **shown), spoken.fill(template, self.pack.locale, **values))

    def _shown(self, key: str, value: object) -> object:
        if isinstance(value, dt.date):
            return self.date(value)
        if isinstance(value, int) and key.endswith("_fen"):
            return self.amount(value)
        return value


def application_number(number: str) -> str:
    """MZ 2026 1201 00001: the letters, then the digits in fours like 预约号 (the rest last)."""
    letters = len(number) - len(number.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
    digits = number[letters:]
    groups = [digits[0:4], digits[4:8], digits[8:]] if len(digits) > 8 else [digits]
    return " ".join(part for part in (number[:letters], *groups) if part)


def _expected(pack: LocalePack, words: _Words, due: dt.date, today: dt.date, key: str) -> str:
    """预计 12月9日 前有结果 — or, once that day has passed, plainly that it is late and what to do."""
    if due < today:
        return pack.fill("progress.overdue", date=words.date(due))
    return pack.fill(key, date=words.date(due))


def list_rows(
    apps: list[models.ApplicationSummary], pack: LocalePack, today: dt.date | None = None
) -> tuple[ListRow, ...]:
    words, today = _Words(pack), today or dt.date.today()
    rows = []
    for app in apps:
        action = app.stage.code in ACTION_STAGES
        lines = [pack.text("progress.list.action")] if action else []
        lines += [
            pack.fill("progress.list.submitted", date=words.date(app.submitted_at)),
            pack.fill("progress.list.stage", stage=app.stage.label),
        ]
        if app.expected_by is not None:
            lines.append(_expected(pack, words, app.expected_by, today, "progress.list.expected"))
        rows.append(ListRow(app.number, app.type.label, tuple(lines), action))
    return tuple(rows)


def list_prompt(apps: list[models.ApplicationSummary], pack: LocalePack) -> Said:
    if not apps:
        return _Words(pack).said("progress.list.none")
    return _Words(pack).said("progress.list.count", count=len(apps))


def now_sentence(detail: models.ApplicationDetail, pack: LocalePack) -> Said:
    """What is happening now and what the senior needs to do, for the current stage."""
    words = _Words(pack)
    code = detail.stage.code
    note = (
        detail.history[-1].note
        if detail.history and detail.history[-1].stage == detail.stage
        else None
    )
    values: dict[str, object] = {"stage": detail.stage.label, "note": note or ""}
    if detail.expected_by is not None:
        values["due"] = detail.expected_by
    if detail.missing_materials:
        values["count"] = len(detail.missing_materials)
        values["materials_due"] = min(m.due_date for m in detail.missing_materials)
    key = f"progress.now.{code}"
    if key not in pack.templates or not _fills(pack.templates[key], values):
        key = _GENERIC if "due" in values else _GENERIC_NO_DATE
    return words.said(key, **values)


def _fills(template: str, values: dict[str, object]) -> bool:
    """True when every {placeholder} of template has a value (e.g. a stage sentence that
    names a due date cannot be used for an application that has none)."""
    try:
        template.format(**values)
    except (KeyError, IndexError, ValueError):
        return False
    return True


def _plain_note(detail: models.ApplicationDetail, pack: LocalePack, words: _Words) -> str:
    """The current step in plain words when the senior must act: what to bring, by when,
    where (instead of the office's 材料不齐，请按告知补正)."""
    missing = detail.missing_materials
    if not missing:
        return ""
    return pack.fill(
        "progress.note.bring",
        items="、".join(m.item for m in missing),
        due=words.date(min(m.due_date for m in missing)),
        where=missing[0].where,
    )


def timeline(detail: models.ApplicationDetail, pack: LocalePack) -> tuple[TimelineRow, ...]:
    words = _Words(pack)
    rows = []
    last = len(detail.history) - 1
    for i, entry in enumerate(detail.history):
        when = words.date(entry.entered_at)
        if i < last:
            rows.append(
                TimelineRow(
                    "done",
                    pack.text("progress.mark.done"),
                    entry.stage.label,
                    when,
                    entry.note or "",
                )
            )
            continue
        if detail.expected_by is not None:
            today = dt.date.today()
            when = _expected(pack, words, detail.expected_by, today, "progress.row.current")
        else:
            when = pack.fill("progress.row.current_final", date=when)
        note = _plain_note(detail, pack, words) or entry.note or ""
        rows.append(
            TimelineRow(
                "current", pack.text("progress.mark.current"), entry.stage.label, when, note
            )
        )
    for upcoming in detail.upcoming:
        rows.append(
            TimelineRow(
                "later",
                "",
                upcoming.stage.label,
                pack.fill("progress.row.later", date=words.date(upcoming.expected_by)),
                "",
            )
        )
    return tuple(rows)


def detail_view(detail: models.ApplicationDetail, pack: LocalePack) -> DetailView:
    words = _Words(pack)
    materials = tuple(
        MaterialRow(m.item, pack.fill("progress.material.reason", reason=m.reason),
                    pack.fill("progress.material.where", where=m.where),
                    pack.fill("progress.material.due", date=words.date(m.due_date)))
        for m in detail.missing_materials
    )  # fmt: skip
    if detail.missing_materials:
        materials_prompt = words.said(
            "progress.materials.prompt",
            count=len(detail.missing_materials),
            due=min(m.due_date for m in detail.missing_materials),
        )
    else:
        materials_prompt = words.said("progress.materials.none")
    recent = sorted(detail.payments, key=lambda p: p.period, reverse=True)[:RECENT_PAYMENTS]
    payments = tuple(
        PaymentRow(words.period(p.period), words.amount(p.amount_fen), p.status.label,
                   pack.fill("progress.payment.paid_at", date=words.date(p.paid_at)) if p.paid_at else "")
        for p in recent
    )  # fmt: skip
    decision = detail.decision.label if detail.decision else ""
    amount = ""
    if detail.monthly_amount_fen is not None:
        amount = pack.fill("progress.monthly", amount=words.amount(detail.monthly_amount_fen))
    if detail.decision and detail.monthly_amount_fen is not None:
        money_prompt = words.said(
            "progress.money.monthly", decision=decision, amount_fen=detail.monthly_amount_fen
        )
    elif detail.decision:
        money_prompt = words.said("progress.money.decision", decision=decision)
    else:
        money_prompt = words.said("progress.money.payments")
    return DetailView(
        number=detail.number,
        title=detail.type.label,
        number_text=application_number(detail.number),
        now=now_sentence(detail, pack),
        timeline=timeline(detail, pack),
        materials=materials,
        materials_prompt=materials_prompt,
        decision=decision,
        amount=amount,
        payments=payments,
        money_prompt=money_prompt,
        money_prompt_hidden=words.said("progress.money.hidden", decision=decision or "—"),
        public_url=detail.public_url,
    )
