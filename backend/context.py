"""Per-app state shared by routes: settings, database and clock (kept on app.state.ctx).

Database sessions are opened and closed inside a single function (a route body or one
dependency), never held across them: FastAPI runs each dependency and the route in separate
worker-thread hops, and a connection or write lock held from one hop to the next deadlocks
once every worker thread is waiting for the pool or the lock.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field

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
    # token hash -> (monotonic time cached, terminal): every request authenticates its
    # terminal, and terminals change rarely; a removed terminal is refused within TERMINAL_TTL_S.
    terminal_cache: dict = field(default_factory=dict)
    # When housekeeping last pruned (app clock); see services.housekeeping.prune_if_due.
    last_prune: dt.datetime | None = None

    def public_url(self, request: Request, token: str) -> str:
        base = self.settings.public_base_url or str(request.base_url)
        return f"{base.rstrip('/')}/s/{token}"


async def get_ctx(request: Request) -> AppContext:
    # async: a sync dependency costs a hop to a worker thread and back, for one attribute read.
    return request.app.state.ctx


def get_db(request: Request) -> Iterator[Session]:
    """A request-long session for low-traffic routes (the help/staff console uses it).

    It begins DEFERRED, so it takes the SQLite write lock only at its first write and must
    commit in the same function that writes. Hot paths use `reading()` or
    `ctx.db.session(write=True)` inside the route body instead (see the module docstring).
    """
    with request.app.state.ctx.db.session(write=False) as session:
        yield session


def reading(request: Request) -> Session:
    """A read-only session for `with` inside one route body."""
    return request.app.state.ctx.db.session(write=False)
