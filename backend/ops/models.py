"""Tables for fleet operations (issue 15), on the backend's one `Base`. All additive.

Nothing here names a citizen: heartbeats carry device states and error codes, usage events
carry screen ids, actions and timings under a random per-visit key that the kiosk forgets
at the end of the visit.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, ForeignKey, Index, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from backend.db import Base
from backend.help.models import AccountColumns, SignedInColumns


class OperatorAccount(AccountColumns, Base):
    __tablename__ = "ops_operators"


class OperatorSession(SignedInColumns, Base):
    __tablename__ = "ops_operator_sessions"

    account_id: Mapped[int] = mapped_column(ForeignKey("ops_operators.id"))


class TerminalHealth(Base):
    """The latest heartbeat of each terminal (one row per terminal, replaced each time)."""

    __tablename__ = "ops_terminal_health"

    terminal_id: Mapped[str] = mapped_column(ForeignKey("terminals.id"), primary_key=True)
    last_seen: Mapped[dt.datetime]
    version: Mapped[str] = mapped_column(String(40))
    config_hash: Mapped[str] = mapped_column(String(64))
    uptime_s: Mapped[int]
    disk_free_mb: Mapped[int]
    outbox_depth: Mapped[int]
    peripherals: Mapped[dict] = mapped_column(JSON)  # name -> {"state": ..., "code": ...}
    error_codes: Mapped[list[str]] = mapped_column(JSON)
    problems: Mapped[list[str]] = mapped_column(JSON)  # why it is degraded; empty = healthy
    # Hash of version, problems and error codes: a beat with the same summary is one UPDATE.
    summary: Mapped[str] = mapped_column(String(64), default="")


class HealthChange(Base):
    """History: a heartbeat whose summary differs from the one before (not every beat)."""

    __tablename__ = "ops_health_changes"
    __table_args__ = (Index("ix_ops_health_changes_terminal_at", "terminal_id", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    terminal_id: Mapped[str] = mapped_column(ForeignKey("terminals.id"))
    at: Mapped[dt.datetime]
    version: Mapped[str] = mapped_column(String(40))
    problems: Mapped[list[str]] = mapped_column(JSON)
    error_codes: Mapped[list[str]] = mapped_column(JSON)


class EventBatch(Base):
    """One accepted batch of usage events: a batch sent again is recognised and not counted."""

    __tablename__ = "ops_event_batches"

    terminal_id: Mapped[str] = mapped_column(ForeignKey("terminals.id"), primary_key=True)
    batch_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    received_at: Mapped[dt.datetime]
    count: Mapped[int]


class UsageEvent(Base):
    __tablename__ = "ops_usage_events"
    __table_args__ = (Index("ix_ops_usage_events_day_terminal", "day", "terminal_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    terminal_id: Mapped[str] = mapped_column(ForeignKey("terminals.id"))
    site: Mapped[str] = mapped_column(String(200))
    day: Mapped[dt.date]
    at: Mapped[dt.datetime]
    visit: Mapped[str] = mapped_column(String(32))  # random per visit, forgotten by the kiosk
    kind: Mapped[str] = mapped_column(String(12))  # see schemas.EVENT_KINDS
    screen: Mapped[str] = mapped_column(String(40))
    task: Mapped[str] = mapped_column(String(12))  # booking | progress | orders | ""
    action: Mapped[str] = mapped_column(String(40))
    modality: Mapped[str] = mapped_column(String(8))  # touch | voice | ""
    dwell_ms: Mapped[int | None]
    code: Mapped[str] = mapped_column(String(40))  # error code for kind "error"


class AimedColumns:
    """An operator's order for one terminal or a whole site (backend/ops/targets.py)."""

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[dt.datetime]
    operator_id: Mapped[int] = mapped_column(ForeignKey("ops_operators.id"))
    scope: Mapped[str] = mapped_column(String(10))  # terminal | site
    target: Mapped[str] = mapped_column(String(200), index=True)  # terminal id or site name


class SettingChange(AimedColumns, Base):
    """An operator's change of allowed kiosk settings, for one terminal or a whole site."""

    __tablename__ = "ops_setting_changes"

    values: Mapped[dict] = mapped_column(JSON)  # "section.key" -> value


