"""`ApiClient`: the kiosk's typed, synchronous view of the backend API (docs/api.md).

Called from worker threads, one call at a time per client. It remembers the citizen
session token after identification and forgets it when the session ends or the
backend says it expired, so a stale token is never sent twice.
"""

from __future__ import annotations

import base64
import datetime as dt
import logging
from collections.abc import Callable
from typing import Any, TypeVar

from civic_core import idnumber

from . import benefits_models, errors, help_models, models
from .fields import Obj
from .transport import Transport, is_header_safe, new_idempotency_key

log = logging.getLogger("kiosk.api")
T = TypeVar("T")


class ApiClient:
    def __init__(
        self,
        base_url: str,
        terminal_token: str,
        connect_timeout: float = 3.0,
        read_timeout: float = 10.0,
        retries: int = 2,
        *,
        backoff: float = 0.25,
    ):
        self._transport = Transport(
            base_url,
            terminal_token,
            connect_timeout=connect_timeout,
            read_timeout=read_timeout,
            retries=retries,
            backoff=backoff,
        )
        self._session_token: str | None = None
        self._volunteer_token: str | None = None
        self._settings: dict[str, Any] = {"base_url": base_url, "terminal_token": terminal_token,
                          "connect_timeout": connect_timeout, "read_timeout": read_timeout,
                          "retries": retries, "backoff": backoff}  # fmt: skip

    new_idempotency_key = staticmethod(new_idempotency_key)

    @property
    def has_session(self) -> bool:
        return self._session_token is not None

    def sibling(self) -> ApiClient:
        """A new client to the same backend as the same terminal, without the citizen's or
        volunteer's session: for a thread of its own (e.g. the help mirror's)."""
        return ApiClient(**self._settings)

    def close(self) -> None:
        """Release pooled connections (the client is unusable afterwards)."""
        self._transport.close()

    # -- terminal -----------------------------------------------------------------

    def health(self) -> models.Health:
        return models.Health.parse(Obj(self._transport.request("GET", "/health")))

    def terminal(self) -> models.Terminal:
        return models.Terminal.parse(Obj(self._transport.request("GET", "/terminal")))

    def services(self) -> list[models.Service]:
        """The catalogue; priced for the citizen when a session is open."""
        return _items(self._citizen("GET", "/services", optional=True), models.Service.parse)

    def slots(self, service_code: str, from_date: dt.date, days: int = 7) -> list[models.Slot]:
        body = self._transport.request(
            "GET",
            "/services/{code}/slots",
            path={"code": service_code},
            params={"from": from_date.isoformat(), "days": days},
        )
        return _items(body, models.Slot.parse)

    # -- identity -------------------------------------------------------------------

    def identify(self, id_number: str, phone_last4: str) -> models.Identification:
        body = {"id_number": idnumber.normalize(id_number), "phone_last4": phone_last4.strip()}
        return self._open_session("/identity/lookup", body)

    def identify_card(self, card_payload: str) -> models.Identification:
        return self._open_session("/identity/card", {"card_payload": card_payload})

    def demo_cards(self) -> list[models.DemoCard]:
        """The demo citizens' cards; NotFound unless the backend runs in demo mode."""
        return _items(self._transport.request("GET", "/demo/cards"), models.DemoCard.parse)

    def _open_session(self, template: str, body: dict[str, Any]) -> models.Identification:
        self.end_session()  # a new identification never inherits (or leaves open) the last one
        result = models.Identification.parse(
            Obj(self._transport.request("POST", template, body=body))
        )
        if not result.session_token or not is_header_safe(result.session_token):
            raise errors.BadResponse(message="session_token: not a usable header value")
        self._session_token = result.session_token
        return result

    def end_session(self) -> None:
        """Forget the session, then tell the backend; failing to tell it is harmless
        (the session expires by itself), so this never raises."""
        token, self._session_token = self._session_token, None
        if token is None:
            return
        try:
            self._transport.request("DELETE", "/session", citizen_session=token)
        except errors.ApiError as exc:
            log.info("session end not confirmed by the backend: %s", exc.code)

    def me(self) -> models.Citizen:
        return models.Citizen.parse(Obj(self._citizen("GET", "/me")))

    # -- applications ---------------------------------------------------------------

    def applications(self) -> list[models.ApplicationSummary]:
        return _items(self._citizen("GET", "/applications"), models.ApplicationSummary.parse)

    def application(self, number: str) -> models.ApplicationDetail:
        body = self._citizen("GET", "/applications/{number}", path={"number": number})
        return models.ApplicationDetail.parse(Obj(body))

    # -- benefits (issue 16) -----------------------------------------------------------

    def benefits_screening(
        self, answers: dict[str, str], *, final: bool = False
    ) -> benefits_models.Screening:
        """answers: question code -> "yes" | "no" | "dont_know"; final keeps the results and
        issues the slip's public page."""
        body = self._citizen(
            "POST", "/benefits/screening", body={"answers": answers, "final": final}
        )
        return benefits_models.Screening.parse(Obj(body))

    def benefits_hint(self) -> benefits_models.Hint:
        return benefits_models.Hint.parse(Obj(self._citizen("GET", "/benefits/hint")))

    # -- orders ---------------------------------------------------------------------

    def create_order(
        self,
        slot_id: int,
        *,
        idempotency_key: str | None = None,
        booked_by: str = "self",
        volunteer_id: str | None = None,
    ) -> models.Order:
        body = {
            "slot_id": slot_id,
            "booked_by": booked_by,
            "volunteer_id": volunteer_id,
            "channel": "kiosk",
        }
        # The backend checks that a signed-in volunteer is booking (volunteer_sign_in).
        volunteer = (
            {"X-Volunteer-Token": self._volunteer_token}
            if booked_by == "volunteer" and self._volunteer_token
            else None
        )
        return self._order_call("/orders", {}, body, idempotency_key, headers=volunteer)

    def orders(self) -> list[models.Order]:
        return _items(self._citizen("GET", "/orders"), models.Order.parse)

    def order(self, number: str) -> models.Order:
        return models.Order.parse(
            Obj(self._citizen("GET", "/orders/{number}", path={"number": number}))
        )

    def cancel_order(
        self, number: str, *, idempotency_key: str | None = None, reason: str | None = None
    ) -> models.Order:
        return self._order_call(
            "/orders/{number}/cancel", {"number": number}, {"reason": reason}, idempotency_key
        )

    def reschedule_order(
        self, number: str, slot_id: int, *, idempotency_key: str | None = None
    ) -> models.Order:
        return self._order_call(
            "/orders/{number}/reschedule", {"number": number}, {"slot_id": slot_id}, idempotency_key
        )

    def rate_order(
        self, number: str, score: int, tags: list[str], *, idempotency_key: str | None = None
    ) -> models.Order:
        """tags are codes (on_time, kind, ...), never the words shown on screen."""
        body = {"score": score, "tags": list(tags)}
        return self._order_call(
            "/orders/{number}/rating", {"number": number}, body, idempotency_key
        )

    def deferral_grant(self) -> str:
        """A 24 h token for the outbox to act for the identified citizen later (ratings,
        callback and reschedule requests while the network is down); memory only."""
        return self._citizen("POST", "/ops/deferrals")["token"]

    def _order_call(
        self,
        template: str,
        path: dict[str, Any],
        body: dict[str, Any],
        key: str | None,
        headers: dict[str, str] | None = None,
    ) -> models.Order:
        """POST an order change. Pass one key per user intent so a repeated tap (or a
        retry after a dropped connection) can never book or cancel twice."""
        answer = self._citizen(
            "POST", template, path=path, body=body, idempotency_key=key, headers=headers
        )
        return models.Order.parse(Obj(answer))

    # -- help sessions and volunteers (docs/api.md "Help sessions") ------------------

    def open_help_session(
        self, place_name: str = "", screen_title: str = ""
    ) -> help_models.HelpSession:
        """呼叫帮助: a new session with its 6-digit code (ends this kiosk's previous one);
        `place_name` (config help.place_name) and the title of the screen it was called from
        are what the hotline's queue shows."""
        body = {"place_name": place_name or None, "screen_title": screen_title or None}
        answer = self._transport.request("POST", "/help/sessions", body=body)
        return help_models.HelpSession.parse(Obj(answer))

    def help_heartbeat(self, session_id: str, status: dict) -> help_models.HelpSession:
        """Every second while the session is open: the kiosk is there, and what it shows
        (screen title, step, last taps, time left, the ring; no data). 409 once ended."""
        body = self._transport.request(
            "POST", "/help/sessions/{id}/heartbeat", path={"id": session_id}, body=status
        )
        return help_models.HelpSession.parse(Obj(body))

    def help_session(self, session_id: str) -> help_models.HelpSession:
        body = self._transport.request("GET", "/help/sessions/{id}", path={"id": session_id})
        return help_models.HelpSession.parse(Obj(body))

    def grant_consent(self, session_id: str) -> help_models.HelpSession:
        body = self._transport.request(
            "POST", "/help/sessions/{id}/consent", path={"id": session_id}
        )
        return help_models.HelpSession.parse(Obj(body))

    def publish_frame(self, session_id: str, jpeg: bytes, screen_id: str) -> int:
        """One mirrored frame (JPEG ≤ 150 KB) and the current screen id; returns its seq."""
        body = {"screen_id": screen_id, "jpeg_base64": base64.b64encode(jpeg).decode("ascii")}
        answer = self._transport.request(
            "POST", "/help/frames/{id}", path={"id": session_id}, body=body
        )
        return Obj(answer).integer("seq")

    def pointer_events(
        self, session_id: str, after: int = 0, wait: float = 5.0
    ) -> help_models.HelpEvents:
        """Staff events newer than `after`, long-polling up to `wait` s (≤ 8, under the
        read timeout)."""
        body = self._transport.request(
            "GET",
            "/help/sessions/{id}/events",
            path={"id": session_id},
            params={"after": after, "wait": wait},
        )
        return help_models.HelpEvents.parse(Obj(body))

    def end_help_session(self, session_id: str, reason: str = "kiosk") -> None:
        """reason: kiosk | declined | idle | session_end | timeout. Never raises: the mirror has
        already stopped locally, and the backend refuses frames once told."""
        try:
            self._transport.request(
                "POST", "/help/sessions/{id}/end", path={"id": session_id}, body={"reason": reason}
            )
        except errors.ApiError as exc:
            log.info("help session end not confirmed by the backend: %s", exc.code)

    @property
    def has_volunteer(self) -> bool:
        return self._volunteer_token is not None

    def volunteer_sign_in(self, volunteer_number: str, pin: str) -> help_models.VolunteerSignIn:
        """Assisted mode: later create_order(booked_by="volunteer", volunteer_id=...) calls
        carry the volunteer's token."""
        self._volunteer_token = None
        body = {"volunteer_number": volunteer_number.strip(), "pin": pin.strip()}
        result = help_models.VolunteerSignIn.parse(
            Obj(self._transport.request("POST", "/volunteers/sign-in", body=body))
        )
        if not result.token or not is_header_safe(result.token):
            raise errors.BadResponse(message="token: not a usable header value")
        self._volunteer_token = result.token
        return result

    def volunteer_sign_out(self) -> None:
        """Forget the volunteer, then tell the backend; never raises (the token expires)."""
        token, self._volunteer_token = self._volunteer_token, None
        if token is None:
            return
        try:
            self._transport.request(
                "DELETE", "/volunteers/session", headers={"X-Volunteer-Token": token}
            )
        except errors.ApiError as exc:
            log.info("volunteer sign-out not confirmed by the backend: %s", exc.code)

    # -- plumbing -------------------------------------------------------------------

    def _citizen(self, method: str, template: str, *, optional: bool = False, **kwargs: Any) -> Any:
        """A call in the citizen's session (`optional`: personalised when there is one);
        an expired session is forgotten at once."""
        if self._session_token is None and not optional:
            raise errors.SessionExpired(message="no citizen session (identify first)")
        try:
            return self._transport.request(
                method, template, citizen_session=self._session_token, **kwargs
            )
        except errors.SessionExpired:
            self._session_token = None
            raise


def _items(body: Any, parse: Callable[[Obj], T]) -> list[T]:
    return [parse(item) for item in Obj(body).objs("items")]
