"""The demo operator account (credentials public, demo only), seeded with the demo data."""

from __future__ import annotations

from sqlalchemy.orm import Session

from backend.db import Database
from backend.help.demo import DemoStaff, seed_if_missing
from backend.help.passwords import hash_secret
from backend.ops.models import OperatorAccount

DEMO_OPERATOR = DemoStaff("ops01", "demo-ops-fleet-15", "运维演示员")


def seed_ops(db: Session) -> dict[str, int]:
    db.add(
        OperatorAccount(
            username=DEMO_OPERATOR.username,
            display_name=DEMO_OPERATOR.display_name,
            password_hash=hash_secret(DEMO_OPERATOR.password),
        )
    )
    return {"operators": 1}


def seed_ops_if_missing(database: Database) -> None:
    """A demo database seeded before fleet operations existed gets its operator."""
    seed_if_missing(database, OperatorAccount, seed_ops)
