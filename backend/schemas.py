"""Request and response bodies (pydantic), which also make up the OpenAPI document."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field

from backend.codes import ORDER_ACTIONS, RATING_TAGS


def _printable_utf8(value: str) -> str:
    # Lone surrogates would fail in the database driver; control characters have no business
    # in a reason or a tag and break the public HTML and logs.
    value.encode("utf-8")
    if any(ord(ch) < 32 or ord(ch) == 127 for ch in value):
        raise ValueError("不能包含控制字符")
    return value


def SafeText(max_length: int) -> type[str]:  # noqa: N802  (reads as a type in annotations)
    """Text without control characters; the pattern says so in the OpenAPI document."""
    return Annotated[
        str,
        Field(max_length=max_length, pattern=r"^[^\x00-\x1f\x7f]*$"),
        AfterValidator(_printable_utf8),
    ]


def _iso_date_text(value: object) -> object:
    """A date parameter is YYYY-MM-DD text, as its format says (not a number of seconds)."""
    if not (isinstance(value, str) and _ISO_DATE.fullmatch(value)):
        raise ValueError("日期应为 YYYY-MM-DD")
    return value


_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
IsoDate = Annotated[dt.date, BeforeValidator(_iso_date_text)]


def _rfc3339_text(value: object) -> object:
    """A timestamp is RFC 3339 text, as its format says (not a number of seconds, which
    pydantic's lax parsing would otherwise take)."""
    if not (isinstance(value, str) and _RFC3339.match(value)):
        raise ValueError("时间应为 RFC 3339 格式，例如 2026-12-01T10:00:00+08:00")
    return value


_RFC3339 = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt ][0-9]{2}:[0-9]{2}")
# Parsed by pydantic's own RFC 3339 parser (lax for this field only, since strict bodies
# take no text for a datetime); only text shaped like a timestamp gets that far.
JsonDateTime = Annotated[dt.datetime, Field(strict=False), BeforeValidator(_rfc3339_text)]


