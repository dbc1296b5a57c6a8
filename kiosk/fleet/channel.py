"""The kiosk's signed channel to /api/v1/ops: heartbeats, usage events, setting reports,
screenshots, release downloads, over the one API transport (timeouts, retries, error mapping, safe logs).
Each body is signed as the backend checks it (backend/ops/signing.py):
`X-Kiosk-Signature: t=<unix>,v1=HMAC-SHA256(terminal token, "<t>.<body>")`.

Used from the fleet worker thread only (a Transport is not shared between threads).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from typing import Any, BinaryIO

from kiosk.api.transport import Transport


def signature(token: str, body: bytes, now: float | None = None) -> str:
    stamp = str(int(time.time() if now is None else now))
    digest = hmac.new(token.encode(), stamp.encode() + b"." + body, hashlib.sha256).hexdigest()
    return f"t={stamp},v1={digest}"


class FleetChannel:
    def __init__(self, base_url: str, token: str, **timeouts: float) -> None:
        self._token = token
        self._transport = Transport(base_url, token, retries=0, **timeouts)

    def close(self) -> None:
        self._transport.close()

    def post(self, template: str, document: dict[str, Any], **path: Any) -> Any:
        """POST a signed JSON body; the reply's JSON, or a kiosk.api.errors.ApiError."""
        body = json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode()
        return self._transport.request(
            "POST",
            "/ops" + template,
            path=path,
            content=body,
            headers={"X-Kiosk-Signature": signature(self._token, body)},
        )

    def heartbeat(self, beat: dict[str, Any]) -> dict[str, Any]:
        return self.post("/heartbeat", beat)

    def send_events(self, batch_id: str, events: list[dict[str, Any]]) -> dict[str, Any]:
        return self.post("/events", {"batch_id": batch_id, "events": events})

    def report_setting(self, change_id: int, status: str, detail: str = "") -> None:
        body = {"status": status, "detail": detail[:300]}
        self.post("/settings/{change_id}/report", body, change_id=int(change_id))

    def send_screenshot(self, request_id: int, document: dict[str, Any]) -> None:
        self.post("/screenshots/{request_id}", document, request_id=int(request_id))

    def download_release(self, version: str, into: BinaryIO, limit: int) -> int:
        """The wheel of a published version (kiosk/fleet/releases.py checks it)."""
        return self._transport.download("/ops/releases/{version}", path={"version": version},
                                        into=into, limit=limit)  # fmt: skip

    def send_outbox_entry(self, entry: dict[str, Any]) -> Any:
        """Replay one outbox entry with its own Idempotency-Key and deferral token."""
        body = dict(entry["body"])
        if entry["kind"] == "rating":
            template = "/ops/outbox/rating"
        else:
            template = "/ops/outbox/requests"
            body |= {"kind": entry["kind"], "queued_at": entry["queued_at"]}
        return self._transport.request(
            "POST",
            template,
            body=body,
            idempotency_key=entry["key"],
            headers={"X-Deferral-Token": entry["deferral"]},
        )
