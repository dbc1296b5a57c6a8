"""Bodies of the kiosk-facing help and volunteer routes (part of the OpenAPI document)."""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, Field, field_validator

from backend.help.names import volunteer_number
from backend.help.sessions import KIOSK_END_REASONS, MAX_FRAME_BYTES
from backend.schemas import CodeLabel, JsonInt, RequestBody

ScreenId = Annotated[str, Field(pattern=r"^[A-Za-z0-9_.:-]{1,64}$")]
# Five digits in a row could be part of an ID number or a phone: never in what the kiosk
# says about its screen (the hotline worker reads it).
_DIGIT_RUN = re.compile(r"[0-9０-９]{5}")


def _no_data(text: str) -> str:
    if _DIGIT_RUN.search(text):
        raise ValueError("must not hold a number of five or more digits")
    return text


# The same rule as a pattern, so the OpenAPI document states it: digit runs of at most four.
_SHORT_DIGIT_RUNS = r"^[0-9０-９]{0,4}(?:[^0-9０-９]+[0-9０-９]{0,4})*$"
Wording = Annotated[str, Field(max_length=40, pattern=_SHORT_DIGIT_RUNS), AfterValidator(_no_data)]


class HelpSessionOut(BaseModel):
    id: str
    code: str | None = Field(description="6 digits; only in the answer that opened the session")
    code_expires_at: dt.datetime
    state: CodeLabel
    end_reason: CodeLabel | None = Field(
        None,
        description="why it ended: kiosk | session_end | declined | timeout | idle | "
        "staff | lost | replaced, with the words",
    )
    consented: bool
    staff_joined: bool


class OpenIn(RequestBody):
    place_name: Wording | None = Field(None, description="kiosk config help.place_name")
    screen_title: Wording | None = Field(None, description="where 呼叫帮助 was pressed")


class HeartbeatIn(RequestBody):
    """Every second while a help session is open: the kiosk is there, and what it shows (in
    Chinese for the hotline worker; no data, only titles and button labels)."""

    screen_title: Wording | None = None
    called_from: Wording | None = Field(None, description="the screen 呼叫帮助 was pressed on")
    step: Wording | None = Field(None, description="e.g. 预约上门服务 第 2 步，共 6 步")
    actions: list[Wording] = Field(
        default_factory=list, max_length=5, description="last taps, oldest first: 按了 下一步"
    )
    remaining_s: JsonInt(ge=0, le=7200) | None = Field(None, description="until the time limit")
    extended: bool = Field(False, description="the senior used the one extension")
    ring_seq: JsonInt(ge=0) = Field(0, description="seq of the pointer whose ring shows (0: none)")
    events_seen: JsonInt(ge=0) = Field(0, description="the last event seq the kiosk handled")
    picture_current: bool = Field(True, description="the last frame sent is what is shown")


class FrameIn(RequestBody):
    screen_id: ScreenId
    # Bounded by the request-body limit; a JPEG over the limit is a 413 frame_too_large.
    jpeg_base64: str = Field(
        pattern=r"^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$",
        description=f"a JPEG of at most {MAX_FRAME_BYTES // 1024} KB, base64 (standard alphabet, "
        "padded); anything but a JPEG is 422 invalid_frame",
    )


class FrameOut(BaseModel):
    seq: int


class EndIn(RequestBody):
    reason: Literal[KIOSK_END_REASONS] = "kiosk"  # type: ignore[valid-type]


class HelpEventOut(BaseModel):
    seq: int
    type: str = Field(description="joined | pointer | hint | active | ended")
    x: float | None = Field(None, description="pointer: 0..1 from the left edge of the frame")
    y: float | None = Field(None, description="pointer: 0..1 from the top edge of the frame")
    hint_code: str | None = None
    text: str | None = Field(None, description="hint: the sentence to show and speak")
    reason: str | None = Field(None, description="ended: why (HelpSessionOut.end_reason codes)")


class HelpEventList(BaseModel):
    items: list[HelpEventOut]
    state: CodeLabel


class VolunteerSignInIn(RequestBody):
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
    """What a staff member may send: a pointer, a canned hint, or "active" (working in the
    console, which keeps the kiosk's idle timer from wiping the session). Nothing else."""

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


class NoteIn(BaseModel):
    """The worker's call note; it asks for no citizen data and refuses long numbers."""

    note: Annotated[str, Field(max_length=200), AfterValidator(_no_data)] = ""
    ticket: Annotated[str, Field(pattern=r"^[A-Za-z0-9-]{0,30}$")] = ""
