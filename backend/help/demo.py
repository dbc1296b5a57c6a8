"""Demo staff accounts and volunteers (credentials public, demo only), seeded by backend.demo."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from backend.benefits.models import StaffRole
from backend.db import Database
from backend.help.models import StaffAccount, Volunteer
from backend.help.names import account_name
from backend.help.passwords import hash_secret
from civic_core.demo import DEMO_VOLUNTEERS, DemoVolunteer  # noqa: F401  (re-exported)


@dataclass(frozen=True)
class DemoStaff:
    username: str
    password: str
    display_name: str
    role: str = ""  # a staff_roles role beyond helping callers, e.g. hotline_supervisor


DEMO_STAFF = DemoStaff("hotline01", "demo-hotline-12349", "热线演示员一")
DEMO_OTHER_STAFF = DemoStaff("hotline02", "demo-hotline-23459", "热线演示员二")
DEMO_SUPERVISOR = DemoStaff(
    "supervisor01", "demo-supervisor-12349", "值班主管演示", "hotline_supervisor"
)


DEMO_ACCOUNTS = (DEMO_STAFF, DEMO_OTHER_STAFF, DEMO_SUPERVISOR)


def seed_help(db: Session) -> dict[str, int]:
    for who in DEMO_ACCOUNTS:
        account = StaffAccount(
            username=account_name(who.username),
            display_name=who.display_name,
            password_hash=hash_secret(who.password),
        )
        db.add(account)
        if who.role:
            db.flush()
            db.add(StaffRole(staff_id=account.id, role=who.role))
    db.add_all(
        Volunteer(id=v.number, display_name=v.name, pin_hash=hash_secret(v.pin))
        for v in DEMO_VOLUNTEERS
    )
    return {"staff": len(DEMO_ACCOUNTS), "volunteers": len(DEMO_VOLUNTEERS)}


def seed_if_missing(database: Database, table: type, seed_rows: Callable[[Session], object]):
    """Seed `table` of an older demo database that has none of its rows yet (its tables come
    from the migrations, which the demo server has run by now)."""
    with database.session(write=True) as db:
        if db.scalar(select(table.id).limit(1)) is None:
            seed_rows(db)
            db.commit()


def seed_help_if_missing(database: Database) -> None:
    """A demo database seeded before help sessions existed gets its staff and volunteers."""
    seed_if_missing(database, StaffAccount, seed_help)
