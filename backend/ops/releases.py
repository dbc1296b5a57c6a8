"""Kiosk releases: the wheels operators publish, which version a terminal or a site is told to
run, and where each terminal is with it.

An operator uploads the kiosk's wheel (`pip wheel .`); its version is read from the wheel's
own METADATA, never typed, and checked by civic_core.release (no path can hide in it). The
bytes are kept in the database with their sha256, so every backend host serves the same
file; a version once published is never replaced. Terminals download it from the backend
with their terminal token (never from the internet), check size and sha256, install it side
by side and report in their heartbeats: installed, switched, rolled_back, install_failed or
unmanaged (not run by the launcher, so it cannot switch).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import zipfile
from dataclasses import dataclass
from email.parser import HeaderParser

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from backend.errors import ApiError, validation
from backend.models import Terminal
from backend.ops import targets
from backend.ops.models import Release, ReleaseAssignment, ReleaseReport, TerminalHealth
from civic_core.release import DIST_NAME, is_release_version, wheel_filename

MAX_WHEEL_BYTES = 50 * 1024 * 1024
STATUSES = ("installed", "switched", "rolled_back", "install_failed", "unmanaged")
FINAL = ("switched", "rolled_back", "install_failed", "unmanaged")


@dataclass(frozen=True)
class WheelInfo:
    version: str
    filename: str
    sha256: str
    size: int


def _metadata(archive: zipfile.ZipFile) -> dict[str, str]:
    found = [
        n for n in archive.namelist() if n.count("/") == 1 and n.endswith(".dist-info/METADATA")
    ]
    if len(found) != 1:
        raise validation("wheel", "这不是一个 wheel 安装包：缺少 METADATA")
    text = archive.read(found[0]).decode("utf-8", "replace")
    headers = HeaderParser().parsestr(text, headersonly=True)
    return {"name": headers.get("Name", ""), "version": headers.get("Version", "")}


def read_wheel(data: bytes) -> WheelInfo:
    """Check an uploaded file is the kiosk's wheel; its version, file name and sha256."""
    if not data:
        raise validation("wheel", "文件是空的")
    if len(data) > MAX_WHEEL_BYTES:
        raise validation("wheel", f"文件超过 {MAX_WHEEL_BYTES // (1024 * 1024)} MB")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            meta = _metadata(archive)
            if "kiosk/__init__.py" not in archive.namelist():
                raise validation("wheel", "安装包里没有 kiosk 程序")
    except (zipfile.BadZipFile, EOFError):
        raise validation("wheel", "这不是一个 wheel 安装包（不是完整的 zip 文件）") from None
    if meta["name"].lower().replace("_", "-") != DIST_NAME:
        raise validation("wheel", f"这是 {meta['name'][:40] or '未知'} 的安装包，不是 {DIST_NAME}")
    if not is_release_version(meta["version"]):
        raise validation("wheel", "安装包的版本号不合规（只能有字母、数字和 . + _ -）")
    version = meta["version"]
    return WheelInfo(version, wheel_filename(version), hashlib.sha256(data).hexdigest(), len(data))


def publish(db: Session, data: bytes, operator_id: int | None, now: dt.datetime) -> Release:
    info = read_wheel(data)
    if db.get(Release, info.version) is not None:
        raise ApiError(409, "release_exists", f"版本 {info.version} 已经发布过，不能替换")
    release = Release(version=info.version, filename=info.filename, sha256=info.sha256,
                      size=info.size, wheel=data, published_at=now, operator_id=operator_id)  # fmt: skip
    db.add(release)
    return release


def assign(
    db: Session, operator_id: int, scope: str, target: str, version: str, now: dt.datetime
) -> ReleaseAssignment:
    targets.check(db, scope, target)
    if not is_release_version(version) or db.get(Release, version) is None:
        raise validation("version", "没有发布过这个版本")
    assignment = ReleaseAssignment(created_at=now, operator_id=operator_id, scope=scope,
                                   target=target, version=version)  # fmt: skip
    db.add(assignment)
    return assignment


def target_for(db: Session, terminal: Terminal) -> tuple[ReleaseAssignment, Release] | None:
    """The newest assignment aimed at this terminal (its own or its site's), with its release."""
    query = (
        select(ReleaseAssignment, Release)
        .join(Release, Release.version == ReleaseAssignment.version)
        .where(targets.aimed_at(ReleaseAssignment, terminal))
        .order_by(ReleaseAssignment.id.desc())
        .limit(1)
    )
    found = db.execute(query).first()
    return (found[0], found[1]) if found else None


