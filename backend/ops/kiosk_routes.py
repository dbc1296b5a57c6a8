"""Kiosk-facing fleet routes under /api/v1/ops (terminal token, signed bodies):

POST /ops/heartbeat                 health every 30 s; the reply hands over work
POST /ops/events                    a batch of usage events (no personal data)
POST /ops/settings/{id}/report      what the terminal did with a remote setting
POST /ops/screenshots/{id}          the masked picture an operator asked for, or why not
GET  /ops/releases/{version}        a published kiosk wheel, to install side by side
"""

from __future__ import annotations

import json
from typing import Annotated, TypeVar

from fastapi import Depends, Response
from pydantic import BaseModel, ValidationError

from backend.auth import CtxDep, TerminalDep
from backend.errors import validation
from backend.ops import health, releases, remote, screenshots, usage
from backend.ops.privacy import refuse_personal
from backend.ops.schemas import (
    Accepted,
    EventBatchIn,
    EventBatchOut,
    HeartbeatIn,
    HeartbeatOut,
    ScreenshotIn,
    SettingReportIn,
)
from backend.ops.signing import signed_body, signed_route_docs
from backend.routes import api_router
from backend.schemas import DbInt

router = api_router("ops")
PREFIX = "/api/v1/ops"
# Screenshots and full event batches are larger than the API's usual body limit.
BODY_LIMITS = {f"{PREFIX}/screenshots/": 450_000, f"{PREFIX}/events": 256 * 1024}
M = TypeVar("M", bound=BaseModel)
BodyDep = Annotated[bytes, Depends(signed_body)]


def _parse(model: type[M], body: bytes, *, personal_check: bool = True) -> M:
    """Personal-looking content is refused before the strict model sees it."""
    try:
        document = json.loads(body)
    except (ValueError, RecursionError):
        raise validation(None, "请求内容不是有效的 JSON") from None
    if personal_check:
        refuse_personal(document)
    try:
        return model.model_validate_json(body)
    except ValidationError as exc:
        first = exc.errors()[0]
        field = next((str(p) for p in reversed(first["loc"]) if isinstance(p, str)), None)
        raise validation(field, first["msg"]) from None


def _reply(db, ctx, terminal, problems: list[str]) -> dict:
    change = remote.pending(db, terminal)
    shot = screenshots.pending(db, terminal.id, ctx.clock.now())
    return {
        "status": "degraded" if problems else "online",
        "problems": problems,
        "next_in_s": health.HEARTBEAT_INTERVAL_S,
        "setting": change and {"change_id": change.id, "values": change.values},
        "screenshot": shot and {"id": shot.id},
        "release": releases.reply_for(db, terminal),
    }


@router.post(
    "/ops/heartbeat", response_model=HeartbeatOut, openapi_extra=signed_route_docs(HeartbeatIn)
)
def heartbeat(body: BodyDep, terminal: TerminalDep, ctx: CtxDep) -> dict:
    """Version, config hash, uptime, each peripheral's state, disk, outbox depth and the last
    error codes; anything that looks like citizen data is refused (422 personal_data_refused)."""
    beat = _parse(HeartbeatIn, body)
    with ctx.db.session(write=True) as db:
        problems = health.record(db, terminal.id, beat, ctx.clock.now())
        if beat.release is not None:
            releases.record(db, terminal, beat.release, ctx.clock.now())
        db.commit()
    with ctx.db.session(write=False) as db:  # the write lock is not held for the reply
        return _reply(db, ctx, terminal, problems)


@router.post(
    "/ops/events", response_model=EventBatchOut, openapi_extra=signed_route_docs(EventBatchIn)
)
def events(body: BodyDep, terminal: TerminalDep, ctx: CtxDep) -> dict:
    """Screens entered, actions (touch or voice), dwell, page turns, 呼叫帮助, idle wipes and
    error codes under a random per-visit key. A batch id sent again is not counted twice."""
    batch = _parse(EventBatchIn, body)
    with ctx.db.session(write=True) as db:
        fresh = usage.ingest(db, terminal, batch, ctx.clock.now())
    return {"accepted": len(batch.events) if fresh else 0, "duplicate": not fresh}


@router.post(
    "/ops/settings/{change_id}/report",
    response_model=Accepted,
    openapi_extra=signed_route_docs(SettingReportIn),
)
def setting_report(change_id: DbInt, body: BodyDep, terminal: TerminalDep, ctx: CtxDep) -> dict:
    """`applied`, `refused` (with the config parser's message) or `rolled_back` (with the
    selftest checks that failed after applying)."""
    report = _parse(SettingReportIn, body, personal_check=False)  # config text, not citizens'
    with ctx.db.session(write=True) as db:
        remote.report(db, terminal, change_id, report.status, report.detail, ctx.clock.now())
        db.commit()
    return {"ok": True}


@router.post(
    "/ops/screenshots/{request_id}",
    response_model=Accepted,
    openapi_extra=signed_route_docs(ScreenshotIn),
)
def screenshot(request_id: DbInt, body: BodyDep, terminal: TerminalDep, ctx: CtxDep) -> dict:
    """The masked picture (JPEG, base64), or `refused` with a code. A picture taken while a
    senior is identified must be masked (422 unmasked_refused)."""
    shot = _parse(ScreenshotIn, body, personal_check=False)  # a JPEG's base64 has digit runs
    with ctx.db.session(write=True) as db:
        screenshots.answer(db, terminal.id, request_id, shot, ctx.clock.now())
        db.commit()
    return {"ok": True}


_WHEEL = {200: {"content": {"application/octet-stream": {}}, "description": "the wheel"}}


@router.get("/ops/releases/{version}", response_class=Response, responses=_WHEEL)
def release_wheel(version: str, terminal: TerminalDep, ctx: CtxDep) -> Response:
    """The wheel of a published version (terminal token). `X-Release-SHA256` repeats the hash
    the heartbeat reply gave; the kiosk checks the bytes against it before installing."""
    with ctx.db.session(write=False) as db:
        release = releases.wheel_of(db, version)
        data, digest, name = release.wheel, release.sha256, release.filename
    headers = {"X-Release-SHA256": digest, "Content-Disposition": f'attachment; filename="{name}"'}
    return Response(data, media_type="application/octet-stream", headers=headers)
