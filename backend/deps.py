"""FastAPI dependencies that hand routes the app context and database sessions.

Database sessions are opened and closed inside a single function (a route body or one
dependency), never held across them: see backend.context.
"""

from __future__ import annotations

from collections.abc import Iterator

from fastapi import Request
from sqlalchemy.orm import Session

from backend.context import AppContext


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


def public_base(request: Request) -> str:
    """Where status-page links start: the configured base, else this request's host."""
    ctx: AppContext = request.app.state.ctx
    return (ctx.settings.public_base_url or str(request.base_url)).rstrip("/")