def reply_for(db: Session, terminal: Terminal) -> dict | None:
    """What the heartbeat reply says about releases: the target to install, if any."""
    found = target_for(db, terminal)
    if found is None:
        return None
    assignment, release = found
    return {"assignment_id": assignment.id, "version": release.version,
            "sha256": release.sha256, "size": release.size}  # fmt: skip


def record(db: Session, terminal: Terminal, report, now: dt.datetime) -> None:
    """A heartbeat's `release` part: one row per (assignment, terminal), moved on when the
    status changes. An assignment not aimed at this terminal is ignored (it may be old)."""
    aimed = select(ReleaseAssignment).where(
        ReleaseAssignment.id == report.assignment_id, targets.aimed_at(ReleaseAssignment, terminal)
    )
    assignment = db.scalar(aimed)
    if assignment is None or assignment.version != report.version:
        return
    row = db.get(ReleaseReport, (assignment.id, terminal.id))
    if row is None:
        db.add(ReleaseReport(assignment_id=assignment.id, terminal_id=terminal.id,
                             status=report.status, detail=report.detail, at=now))  # fmt: skip
    elif (row.status, row.detail) != (report.status, report.detail):
        row.status, row.detail, row.at = report.status, report.detail, now


def wheel_of(db: Session, version: str) -> Release:
    release = db.get(Release, version) if is_release_version(version) else None
    if release is None:
        raise ApiError(404, "not_found", "没有这个版本")
    return release


def published(db: Session) -> list[Release]:
    return list(db.scalars(select(Release).order_by(Release.published_at.desc()).limit(50)))


def running_counts(db: Session) -> dict[str, int]:
    """How many terminals last reported running each version (the rollout's progress)."""
    grouped = select(TerminalHealth.version, func.count()).group_by(TerminalHealth.version)
    return {version: n for version, n in db.execute(grouped)}


def log(db: Session, limit: int = 50) -> list[ReleaseAssignment]:
    """Every assignment, newest first: who told which terminals to run what."""
    query = select(ReleaseAssignment).order_by(ReleaseAssignment.id.desc()).limit(limit)
    return list(db.scalars(query))


def reports_of(db: Session, assignment_ids: list[int]) -> dict[int, list[ReleaseReport]]:
    found: dict[int, list[ReleaseReport]] = {i: [] for i in assignment_ids}
    query = select(ReleaseReport).where(ReleaseReport.assignment_id.in_(assignment_ids))
    for row in db.scalars(query.order_by(ReleaseReport.terminal_id)):
        found[row.assignment_id].append(row)
    return found


def state_of(
    db: Session, terminal: Terminal
) -> tuple[ReleaseAssignment, ReleaseReport | None] | None:
    """The terminal's current target and what it reported on it."""
    found = target_for(db, terminal)
    if found is None:
        return None
    assignment = found[0]
    return assignment, db.get(ReleaseReport, (assignment.id, terminal.id))


def states(db: Session) -> dict[str, tuple[ReleaseAssignment, ReleaseReport | None]]:
    """state_of for every terminal (the fleet list) in four queries, however long the log."""
    scope, target, number = ReleaseAssignment.scope, ReleaseAssignment.target, ReleaseAssignment.id
    grouped = select(scope, target, func.max(number)).group_by(scope, target)
    newest = {(s, t): n for s, t, n in db.execute(grouped)}
    chosen: dict[str, int] = {}
    for terminal_id, site in db.execute(select(Terminal.id, Terminal.site)):
        found = [
            n for n in (newest.get(("terminal", terminal_id)), newest.get(("site", site))) if n
        ]
        if found:
            chosen[terminal_id] = max(found)
    ids = set(chosen.values())
    assignments = {a.id: a for a in db.scalars(select(ReleaseAssignment).where(number.in_(ids)))}
    reported = select(ReleaseReport).where(ReleaseReport.assignment_id.in_(ids))
    reports = {(r.assignment_id, r.terminal_id): r for r in db.scalars(reported)}
    return {t: (assignments[n], reports.get((n, t))) for t, n in chosen.items()}
