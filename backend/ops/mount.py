"""Wiring of fleet operations (issue 15) into the app factory.

install(app)   the kiosk routes (/api/v1/ops/*), the console (/ops) and its static files
BODY_LIMITS    larger request-body limits for screenshots, event batches and release wheels
"""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from backend.ops import (  # noqa: F401  (usage_page and release_routes add their routes)
    console_routes,
    deferred,
    kiosk_routes,
    release_routes,
    usage_page,
)

BODY_LIMITS = kiosk_routes.BODY_LIMITS | release_routes.BODY_LIMITS


def install(app: FastAPI) -> None:
    app.include_router(kiosk_routes.router)
    app.include_router(deferred.router)  # the outbox's actions that can wait
    app.include_router(console_routes.router)  # usage_page, release_routes add theirs to it
    app.mount(
        "/ops/static",
        StaticFiles(directory=Path(__file__).with_name("static")),
        name="ops-static",
    )
