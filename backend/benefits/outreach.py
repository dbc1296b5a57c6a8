"""主动发现: per policy, the citizens who are likely from their record (and their last kiosk
answers) but have not applied — for community workers to phone.

Every citizen is screened when a worker opens the page; fine for a district's few thousand
records (a city would keep the results from a nightly run). Views and shown numbers are
written to outreach_audit.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from backend.benefits.engine import age_on, screen
from backend.benefits.models import BenefitScreening, CitizenAssessment, OutreachAudit, StaffRole
from backend.benefits.record import build_profile
from backend.benefits.rules import Rules
from backend.models import Application, Citizen
from backend.services.citizens import mask_address
from civic_core import idnumber

COMMUNITY_ROLE = "community"


@dataclass(frozen=True)
class Candidate:
    citizen_id: int
    display_name: str
    age: int | None
    address_masked: str
    phone_masked: str


def has_role(db: Session, staff_id: int, role: str) -> bool:
    found = db.scalar(
        select(StaffRole.id).where(StaffRole.staff_id == staff_id, StaffRole.role == role)
    )
    return found is not None


def _latest_answers(db: Session) -> dict[int, dict]:
    latest: dict[int, dict] = {}
    rows = db.execute(
        select(BenefitScreening.citizen_id, BenefitScreening.answers).order_by(
            BenefitScreening.created_at, BenefitScreening.id
        )
    )
    for citizen_id, answers in rows:
        latest[citizen_id] = answers  # the last one wins
    return latest


def likely_not_applied(db: Session, rules: Rules, today: dt.date) -> dict[str, list[Candidate]]:
    apps: dict[int, list[Application]] = defaultdict(list)
    for app in db.scalars(select(Application)):
        apps[app.citizen_id].append(app)
    assessments = {a.citizen_id: a for a in db.scalars(select(CitizenAssessment))}
    answers = _latest_answers(db)
    found: dict[str, list[Candidate]] = {p.code: [] for p in rules.policies}
    for citizen in db.scalars(select(Citizen).order_by(Citizen.id)):
        profile = build_profile(
            rules,
            citizen,
            apps[citizen.id],
            assessments.get(citizen.id),
            answers.get(citizen.id, {}),
        )
        for result in screen(rules, profile, today):
            if result.outcome == "likely":
                found[result.policy].append(_candidate(citizen, profile.birth_date, today))
    return found


def _candidate(citizen: Citizen, born: dt.date | None, today: dt.date) -> Candidate:
    return Candidate(
        citizen_id=citizen.id,
        display_name=idnumber.mask_name(citizen.name),
        age=age_on(born, today) if born else None,
        address_masked=mask_address(citizen.address),
        phone_masked=idnumber.mask_phone(citizen.phone),
    )


def audit(db: Session, now: dt.datetime, staff_id: int, event: str, policy: str, **extra) -> None:
    db.add(OutreachAudit(at=now, staff_id=staff_id, event=event, policy=policy, **extra))
    db.commit()
