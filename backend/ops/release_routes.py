"""/ops/releases: publish a kiosk wheel, tell a terminal or a site to run a version, and the
log of who told whom what, with each terminal's report. Pages are server-rendered; the
upload is the wheel as the raw request body (static/releases.js), CSRF token in a header."""

from __future__ import annotations

from fastapi import Request, Response
from fastapi.responses import JSONResponse
from sqlalchemy import select

from backend.auth import CtxDep
from backend.errors import ApiError, is_plain_key
from backend.help.staff_auth import StaffContext, csrf_matches
from backend.ops import release_views, releases
from backend.ops.console_routes import FormDep, nav, refused_csrf, render, router, to
from backend.ops.models import OperatorAccount
from backend.ops.operator_auth import OperatorDep

UPLOAD_PATH = "/ops/releases/upload"
BODY_LIMITS = {UPLOAD_PATH: releases.MAX_WHEEL_BYTES + 1024}


@router.get("/releases")
def releases_page(op: OperatorDep, ctx: CtxDep) -> Response:
    return to() if op is None else _page(op, ctx)


def _page(op: StaffContext, ctx, error: str = "", status: int = 200) -> Response:
    with ctx.db.session(write=False) as db:
        log = releases.log(db)
        reports = releases.reports_of(db, [a.id for a in log])
        names = dict(db.execute(select(OperatorAccount.id, OperatorAccount.display_name)).all())
        return render(
            "releases",
            "版本发布",
            status,
            nav=nav(op, error),
            csrf_token=op.csrf_token,
            release_rows=release_views.release_rows(
                releases.published(db), releases.running_counts(db)
            ),
            release_form=release_views.form(op.csrf_token, releases.published(db)),
            log_rows=release_views.log_rows(log, reports, names),
        )


@router.post(UPLOAD_PATH.removeprefix("/ops"))
async def upload(request: Request, op: OperatorDep, ctx: CtxDep) -> Response:
    """The wheel as the body; answers JSON: {"version": ...} or the documented error."""
    if op is None:
        raise ApiError(401, "unauthorized", "请先登录")
    if not csrf_matches(op.csrf_token, request.headers.get("X-CSRF-Token")):
        raise ApiError(403, "csrf_failed", "页面已过期，请刷新后重试")
    data = await request.body()
    with ctx.db.session(write=True) as db:
        release = releases.publish(db, data, op.staff.id, ctx.clock.now())
        db.commit()
        return JSONResponse({"version": release.version, "sha256": release.sha256})


@router.post("/releases/assign")
def assign(op: OperatorDep, data: FormDep, ctx: CtxDep) -> Response:
    if op is None or refused_csrf(op, data):
        return to()
    scope, target = data.get("scope", ""), data.get("target", "").strip()[:200]
    try:
        with ctx.db.session(write=True) as db:
            releases.assign(db, op.staff.id, scope, target, data.get("version", "")[:80],
                            ctx.clock.now())  # fmt: skip
            db.commit()
    except ApiError as exc:
        return _page(op, ctx, error=exc.message, status=exc.status)
    if scope == "terminal" and is_plain_key(target):
        return to(f"/ops/terminals/{target}")
    return to("/ops/releases")
