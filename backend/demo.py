"""Demo data: fictional citizens, terminals, providers, services, slots, applications, orders.

Everything is deterministic for a given `today` except the unguessable public-page tokens.
The citizens are obviously fictional: names carry 演/示/例, addresses are in 演示市, ID numbers
use region code 99xxxx (no such province) with valid check characters, and phone numbers
start with 100 (no Chinese mobile number does).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from backend import schema
from backend.auth import token_hash
from backend.benefits.demo import seed_benefits
from backend.db import Database
from backend.demo_applications import seed_applications
from backend.help.demo import seed_help
from backend.models import (
    Citizen,
    Meta,
    Order,
    Provider,
    Service,
    Slot,
    Terminal,
)
from backend.ops.demo import seed_ops
from backend.services.orders import add_event, new_order
from civic_core.demo import DEMO_CITIZENS, DemoCitizen  # noqa: F401  (re-exported)

# Demo only: these tokens are public, a real deployment registers its own terminals.
DEMO_TERMINAL_TOKEN = "demo-terminal-0001-public-not-secret"
DEMO_OTHER_TERMINAL_TOKEN = "demo-terminal-0002-public-not-secret"
DEMO_TERMINALS = (
    ("T-0001", "演示终端一号", "演示市幸福区示范社区服务中心", DEMO_TERMINAL_TOKEN),
    ("T-0002", "演示终端二号", "演示市幸福区样例街道服务站", DEMO_OTHER_TERMINAL_TOKEN),
)


PROVIDERS = (
    (1, "幸福里居家养老服务中心（演示）"),
    (2, "安康护理站（演示）"),
    (3, "邻里帮家政服务社（演示）"),
    (4, "仁心康复中心（演示）"),
)

# code, name, description, icon, minutes, price (fen), subsidised, provider ids
SERVICES = (
    ("meal", "助餐", "送餐上门，一荤两素一汤", "meal", 60, 1500, True, (1, 3)),
    ("cleaning", "助洁", "打扫房间、清洗衣物", "cleaning", 120, 5000, True, (3,)),
    ("bathing", "助浴", "护理员上门协助洗澡", "bathing", 90, 6000, True, (1, 2)),
    ("medical", "助医", "上门量血压、测血糖、代配药", "medical", 60, 4000, True, (2,)),
    ("rehab", "康复护理", "康复师上门做康复训练", "rehab", 60, 8000, True, (4, 2)),
    ("companionship", "精神慰藉", "上门陪伴聊天、读书读报", "companionship", 60, 3000, True, (1,)),
    ("errands", "代购代办", "代买日用品、代缴水电费", "errands", 60, 2000, False, (3,)),
    ("escort", "助行陪诊", "陪同去医院看病、外出散步", "escort", 180, 6000, True, (4,)),
    ("haircut", "上门理发", "理发、修面", "haircut", 45, 2000, True, (1,)),
)
SEEDED_FOR_KEY = "demo_seeded_for"
SLOT_HOURS = (9, 14)
SLOT_DAYS = 14

# A demo citizen with no applications and no orders.
DEMO_CITIZEN_WITHOUT_RECORDS = len(DEMO_CITIZENS) - 1


def _slot(db: Session, service: tuple, provider_id: int, start: dt.datetime, capacity: int) -> Slot:
    slot = Slot(
        service_code=service[0],
        provider_id=provider_id,
        start=start,
        end=start + dt.timedelta(minutes=service[4]),
        capacity=capacity,
        booked=0,
    )
    db.add(slot)
    return slot


def _seed_catalogue(db: Session, today: dt.date) -> dict[tuple[str, int, int], Slot]:
    """Services and 14 days of slots from today; returns slots by (service, day offset, hour)."""
    db.add_all(Provider(id=pid, name=name) for pid, name in PROVIDERS)
    slots: dict[tuple[str, int, int], Slot] = {}
    for sort, service in enumerate(SERVICES):
        code, name, description, icon, minutes, price, subsidised, provider_ids = service
        db.add(
            Service(
                code=code,
                name=name,
                description=description,
                icon=icon,
                duration_minutes=minutes,
                price_fen=price,
                subsidised=subsidised,
                sort=sort,
            )
        )
        for day in range(SLOT_DAYS):
            for hour in SLOT_HOURS:
                for n, pid in enumerate(provider_ids):
                    capacity = 2 + (sort + day + hour + n) % 3
                    start = dt.datetime.combine(today + dt.timedelta(days=day), dt.time(hour + n))
                    slot = _slot(db, service, pid, start, capacity)
                    slots.setdefault((code, day, hour), slot)
    db.flush()
    return slots


# (citizen, service, day offset, hour, final status, booked_by, channel, rating)
_ORDERS = (
    (0, "meal", 1, 9, "pending_dispatch", "self", "kiosk", None),
    (0, "cleaning", 3, 14, "accepted", "self", "kiosk", None),
    (0, "bathing", -1, 9, "completed", "self", "kiosk", None),
    (0, "medical", -6, 14, "completed", "volunteer", "kiosk", (5, ["on_time", "kind"])),
    (0, "companionship", 2, 9, "cancelled", "self", "kiosk", None),
    (1, "meal", 2, 14, "dispatched", "self", "window", None),
    (1, "rehab", 0, 9, "in_service", "staff", "window", None),
    (2, "escort", -2, 9, "no_show", "self", "app", None),
    (2, "haircut", -3, 14, "completed", "self", "kiosk", None),
    (3, "errands", 4, 9, "pending_dispatch", "volunteer", "kiosk", None),
    (4, "medical", -4, 9, "completed", "self", "window", (3, ["late"])),
    (5, "bathing", 5, 14, "cancelled", "self", "app", None),
)
_STATUS_PATH = ("pending_dispatch", "dispatched", "accepted", "in_service", "completed")
# The day-2 morning meal slot is booked up by other residents, so the kiosk shows 已约满.
_FULL_SLOT = ("meal", 2, 9)


def _order_slot(
    db: Session, slots: dict, service_code: str, day: int, hour: int, today: dt.date
) -> Slot:
    if day >= 0:
        return slots[(service_code, day, hour)]
    service = next(s for s in SERVICES if s[0] == service_code)
    return _slot(
        db,
        service,
        service[7][0],
        dt.datetime.combine(today + dt.timedelta(days=day), dt.time(hour)),
        3,
    )


def _seed_orders(db: Session, citizens: list[Citizen], slots: dict, today: dt.date) -> int:
    count = 0
    for who, service_code, day, hour, final, booked_by, channel, rating in _ORDERS:
        slot = _order_slot(db, slots, service_code, day, hour, today)
        slot.booked += 1
        db.flush()
        created = dt.datetime.combine(today + dt.timedelta(days=min(day, 0) - 3), dt.time(10, 30))
        order = new_order(
            db,
            citizen=citizens[who],
            slot=slot,
            booked_by=booked_by,
            volunteer_id="V-0001" if booked_by == "volunteer" else None,
            channel=channel,
            now=created,
        )
        _walk_to(order, final, created, slot, channel)
        if final in ("cancelled", "no_show"):
            slot.booked -= 1
        if rating:
            order.rating_score, order.rating_tags = rating
        count += 1
    full = slots[_FULL_SLOT]
    for n in range(full.capacity - full.booked):
        created = dt.datetime.combine(today - dt.timedelta(days=1), dt.time(15, n))
        full.booked += 1
        db.flush()
        new_order(
            db,
            citizen=citizens[10 + n],
            slot=full,
            booked_by="staff",
            volunteer_id=None,
            channel="window",
            now=created,
        )
        count += 1
    return count


def _walk_to(order: Order, final: str, created: dt.datetime, slot: Slot, channel: str) -> None:
    """Add the provider's steps: dispatched and accepted soon after booking, the visit itself
    at the slot's time."""
    if final == "cancelled":
        add_event(
            order, "cancelled", created + dt.timedelta(hours=2), "citizen", channel, "临时有事"
        )
        return
    times = {
        "dispatched": created + dt.timedelta(hours=2),
        "accepted": created + dt.timedelta(hours=4),
        "in_service": slot.start,
        "completed": slot.end,
    }
    target = "accepted" if final == "no_show" else final
    for status in _STATUS_PATH[1 : _STATUS_PATH.index(target) + 1]:
        add_event(order, status, times[status], "provider", "app")
    if final == "no_show":
        add_event(
            order,
            "no_show",
            slot.start + dt.timedelta(minutes=30),
            "provider",
            "app",
            "上门时家中无人",
        )


