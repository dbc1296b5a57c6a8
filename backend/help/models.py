"""Tables for help sessions, staff accounts and volunteers, on the backend's one `Base`.

No citizen data is stored here: a help session knows its terminal and the staff member who
joined it, never who stood at the kiosk.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from backend.db import Base


class AccountColumns:
    """A console account (staff here; fleet operators in backend/ops/models.py)."""

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(40), unique=True)
    display_name: Mapped[str] = mapped_column(String(50))
    password_hash: Mapped[str] = mapped_column(String(200))  # passwords.hash_secret format
    active: Mapped[bool] = mapped_column(default=True)


class SignedInColumns:
    """A signed-in browser; the cookie holds the token, the table only its SHA-256."""

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[dt.datetime]
    expires_at: Mapped[dt.datetime]
    ended: Mapped[bool] = mapped_column(default=False)


class StaffAccount(AccountColumns, Base):
    """A staff member; roles beyond helping callers (e.g. the hotline supervisor, who reads
    every session's audit timeline) are rows of staff_roles (backend.benefits.models)."""

    __tablename__ = "staff_accounts"


class StaffSession(SignedInColumns, Base):
    __tablename__ = "staff_sessions"

    staff_id: Mapped[int] = mapped_column(ForeignKey("staff_accounts.id"))


class Volunteer(Base):
    __tablename__ = "volunteers"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)  # the volunteer number, "V-0001"
    display_name: Mapped[str] = mapped_column(String(50))
    pin_hash: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(default=True)


class VolunteerSession(Base):
    __tablename__ = "volunteer_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    volunteer_id: Mapped[str] = mapped_column(ForeignKey("volunteers.id"))
    terminal_id: Mapped[str] = mapped_column(ForeignKey("terminals.id"))
    created_at: Mapped[dt.datetime]
    expires_at: Mapped[dt.datetime]
    ended: Mapped[bool] = mapped_column(default=False)


class HelpSession(Base):
    """One 呼叫帮助: opened by a kiosk, joined by one staff member with its code."""

    __tablename__ = "help_sessions"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)  # unguessable
    terminal_id: Mapped[str] = mapped_column(ForeignKey("terminals.id"), index=True)
    code_hash: Mapped[str] = mapped_column(String(64), index=True)
    created_at: Mapped[dt.datetime]
    code_expires_at: Mapped[dt.datetime]
    consent_at: Mapped[dt.datetime | None]
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff_accounts.id"))
    joined_at: Mapped[dt.datetime | None]
    ended_at: Mapped[dt.datetime | None]
    end_reason: Mapped[str | None] = mapped_column(String(20))
    # Where the kiosk stands as the hotline says it (kiosk config help.place_name), if sent.
    place_name: Mapped[str | None] = mapped_column(String(40))


class HelpAudit(Base):
    """Who helped which kiosk, when: staff, terminal, event, time. Nothing about the citizen."""

    __tablename__ = "help_audit"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime]
    event: Mapped[str] = mapped_column(String(20))  # start | consent | join | end | extend
    help_session_id: Mapped[str] = mapped_column(ForeignKey("help_sessions.id"), index=True)
    terminal_id: Mapped[str] = mapped_column(String(16))
    staff_id: Mapped[int | None]
    detail: Mapped[str | None] = mapped_column(String(20))  # e.g. the end reason


class HelpScreenVisit(Base):
    """The screens a helped kiosk showed, in order (titles as the kiosk names them, no data)."""

    __tablename__ = "help_screen_visits"

    id: Mapped[int] = mapped_column(primary_key=True)
    help_session_id: Mapped[str] = mapped_column(ForeignKey("help_sessions.id"), index=True)
    at: Mapped[dt.datetime]
    title: Mapped[str] = mapped_column(String(40))


class HelpNote(Base):
    """The worker's call note and ticket number for one session (no citizen data asked for)."""

    __tablename__ = "help_notes"

    help_session_id: Mapped[str] = mapped_column(ForeignKey("help_sessions.id"), primary_key=True)
    note: Mapped[str] = mapped_column(String(200), default="")
    ticket: Mapped[str] = mapped_column(String(30), default="")
    updated_at: Mapped[dt.datetime]
