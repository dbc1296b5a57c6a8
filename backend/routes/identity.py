"""Health, terminal and identification routes."""

from __future__ import annotations

from fastapi import Response
from sqlalchemy import update

from backend import __version__
from backend.auth import CitizenDep, CtxDep, TerminalDep
from backend.models import CitizenSession
from backend.routes import api_router
from backend.schemas import (
    CitizenOut,
    Health,
    IdentificationOut,
    IdentityCardIn,
    IdentityLookupIn,
    TerminalOut,
)
from backend.services import citizens

router = api_router("identity")


@router.get("/health", response_model=Health)
def health(ctx: CtxDep) -> dict:
    return {"status": "ok", "version": __version__, "demo": ctx.settings.demo}


@router.get("/terminal", response_model=TerminalOut)
def terminal_info(terminal: TerminalDep) -> dict:
    return {"id": terminal.id, "name": terminal.name, "site": terminal.site}


@router.post("/identity/lookup", response_model=IdentificationOut, status_code=201)
def identity_lookup(body: IdentityLookupIn, terminal: TerminalDep, ctx: CtxDep) -> dict:
    """ID number + last 4 digits of the registered phone. No Idempotency-Key needed: a repeat
    just opens another session."""
    with ctx.db.session(write=True) as db:
        return citizens.identify_by_id(db, ctx, terminal, body.id_number, body.phone_last4)


@router.post("/identity/card", response_model=IdentificationOut, status_code=201)
def identity_card(body: IdentityCardIn, terminal: TerminalDep, ctx: CtxDep) -> dict:
    with ctx.db.session(write=True) as db:
        return citizens.identify_by_card(db, ctx, terminal, body.card_payload)


@router.delete("/session", status_code=204, response_class=Response)
def end_session(citizen: CitizenDep, ctx: CtxDep) -> Response:
    with ctx.db.session(write=True) as db:
        db.execute(
            update(CitizenSession).where(CitizenSession.id == citizen.session_id).values(ended=True)
        )
        db.commit()
    return Response(status_code=204)


@router.get("/me", response_model=CitizenOut)
def me(citizen: CitizenDep) -> dict:
    return citizens.citizen_view(citizen.citizen)
