"""HTTP routes. Every router uses SafeRoute and documents the error shape."""

from __future__ import annotations

from fastapi import APIRouter

from backend.safe_route import SafeRoute
from backend.schemas import ErrorBody

_ERRORS = {status: {"model": ErrorBody} for status in (401, 404, 409, 413, 422, 429)}


def api_router(tag: str) -> APIRouter:
    return APIRouter(prefix="/api/v1", tags=[tag], route_class=SafeRoute, responses=_ERRORS)
