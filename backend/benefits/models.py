"""Tables for the benefits finder, on the backend's one `Base`. All new tables: nothing
existing changes (the migration that creates them is additive).

citizen_assessments   what the record says beyond the ID: disability level, care-need
                      assessment (a citizen without a row has neither on record)
benefit_screenings    one per finished kiosk screening: the answers given, the results shown
                      and the unguessable token of the slip's public page
staff_roles           extra roles of a staff account ("community" = 社区工作者, 主动发现)
outreach_audit        every view of the 主动发现 list and every phone number shown from it
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from backend.db import Base


class CitizenAssessment(Base):
    __tablename__ = "citizen_assessments"

    citizen_id: Mapped[int] = mapped_column(ForeignKey("citizens.id"), primary_key=True)
    disability_level: Mapped[int | None]  # 0 = none, 1–4 = the level on the 残疾人证
    care_need: Mapped[str | None] = mapped_column(String(10))  # none | mild | moderate | severe
    assessed_on: Mapped[dt.date | None]


class BenefitScreening(Base):
    __tablename__ = "benefit_screenings"
    __table_args__ = (Index("ix_benefit_screenings_citizen_at", "citizen_id", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    public_token: Mapped[str] = mapped_column(String(32), unique=True)
    citizen_id: Mapped[int] = mapped_column(ForeignKey("citizens.id"))
    terminal_id: Mapped[str] = mapped_column(String(16))
    screened_on: Mapped[dt.date]
    created_at: Mapped[dt.datetime]
    answers: Mapped[dict] = mapped_column(JSON)  # fact -> true | false | null (不知道)
    results: Mapped[list] = mapped_column(JSON)  # [{policy, outcome, reasons}] as shown


class StaffRole(Base):
    __tablename__ = "staff_roles"
    __table_args__ = (UniqueConstraint("staff_id", "role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff_accounts.id"), index=True)
    role: Mapped[str] = mapped_column(String(20))


class OutreachAudit(Base):
    """Who looked at which 主动发现 list when, and whose number they were shown."""

    __tablename__ = "outreach_audit"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime]
    staff_id: Mapped[int]
    event: Mapped[str] = mapped_column(String(20))  # view_list | show_phone
    policy: Mapped[str] = mapped_column(String(30))
    citizen_id: Mapped[int | None]  # show_phone only (internal reference)
    listed: Mapped[int | None]  # view_list: how many citizens the list showed
