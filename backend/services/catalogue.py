"""Care-service catalogue and slots."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from backend.clock import aware
from backend.errors import is_plain_key, not_found
from backend.models import Provider, Service, Slot
from backend.services.pricing import price_for

BOOKABLE_RANGE = dt.timedelta(days=366)


def services_view(db: Session, tags: list[str] | None) -> list[dict]:
    services = db.scalars(select(Service).order_by(Service.sort, Service.code))
    return [
        {
            "code": s.code,
            "name": s.name,
            "description": s.description,
            "icon": s.icon,
            "duration_minutes": s.duration_minutes,
            **price_for(s, tags).as_fields(),
        }
        for s in services
    ]


def slots_view(
    db: Session, service_code: str, first_day: dt.date, days: int, now: dt.datetime
) -> list[dict]:
    if not is_plain_key(service_code) or db.get(Service, service_code) is None:
        raise not_found("服务")
    if abs(first_day - now.date()) > BOOKABLE_RANGE:  # none there; keeps the date sums in range
        return []
    start = max(dt.datetime.combine(first_day, dt.time()), now)
    end = dt.datetime.combine(first_day + dt.timedelta(days=days), dt.time())
    # Plain columns, not Slot objects: up to 31 days of slots per call, one of the hottest
    # reads, and building ORM objects (with their joined service) was most of its cost.
    rows = db.execute(
        select(
            Slot.id, Slot.start, Slot.end, Slot.capacity, Slot.booked, Provider.id, Provider.name
        )
        .join(Provider, Provider.id == Slot.provider_id)
        .where(Slot.service_code == service_code, Slot.start >= start, Slot.start < end)
        .order_by(Slot.start, Slot.provider_id)
    )
    return [
        {
            "id": slot_id,
            "service_code": service_code,
            "provider": {"id": provider_id, "name": provider_name},
            "start": aware(slot_start),
            "end": aware(slot_end),
            "capacity": capacity,
            "booked": booked,
            "available": max(0, capacity - booked),
        }
        for slot_id, slot_start, slot_end, capacity, booked, provider_id, provider_name in rows
    ]
