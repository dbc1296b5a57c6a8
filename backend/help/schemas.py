"""Bodies of the kiosk-facing help and volunteer routes (part of the OpenAPI document)."""

from __future__ import annotations

import datetime as dt
import math
from typing import Annotated, Literal

from pydantic import BaseModel, Field, field_validator

from backend.help.names import volunteer_number
from backend.help.sessions import END_REASONS, MAX_FRAME_BYTES
from backend.schemas import CodeLabel

ScreenId = Annotated[str, Field(pattern=r"^[A-Za-z0-9_.:-]{1,64}$")]


class HelpSessionOut(BaseModel):
    id: str
    code: str | None = Field(description="6 digits; only in the answer that opened the session")
    code_expires_at: dt.datetime
    state: CodeLabel
    consented: bool
    staff_joined: bool


class FrameIn(BaseModel):
    screen_id: ScreenId
    # Bounded by the request-body limit; a JPEG over the limit is a 413 frame_too_large.
    jpeg_base64: str = Field(description=f"a JPEG of at most {MAX_FRAME_BYTES // 1024} KB, base64")


class FrameOut(BaseModel):
    seq: int


class EndIn(BaseModel):
    reason: Literal[END_REASONS] = "kiosk"  # type: ignore[valid-type]


class HelpEventOut(BaseModel):
    seq: int
    type: str = Field(description="joined | pointer | hint | ended")
    x: float | None = Field(None, description="pointer: 0..1 from the left edge of the frame")
    y: float | None = Field(None, description="pointer: 0..1 from the top edge of the frame")
    hint_code: str | None = None
    text: str | None = Field(None, description="hint: the sentence to show and speak")


class HelpEventList(BaseModel):
    items: list[HelpEventOut]
    state: CodeLabel


class VolunteerSignInIn(BaseModel):
    volunteer_number: Annotated[
        str,
        Field(pattern=r"^[A-Za-z0-9-]{1,32}$", description="V-0001, v-0001, Ｖ－０００１ or 0001"),
    ]
    pin: Annotated[str, Field(pattern=r"^[0-9]{4,12}$")]

    @field_validator("volunteer_number", mode="before")
    @classmethod
    def _one_spelling(cls, value: object) -> object:
        """Full-width or spaced spellings name the same volunteer (and count against it)."""
        return volunteer_number(value) if isinstance(value, str) else value


class VolunteerOut(BaseModel):
    volunteer_id: str
    display_name: str = Field(description="masked, e.g. 周*志")
    token: str = Field(description="send as X-Volunteer-Token with orders booked_by volunteer")
    expires_at: dt.datetime


class StaffEventIn(BaseModel):
    """What a staff member may send: a pointer or a canned hint. Nothing else exists."""

    type: str
    x: float | None = None
    y: float | None = None
    hint_code: str | None = Field(None, max_length=40)

    @field_validator("x", "y")
    @classmethod
    def _unit(cls, value: float | None) -> float | None:
        if value is not None and not (math.isfinite(value) and 0.0 <= value <= 1.0):
            raise ValueError("must be between 0 and 1")
        return value