class SettingReport(Base):
    """What one terminal did with one change: applied, refused or rolled_back."""

    __tablename__ = "ops_setting_reports"

    change_id: Mapped[int] = mapped_column(ForeignKey("ops_setting_changes.id"), primary_key=True)
    terminal_id: Mapped[str] = mapped_column(ForeignKey("terminals.id"), primary_key=True)
    status: Mapped[str] = mapped_column(String(12))
    detail: Mapped[str] = mapped_column(String(300))
    at: Mapped[dt.datetime]


class ScreenshotRequest(Base):
    """An operator asked for a terminal's screen; the kiosk sends it masked, or refuses."""

    __tablename__ = "ops_screenshots"

    id: Mapped[int] = mapped_column(primary_key=True)
    terminal_id: Mapped[str] = mapped_column(ForeignKey("terminals.id"), index=True)
    operator_id: Mapped[int] = mapped_column(ForeignKey("ops_operators.id"))
    requested_at: Mapped[dt.datetime]
    status: Mapped[str] = mapped_column(String(10), default="pending")  # pending|done|refused
    detail: Mapped[str] = mapped_column(String(100), default="")
    jpeg: Mapped[bytes | None] = mapped_column(LargeBinary)
    answered_at: Mapped[dt.datetime | None]


class DeferralGrant(Base):
    """Lets a terminal's outbox act for one identified citizen later (24 h), for the actions
    that can wait only: a rating, a callback request, a reschedule request. The kiosk asks
    for it while online, right after identification; the table keeps only the token's hash."""

    __tablename__ = "ops_deferral_grants"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    citizen_id: Mapped[int] = mapped_column(ForeignKey("citizens.id"))
    terminal_id: Mapped[str] = mapped_column(ForeignKey("terminals.id"))
    expires_at: Mapped[dt.datetime]


class DeferredRequest(Base):
    """A callback or reschedule request that reached the backend through a kiosk's outbox,
    for staff to act on (the citizen's phone and orders are looked up from citizen_id)."""

    __tablename__ = "ops_deferred_requests"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(12))  # callback | reschedule
    citizen_id: Mapped[int] = mapped_column(ForeignKey("citizens.id"))
    terminal_id: Mapped[str] = mapped_column(ForeignKey("terminals.id"))
    order_number: Mapped[str | None] = mapped_column(String(20))
    queued_at: Mapped[dt.datetime]  # when the senior asked, at the kiosk
    received_at: Mapped[dt.datetime]
    # The hotline's work on it (backend/help/callbacks.py): calls placed through the phone
    # system, then one outcome (CALLBACK_OUTCOMES) by whoever closed it.
    calls: Mapped[int] = mapped_column(default=0, server_default="0")
    last_call_at: Mapped[dt.datetime | None]
    last_call_by: Mapped[int | None] = mapped_column(ForeignKey("staff_accounts.id"))
    outcome: Mapped[str | None] = mapped_column(String(12))
    handled_at: Mapped[dt.datetime | None] = mapped_column(index=True)
    handled_by: Mapped[int | None] = mapped_column(ForeignKey("staff_accounts.id"))


class Release(Base):
    """A kiosk release an operator published: the wheel itself (in the database, so every
    backend host serves the same bytes) with its sha256; the version comes from the wheel."""

    __tablename__ = "ops_releases"

    version: Mapped[str] = mapped_column(String(40), primary_key=True)
    filename: Mapped[str] = mapped_column(String(120))
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int]
    wheel: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)  # not loaded for lists
    published_at: Mapped[dt.datetime]
    operator_id: Mapped[int | None] = mapped_column(ForeignKey("ops_operators.id"))  # None: CLI


class ReleaseAssignment(AimedColumns, Base):
    """An operator told one terminal or a whole site to run a version. Every row is kept (the
    audit log); a terminal follows the newest one aimed at it."""

    __tablename__ = "ops_release_assignments"

    version: Mapped[str] = mapped_column(ForeignKey("ops_releases.version"))


class ReleaseReport(Base):
    """Where one terminal is with one assignment, as its heartbeats say: installed (waiting
    for an idle moment), switched, rolled_back, install_failed or unmanaged, with a code."""

    __tablename__ = "ops_release_reports"

    assignment_id: Mapped[int] = mapped_column(
        ForeignKey("ops_release_assignments.id"), primary_key=True
    )
    terminal_id: Mapped[str] = mapped_column(ForeignKey("terminals.id"), primary_key=True)
    status: Mapped[str] = mapped_column(String(16))
    detail: Mapped[str] = mapped_column(String(120))
    at: Mapped[dt.datetime]
