"""Demo applications (查询办理进度): one per (type, stage) spread over the demo citizens, with
their stage history, missing materials, notes and payments; seeded by backend.demo."""

from __future__ import annotations

import datetime as dt
import secrets

from sqlalchemy.orm import Session

from backend.models import Application, MissingMaterial, Payment, StageEvent
from backend.stage_rules import StageRules, load_rules

_MONTHLY_FEN = {
    "dibao": 105000,
    "tekun": 135000,
    "temp_relief": None,
    "longevity": 20000,
    "care_subsidy": 30000,
    "disability": 15000,
}
_ONE_OFF_FEN = {"temp_relief": 200000}
_WINDOW = "示范社区服务中心一号窗口（周一至周五 9:00–17:00）"
_MISSING = {
    "dibao": [
        ("户口簿复印件", "核对共同生活的家庭成员", _WINDOW),
        ("近6个月银行流水", "核查家庭收入", _WINDOW),
    ],
    "tekun": [("无赡养能力证明", "确认没有法定赡养人或赡养人无能力", _WINDOW)],
    "temp_relief": [("医疗费用票据原件", "核定救助金额", _WINDOW)],
    "longevity": [("本人银行卡复印件", "用于发放津贴", _WINDOW)],
    "care_subsidy": [
        ("老年人能力评估报告", "确认失能等级", _WINDOW),
        ("户口簿复印件", "核对户籍", _WINDOW),
    ],
    "disability": [("残疾人证复印件", "确认残疾等级", _WINDOW)],
}
# The office's note on a step, in the words a senior reads on the timeline: what happened and
# what it means for them (the kiosk adds what to do, by when and where).
_NOTES = {
    "publicity": "名单贴在社区公告栏，有意见可找居委会",
    "needs_materials": "还缺材料，要带到窗口",
    "rejected_intake": "户口不在本街道，要到户口所在地申请",
    "denied": "家里每人每月收入高于救助标准",
    "advance_relief": "已先给您发了一笔救助金",
}


# --- applications -----------------------------------------------------------------------


def _stage_sequence(rules: StageRules, type_code: str, stage: str) -> list[str]:
    path = rules.path(type_code)
    if stage in path:
        return path[: path.index(stage) + 1]
    branch_from = rules.data["branches"][stage]["after"]
    return path[: path.index(branch_from) + 1] + [stage]


def _finished_stage_start(rules: StageRules, type_code: str, stage: str, ended: dt.date) -> dt.date:
    """When a finished stage began in the demo story: calendar-day stages (公示) take their full
    length, working-day stages about half their limit."""
    limit = rules.limit(type_code, stage)
    if "calendar_days" in limit:
        return ended - dt.timedelta(days=limit["calendar_days"])
    return rules.calendar.subtract_working_days(ended, max(1, (limit["working_days"] + 1) // 2))


def _application_dates(
    rules: StageRules, type_code: str, stages: list[str], today: dt.date, k: int
) -> list[dt.date]:
    """Entry date of each stage, walking back from a current stage entered a few days ago."""
    if stages[-1] == "publicity":
        entered = [today - dt.timedelta(days=2 + k % 3)]
    else:
        entered = [rules.calendar.subtract_working_days(today, 1 + k % 3)]
    for stage in reversed(stages[:-1]):
        entered.insert(0, _finished_stage_start(rules, type_code, stage, entered[0]))
    return entered


def _add_application(
    db: Session,
    rules: StageRules,
    citizen_id: int,
    type_code: str,
    stage: str,
    today: dt.date,
    k: int,
) -> None:
    stages = _stage_sequence(rules, type_code, stage)
    dates = _application_dates(rules, type_code, stages, today, k)
    decided = stage in ("approved", "payment_pending", "paid") or (stage == "advance_relief")
    decision = {"denied": "denied", "rejected_intake": "rejected_intake"}.get(
        stage, "approved" if decided else None
    )
    app = Application(
        number=f"MZ{dates[0]:%Y%m%d}{k + 1:05d}",
        citizen_id=citizen_id,
        type_code=type_code,
        submitted_on=dates[0],
        stage_code=stage,
        stage_entered_on=dates[-1],
        decision_code=decision,
        monthly_amount_fen=_MONTHLY_FEN[type_code] if decision == "approved" else None,
        public_token=secrets.token_urlsafe(16),
    )
    app.history = [
        StageEvent(seq=i, stage_code=s, entered_on=d, note=_NOTES.get(s))
        for i, (s, d) in enumerate(zip(stages, dates, strict=True))
    ]
    if stage == "needs_materials":
        due = rules.due(type_code, stage, dates[-1])
        app.missing = [
            MissingMaterial(item=i, reason=r, where=w, due_date=due)
            for i, r, w in _MISSING[type_code]
        ]
    app.payments = _payments(type_code, stage, today)
    db.add(app)


def _payments(type_code: str, stage: str, today: dt.date) -> list[Payment]:
    monthly, one_off = _MONTHLY_FEN[type_code], _ONE_OFF_FEN.get(type_code)
    if stage == "advance_relief" or (one_off and stage == "paid"):
        return [
            Payment(
                period=f"{today:%Y-%m}",
                amount_fen=one_off,
                status_code="paid",
                paid_on=today - dt.timedelta(days=1),
            )
        ]
    if one_off and stage == "payment_pending":
        return [
            Payment(
                period=f"{today:%Y-%m}", amount_fen=one_off, status_code="pending", paid_on=None
            )
        ]
    if stage == "payment_pending":
        return [
            Payment(
                period=f"{today:%Y-%m}", amount_fen=monthly, status_code="pending", paid_on=None
            )
        ]
    if stage == "paid":
        months = [_month_back(today, n) for n in (3, 2, 1)]
        return [
            Payment(
                period=f"{m:%Y-%m}",
                amount_fen=monthly,
                status_code="paid",
                paid_on=m.replace(day=10),
            )
            for m in months
        ]
    return []


def _month_back(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 - months
    return dt.date(index // 12, index % 12 + 1, 1)


# Citizen 0's own applications; every other (type, stage) goes round the other citizens.
_PERSONA_APPLICATIONS = {
    ("dibao", "publicity"),
    ("care_subsidy", "needs_materials"),
    ("temp_relief", "paid"),
    ("disability", "first_review"),
}


def seed_applications(db: Session, citizen_ids: list[int], today: dt.date) -> int:
    rules = load_rules()
    k = 0
    for type_code in rules.data["paths"]:
        for stage in rules.applicable_stages(type_code):
            # The last citizen keeps none, so the kiosk's "no applications" screen has a case.
            owner = (
                0 if (type_code, stage) in _PERSONA_APPLICATIONS else 1 + k % (len(citizen_ids) - 2)
            )
            _add_application(db, rules, citizen_ids[owner], type_code, stage, today, k)
            k += 1
    return k


# --- services, slots, orders ------------------------------------------------------------
