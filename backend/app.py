"""App factory: create_app(settings) -> FastAPI."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from backend import __version__
from backend.benefits.mount import install as install_benefits
from backend.clock import Clock
from backend.context import AppContext
from backend.db import Database
from backend.errors import install_handlers
from backend.help.mount import BODY_LIMITS as HELP_BODY_LIMITS
from backend.help.mount import help_store
from backend.help.mount import install as install_help
from backend.middleware import BodyLimitMiddleware, RequestLogMiddleware
from backend.ops.mount import BODY_LIMITS as OPS_BODY_LIMITS
from backend.ops.mount import install as install_ops
from backend.routes import applications, care, demo, identity, metrics, public
from backend.settings import Settings

DESCRIPTION = (
    "Reference civil-affairs backend for the Civic Kiosk. Contract in words: docs/api.md. "
    "Every /api/v1 route but /health needs the terminal's bearer token; citizen routes also "
    'need X-Citizen-Session. Errors are {"errors": [{code, message, field}]}.'
)


SETTINGS_ENV = "KIOSK_BACKEND_SETTINGS"


def app_from_environment() -> FastAPI:
    """One worker of `serve --workers N`: the parent put the settings in the environment."""
    from backend import logs

    logs.configure()
    return create_app(Settings.from_json(os.environ[SETTINGS_ENV]))


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    yield
    # On shutdown (SIGTERM, a worker stopped by its supervisor): the Redis help store's
    # connections and its listener thread; the in-process store has nothing to release.
    app.state.help_store.close()


def create_app(settings: Settings | None = None, *, database: Database | None = None) -> FastAPI:
    settings = settings or Settings()
    db = database or Database(settings.database_url)  # at schema head: see backend.schema
    app = FastAPI(
        title="Civic Kiosk civil-affairs API",
        version=__version__,
        description=DESCRIPTION,
        lifespan=_lifespan,
    )
    app.state.ctx = AppContext(settings=settings, db=db, clock=Clock(settings.today))
    install_handlers(app)
    for module in (identity, applications, care, demo, public):
        app.include_router(module.router)
    install_help(app, help_store(settings))  # help sessions, staff console, volunteers (issue 8)
    app.include_router(metrics.router)  # Prometheus text, operator token only (issue 14)
    install_benefits(app)  # 我能享受哪些补贴？ and 主动发现 (issue 16)
    install_ops(app)  # heartbeats, usage events, remote settings, /ops console (issue 15)
    # Outermost first: the log line also covers refused oversized bodies.
    app.add_middleware(
        BodyLimitMiddleware,
        max_bytes=settings.max_body_bytes,
        path_limits=HELP_BODY_LIMITS | OPS_BODY_LIMITS,
    )
    worker = str(os.getpid()) if settings.workers > 1 else None
    app.add_middleware(RequestLogMiddleware, worker=worker)
    return app
