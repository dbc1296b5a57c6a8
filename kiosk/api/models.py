"""Frozen dataclasses mirroring docs/api.md, each with a defensive `parse`.

Enums stay `CodeLabel` so screens show the backend's label and never hard-code the
Chinese names of states; datetimes are aware, dates are `date`, money is int fen.
Sequences are tuples so every result is immutable and hashable.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .fields import Obj


@dataclass(frozen=True)
class CodeLabel:
    code: str
    label: str

    @classmethod
    def parse(cls, r: Obj) -> CodeLabel:
        return cls(r.text("code"), r.text("label"))


def _code_label(r: Obj, key: str) -> CodeLabel:
    return CodeLabel.parse(r.obj(key))


def _opt_code_label(r: Obj, key: str) -> CodeLabel | None:
    value = r.opt_obj(key)
    return None if value is None else CodeLabel.parse(value)


@dataclass(frozen=True)
class Health:
    status: str
    version: str
    demo: bool

    @classmethod
    def parse(cls, r: Obj) -> Health:
        return cls(r.text("status"), r.text("version"), r.flag("demo"))


@dataclass(frozen=True)
class Terminal:
    id: str
    name: str
    site: str

    @classmethod
    def parse(cls, r: Obj) -> Terminal:
        return cls(r.text("id"), r.text("name"), r.text("site"))


@dataclass(frozen=True)
class Citizen:
    """Only masked values: the backend never sends a full ID, phone or name to a kiosk."""

    display_name: str
    masked_id: str
    masked_phone: str
    address_masked: str
    tags: tuple[CodeLabel, ...]

    @classmethod
    def parse(cls, r: Obj) -> Citizen:
        return cls(
            display_name=r.text("display_name"),
            masked_id=r.text("masked_id"),
            masked_phone=r.text("masked_phone"),
            address_masked=r.text("address_masked"),
            tags=tuple(CodeLabel.parse(t) for t in r.objs("tags")),
        )


@dataclass(frozen=True)
class DemoCard:
    """A demo citizen's ID card (GET /demo/cards, demo mode only)."""

    payload: str = field(repr=False)  # a credential for that citizen: not in reprs
    display_name: str  # masked, 张*华
    id_tail: str

    @classmethod
    def parse(cls, r: Obj) -> DemoCard:
        return cls(r.text("payload"), r.text("display_name"), r.text("id_tail"))


@dataclass(frozen=True)
class Identification:
    # The token is a credential: keep it out of reprs that might reach a log.
    session_token: str = field(repr=False)
    expires_at: dt.datetime
    citizen: Citizen

    @classmethod
    def parse(cls, r: Obj) -> Identification:
        return cls(
            r.text("session_token"), r.datetime("expires_at"), Citizen.parse(r.obj("citizen"))
        )


@dataclass(frozen=True)
class ApplicationSummary:
    number: str
    type: CodeLabel
    submitted_at: dt.date
    stage: CodeLabel
    stage_entered_at: dt.date
    expected_by: dt.date | None
    public_url: str

    @staticmethod
    def _summary_fields(r: Obj) -> dict:
        return {
            "number": r.text("number"),
            "type": _code_label(r, "type"),
            "submitted_at": r.date("submitted_at"),
            "stage": _code_label(r, "stage"),
            "stage_entered_at": r.date("stage_entered_at"),
            "expected_by": r.opt_date("expected_by"),
            "public_url": r.text("public_url"),
        }

    @classmethod
    def parse(cls, r: Obj) -> ApplicationSummary:
        return cls(**cls._summary_fields(r))


@dataclass(frozen=True)
class StageEntry:
    stage: CodeLabel
    entered_at: dt.date
    note: str | None

    @classmethod
    def parse(cls, r: Obj) -> StageEntry:
        return cls(_code_label(r, "stage"), r.date("entered_at"), r.opt_text("note"))


@dataclass(frozen=True)
class UpcomingStage:
    stage: CodeLabel
    expected_by: dt.date

    @classmethod
    def parse(cls, r: Obj) -> UpcomingStage:
        return cls(_code_label(r, "stage"), r.date("expected_by"))


@dataclass(frozen=True)
class MissingMaterial:
    item: str
    reason: str
    where: str
    due_date: dt.date

    @classmethod
    def parse(cls, r: Obj) -> MissingMaterial:
        return cls(r.text("item"), r.text("reason"), r.text("where"), r.date("due_date"))


@dataclass(frozen=True)
class Payment:
    period: str  # "2026-10"
    amount_fen: int
    status: CodeLabel
    paid_at: dt.date | None

    @classmethod
    def parse(cls, r: Obj) -> Payment:
        return cls(
            r.text("period"),
            r.integer("amount_fen"),
            _code_label(r, "status"),
            r.opt_date("paid_at"),
        )