def _json_integer(value: object) -> object:
    """JSON Schema's integer: 5 and 5.0 are one number; true and "5" are no integer (the
    strict check after this refuses them)."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def JsonInt(**bounds) -> type[int]:  # noqa: N802  (reads as a type in annotations)
    """An integer as JSON Schema counts them, within bounds (ge, le) the document states."""
    return Annotated[int, Field(**bounds), BeforeValidator(_json_integer)]


DbInt = JsonInt(ge=1, le=2**31 - 1)


class RequestBody(BaseModel):
    """What a client sends: strict types (true is not 1, "5" is not 5) and no unknown fields,
    so the OpenAPI document (additionalProperties: false) says exactly what is accepted."""

    model_config = ConfigDict(strict=True, extra="forbid")


class CodeLabel(BaseModel):
    code: str
    label: str


class ErrorItem(BaseModel):
    code: str
    message: str
    field: str | None


class ErrorBody(BaseModel):
    errors: list[ErrorItem]


class Health(BaseModel):
    status: str
    version: str
    demo: bool


class TerminalOut(BaseModel):
    id: str
    name: str
    site: str


# --- identity ---------------------------------------------------------------------------


class IdentityLookupIn(RequestBody):
    id_number: Annotated[str, Field(max_length=40)]
    phone_last4: Annotated[str, Field(pattern=r"^[0-9]{4}$")]


class IdentityCardIn(RequestBody):
    card_payload: SafeText(512) = Field(min_length=1)


class CitizenOut(BaseModel):
    display_name: str
    masked_id: str
    masked_phone: str
    address_masked: str
    tags: list[CodeLabel]


class IdentificationOut(BaseModel):
    session_token: str
    expires_at: dt.datetime
    citizen: CitizenOut


# --- applications -----------------------------------------------------------------------


class ApplicationSummary(BaseModel):
    number: str
    type: CodeLabel
    submitted_at: dt.date
    stage: CodeLabel
    stage_entered_at: dt.date
    expected_by: dt.date | None
    public_url: str


class StageEntry(BaseModel):
    stage: CodeLabel
    entered_at: dt.date
    note: str | None


class UpcomingStage(BaseModel):
    stage: CodeLabel
    expected_by: dt.date


class MissingMaterialOut(BaseModel):
    item: str
    reason: str
    where: str
    due_date: dt.date


class PaymentOut(BaseModel):
    period: str
    amount_fen: int
    status: CodeLabel
    paid_at: dt.date | None


class ApplicationDetail(ApplicationSummary):
    history: list[StageEntry]
    upcoming: list[UpcomingStage]
    missing_materials: list[MissingMaterialOut]
    decision: CodeLabel | None
    monthly_amount_fen: int | None
    payments: list[PaymentOut]


class ApplicationList(BaseModel):
    items: list[ApplicationSummary]


# --- services and slots -----------------------------------------------------------------


class ServiceOut(BaseModel):
    code: str
    name: str
    description: str
    icon: str
    duration_minutes: int
    price_fen: int
    subsidy_fen: int
    you_pay_fen: int
    subsidy_reason: CodeLabel | None


class ServiceList(BaseModel):
    items: list[ServiceOut]


class ProviderRef(BaseModel):
    id: int
    name: str


class SlotOut(BaseModel):
    id: int
    service_code: str
    provider: ProviderRef
    start: dt.datetime
    end: dt.datetime
    capacity: int
    booked: int
    available: int


class SlotList(BaseModel):
    items: list[SlotOut]


# --- orders -----------------------------------------------------------------------------


class OrderCreateIn(RequestBody):
    slot_id: DbInt
    booked_by: Literal["self", "volunteer"] = "self"
    volunteer_id: Annotated[str, Field(pattern=r"^[A-Za-z0-9-]{1,32}$")] | None = None
    channel: Literal["kiosk"] = "kiosk"


class CancelIn(RequestBody):
    reason: SafeText(200) | None = None


class RescheduleIn(RequestBody):
    slot_id: DbInt


RatingTag = Literal[tuple(RATING_TAGS)]  # type: ignore[valid-type]
OrderAction = Literal[tuple(ORDER_ACTIONS)]  # type: ignore[valid-type]


class RatingIn(RequestBody):
    score: JsonInt(ge=1, le=5)
    tags: Annotated[list[RatingTag], Field(max_length=8, description="codes; repeats dropped")] = []


class DemoAdvanceIn(RequestBody):
    to: Literal["dispatched", "accepted", "in_service", "completed", "no_show"] | None = None


class DemoClockIn(RequestBody):
    advance_s: JsonInt(ge=1, le=7 * 86400)


class DemoClockOut(BaseModel):
    now: dt.datetime


class DemoCard(BaseModel):
    payload: str  # what the card reader delivers (POST /identity/card)
    display_name: str  # masked: 张*华
    id_tail: str  # the ID number's last 4 characters


class DemoCardsOut(BaseModel):
    items: list[DemoCard]


class ServiceRef(BaseModel):
    code: str
    name: str


class SlotRef(BaseModel):
    id: int
    start: dt.datetime
    end: dt.datetime


class Rating(BaseModel):
    score: CodeLabel
    tags: list[CodeLabel]


class Transition(BaseModel):
    status: CodeLabel
    at: dt.datetime
    actor: CodeLabel
    channel: CodeLabel
    note: str | None


class OrderOut(BaseModel):
    number: str
    service: ServiceRef
    provider: ProviderRef
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
    actions: list[OrderAction] = Field(
        description="what the citizen may do now: cancel, reschedule (before the visit starts), "
        "rate (completed, not yet rated); anything else is refused with 409 invalid_state"
    )
    public_url: str
    history: list[Transition]


class OrderList(BaseModel):
    items: list[OrderOut]


class TransitionList(BaseModel):
    items: list[Transition]
