"""Demo staff accounts and volunteers (credentials public, demo only), seeded by backend.demo."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

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


DEMO_STAFF = DemoStaff("hotline01", "demo-hotline-12349", "热线演示员一")
DEMO_OTHER_STAFF = DemoStaff("hotline02", "demo-hotline-23459", "热线演示员二")


def seed_help(db: Session) -> dict[str, int]:
    db.add_all(
        StaffAccount(
            username=account_name(s.username),
            display_name=s.display_name,
            password_hash=hash_secret(s.password),
        )
        for s in (DEMO_STAFF, DEMO_OTHER_STAFF)
    )
    db.add_all(
        Volunteer(id=v.number, display_name=v.name, pin_hash=hash_secret(v.pin))
        for v in DEMO_VOLUNTEERS
    )
    return {"staff": 2, "volunteers": len(DEMO_VOLUNTEERS)}


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
