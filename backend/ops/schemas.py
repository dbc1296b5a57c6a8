"""Bodies of the kiosk-facing fleet routes: heartbeat, usage events, setting reports, and
screenshots (part of the OpenAPI document). Strict: unknown fields, wrong types and
out-of-range numbers are refused, so no free-form field is left to carry citizen data."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from civic_core.release import VERSION_PATTERN

Code = Annotated[
    str, Field(pattern=r"^[a-z][a-z0-9_.-]{0,39}$", description="a code, e.g. media-empty")
]
ScreenKey = Annotated[str, Field(pattern=r"^([a-z][a-z0-9_.]{0,39})?$")]
Version = Annotated[str, Field(pattern=r"^[0-9A-Za-z.+_-]{1,40}$")]
PERIPHERALS = ("printer", "card_reader", "microphone", "voice_model", "speech_engine")
PeripheralStateName = Literal["ok", "disabled", "paper_out", "jam", "offline", "missing", "error"]
EVENT_KINDS = ("screen", "dwell", "action", "page_turn", "help", "idle_wipe", "error")
TASKS = ("", "booking", "progress", "orders")
MAX_EVENTS_PER_BATCH = 500


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


class PeripheralState(Strict):
    state: PeripheralStateName
    code: Code | None = Field(None, description="the device's own reason, e.g. media-empty")


class Peripherals(Strict):
    printer: PeripheralState
    card_reader: PeripheralState
    microphone: PeripheralState
    voice_model: PeripheralState
    speech_engine: PeripheralState


ReleaseVersion = Annotated[str, Field(pattern=VERSION_PATTERN, description="e.g. 0.2.0")]
DbId = Annotated[int, Field(ge=1, le=2**31 - 1)]


class ReleaseStateIn(Strict):
    """Where the terminal is with its newest release assignment (kiosk/fleet/releases.py)."""

    assignment_id: DbId
    version: ReleaseVersion
    status: Literal["installed", "switched", "rolled_back", "install_failed", "unmanaged"]
    detail: Annotated[str, Field(pattern=r"^[a-z0-9_.-]{0,80}$")] = Field(
        "", description="a code, e.g. hash_mismatch or exited_before_start"
    )


class HeartbeatIn(Strict):
    version: Version
    config_hash: Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]
    uptime_s: Annotated[int, Field(ge=0, le=10**9)]
    peripherals: Peripherals
    disk_free_mb: Annotated[int, Field(ge=0, le=10**8)]
    outbox_depth: Annotated[int, Field(ge=0, le=10**5)]
    error_codes: Annotated[list[Code], Field(max_length=20)] = []
    in_visit: bool = Field(False, description="a senior is using the kiosk right now")
    release: ReleaseStateIn | None = None


class PendingSetting(BaseModel):
    change_id: int
    values: dict[str, str | int | float | bool]


class PendingScreenshot(BaseModel):
    id: int


class PendingRelease(BaseModel):
    assignment_id: int
    version: str
    sha256: str = Field(description="of the wheel GET /api/v1/ops/releases/{version} sends")
    size: int


class HeartbeatOut(BaseModel):
    status: Literal["online", "degraded"]
    problems: list[str]
    next_in_s: int = Field(description="send the next heartbeat after this many seconds")
    setting: PendingSetting | None = Field(None, description="the next change to apply")
    screenshot: PendingScreenshot | None = Field(None, description="an operator asks for one")
    release: PendingRelease | None = Field(None, description="the version to run")


class UsageEventIn(Strict):
    at: dt.datetime
    visit: Annotated[str, Field(pattern=r"^[0-9a-f]{8,32}$", description="random per visit")]
    kind: Literal[EVENT_KINDS]  # type: ignore[valid-type]
    screen: ScreenKey = ""
    task: Literal[TASKS] = ""  # type: ignore[valid-type]
    action: ScreenKey = ""
    modality: Literal["", "touch", "voice"] = ""
    dwell_ms: Annotated[int, Field(ge=0, le=3_600_000)] | None = None
    code: ScreenKey = ""


class EventBatchIn(Strict):
    batch_id: Annotated[
        str, Field(pattern=r"^[0-9a-f]{32}$", description="a batch sent again is not counted twice")
    ]
    events: Annotated[list[UsageEventIn], Field(min_length=1, max_length=MAX_EVENTS_PER_BATCH)]


class EventBatchOut(BaseModel):
    accepted: int
    duplicate: bool


class SettingReportIn(Strict):
    status: Literal["applied", "refused", "rolled_back"]
    # The kiosk's config parser message or the failing selftest checks (no citizen data).
    detail: Annotated[str, Field(max_length=300)] = ""


class ScreenshotIn(Strict):
    jpeg_base64: Annotated[str, Field(max_length=400_000)] | None = None
    masked: bool = False
    identified: bool = False
    refused: Code | None = Field(None, description="why the kiosk sends no picture")


class Accepted(BaseModel):
    ok: bool = True
