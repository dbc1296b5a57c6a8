"""The staff console's JSON API under /staff/api (the pages' scripts call it): the queue and
the worker's own sessions, and per joined session its live state, picture, events (point,
hint, active), end and call note. Every POST checks the CSRF header."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Header, Query, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse

from backend.auth import CtxDep
from backend.errors import ApiError, validation
from backend.help import callbacks, live_state, liveness, notes, queue, sessions, staff_auth
from backend.help.hints import hints
from backend.help.kiosk_routes import StoreDep
from backend.help.models import HelpSession
from backend.help.schemas import NoteIn, StaffEventIn
from backend.help.staff_auth import StaffDep
from backend.help.store import wait_until
from backend.safe_route import SafeRoute

router = APIRouter(prefix="/staff/api", route_class=SafeRoute, include_in_schema=False)
MAX_WAIT_S = 25.0
CsrfHeader = Annotated[str | None, Header(alias="X-CSRF-Token")]
_NO_STORE = {"Cache-Control": "no-store"}


def _joined_session(session_id: str, staff: StaffDep, ctx: CtxDep) -> HelpSession:
    with ctx.db.session(write=False) as db:
        return sessions.for_staff(db, staff.staff, session_id)


JoinedDep = Annotated[HelpSession, Depends(_joined_session)]


@router.get("/queue")
def waiting_queue(staff: StaffDep, ctx: CtxDep, store: StoreDep) -> JSONResponse:
    """Kiosks waiting for a worker, this worker's own open sessions (我的协助), and how many
    requests seniors left wait on the desk."""
    with ctx.db.session(write=True) as db:
        body = {
            "waiting": queue.waiting(db, ctx, store),
            "mine": queue.mine(db, ctx, store, staff.staff),
            "requests_open": callbacks.open_count(db),  # 老人留下的请求 waiting for a call
            "at": ctx.clock.now().strftime("%H:%M:%S"),  # the clock "waiting since" uses
        }
    return JSONResponse(body, headers=_NO_STORE)


@router.get("/sessions/{session_id}/state")
async def state(
    row: JoinedDep,
    ctx: CtxDep,
    store: StoreDep,
    after: Annotated[int, Query(ge=0, le=2**31)] = 0,
    status_after: Annotated[int | None, Query(ge=0, le=2**31)] = None,
    wait: Annotated[float, Query(ge=0, le=MAX_WAIT_S)] = 0,
) -> JSONResponse:
    """Long-polls until a frame newer than `after` arrives, the session ends, or (when
    `status_after` is given) a newer kiosk status. The console asks with wait=1.5, so it
    re-reads at least that often and shows 连接中断 within liveness.OFFLINE_AFTER + 1.5 s
    (≤ 5 s) of the kiosk's last heartbeat."""

    def changed() -> bool:
        live = store.view(row.id)
        newer_status = status_after is not None and live.status_seq > status_after
        return live.frame_seq > after or newer_status or live.ended

    await wait_until(changed, wait)

    def current() -> dict:
        with ctx.db.session(write=True) as db:
            fresh = db.get(HelpSession, row.id)
            if liveness.end_if_silent(db, store, fresh, ctx.clock.now()):
                db.commit()
            return live_state.state(db, store, fresh, ctx.clock.now())

    return JSONResponse(await run_in_threadpool(current), headers=_NO_STORE)


@router.get("/sessions/{session_id}/frames/{seq}")
def frame(row: JoinedDep, ctx: CtxDep, store: StoreDep, seq: int) -> Response:
    """The latest frame (a newer one than `seq` if it has already arrived); `seq` only makes
    each URL unique so no cache can serve an old picture."""
    latest = store.frame(row.id)
    if latest is None or sessions.is_over(row, ctx.clock.now()):
        raise ApiError(404, "not_found", "没有画面")
    return Response(
        latest.jpeg,
        media_type="image/jpeg",
        headers={**_NO_STORE, "X-Frame-Seq": str(latest.seq)},
    )


def _event_data(body: StaffEventIn) -> dict:
    if body.type == "pointer":
        if body.x is None or body.y is None:
            raise validation("x", "指点需要 x 和 y")
        return {"x": body.x, "y": body.y}
    if body.type == "hint":
        text = hints().get(body.hint_code or "")
        if text is None:
            raise validation("hint_code", "没有这条提示")
        return {"hint_code": body.hint_code, "text": text}
    if body.type == "active":
        return {}
    raise ApiError(422, "event_type_not_allowed", "只能指点位置或发送提示", "type")


@router.post("/sessions/{session_id}/events", status_code=201)
def send_event(
    body: StaffEventIn,
    row: JoinedDep,
    staff: StaffDep,
    ctx: CtxDep,
    store: StoreDep,
    csrf: CsrfHeader = None,
) -> dict:
    """Point (x, y normalised to the frame), send a canned hint, or say the worker is active.
    Staff guide the senior but never press the kiosk's buttons; nothing is sent to a kiosk
    that is not there (连接中断)."""
    staff_auth.require_csrf(staff, csrf)
    now = ctx.clock.now()
    if sessions.is_over(row, now):
        raise ApiError(409, "help_ended", "协助已结束")
    data = _event_data(body)
    if not liveness.connected(row, store.view(row.id), now):
        raise ApiError(409, "kiosk_offline", "老人的终端连接中断，现在不能指点或发提示")
    return {"seq": store.add_event(row.id, body.type, **data)}


@router.post("/sessions/{session_id}/end")
def end(
    row: JoinedDep, staff: StaffDep, ctx: CtxDep, store: StoreDep, csrf: CsrfHeader = None
) -> dict:
    """工作人员结束: the kiosk says so aloud and removes its banner."""
    staff_auth.require_csrf(staff, csrf)
    with ctx.db.session(write=True) as db:
        return sessions.end(db, ctx, store, db.get(HelpSession, row.id), "staff")


@router.post("/sessions/{session_id}/note")
def save_note(body: NoteIn, row: JoinedDep, staff: StaffDep, ctx: CtxDep, csrf: CsrfHeader = None):
    """A short call note and ticket number, kept with the session's audit record."""
    staff_auth.require_csrf(staff, csrf)
    with ctx.db.session(write=True) as db:
        return notes.save(db, ctx, row, body.note, body.ticket)
