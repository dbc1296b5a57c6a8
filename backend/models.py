"""SQLAlchemy 2 models. Times are naive China local time (see clock.py)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from backend.db import Base


class Meta(Base):
    """Facts about the database itself, e.g. the day demo data was seeded for."""

    __tablename__ = "meta"

    key: Mapped[str] = mapped_column(String(50), primary_key=True)
    value: Mapped[str] = mapped_column(String(200))


class Terminal(Base):
    __tablename__ = "terminals"

    id: Mapped[str] = mapped_column(String(16), primary_key=True)  # "T-0001"
    name: Mapped[str] = mapped_column(String(100))
    site: Mapped[str] = mapped_column(String(200))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)


class Citizen(Base):
    __tablename__ = "citizens"

    id: Mapped[int] = mapped_column(primary_key=True)
    id_number: Mapped[str] = mapped_column(String(18), unique=True)
    name: Mapped[str] = mapped_column(String(50))
    phone: Mapped[str] = mapped_column(String(20))
    address: Mapped[str] = mapped_column(String(200))
    card_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    tags: Mapped[list[str]] = mapped_column(JSON, default=list)


class CitizenSession(Base):
    __tablename__ = "citizen_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    citizen_id: Mapped[int] = mapped_column(ForeignKey("citizens.id"))
    terminal_id: Mapped[str] = mapped_column(ForeignKey("terminals.id"))
    created_at: Mapped[dt.datetime]
    expires_at: Mapped[dt.datetime]
    ended: Mapped[bool] = mapped_column(default=False)


class AuthFailure(Base):
    """One failed identification; counted per ID (hashed) and per terminal in a window."""

    __tablename__ = "auth_failures"
    __table_args__ = (Index("ix_auth_failures_scope_key_at", "scope", "key", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    scope: Mapped[str] = mapped_column(String(10))  # "id" | "terminal"
    key: Mapped[str] = mapped_column(String(64))
    at: Mapped[dt.datetime]


class Application(Base):
    __tablename__ = "applications"

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(20), unique=True)
    citizen_id: Mapped[int] = mapped_column(ForeignKey("citizens.id"), index=True)
    type_code: Mapped[str] = mapped_column(String(20))
    submitted_on: Mapped[dt.date]
    stage_code: Mapped[str] = mapped_column(String(20))
    stage_entered_on: Mapped[dt.date]
    decision_code: Mapped[str | None] = mapped_column(String(20))
    monthly_amount_fen: Mapped[int | None]
    public_token: Mapped[str] = mapped_column(String(32), unique=True)

    history: Mapped[list[StageEvent]] = relationship(order_by="StageEvent.seq")
    missing: Mapped[list[MissingMaterial]] = relationship(order_by="MissingMaterial.id")
    payments: Mapped[list[Payment]] = relationship(order_by="Payment.period.desc()")


class StageEvent(Base):
    __tablename__ = "stage_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id"), index=True)
    seq: Mapped[int]
    stage_code: Mapped[str] = mapped_column(String(20))
    entered_on: Mapped[dt.date]
    note: Mapped[str | None] = mapped_column(String(200))


class MissingMaterial(Base):
    __tablename__ = "missing_materials"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id"), index=True)
    item: Mapped[str] = mapped_column(String(100))
    reason: Mapped[str] = mapped_column(String(200))
    where: Mapped[str] = mapped_column(String(200))
    due_date: Mapped[dt.date]


class Payment(Base):
    __tablename__ = "payments"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id"), index=True)
    period: Mapped[str] = mapped_column(String(7))  # "2026-10"
    amount_fen: Mapped[int]
    status_code: Mapped[str] = mapped_column(String(10))
    paid_on: Mapped[dt.date | None]


class Provider(Base):
    __tablename__ = "providers"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))


class Service(Base):
    __tablename__ = "services"

    code: Mapped[str] = mapped_column(String(20), primary_key=True)
    name: Mapped[str] = mapped_column(String(50))
    description: Mapped[str] = mapped_column(String(200))
    icon: Mapped[str] = mapped_column(String(30))
    duration_minutes: Mapped[int]
    price_fen: Mapped[int]
    subsidised: Mapped[bool] = mapped_column(default=True)
    sort: Mapped[int] = mapped_column(default=0)


class Slot(Base):
    __tablename__ = "slots"
    __table_args__ = (Index("ix_slots_service_start", "service_code", "start"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    service_code: Mapped[str] = mapped_column(ForeignKey("services.code"))
    provider_id: Mapped[int] = mapped_column(ForeignKey("providers.id"))
    start: Mapped[dt.datetime]
    end: Mapped[dt.datetime]
    capacity: Mapped[int]
    booked: Mapped[int] = mapped_column(default=0)

    provider: Mapped[Provider] = relationship(lazy="joined")
    service: Mapped[Service] = relationship(lazy="joined")


class Order(Base):
    __tablename__ = "orders"

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(32), unique=True)
    citizen_id: Mapped[int] = mapped_column(ForeignKey("citizens.id"), index=True)
    slot_id: Mapped[int] = mapped_column(ForeignKey("slots.id"), index=True)
    status_code: Mapped[str] = mapped_column(String(20))
    booked_by: Mapped[str] = mapped_column(String(10))
    volunteer_id: Mapped[str | None] = mapped_column(String(32))
    channel: Mapped[str] = mapped_column(String(10))
    price_fen: Mapped[int]
    subsidy_fen: Mapped[int]
    you_pay_fen: Mapped[int]
    subsidy_reason: Mapped[str | None] = mapped_column(String(20))
    created_at: Mapped[dt.datetime]
    rating_score: Mapped[int | None]
    rating_tags: Mapped[list[str] | None] = mapped_column(JSON)
    public_token: Mapped[str] = mapped_column(String(32), unique=True)

    slot: Mapped[Slot] = relationship(lazy="joined")
    citizen: Mapped[Citizen] = relationship(lazy="joined")
    history: Mapped[list[OrderEvent]] = relationship(order_by="OrderEvent.id")


class OrderEvent(Base):
    __tablename__ = "order_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), index=True)
    status_code: Mapped[str] = mapped_column(String(20))
    at: Mapped[dt.datetime]
    actor: Mapped[str] = mapped_column(String(10))
    channel: Mapped[str] = mapped_column(String(10))
    note: Mapped[str | None] = mapped_column(Text)


class IdempotencyRecord(Base):
    """The stored first answer to a POST, per terminal and Idempotency-Key."""

    __tablename__ = "idempotency_records"
    __table_args__ = (UniqueConstraint("terminal_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    terminal_id: Mapped[str] = mapped_column(ForeignKey("terminals.id"))
    key: Mapped[str] = mapped_column(String(64))
    fingerprint: Mapped[str] = mapped_column(String(64))
    status: Mapped[int]
    body: Mapped[dict] = mapped_column(JSON)
    created_at: Mapped[dt.datetime]