# --- entry points -----------------------------------------------------------------------


def seed(database: Database, today: dt.date) -> dict[str, int]:
    """Replace everything in the database with the demo data for `today`."""
    schema.recreate(database)
    with database.session(write=True) as db:
        for tid, name, site, token in DEMO_TERMINALS:
            db.add(Terminal(id=tid, name=name, site=site, token_hash=token_hash(token)))
        citizens = [
            Citizen(
                id_number=c.id_number,
                name=c.name,
                phone=c.phone,
                address=c.address,
                card_hash=token_hash(c.card_payload),
                tags=list(c.tags),
            )
            for c in DEMO_CITIZENS
        ]
        db.add_all(citizens)
        db.flush()
        applications = seed_applications(db, [c.id for c in citizens], today)
        slots = _seed_catalogue(db, today)
        orders = _seed_orders(db, citizens, slots, today)
        helpers = seed_help(db)  # staff accounts and volunteers (backend/help/demo.py)
        benefits = seed_benefits(db, citizens, today)  # assessments, a community worker
        helpers |= seed_ops(db)  # the fleet operator (backend/ops/demo.py)
        db.add(Meta(key=SEEDED_FOR_KEY, value=today.isoformat()))
        db.commit()
    return {
        "citizens": len(DEMO_CITIZENS),
        "applications": applications,
        "orders": orders,
        **helpers,
        **benefits,
    }


def use_terminal_token(database: Database, token: str) -> None:
    """Demo terminal T-0001 answers to `token` (the embedded kiosk's own, from its environment)
    instead of the public DEMO_TERMINAL_TOKEN."""
    with database.session(write=True) as db:
        terminal = db.get(Terminal, DEMO_TERMINALS[0][0])
        if terminal is not None:
            terminal.token_hash = token_hash(token)
            db.commit()


def needs_seed(database: Database, today: dt.date) -> bool:
    """Empty, or demo data seeded for another day (its slots would lie in the past). A database
    that was never seeded with demo data is never replaced. Migrates first: the embedded demo
    brings its own database up to date."""
    schema.upgrade(database)
    with database.session(write=False) as db:
        if db.scalar(select(Terminal.id).limit(1)) is None:
            return True
        seeded_for = db.get(Meta, SEEDED_FOR_KEY)
        return seeded_for is not None and seeded_for.value != today.isoformat()
