"""Remote settings: an operator's change of allowed kiosk keys for a terminal or a site.

The backend checks only that a key is allowed and its value has the key's type; the range
and format rules are the kiosk's own config parser's (kiosk/config.py), which the terminal
runs before applying anything and whose message comes back in the report. Each terminal
is handed its changes one at a time, oldest first, until it has reported on each.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from backend.errors import validation
from backend.models import Terminal
from backend.ops import targets
from backend.ops.models import SettingChange, SettingReport

# "section.key" -> type, as kiosk/config.py declares it.
ALLOWED_KEYS: dict[str, type] = {
    "speech.volume_step": int,
    "speech.rate": str,
    "speech.enabled": bool,
    "recognition.enabled": bool,
    "help.hotline": str,
    "help.place_name": str,
    "idle.warning_after_s": int,
    "idle.countdown_s": int,
    "operator.pin_hash": str,
}
MAX_TEXT = 200


def parse_value(key: str, text: str) -> str | int | bool:
    """A value typed in the console, read as its key's type."""
    kind = ALLOWED_KEYS.get(key)
    if kind is None:
        raise validation("key", "这个设置不能远程修改")
    text = text.strip()
    if kind is bool:
        if text not in ("true", "false"):
            raise validation("value", "请填 true 或 false")
        return text == "true"
    if kind is int:
        try:
            return int(text)
        except ValueError:
            raise validation("value", "请填一个整数") from None
    if not text or len(text) > MAX_TEXT:
        raise validation("value", f"请填 1 到 {MAX_TEXT} 个字")
    return text


def create(
    db: Session, operator_id: int, scope: str, target: str, values: dict, now: dt.datetime
) -> SettingChange:
    targets.check(db, scope, target)
    change = SettingChange(
        created_at=now, operator_id=operator_id, scope=scope, target=target, values=values
    )
    db.add(change)
    return change


def pending(db: Session, terminal: Terminal) -> SettingChange | None:
    reported = exists().where(
        SettingReport.change_id == SettingChange.id, SettingReport.terminal_id == terminal.id
    )
    query = select(SettingChange).where(targets.aimed_at(SettingChange, terminal), ~reported)
    return db.scalar(query.order_by(SettingChange.id).limit(1))


def report(
    db: Session, terminal: Terminal, change_id: int, status: str, detail: str, now: dt.datetime
) -> None:
    aimed = select(SettingChange.id).where(
        SettingChange.id == change_id, targets.aimed_at(SettingChange, terminal)
    )
    if db.scalar(aimed) is None:
        raise validation("change_id", "没有发给这台终端的这项设置")
    row = db.get(SettingReport, (change_id, terminal.id))
    if row is None:
        db.add(SettingReport(change_id=change_id, terminal_id=terminal.id, status=status,
                             detail=detail, at=now))  # fmt: skip
    elif status == "rolled_back":  # applied first, then the selftest failed
        row.status, row.detail, row.at = status, detail, now


def for_terminal(
    db: Session, terminal: Terminal
) -> list[tuple[SettingChange, SettingReport | None]]:
    """Every change aimed at this terminal, newest first, with what it did with each."""
    query = (
        select(SettingChange, SettingReport)
        .outerjoin(
            SettingReport,
            (SettingReport.change_id == SettingChange.id)
            & (SettingReport.terminal_id == terminal.id),
        )
        .where(targets.aimed_at(SettingChange, terminal))
        .order_by(SettingChange.id.desc())
        .limit(30)
    )
    return [(c, r) for c, r in db.execute(query).all()]
