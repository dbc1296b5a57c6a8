"""The one error shape, {"errors": [{code, message, field}]}, for every failure.

Messages are plain Chinese for staff and logs; the kiosk maps `code` to its own spoken words.
"""

from __future__ import annotations

import logging
import re
import traceback

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

log = logging.getLogger("backend.errors")
INVALID_JSON = "请求内容不是有效的 JSON"
_METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE")


class ApiError(Exception):
    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        field: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(code)
        self.status, self.code, self.message, self.field = status, code, message, field
        self.headers = headers or {}


def error_body(code: str, message: str, field: str | None = None) -> dict:
    return {"errors": [{"code": code, "message": message, "field": field}]}


def not_found(what: str = "记录") -> ApiError:
    return ApiError(404, "not_found", f"没有找到该{what}")


_PLAIN_KEY = re.compile(r"[A-Za-z0-9_-]{1,64}")


def is_plain_key(value: str) -> bool:
    """Numbers, codes and tokens are plain ASCII; anything else cannot exist, and is not sent to
    the database at all (PostgreSQL rejects NUL characters with an error)."""
    return _PLAIN_KEY.fullmatch(value) is not None


def invalid_state(message: str) -> ApiError:
    return ApiError(409, "invalid_state", message)


def validation(field: str | None, message: str) -> ApiError:
    return ApiError(422, "validation_error", message, field)


def _field_of(loc: tuple) -> str | None:
    names = [
        str(part)
        for part in loc
        if isinstance(part, str) and part not in ("body", "query", "path", "header")
    ]
    return names[-1] if names else None


def _validation_items(exc: RequestValidationError) -> list[dict]:
    items = []
    for err in exc.errors():
        if err.get("type") == "json_invalid":
            items.append({"code": "validation_error", "message": INVALID_JSON, "field": None})
            continue
        # pydantic's msg never echoes the input value, so it is safe to return and log.
        items.append(
            {
                "code": "validation_error",
                "message": err.get("msg", "格式不正确"),
                "field": _field_of(tuple(err.get("loc", ()))),
            }
        )
    return items or [{"code": "validation_error", "message": "格式不正确", "field": None}]


_HTTP_CODES = {
    401: "unauthorized",
    404: "not_found",
    405: "method_not_allowed",
    413: "payload_too_large",
}


def allowed_methods(request: Request) -> str:
    """Every method some route serves at this path: Starlette's own 405 names only the first
    route whose path matched (GET /orders hid POST /orders)."""
    methods = {
        method
        for method in _METHODS
        for route in request.app.router.routes
        if route.matches({**request.scope, "method": method})[0] is Match.FULL
    }
    return ", ".join(sorted(methods))


def log_unexpected(exc: BaseException, where: str) -> None:
    """Log a bug without personal data: exception type and code locations only, never the
    message or arguments (a database error message can quote an ID number)."""
    frames = [
        f"{f.filename.rsplit('/', 1)[-1]}:{f.lineno}:{f.name}"
        for f in traceback.extract_tb(exc.__traceback__)
    ]
    log.error(
        "unexpected_error",
        extra={"fields": {"where": where, "exc_type": type(exc).__name__, "frames": frames[-8:]}},
    )


def install_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def _api_error(_request: Request, exc: ApiError) -> JSONResponse:
        return JSONResponse(
            error_body(exc.code, exc.message, exc.field), exc.status, headers=exc.headers
        )

    @app.exception_handler(RequestValidationError)
    async def _invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
        return JSONResponse({"errors": _validation_items(exc)}, 422)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        if exc.status_code == 400:
            # FastAPI's answer to a body it cannot read at all (bad UTF-8, JSON nested too
            # deep, a number too long to convert): the documented 422, never a bare 400.
            return JSONResponse(error_body("validation_error", INVALID_JSON), 422)
        headers = getattr(exc, "headers", None)
        if exc.status_code == 405:
            headers = {**(headers or {}), "Allow": allowed_methods(request)}
        code = _HTTP_CODES.get(exc.status_code, "http_error")
        return JSONResponse(error_body(code, str(exc.detail)), exc.status_code, headers=headers)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        # Reached only for errors outside route handlers (SafeRoute catches those).
        log_unexpected(exc, request.url.path)
        return JSONResponse(error_body("server_error", "服务器内部错误"), 500)
