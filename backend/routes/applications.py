"""The citizen's applications (read-only)."""

from __future__ import annotations

from fastapi import Request

from backend.auth import CitizenDep
from backend.deps import public_base, reading
from backend.routes import api_router
from backend.schemas import ApplicationDetail, ApplicationList
from backend.services import applications

router = api_router("applications")


@router.get("/applications", response_model=ApplicationList)
def list_applications(request: Request, citizen: CitizenDep) -> dict:
    with reading(request) as db:
        items = applications.list_for(db, citizen.citizen.id)
        base = public_base(request)
        return {"items": [applications.summary(a, base) for a in items]}


@router.get("/applications/{number}", response_model=ApplicationDetail)
def get_application(number: str, request: Request, citizen: CitizenDep) -> dict:
    with reading(request) as db:
        app = applications.get_for(db, citizen.citizen.id, number)
        return applications.detail(app, public_base(request))
