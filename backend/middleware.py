"""ASGI middleware: body size limit (413) and one structured log line per request."""

from __future__ import annotations

import json
import logging
import time

from backend import metrics
from backend.errors import error_body

log = logging.getLogger("backend.request")


async def _send_json(send, status: int, body: dict) -> None:
    payload = json.dumps(body, ensure_ascii=False).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(payload)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": payload})


class BodyLimitMiddleware:
    """Refuse bodies over max_bytes with 413 before any route sees them. The body is read
    up front (it is small by then), so a lying or missing Content-Length cannot get past."""

    def __init__(self, app, max_bytes: int, path_limits: dict[str, int] | None = None) -> None:
        # path_limits: larger limits by path prefix (help-session frame uploads).
        self.app, self.max_bytes, self.path_limits = app, max_bytes, path_limits or {}

    def _limit(self, path: str) -> int:
        return next(
            (n for prefix, n in self.path_limits.items() if path.startswith(prefix)), self.max_bytes
        )

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        limit = self._limit(scope["path"])
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > limit):
            return await self._too_large(send, limit)
        chunks, size, more = [], 0, True
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > limit:
                return await self._too_large(send, limit)
            chunks.append(chunk)
            more = message.get("more_body", False)
        replayed = False

        async def replay():
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": b"".join(chunks), "more_body": False}
            return await receive()

        return await self.app(scope, replay, send)

    async def _too_large(self, send, limit: int) -> None:
        await _send_json(
            send, 413, error_body("payload_too_large", f"请求内容超过 {limit // 1024} KB")
        )


class RequestLogMiddleware:
    """method, route template (never the query string), status, milliseconds: in the log and
    in the per-route latency histogram of /metrics."""

    def __init__(self, app, worker: str | None = None) -> None:
        self.app = app
        self.worker_header = (b"x-backend-worker", worker.encode()) if worker else None

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        started = time.perf_counter()
        status = {"code": 500}

        async def capture(message):
            if message["type"] == "http.response.start":
                status["code"] = message["status"]
                if self.worker_header:
                    message["headers"] = [*message.get("headers", ()), self.worker_header]
            await send(message)

        try:
            await self.app(scope, receive, capture)
        finally:
            seconds = time.perf_counter() - started
            route = getattr(scope.get("route"), "path", "unmatched")
            metrics.observe_request(scope["method"], route, status["code"], seconds)
            log.info(
                "request",
                extra={
                    "fields": {
                        "method": scope["method"],
                        "route": route,
                        "status": status["code"],
                        "ms": round(seconds * 1000, 1),
                    }
                },
            )
