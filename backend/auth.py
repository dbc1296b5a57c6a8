"""Terminal bearer tokens and citizen session tokens (both stored only as SHA-256 hashes)."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
import time
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends
from fastapi.concurrency import run_in_threadpool
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from backend.context import AppContext
from backend.deps import get_ctx, get_db
from backend.errors import ApiError
from backend.models import Citizen, CitizenSession, Terminal

_bearer = HTTPBearer(auto_error=False, description="The terminal's own token")
_session_header = APIKeyHeader(
    name="X-Citizen-Session",
    auto_error=False,
    description="Citizen session token from identification",
)
TERMINAL_TTL_S = 60.0
# A session is extended at most this often, so most reads stay read-only.
_EXTEND_GRANULARITY = dt.timedelta(seconds=30)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def new_token() -> str:
    return secrets.token_urlsafe(32)


def _unauthorized() -> ApiError:
    return ApiError(401, "unauthorized", "终端未授权", headers={"WWW-Authenticate": "Bearer"})


async def current_terminal(
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
    ctx: Annotated[AppContext, Depends(get_ctx)],
) -> Terminal:
    # async, because nearly every call is a cache hit (one SHA-256): a sync dependency would
    # cost every request a hop to a worker thread and back. Only a miss queries, off the loop.
    if credentials is None or not credentials.credentials:
        raise _unauthorized()
    key = token_hash(credentials.credentials)
    cached = ctx.terminal_cache.get(key)
    if cached is not None and time.monotonic() - cached[0] < TERMINAL_TTL_S:
        return cached[1]
    terminal = await run_in_threadpool(_load_terminal, ctx, key)
    if terminal is None:
        raise _unauthorized()
    ctx.terminal_cache[key] = (time.monotonic(), terminal)
    return terminal


def _load_terminal(ctx: AppContext, key: str) -> Terminal | None:
    with ctx.db.session(write=False) as db:
        return db.scalar(select(Terminal).where(Terminal.token_hash == key))


@dataclass(frozen=True)
class CitizenContext:
    terminal: Terminal
    citizen: Citizen
    session_id: int


def _session_expired() -> ApiError:
    return ApiError(401, "session_expired", "身份核验已过期，请重新核验")


def _resolve_session(
    token: str | None, terminal: Terminal, ctx: AppContext
) -> CitizenContext | None:
    if not token:
        return None
    with ctx.db.session(write=False) as db:
        # One query for session and citizen: this runs before every citizen request.
        found = db.execute(
            select(CitizenSession, Citizen)
            .join(Citizen, Citizen.id == CitizenSession.citizen_id)
            .where(CitizenSession.token_hash == token_hash(token))
        ).first()
        now = ctx.clock.now()
        if found is None:
            return None
        row, citizen = found
        if row.ended or row.terminal_id != terminal.id or row.expires_at <= now:
            return None
    new_expiry = now + dt.timedelta(minutes=ctx.settings.session_idle_minutes)
    if new_expiry - row.expires_at >= _EXTEND_GRANULARITY:
        with ctx.db.session(
            write=True
        ) as writer:  # after the reader is closed: one connection at a time
            writer.execute(
                update(CitizenSession)
                .where(CitizenSession.id == row.id)
                .values(expires_at=new_expiry)
            )
            writer.commit()
    return CitizenContext(terminal, citizen, row.id)


def current_citizen(
    token: Annotated[str | None, Depends(_session_header)],
    terminal: Annotated[Terminal, Depends(current_terminal)],
    ctx: Annotated[AppContext, Depends(get_ctx)],
) -> CitizenContext:
    found = _resolve_session(token, terminal, ctx)
    if found is None:
        raise _session_expired()
    return found


def optional_citizen(
    token: Annotated[str | None, Depends(_session_header)],
    terminal: Annotated[Terminal, Depends(current_terminal)],
    ctx: Annotated[AppContext, Depends(get_ctx)],
) -> CitizenContext | None:
    """For routes that work without a citizen but personalise with one; a stale token is an error."""
    if not token:
        return None
    return current_citizen(token, terminal, ctx)


def open_session(
    db: Session, ctx: AppContext, citizen: Citizen, terminal: Terminal
) -> tuple[str, dt.datetime]:
    token = new_token()
    now = ctx.clock.now()
    expires = now + dt.timedelta(minutes=ctx.settings.session_idle_minutes)
    db.add(
        CitizenSession(
            token_hash=token_hash(token),
            citizen_id=citizen.id,
            terminal_id=terminal.id,
            created_at=now,
            expires_at=expires,
        )
    )
    return token, expires


TerminalDep = Annotated[Terminal, Depends(current_terminal)]
CitizenDep = Annotated[CitizenContext, Depends(current_citizen)]
OptionalCitizenDep = Annotated[CitizenContext | None, Depends(optional_citizen)]
CtxDep = Annotated[AppContext, Depends(get_ctx)]
DbDep = Annotated[Session, Depends(get_db)]  # low-traffic routes only: see context.get_db
