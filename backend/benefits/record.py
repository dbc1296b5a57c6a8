"""The household profile from what is on record, plus the kiosk's answers.

Birth date and region come from the ID number; 低保/特困 status from the citizen's tags;
disability level and care need from the assessment; applications decide `receiving`
(decided in favour, for policies that pay monthly) and `applied` (not yet decided).
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from backend.benefits.models import BenefitScreening, CitizenAssessment
from backend.benefits.rules import Rules
from backend.benefits.schema import Profile
from backend.models import Application, Citizen
from civic_core import idnumber


def _policies_of(rules: Rules, type_code: str) -> list:
    return [p for p in rules.policies if type_code in p.application_types]


def _statuses(rules: Rules, citizen: Citizen, apps: Iterable[Application]) -> tuple[set, set]:
    codes = {p.code for p in rules.policies}
    receiving = {tag for tag in citizen.tags if tag in codes}
    applied: set[str] = set()
    for app in apps:
        for policy in _policies_of(rules, app.type_code):
            if app.decision_code is None:
                applied.add(policy.code)
            elif app.decision_code == "approved" and not policy.one_off:
                receiving.add(policy.code)
    return receiving, applied - receiving


def build_profile(
    rules: Rules,
    citizen: Citizen,
    apps: Iterable[Application],
    assessment: CitizenAssessment | None,
    answers: dict[str, bool | None],
) -> Profile:
    receiving, applied = _statuses(rules, citizen, apps)
    known = {fact: value for fact, value in answers.items() if value is not None}
    return Profile(
        birth_date=idnumber.birth_date(citizen.id_number),
        region=citizen.id_number[:6],
        disability_level=assessment.disability_level if assessment else None,
        care_need=assessment.care_need if assessment else None,
        receiving=tuple(sorted(receiving)),
        applied=tuple(sorted(applied)),
        **known,
    )


def profile_for(
    db: Session, rules: Rules, citizen: Citizen, answers: dict[str, bool | None]
) -> Profile:
    apps = db.scalars(select(Application).where(Application.citizen_id == citizen.id))
    return build_profile(rules, citizen, apps, db.get(CitizenAssessment, citizen.id), answers)


def latest_answers(db: Session, citizen_id: int) -> dict[str, bool | None]:
    """What the citizen answered at their last finished screening ({} if never)."""
    row = db.scalar(
        select(BenefitScreening.answers)
        .where(BenefitScreening.citizen_id == citizen_id)
        .order_by(BenefitScreening.created_at.desc(), BenefitScreening.id.desc())
        .limit(1)
    )
    return dict(row or {})
