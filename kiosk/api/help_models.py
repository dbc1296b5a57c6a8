"""Results of the help-session and volunteer routes (docs/api.md "Help sessions")."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .fields import Obj
from .models import CodeLabel


@dataclass(frozen=True)
class HelpSession:
    id: str
    code: str | None  # 6 digits, only in the answer that opened the session
    code_expires_at: dt.datetime
    state: CodeLabel  # waiting | active | expired | ended
    consented: bool
    staff_joined: bool

    @classmethod
    def parse(cls, r: Obj) -> HelpSession:
        return cls(
            r.text("id"),
            r.opt_text("code"),
            r.datetime("code_expires_at"),
            CodeLabel.parse(r.obj("state")),
            r.flag("consented"),
            r.flag("staff_joined"),
        )


@dataclass(frozen=True)
class HelpEvent:
    """From staff to the kiosk: "joined", "pointer" (x, y in 0..1 of the published frame),
    "hint" (hint_code, text to show and speak), "active" (the worker is working in the
    console) or "ended" (reason: kiosk | session_end | declined | timeout | idle | staff |
    lost | replaced)."""

    seq: int
    type: str
    x: float | None = None
    y: float | None = None
    hint_code: str | None = None
    text: str | None = None
    reason: str | None = None

    @classmethod
    def parse(cls, r: Obj) -> HelpEvent:
        return cls(
            r.integer("seq"),
            r.text("type"),
            r.opt_number("x"),
            r.opt_number("y"),
            r.opt_text("hint_code"),
            r.opt_text("text"),
            r.opt_text("reason"),
        )


@dataclass(frozen=True)
class HelpEvents:
    items: tuple[HelpEvent, ...]
    state: CodeLabel

    @classmethod
    def parse(cls, r: Obj) -> HelpEvents:
        return cls(
            tuple(HelpEvent.parse(e) for e in r.objs("items")), CodeLabel.parse(r.obj("state"))
        )


@dataclass(frozen=True)
class VolunteerSignIn:
    volunteer_id: str
    display_name: str  # masked
    token: str = field(repr=False)  # a credential
    expires_at: dt.datetime

    @classmethod
    def parse(cls, r: Obj) -> VolunteerSignIn:
        return cls(
            r.text("volunteer_id"),
            r.text("display_name"),
            r.text("token"),
            r.datetime("expires_at"),
        )
