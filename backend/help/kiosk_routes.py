"""Kiosk-facing routes (terminal bearer auth): help sessions and volunteer sign-in."""

from __future__ import annotations

import base64
import binascii
from typing import Annotated

from fastapi import Depends, Header, Query, Request, Response
from fastapi.concurrency import run_in_threadpool

from backend.auth import CtxDep, TerminalDep
from backend.errors import ApiError
from backend.help import liveness, sessions, volunteers
from backend.help.models import HelpSession
from backend.help.schemas import (
    EndIn,
    FrameIn,
    FrameOut,
    HeartbeatIn,
    HelpEventList,
    HelpSessionOut,
    OpenIn,
    VolunteerOut,
    VolunteerSignInIn,
)
from backend.help.store import HelpStore, wait_until
from backend.routes import api_router
from backend.schemas import ErrorBody

router = api_router("help")
# The routes that touch the live state (StoreDep): with Redis out of reach they answer this.
LIVE_STATE_ERRORS = {
    503: {
        "model": ErrorBody,
        "description": "help_unavailable: the live help state (Redis) cannot be reached; "
        "nothing was changed, try again later",
    }
}
FRAMES_PREFIX = "/api/v1/help/frames/"
MAX_WAIT_S = 8.0  # below the kiosk client's 10 s read timeout


def get_store(request: Request) -> HelpStore:
    return request.app.state.help_store


StoreDep = Annotated[HelpStore, Depends(get_store)]


def _own_session(session_id: str, terminal: TerminalDep, ctx: CtxDep) -> HelpSession:
    with ctx.db.session(write=False) as db:
        return sessions.for_terminal(db, terminal, session_id)


OwnSessionDep = Annotated[HelpSession, Depends(_own_session)]


@router.post(
    "/help/sessions", response_model=HelpSessionOut, status_code=201, responses=LIVE_STATE_ERRORS
)
def open_help_session(
    terminal: TerminalDep, ctx: CtxDep, store: StoreDep, body: OpenIn | None = None
) -> dict:
    """呼叫帮助: a new session with a 6-digit code valid for 10 minutes (ends this kiosk's
    previous session, if any). It waits in the hotline's queue until a worker joins with the
    code; from now on the kiosk sends a heartbeat every second."""
    body, now = body or OpenIn(), ctx.clock.now()
    with ctx.db.session(write=True) as db:
        liveness.sweep(db, ctx, store)
        row, code = sessions.open_session(db, ctx, store, terminal, body.place_name)
        status = {"screen_title": body.screen_title, "called_from": body.screen_title}
        db.add_all(liveness.record_status(store, row, status, now))
        db.commit()
        return sessions.view(row, now, code)


@router.post(
    "/help/sessions/{session_id}/heartbeat",
    response_model=HelpSessionOut,
    responses=LIVE_STATE_ERRORS,
)
def heartbeat(
    session_id: str, body: HeartbeatIn, terminal: TerminalDep, ctx: CtxDep, store: StoreDep
) -> dict:
    """Every second while the session is open: the kiosk is there, and what it shows. Three
    missed heartbeats and the worker sees 连接中断; 60 s of silence and the backend ends the
    session ("lost"). 409 help_ended once it has ended."""
    with ctx.db.session(write=False) as db:
        row = sessions.for_terminal(db, terminal, session_id)
    return liveness.heartbeat(ctx, store, row, body.model_dump())


@router.get("/help/sessions/{session_id}", response_model=HelpSessionOut)
def get_help_session(row: OwnSessionDep, ctx: CtxDep) -> dict:
    return sessions.view(row, ctx.clock.now())


@router.post(
    "/help/sessions/{session_id}/consent",
    response_model=HelpSessionOut,
    responses=LIVE_STATE_ERRORS,
)
def grant_consent(session_id: str, terminal: TerminalDep, ctx: CtxDep, store: StoreDep) -> dict:
    """The senior tapped 允许: from now on the kiosk may publish frames."""
    with ctx.db.session(write=True) as db:
        return sessions.consent(db, ctx, store, sessions.for_terminal(db, terminal, session_id))


@router.post(
    FRAMES_PREFIX.removeprefix("/api/v1") + "{session_id}",
    response_model=FrameOut,
    status_code=201,
    responses=LIVE_STATE_ERRORS,
)
def publish_frame(body: FrameIn, row: OwnSessionDep, ctx: CtxDep, store: StoreDep) -> dict:
    """The kiosk's current picture (JPEG ≤ 150 KB, base64) and screen id; only after consent."""
    try:
        jpeg = base64.b64decode(body.jpeg_base64, validate=True)
    except (binascii.Error, ValueError):
        raise ApiError(422, "invalid_frame", "画面不是有效的 base64", "jpeg_base64") from None
    return {"seq": sessions.publish(store, row, ctx.clock.now(), jpeg, body.screen_id)}


@router.get(
    "/help/sessions/{session_id}/events",
    response_model=HelpEventList,
    responses=LIVE_STATE_ERRORS,
)
async def help_events(
    row: OwnSessionDep,
    ctx: CtxDep,
    store: StoreDep,
    after: Annotated[int, Query(ge=0, le=2**31, description="the last seq already seen")] = 0,
    wait: Annotated[
        float, Query(ge=0, le=MAX_WAIT_S, description="long-poll up to this many seconds")
    ] = 0,
) -> dict:
    """Staff pointer events and hints for the kiosk, oldest first; `joined` when staff joined,
    `ended` when the session ended."""
    await wait_until(lambda: store.view(row.id).event_seq > after, wait)
    events = store.events_after(row.id, after)

    def current_state() -> dict:
        with ctx.db.session(write=False) as db:
            return sessions.view(db.get(HelpSession, row.id), ctx.clock.now())["state"]

    return {"items": [vars(e) for e in events], "state": await run_in_threadpool(current_state)}


@router.post(
    "/help/sessions/{session_id}/end",
    response_model=HelpSessionOut,
    responses=LIVE_STATE_ERRORS,
)
def end_help_session(
    session_id: str, body: EndIn, terminal: TerminalDep, ctx: CtxDep, store: StoreDep
) -> dict:
    """结束协助, idle reset, session end or the 20-minute limit; ending twice is harmless."""
    with ctx.db.session(write=True) as db:
        return sessions.end(
            db, ctx, store, sessions.for_terminal(db, terminal, session_id), body.reason
        )


@router.post("/volunteers/sign-in", response_model=VolunteerOut, status_code=201)
def volunteer_sign_in(body: VolunteerSignInIn, terminal: TerminalDep, ctx: CtxDep) -> dict:
    """Volunteer number (e.g. V-0001 or 0001) + PIN. 5 failures per number (20 per terminal)
    within 15 min → 429 volunteer_locked with Retry-After."""
    with ctx.db.session(write=True) as db:
        return volunteers.sign_in(db, ctx, terminal, body.volunteer_number, body.pin)


VolunteerTokenHeader = Annotated[str | None, Header(alias="X-Volunteer-Token")]


@router.delete("/volunteers/session", status_code=204, response_class=Response)
def volunteer_sign_out(
    terminal: TerminalDep, ctx: CtxDep, token: VolunteerTokenHeader = None
) -> Response:
    with ctx.db.session(write=True) as db:
        volunteers.sign_out(db, ctx, terminal, token)
    return Response(status_code=204)
