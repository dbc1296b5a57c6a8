"""The citizen's applications, with due dates from the stage rules."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from backend.codes import APPLICATION_TYPES, DECISIONS, PAYMENT_STATUSES, STAGES, code_label
from backend.errors import is_plain_key, not_found
from backend.models import Application
from backend.stage_rules import load_rules
from backend.status_page import status_url


def summary(app: Application, public_base: str) -> dict:
    return {
        "number": app.number,
        "type": code_label(APPLICATION_TYPES, app.type_code),
        "submitted_at": app.submitted_on,
        "stage": code_label(STAGES, app.stage_code),
        "stage_entered_at": app.stage_entered_on,
        "expected_by": load_rules().due(app.type_code, app.stage_code, app.stage_entered_on),
        "public_url": status_url(public_base, app.public_token),
    }


def detail(app: Application, public_base: str) -> dict:
    rules = load_rules()
    return {
        **summary(app, public_base),
        "history": [
            {"stage": code_label(STAGES, e.stage_code), "entered_at": e.entered_on, "note": e.note}
            for e in app.history
        ],
        "upcoming": [
            {"stage": code_label(STAGES, stage), "expected_by": due}
            for stage, due in rules.upcoming(app.type_code, app.stage_code, app.stage_entered_on)
        ],
        "missing_materials": [
            {"item": m.item, "reason": m.reason, "where": m.where, "due_date": m.due_date}
            for m in app.missing
        ],
        "decision": code_label(DECISIONS, app.decision_code) if app.decision_code else None,
        "monthly_amount_fen": app.monthly_amount_fen,
        "payments": [
            {
                "period": p.period,
                "amount_fen": p.amount_fen,
                "status": code_label(PAYMENT_STATUSES, p.status_code),
                "paid_at": p.paid_on,
            }
            for p in app.payments
        ],
    }


def list_for(db: Session, citizen_id: int) -> list[Application]:
    return list(
        db.scalars(
            select(Application)
            .where(Application.citizen_id == citizen_id)
            .order_by(Application.submitted_on.desc(), Application.id.desc())
        )
    )


def get_for(db: Session, citizen_id: int, number: str) -> Application:
    if not is_plain_key(number):
        raise not_found("申请")
    app = db.scalar(
        select(Application)
        .where(Application.number == number, Application.citizen_id == citizen_id)
        .options(
            selectinload(Application.history),
            selectinload(Application.missing),
            selectinload(Application.payments),
        )
    )
    if app is None:
        raise not_found("申请")
    return app
