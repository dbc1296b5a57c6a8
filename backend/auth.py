"""Terminal bearer tokens and citizen session tokens (both stored only as SHA-256 hashes)."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from backend.context import AppContext, get_ctx, get_db
from backend.errors import ApiError
from backend.models import Citizen, CitizenSession, Terminal

_bearer = HTTPBearer(auto_error=False, description="The terminal's own token")
_session_header = APIKeyHeader(
    name="X-Citizen-Session", auto_error=False, description="Citizen session token from identification"
)
# A session is extended at most this often, so most reads stay read-only.
_EXTEND_GRANULARITY = dt.timedelta(seconds=30)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def new_token() -> str:
    return secrets.token_urlsafe(32)


def _unauthorized() -> ApiError:
    return ApiError(401, "unauthorized", "终端未授权", headers={"WWW-Authenticate": "Bearer"})


def current_terminal(
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
    db: Annotated[Session, Depends(get_db)],
) -> Terminal:
    if credentials is None or not credentials.credentials:
        raise _unauthorized()
    terminal = db.scalar(select(Terminal).where(Terminal.token_hash == token_hash(credentials.credentials)))
    if terminal is None:
        raise _unauthorized()
    return terminal


@dataclass(frozen=True)
class CitizenContext:
    terminal: Terminal
    citizen: Citizen
    session_id: int


def _session_expired() -> ApiError:
    return ApiError(401, "session_expired", "身份核验已过期，请重新核验")


def _resolve_session(
    request: Request, token: str | None, terminal: Terminal, db: Session, ctx: AppContext
) -> CitizenContext | None:
    if not token:
        return None
    row = db.scalar(select(CitizenSession).where(CitizenSession.token_hash == token_hash(token)))
    now = ctx.clock.now()
    if row is None or row.ended or row.terminal_id != terminal.id or row.expires_at <= now:
        return None
    new_expiry = now + dt.timedelta(minutes=ctx.settings.session_idle_minutes)
    if new_expiry - row.expires_at >= _EXTEND_GRANULARITY:
        if request.method in ("GET", "HEAD"):
            # The request's own session is read-only: extend in a short write transaction.
            with ctx.db.session(write=True) as writer:
                writer.execute(
                    update(CitizenSession).where(CitizenSession.id == row.id).values(expires_at=new_expiry)
                )
                writer.commit()
        else:
            row.expires_at = new_expiry
    citizen = db.get(Citizen, row.citizen_id)
    return CitizenContext(terminal, citizen, row.id)


def current_citizen(
    request: Request,
    token: Annotated[str | None, Depends(_session_header)],
    terminal: Annotated[Terminal, Depends(current_terminal)],
    db: Annotated[Session, Depends(get_db)],
    ctx: Annotated[AppContext, Depends(get_ctx)],
) -> CitizenContext:
    found = _resolve_session(request, token, terminal, db, ctx)
    if found is None:
        raise _session_expired()
    return found


def optional_citizen(
    request: Request,
    token: Annotated[str | None, Depends(_session_header)],
    terminal: Annotated[Terminal, Depends(current_terminal)],
    db: Annotated[Session, Depends(get_db)],
    ctx: Annotated[AppContext, Depends(get_ctx)],
) -> CitizenContext | None:
    """For routes that work without a citizen but personalise with one; a stale token is an error."""
    if not token:
        return None
    return current_citizen(request, token, terminal, db, ctx)


def open_session(db: Session, ctx: AppContext, citizen: Citizen, terminal: Terminal) -> tuple[str, dt.datetime]:
    token = new_token()
    now = ctx.clock.now()
    expires = now + dt.timedelta(minutes=ctx.settings.session_idle_minutes)
    db.add(CitizenSession(token_hash=token_hash(token), citizen_id=citizen.id, terminal_id=terminal.id,
                          created_at=now, expires_at=expires))
    return token, expires


TerminalDep = Annotated[Terminal, Depends(current_terminal)]
CitizenDep = Annotated[CitizenContext, Depends(current_citizen)]
OptionalCitizenDep = Annotated[CitizenContext | None, Depends(optional_citizen)]
DbDep = Annotated[Session, Depends(get_db)]
CtxDep = Annotated[AppContext, Depends(get_ctx)]
