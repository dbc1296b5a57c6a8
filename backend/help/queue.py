"""What a signed-in worker sees on /staff: the live queue of kiosks waiting for a worker,
and their own sessions still open (我的协助). Joining still needs the code the caller reads
out, which ties the phone call to the kiosk; the queue only says who is waiting where."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from backend.clock import aware
from backend.context import AppContext
from backend.help import liveness
from backend.help.models import HelpSession, StaffAccount
from backend.help.store import HelpStore
from backend.models import Terminal


def place_of(row: HelpSession, terminal: Terminal | None) -> str:
    """The place as the hotline says it: the kiosk's help.place_name, else its site and name."""
    if row.place_name:
        return row.place_name
    return f"{terminal.site} {terminal.name}" if terminal else row.terminal_id


def screen_words(status: dict) -> str:
    """The kiosk's screen, and where 呼叫帮助 was pressed when that was another one."""
    now, called_from = status.get("screen_title") or "", status.get("called_from") or ""
    if called_from and called_from != now:
        return f"{now}（从“{called_from}”呼叫）" if now else called_from
    return now or "—"


def _entry(db: Session, store: HelpStore, row: HelpSession, now: dt.datetime) -> dict:
    terminal = db.get(Terminal, row.terminal_id)
    live = store.view(row.id)
    return {
        "id": row.id,
        "place_name": place_of(row, terminal),
        "terminal": terminal.name if terminal else row.terminal_id,
        "since": aware(row.created_at).isoformat(),
        "since_clock": row.created_at.strftime("%H:%M:%S"),
        "waiting_s": int((now - row.created_at).total_seconds()),
        "screen_title": screen_words(store.status(row.id)),
        "consented": live.consented,
        "connected": liveness.connected(row, live, now),
    }


def waiting(db: Session, ctx: AppContext, store: HelpStore) -> list[dict]:
    """Kiosks whose senior pressed 呼叫帮助 and that no worker has joined yet, longest first.
    A kiosk leaves the queue when joined, ended (e.g. 不允许, left the help screen), its code
    expired, or when it is not there any more (no heartbeat for liveness.OFFLINE_AFTER)."""
    now = ctx.clock.now()
    rows = [
        row
        for row in liveness.sweep(db, ctx, store)
        if row.staff_id is None and row.code_expires_at > now
    ]
    entries = [_entry(db, store, row, now) for row in sorted(rows, key=lambda r: r.created_at)]
    return [e for e in entries if e["connected"]]


def mine(db: Session, ctx: AppContext, store: HelpStore, staff: StaffAccount) -> list[dict]:
    """The worker's own sessions that are still open, newest first (我的协助)."""
    now = ctx.clock.now()
    rows = [row for row in liveness.sweep(db, ctx, store) if row.staff_id == staff.id]
    return [_entry(db, store, row, now) for row in sorted(rows, key=lambda r: r.created_at)][::-1]
