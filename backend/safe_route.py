"""An APIRoute that turns any unexpected exception into a logged 500 with the API's error shape.

Starlette's ServerErrorMiddleware would re-raise the exception after answering, and uvicorn
would then print its message, which may hold personal data; catching it here avoids both.
"""

from __future__ import annotations

from collections.abc import Callable

from fastapi import Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.routing import APIRoute
from sqlalchemy.exc import SQLAlchemyError
from starlette.exceptions import HTTPException

from backend.errors import ApiError, error_body, log_unexpected
from backend.metrics import DATABASE_ERRORS


class SafeRoute(APIRoute):
    def get_route_handler(self) -> Callable:
        handler = super().get_route_handler()
        route_path = self.path

        async def safe_handler(request: Request) -> Response:
            try:
                return await handler(request)
            except (ApiError, HTTPException, RequestValidationError):
                raise
            except Exception as exc:
                if isinstance(exc, SQLAlchemyError):
                    DATABASE_ERRORS.inc()
                log_unexpected(exc, route_path)
                return JSONResponse(error_body("server_error", "服务器内部错误"), 500)

        return safe_handler
