"""Terminal health from heartbeats: the latest state per terminal, history on change, and
online / offline / degraded as the console shows it.

A terminal is offline once MISSED_FOR_OFFLINE heartbeats in a row have not arrived, and
degraded while any peripheral is in a bad state, the disk is nearly full or the outbox is
backing up.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections import Counter
from dataclasses import dataclass

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from backend.models import Terminal
from backend.ops.models import HealthChange, TerminalHealth
from backend.ops.schemas import HeartbeatIn

HEARTBEAT_INTERVAL_S = 30
MISSED_FOR_OFFLINE = 3
DISK_LOW_MB = 1024
OUTBOX_BACKLOG = 50
HISTORY_SHOWN = 50
_FINE = ("ok", "disabled")


def problems_of(beat: HeartbeatIn) -> list[str]:
    """Why the terminal is degraded, as codes: `printer:paper_out`, `disk_low`, …"""
    found = [
        f"{name}:{state['state']}"
        for name, state in beat.peripherals.model_dump(mode="python").items()
        if state["state"] not in _FINE
    ]
    if beat.disk_free_mb < DISK_LOW_MB:
        found.append("disk_low")
    if beat.outbox_depth > OUTBOX_BACKLOG:
        found.append("outbox_backlog")
    return found


def _summary(beat: HeartbeatIn, problems: list[str]) -> str:
    text = json.dumps([beat.version, problems, beat.error_codes])
    return hashlib.sha256(text.encode()).hexdigest()


def record(db: Session, terminal_id: str, beat: HeartbeatIn, now: dt.datetime) -> list[str]:
    """Store the heartbeat as the terminal's latest state; history only when it changed.

    Most beats repeat the last summary: those are one UPDATE (the fleet's hot path)."""
    problems = problems_of(beat)
    summary = _summary(beat, problems)
    latest = {
        "last_seen": now,
        "config_hash": beat.config_hash,
        "uptime_s": beat.uptime_s,
        "disk_free_mb": beat.disk_free_mb,
        "outbox_depth": beat.outbox_depth,
        "peripherals": beat.peripherals.model_dump(mode="json"),
    }
    same = update(TerminalHealth).where(
        TerminalHealth.terminal_id == terminal_id, TerminalHealth.summary == summary
    )
    if db.execute(same.values(**latest)).rowcount:
        return problems
    changed = {"version": beat.version, "problems": problems, "error_codes": beat.error_codes}
    row = db.get(TerminalHealth, terminal_id)
    if row is None:
        db.add(TerminalHealth(terminal_id=terminal_id, summary=summary, **latest, **changed))
    else:
        for key, value in {**latest, **changed, "summary": summary}.items():
            setattr(row, key, value)
    db.add(HealthChange(terminal_id=terminal_id, at=now, **changed))
    return problems


def status_of(health: TerminalHealth | None, now: dt.datetime) -> str:
    if health is None:
        return "offline"
    silent = (now - health.last_seen).total_seconds()
    if silent > HEARTBEAT_INTERVAL_S * MISSED_FOR_OFFLINE:
        return "offline"
    return "degraded" if health.problems else "online"


@dataclass(frozen=True)
class TerminalRow:
    terminal: Terminal
    health: TerminalHealth | None
    status: str
    drift: bool  # runs another version than most of the fleet


def fleet(db: Session, now: dt.datetime, site: str = "") -> list[TerminalRow]:
    query = select(Terminal, TerminalHealth).outerjoin(
        TerminalHealth, TerminalHealth.terminal_id == Terminal.id
    )
    rows = db.execute(query.order_by(Terminal.site, Terminal.id)).all()
    versions = Counter(h.version for _t, h in rows if h is not None)
    usual = versions.most_common(1)[0][0] if versions else None
    return [
        TerminalRow(t, h, status_of(h, now), h is not None and h.version != usual)
        for t, h in rows
        if not site or t.site == site
    ]


def sites(db: Session) -> list[str]:
    return list(db.scalars(select(Terminal.site).distinct().order_by(Terminal.site)))


def history(db: Session, terminal_id: str) -> list[HealthChange]:
    query = (
        select(HealthChange)
        .where(HealthChange.terminal_id == terminal_id)
        .order_by(HealthChange.id.desc())
        .limit(HISTORY_SHOWN)
    )
    return list(db.scalars(query))
