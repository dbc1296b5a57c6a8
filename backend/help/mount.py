"""Wiring into the app factory.

install(app)        mounts the routes, the live-session store and the call gateway
BODY_LIMITS         larger request-body limits for frame uploads (by path prefix)
"""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from backend.help import callback_routes, kiosk_routes, staff_api, staff_routes
from backend.help.call_gateway import gateway_for
from backend.help.sessions import MAX_FRAME_BYTES
from backend.help.store import HelpStore, InProcessStore
from backend.settings import Settings

# A base64 frame plus its JSON wrapper.
BODY_LIMITS = {kiosk_routes.FRAMES_PREFIX: (MAX_FRAME_BYTES + 2) // 3 * 4 + 1024}


def help_store(settings: Settings) -> HelpStore:
    """Redis when configured (live state shared by workers and hosts), else this process."""
    if settings.redis_url:
        from backend.help.redis_store import RedisStore

        return RedisStore(settings.redis_url)
    return InProcessStore()


def install(app: FastAPI, store: HelpStore | None = None) -> None:
    app.state.help_store = store or InProcessStore()
    settings = app.state.ctx.settings
    app.state.call_gateway = gateway_for(
        settings.call_gateway_url, settings.call_gateway_token, demo=settings.demo
    )
    app.include_router(kiosk_routes.router)
    app.include_router(staff_routes.router)
    app.include_router(callback_routes.router)
    app.include_router(staff_api.router)
    app.mount(
        "/staff/static",
        StaticFiles(directory=Path(__file__).with_name("static")),
        name="staff-static",
    )
