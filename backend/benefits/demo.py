"""Demo data for the benefits finder: assessments on record and a community worker (主动发现).

Credentials are public demo constants, never for production.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from backend.benefits.models import CitizenAssessment, StaffRole
from backend.benefits.outreach import COMMUNITY_ROLE
from backend.db import Database
from backend.help.demo import DemoStaff, seed_if_missing
from backend.help.models import StaffAccount
from backend.help.passwords import hash_secret
from backend.models import Citizen

DEMO_COMMUNITY_STAFF = DemoStaff("community01", "demo-community-12349", "社区演示员一")
# Demo citizen index -> (disability level, care need). Citizens tagged 中度以上失能 are assessed
# moderate; a few have a 残疾人证; indexes in NOT_ASSESSED have nothing on record (the kiosk
# then says the window must check).
_ASSESSED = {
    2: (2, "moderate"),
    5: (4, "mild"),
    8: (2, "moderate"),
    12: (1, "severe"),
    19: (3, "none"),
}
NOT_ASSESSED = (10, 22)


def _assessment(index: int, citizen: Citizen, today: dt.date) -> CitizenAssessment | None:
    if index in NOT_ASSESSED:
        return None
    level, need = _ASSESSED.get(
        index, (0, "moderate" if "disabled_moderate" in citizen.tags else "none")
    )
    return CitizenAssessment(
        citizen_id=citizen.id,
        disability_level=level,
        care_need=need,
        assessed_on=today - dt.timedelta(days=30 + index),
    )


def seed_benefits(db: Session, citizens: list[Citizen], today: dt.date) -> dict[str, int]:
    rows = [a for i, c in enumerate(citizens) if (a := _assessment(i, c, today)) is not None]
    db.add_all(rows)
    _add_community_worker(db)
    return {"assessments": len(rows)}


def _add_community_worker(db: Session) -> None:
    staff = StaffAccount(
        username=DEMO_COMMUNITY_STAFF.username,
        display_name=DEMO_COMMUNITY_STAFF.display_name,
        password_hash=hash_secret(DEMO_COMMUNITY_STAFF.password),
    )
    db.add(staff)
    db.flush()
    db.add(StaffRole(staff_id=staff.id, role=COMMUNITY_ROLE))


def seed_benefits_if_missing(database: Database) -> None:
    """A demo database seeded before the benefits finder existed gets its community worker."""
    seed_if_missing(database, StaffRole, _add_community_worker)
