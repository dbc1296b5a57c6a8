"""Per-app state shared by routes: settings, database and clock (kept on app.state.ctx)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from fastapi import Request
from sqlalchemy.orm import Session

from backend.clock import Clock
from backend.db import Database
from backend.settings import Settings


@dataclass
class AppContext:
    settings: Settings
    db: Database
    clock: Clock

    def public_url(self, request: Request, token: str) -> str:
        base = self.settings.public_base_url or str(request.base_url)
        return f"{base.rstrip('/')}/s/{token}"


def get_ctx(request: Request) -> AppContext:
    return request.app.state.ctx


def get_db(request: Request) -> Iterator[Session]:
    """One session per request; anything but GET/HEAD writes (and locks early on SQLite)."""
    ctx: AppContext = request.app.state.ctx
    with ctx.db.session(write=request.method not in ("GET", "HEAD")) as session:
        yield session
