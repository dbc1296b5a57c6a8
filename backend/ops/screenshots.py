"""Screenshots on an operator's demand: requested in the console, handed to the kiosk in
its next heartbeat reply, answered with the mirror's masked picture or a refusal.

A picture taken while a senior is identified is accepted only when it is masked (rendered
the way hotline staff see it, with every ID number, phone and name hidden); the kiosk
sends nothing else, and the backend refuses anything else it is sent.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from backend.errors import ApiError, validation
from backend.ops.models import ScreenshotRequest
from backend.ops.schemas import ScreenshotIn

EXPIRES_AFTER = dt.timedelta(minutes=5)
MAX_JPEG_BYTES = 300 * 1024


def request(db: Session, terminal_id: str, operator_id: int, now: dt.datetime) -> None:
    db.add(ScreenshotRequest(terminal_id=terminal_id, operator_id=operator_id, requested_at=now))


def pending(db: Session, terminal_id: str, now: dt.datetime) -> ScreenshotRequest | None:
    query = select(ScreenshotRequest).where(
        ScreenshotRequest.terminal_id == terminal_id,
        ScreenshotRequest.status == "pending",
        ScreenshotRequest.requested_at > now - EXPIRES_AFTER,
    )
    return db.scalar(query.order_by(ScreenshotRequest.id.desc()).limit(1))


def _jpeg(body: ScreenshotIn) -> bytes:
    try:
        data = base64.b64decode(body.jpeg_base64 or "", validate=True)
    except (binascii.Error, ValueError):
        raise validation("jpeg_base64", "不是有效的 base64") from None
    if not data.startswith(b"\xff\xd8") or len(data) > MAX_JPEG_BYTES:
        raise validation("jpeg_base64", f"需要不超过 {MAX_JPEG_BYTES // 1024} KB 的 JPEG")
    return data


def answer(
    db: Session, terminal_id: str, request_id: int, body: ScreenshotIn, now: dt.datetime
) -> None:
    row = db.get(ScreenshotRequest, request_id)
    if row is None or row.terminal_id != terminal_id:
        raise ApiError(404, "not_found", "没有找到该截图请求")
    if row.status != "pending":
        raise ApiError(409, "invalid_state", "这个截图请求已经答复过了")
    if body.refused is not None:
        row.status, row.detail = "refused", body.refused
    elif body.identified and not body.masked:
        raise ApiError(422, "unmasked_refused", "有老人已核验身份时只收遮挡后的画面")
    else:
        row.jpeg, row.status = _jpeg(body), "done"
    row.answered_at = now


def latest(db: Session, terminal_id: str) -> ScreenshotRequest | None:
    query = select(ScreenshotRequest).where(ScreenshotRequest.terminal_id == terminal_id)
    return db.scalar(query.order_by(ScreenshotRequest.id.desc()).limit(1))
