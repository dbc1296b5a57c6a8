"""Demo staff and volunteers: seeded with the demo data, and added to an older demo database."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete, func, select

from backend.benefits.models import StaffRole
from backend.db import Database
from backend.demo import seed
from backend.help.demo import DEMO_ACCOUNTS, DEMO_STAFF, DEMO_VOLUNTEERS, seed_help_if_missing
from backend.help.models import StaffAccount, Volunteer


def _counts(database: Database) -> tuple[int, int]:
    with database.session(write=False) as db:
        return db.scalar(select(func.count(StaffAccount.id))), db.scalar(
            select(func.count(Volunteer.id))
        )


def test_an_older_demo_database_gets_staff_and_volunteers_once(tmp_path):
    database = Database(f"sqlite:///{tmp_path / 'demo.sqlite3'}")
    counts = seed(database, dt.date(2026, 11, 30))
    assert counts["staff"] == len(DEMO_ACCOUNTS) and counts["volunteers"] == len(DEMO_VOLUNTEERS)
    with database.session(write=True) as db:  # as if seeded before help sessions existed
        db.execute(delete(StaffRole))  # (and before the benefits finder gave staff roles)
        db.execute(delete(StaffAccount))
        db.execute(delete(Volunteer))
        db.commit()
    seed_help_if_missing(database)
    seed_help_if_missing(database)
    assert _counts(database) == (len(DEMO_ACCOUNTS), len(DEMO_VOLUNTEERS))
    with database.session(write=False) as db:
        assert db.scalar(
            select(StaffAccount.username).where(StaffAccount.username == DEMO_STAFF.username)
        )
