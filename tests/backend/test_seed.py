"""Demo data: deterministic, fictional, complete; the seed CLI."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import requests
from sqlalchemy import delete, func, select

from backend.codes import ORDER_STATUSES
from backend.db import Database
from backend.demo import DEMO_CITIZENS, needs_seed, seed
from backend.models import Application, Citizen, Meta, Order, Provider, Service, Slot, StageEvent
from civic_core.idnumber import birth_date, is_valid, validate
from tests.fixtures.backend_server import start_backend

TODAY = dt.date(2026, 11, 30)
REPO_ROOT = Path(__file__).resolve().parents[2]


def _snapshot(url: str) -> list:
    database = Database(url)
    with database.session(write=False) as db:
        rows = [
            sorted(
                (c.id_number, c.name, c.phone, c.address, tuple(c.tags))
                for c in db.scalars(select(Citizen))
            ),
            sorted(
                (a.number, a.type_code, a.stage_code, a.stage_entered_on)
                for a in db.scalars(select(Application))
            ),
            sorted(
                (e.application_id, e.seq, e.stage_code, e.entered_on)
                for e in db.scalars(select(StageEvent))
            ),
            sorted(
                (o.number, o.status_code, o.slot_id, o.you_pay_fen)
                for o in db.scalars(select(Order))
            ),
            sorted(
                (s.id, s.service_code, s.start, s.capacity, s.booked)
                for s in db.scalars(select(Slot))
            ),
        ]
    database.engine.dispose()
    return rows


def test_seed_is_deterministic(tmp_path):
    urls = [f"sqlite:///{tmp_path / name}" for name in ("a.sqlite3", "b.sqlite3")]
    for url in urls:
        seed(Database(url), TODAY)
    assert _snapshot(urls[0]) == _snapshot(urls[1])


def test_demo_citizens_are_valid_fictional_and_distinct():
    assert len(DEMO_CITIZENS) >= 30
    assert all(
        is_valid(c.id_number) and validate(c.id_number, today=TODAY).ok for c in DEMO_CITIZENS
    )
    assert any(c.id_number.endswith("X") for c in DEMO_CITIZENS)
    assert all(c.id_number.startswith("99") for c in DEMO_CITIZENS)  # no such province
    assert all(c.phone.startswith("100") and len(c.phone) == 11 for c in DEMO_CITIZENS)
    assert all(c.address.startswith("演示市") for c in DEMO_CITIZENS)
    assert (
        len({c.id_number for c in DEMO_CITIZENS})
        == len({c.phone_last4 for c in DEMO_CITIZENS})
        == len(DEMO_CITIZENS)
    )
    assert len({c.card_payload for c in DEMO_CITIZENS}) == len(DEMO_CITIZENS)
    for c in DEMO_CITIZENS:  # seniors, and 高龄 means 80 or older
        age = TODAY.year - birth_date(c.id_number).year
        assert age >= 60 and (age >= 80) >= ("aged_80" in c.tags)
    persona = DEMO_CITIZENS[0]
    assert len(persona.name) == 3 and "dibao" in persona.tags


def test_seeded_database_has_everything_the_kiosk_shows(api):
    with api.app.state.ctx.db.session(write=False) as db:
        statuses = set(db.scalars(select(Order.status_code)))
        assert statuses == set(ORDER_STATUSES)
        persona_orders = set(db.scalars(select(Order.status_code).where(Order.citizen_id == 1)))
        assert {"pending_dispatch", "completed", "cancelled"} <= persona_orders
        assert db.scalar(select(func.count()).select_from(Service)) >= 8
        assert db.scalar(select(func.count()).select_from(Provider)) >= 3
        days = {
            s.date()
            for s in db.scalars(select(Slot.start).where(Slot.start >= dt.datetime(2026, 11, 30)))
        }
        assert len(days) == 14
        for slot in db.scalars(select(Slot)):
            active = db.scalar(
                select(func.count())
                .select_from(Order)
                .where(Order.slot_id == slot.id, Order.status_code.not_in(["cancelled", "no_show"]))
            )
            assert slot.booked == active <= slot.capacity
        assert (
            db.scalar(select(func.count()).select_from(Slot).where(Slot.booked == Slot.capacity))
            >= 1
        )
        for order in db.scalars(
            select(Order)
        ):  # a plausible story: in time order, visits at the slot
            times = [e.at for e in order.history]
            assert times == sorted(times) and order.history[-1].status_code == order.status_code
            if order.status_code in ("in_service", "completed"):
                assert order.history[-1].at >= order.slot.start


def test_seed_cli(tmp_path):
    url = f"sqlite:///{tmp_path / 'cli.sqlite3'}"
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "backend.cli",
            "seed",
            "--database-url",
            url,
            "--today",
            "2026-11-30",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
        cwd=REPO_ROOT,
    )
    assert '"citizens": 32' in out.stdout
    bad = subprocess.run(
        [sys.executable, "-m", "backend.cli", "seed", "--today", "30/11/2026"],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=REPO_ROOT,
    )
    assert bad.returncode == 2 and "not a date" in bad.stderr


def test_demo_data_is_refreshed_when_seeded_for_another_day_but_real_data_is_kept(tmp_path):
    database = Database(f"sqlite:///{tmp_path / 'demo.sqlite3'}")
    assert needs_seed(database, TODAY)  # empty
    seed(database, TODAY)
    assert not needs_seed(database, TODAY)
    assert needs_seed(database, TODAY + dt.timedelta(days=1))  # yesterday's demo: slots in the past
    with database.session(write=True) as db:  # a real deployment: data without the demo marker
        db.execute(delete(Meta))
        db.commit()
    assert not needs_seed(database, TODAY + dt.timedelta(days=1))


def test_serve_refreshes_stale_demo_data(tmp_path):
    backend = start_backend(tmp_path, today=TODAY)
    try:
        backend.stop()
        backend.today = TODAY + dt.timedelta(days=3)
        backend.start()
        slots = requests.get(
            f"{backend.url}/api/v1/services/meal/slots",
            params={"from": "2026-12-03", "days": 14},
            headers={"Authorization": f"Bearer {backend.terminal_token}"},
            timeout=30,
        ).json()["items"]
        # Slots now run to 2026-12-16, 14 days from the new today (the old data ended on 12-13).
        assert "2026-12-16" in {s["start"][:10] for s in slots}
    finally:
        backend.stop()
