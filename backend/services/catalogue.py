"""Care-service catalogue and slots."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from backend.clock import aware
from backend.errors import is_plain_key, not_found
from backend.models import Service, Slot
from backend.services.pricing import price_for


def services_view(db: Session, tags: list[str] | None) -> list[dict]:
    services = db.scalars(select(Service).order_by(Service.sort, Service.code))
    return [
        {"code": s.code, "name": s.name, "description": s.description, "icon": s.icon,
         "duration_minutes": s.duration_minutes, **price_for(s, tags).as_fields()}
        for s in services
    ]


def slots_view(db: Session, service_code: str, first_day: dt.date, days: int, now: dt.datetime) -> list[dict]:
    if not is_plain_key(service_code) or db.get(Service, service_code) is None:
        raise not_found("服务")
    start = max(dt.datetime.combine(first_day, dt.time()), now)
    end = dt.datetime.combine(first_day + dt.timedelta(days=days), dt.time())
    slots = db.scalars(
        select(Slot).where(Slot.service_code == service_code, Slot.start >= start, Slot.start < end)
        .order_by(Slot.start, Slot.provider_id)
    )
    return [
        {"id": s.id, "service_code": s.service_code, "provider": {"id": s.provider.id, "name": s.provider.name},
         "start": aware(s.start), "end": aware(s.end), "capacity": s.capacity, "booked": s.booked,
         "available": max(0, s.capacity - s.booked)}
        for s in slots
    ]