@dataclass(frozen=True)
class ApplicationDetail(ApplicationSummary):
    history: tuple[StageEntry, ...]
    upcoming: tuple[UpcomingStage, ...]
    missing_materials: tuple[MissingMaterial, ...]
    decision: CodeLabel | None
    monthly_amount_fen: int | None
    payments: tuple[Payment, ...]

    @classmethod
    def parse(cls, r: Obj) -> ApplicationDetail:
        return cls(
            **cls._summary_fields(r),
            history=tuple(StageEntry.parse(x) for x in r.objs("history")),
            upcoming=tuple(UpcomingStage.parse(x) for x in r.objs("upcoming")),
            missing_materials=tuple(MissingMaterial.parse(x) for x in r.objs("missing_materials")),
            decision=_opt_code_label(r, "decision"),
            monthly_amount_fen=r.opt_integer("monthly_amount_fen"),
            payments=tuple(Payment.parse(x) for x in r.objs("payments")),
        )


@dataclass(frozen=True)
class Service:
    code: str
    name: str
    description: str
    icon: str
    duration_minutes: int
    price_fen: int
    subsidy_fen: int
    you_pay_fen: int
    subsidy_reason: CodeLabel | None

    @classmethod
    def parse(cls, r: Obj) -> Service:
        return cls(
            code=r.text("code"),
            name=r.text("name"),
            description=r.text("description"),
            icon=r.text("icon"),
            duration_minutes=r.integer("duration_minutes"),
            price_fen=r.integer("price_fen"),
            subsidy_fen=r.integer("subsidy_fen"),
            you_pay_fen=r.integer("you_pay_fen"),
            subsidy_reason=_opt_code_label(r, "subsidy_reason"),
        )


@dataclass(frozen=True)
class Provider:
    id: int
    name: str

    @classmethod
    def parse(cls, r: Obj) -> Provider:
        return cls(r.integer("id"), r.text("name"))


@dataclass(frozen=True)
class Slot:
    id: int
    service_code: str
    provider: Provider
    start: dt.datetime
    end: dt.datetime
    capacity: int
    booked: int
    available: int

    @classmethod
    def parse(cls, r: Obj) -> Slot:
        return cls(
            id=r.integer("id"),
            service_code=r.text("service_code"),
            provider=Provider.parse(r.obj("provider")),
            start=r.datetime("start"),
            end=r.datetime("end"),
            capacity=r.integer("capacity"),
            booked=r.integer("booked"),
            available=r.integer("available"),
        )


@dataclass(frozen=True)
class ServiceRef:
    code: str
    name: str

    @classmethod
    def parse(cls, r: Obj) -> ServiceRef:
        return cls(r.text("code"), r.text("name"))


@dataclass(frozen=True)
class SlotRef:
    id: int
    start: dt.datetime
    end: dt.datetime

    @classmethod
    def parse(cls, r: Obj) -> SlotRef:
        return cls(r.integer("id"), r.datetime("start"), r.datetime("end"))


@dataclass(frozen=True)
class Rating:
    score: CodeLabel  # code "1".."5"
    tags: tuple[CodeLabel, ...]  # codes such as on_time; the kiosk words them itself

    @classmethod
    def parse(cls, r: Obj) -> Rating:
        return cls(_code_label(r, "score"), tuple(CodeLabel.parse(t) for t in r.objs("tags")))


@dataclass(frozen=True)
class Transition:
    status: CodeLabel
    at: dt.datetime
    actor: CodeLabel
    channel: CodeLabel
    note: str | None

    @classmethod
    def parse(cls, r: Obj) -> Transition:
        return cls(
            status=_code_label(r, "status"),
            at=r.datetime("at"),
            actor=_code_label(r, "actor"),
            channel=_code_label(r, "channel"),
            note=r.opt_text("note"),
        )


@dataclass(frozen=True)
class Order:
    number: str
    service: ServiceRef
    provider: Provider
    slot: SlotRef
    status: CodeLabel
    booked_by: CodeLabel
    volunteer_id: str | None
    channel: CodeLabel
    address_masked: str
    price_fen: int
    subsidy_fen: int
    you_pay_fen: int
    subsidy_reason: CodeLabel | None
    created_at: dt.datetime
    rating: Rating | None
    # What the citizen may do now ("cancel", "reschedule", "rate"): the backend's rules, so
    # the kiosk keeps no copy of which statuses allow what.
    actions: tuple[str, ...]
    public_url: str
    # The list route may leave history out; the detail route always sends it.
    history: tuple[Transition, ...]

    @classmethod
    def parse(cls, r: Obj) -> Order:
        rating = r.opt_obj("rating")
        return cls(
            number=r.text("number"),
            service=ServiceRef.parse(r.obj("service")),
            provider=Provider.parse(r.obj("provider")),
            slot=SlotRef.parse(r.obj("slot")),
            status=_code_label(r, "status"),
            booked_by=_code_label(r, "booked_by"),
            volunteer_id=r.opt_text("volunteer_id"),
            channel=_code_label(r, "channel"),
            address_masked=r.text("address_masked"),
            price_fen=r.integer("price_fen"),
            subsidy_fen=r.integer("subsidy_fen"),
            you_pay_fen=r.integer("you_pay_fen"),
            subsidy_reason=_opt_code_label(r, "subsidy_reason"),
            created_at=r.datetime("created_at"),
            rating=None if rating is None else Rating.parse(rating),
            actions=r.texts("actions"),
            public_url=r.text("public_url"),
            history=tuple(Transition.parse(x) for x in r.objs("history", optional=True)),
        )
