"""The kiosk's benefits routes (citizen session): screening and the home screen's hint."""

from __future__ import annotations

from fastapi import Request

from backend.auth import CitizenDep, CtxDep
from backend.benefits import service
from backend.benefits.api_schemas import Hint, ScreeningIn, ScreeningOut
from backend.benefits.deps import rules_of
from backend.deps import public_base, reading
from backend.routes import api_router

router = api_router("benefits")


@router.post("/benefits/screening", response_model=ScreeningOut)
def screening(body: ScreeningIn, request: Request, citizen: CitizenDep, ctx: CtxDep) -> dict:
    """Record + answers so far -> every policy's result, the next question that still
    matters (at most 5 in a visit) and, with `final`, the slip's masked public page."""
    who = (citizen.citizen, citizen.terminal.id)
    with ctx.db.session(write=body.final) as db:
        return service.screening(db, ctx, rules_of(request), public_base(request), who, body)


@router.get("/benefits/hint", response_model=Hint)
def hint(request: Request, citizen: CitizenDep, ctx: CtxDep) -> dict:
    """A policy likely from the record alone and not applied for, or nulls."""
    with reading(request) as db:
        return service.hint(db, ctx, rules_of(request), citizen.citizen)
