"""Orders: 我的预约 — the citizen's bookings, one booking's history, cancel, 改约 and 评价.

Screens: orders (the list) → order_detail (status, next step, history timeline, actions)
→ order_cancel (are you sure?) or order_rate (five faces and optional tags). 改约 hands
over to the booking screens (Booking.start_reschedule). Status labels come from the
backend, and so does which actions are offered (Order.actions); a refusal all the same
(409 invalid_state, e.g. the visit started meanwhile) is said plainly.
"""

from __future__ import annotations

import uuid
from typing import Protocol

from PySide6.QtCore import Property, QObject, Signal, Slot

from kiosk.api import errors, models
from kiosk.booking import wording
from kiosk.booking.view_model import Booking
from kiosk.shell.deps import ScreenDeps
from kiosk.shell.registry import qml_singleton
from kiosk.speech import spoken

LIST, DETAIL, CANCEL, RATE = "orders", "order_detail", "order_cancel", "order_rate"


class OfflineRequests(Protocol):
    """kiosk/fleet/waiting.py's Waiting, as my bookings uses it."""

    canQueue: bool

    def offer(self, kind: str, number: str = "") -> None: ...

    def keep(self, kind: str, body: dict, key: str, number: str = "") -> bool: ...


SCORES = (5, 4, 3, 2, 1)
# Rating tag codes offered on the screen (the backend's RATING_TAGS; worded by the pack).
RATING_TAGS = ("on_time", "kind", "skilled", "tidy", "late")


@qml_singleton
class Orders(QObject):
    changed = Signal()

    def __init__(self, deps: ScreenDeps, *, booking: Booking):
        super().__init__(deps.owner)
        self._i18n, self._nav, self._network = deps.i18n, deps.navigator, deps.network
        self._session, self._speech, self._booking = deps.session, deps.speech, booking
        self._orders: tuple[models.Order, ...] = ()
        self._loaded = False
        self._order: models.Order | None = None
        self._message = ""  # ui key of the last outcome shown on the detail screen
        self._intent_key = ""  # one Idempotency-Key per cancel / rating intent
        self._score = 0
        self._tags: tuple[str, ...] = ()
        self._screen = ""
        # What can wait while offline (kiosk/fleet/waiting.py, set by kiosk/app.py): None: nothing.
        self.offline: OfflineRequests | None = None
        deps.navigator.entered.connect(self._on_screen)
        deps.i18n.changed.connect(self.changed)

    @property
    def pack(self):
        return self._i18n.pack

    @property
    def order(self) -> models.Order | None:
        return self._order

    @property
    def listed(self) -> tuple[models.Order, ...]:
        return self._orders

    # -- what QML shows -------------------------------------------------------------------
    @Property(str, notify=changed)
    def greeting(self) -> str:
        name = self._session.displayName
        return self.pack.fill("orders.greeting", name=name) if name else ""

    @Property(bool, notify=changed)
    def loaded(self) -> bool:
        return self._loaded

    @Property("QVariantList", notify=changed)
    def items(self) -> list[dict]:
        """The whole list: the screen pages it (▲/▼ at whole bookings), the one way to page."""
        return [self._summary(o) for o in self._orders]

    def _summary(self, order: models.Order) -> dict:
        return {"number": order.number, "numberText": wording.order_number(order.number),
                "service": order.service.name, "when": wording.when(self.pack, order.slot.start, order.slot.end),
                "status": order.status.label, "next": wording.next_step(self.pack, order)}  # fmt: skip

    @Property("QVariantMap", notify=changed)
    def detail(self) -> dict:
        return self._summary(self._order) if self._order else {}

    @Property("QVariantList", notify=changed)
    def history(self) -> list[dict]:
        if self._order is None:
            return []
        return [
            {"status": t.status.label,
             "when": f"{wording.date_text(self.pack, t.at.date())} {wording.clock(t.at)}",
             "by": f"{t.actor.label} · {t.channel.label}"}
            for t in self._order.history
        ]  # fmt: skip

    def _allows(self, action: str) -> bool:
        return self._order is not None and action in self._order.actions

    @Property(bool, notify=changed)
    def canCancel(self) -> bool:
        return self._allows("cancel")

    @Property(bool, notify=changed)
    def canReschedule(self) -> bool:
        return self._allows("reschedule")

    @Property(bool, notify=changed)
    def canRate(self) -> bool:
        return self._allows("rate")

    @Property(str, notify=changed)
    def ratingText(self) -> str:
        rating = self._order.rating if self._order else None
        if rating is None:
            return ""
        return " · ".join((rating.score.label, *(t.label for t in rating.tags)))

    @Property(str, notify=changed)
    def messageText(self) -> str:
        return self.pack.text(self._message) if self._message else ""

    @Property(bool, notify=changed)
    def messageIsProblem(self) -> bool:
        return self._message.startswith("orders.refused")

    @Property("QVariantList", notify=changed)
    def faces(self) -> list[dict]:
        return [{"score": n, "text": self.pack.text(f"rate.score.{n}"), "selected": n == self._score}
                for n in SCORES]  # fmt: skip

    @Property("QVariantList", notify=changed)
    def tags(self) -> list[dict]:
        return [{"key": t, "text": self.pack.text(f"rate.tag.{t}"), "selected": t in self._tags}
                for t in RATING_TAGS]  # fmt: skip

    @Property(bool, notify=changed)
    def canSubmitRating(self) -> bool:
        return self._score in SCORES

    # -- what QML calls -------------------------------------------------------------------
    @Slot()
    def refresh(self) -> None:
        self._network.call(lambda client: client.orders(), on_ok=self._listed)

    @Slot(str)
    def open(self, number: str) -> None:
        self._message = ""
        self._network.call(lambda client: client.order(number), on_ok=self._opened)

    @Slot()
    def askCancel(self) -> None:
        if self.canCancel:
            self._intent_key = uuid.uuid4().hex
            self._nav.go(CANCEL)

    @Slot()
    def confirmCancel(self) -> None:
        order, key = self._order, self._intent_key
        if order is None or not key or self._nav.current != CANCEL:
            return
        self._intent_key = ""  # a second tap does nothing; 重试 reuses the call (and its key)
        number = order.number
        self._network.call(lambda client: client.cancel_order(number, idempotency_key=key),
                           on_ok=lambda o: self._changed(o, "orders.cancelled"),
                           on_error=self._refused, handles=(errors.Conflict,),
                           on_dismiss=lambda: setattr(self, "_intent_key", key))  # fmt: skip

    @Slot()
    def reschedule(self) -> None:
        """改约: the booking screens; offline, with something to keep it in, a reschedule
        request is offered instead (staff call to agree a new time)."""
        if not self.canReschedule:
            return
        offline, number = self.offline, self._order.number
        ask = (
            (lambda: offline.offer("reschedule", number)) if offline and offline.canQueue else None
        )
        self._booking.start_reschedule(self._order, on_offline=ask)

    @Slot()
    def openRating(self) -> None:
        if self.canRate:
            self._score, self._tags = 0, ()
            self._intent_key = uuid.uuid4().hex
            self.changed.emit()
            self._nav.go(RATE)

    @Slot(int)
    def chooseScore(self, score: int) -> None:
        if score in SCORES:
            self._score = score
            self.changed.emit()

    @Slot(str)
    def toggleTag(self, tag: str) -> None:
        if tag in RATING_TAGS:
            self._tags = (
                tuple(t for t in self._tags if t != tag)
                if tag in self._tags
                else (*self._tags, tag)
            )
            self.changed.emit()

    @Slot()
    def submitRating(self) -> None:
        order, key, score = self._order, self._intent_key, self._score
        if order is None or not key or score not in SCORES or self._nav.current != RATE:
            return
        self._intent_key = ""
        tags = list(self._tags)
        number = order.number
        offline = self.offline
        waits = (errors.Offline, errors.Timeout) if offline is not None else ()

        def failed(error: errors.ApiError) -> None:
            body = {"number": number, "score": score, "tags": tags}
            # Kept in the outbox (its receipt says what happens next) or refused as it stands.
            if isinstance(error, errors.Conflict) or not offline.keep("rating", body, key, number):
                self._refused(error)

        self._network.call(lambda client: client.rate_order(number, score, tags, idempotency_key=key),
                           on_ok=lambda o: self._changed(o, "orders.rated"),
                           on_error=failed, handles=(errors.Conflict, *waits),
                           on_dismiss=lambda: setattr(self, "_intent_key", key))  # fmt: skip

    def reset(self) -> None:
        self._orders, self._loaded, self._order = (), False, None
        self._message, self._intent_key, self._score, self._tags = "", "", 0, ()
        self.changed.emit()

    # -- internals ------------------------------------------------------------------------
    def _listed(self, orders) -> None:
        self._orders, self._loaded = tuple(orders), True
        self.changed.emit()

    def _opened(self, order: models.Order) -> None:
        self._order = order
        self.changed.emit()
        if self._nav.current != DETAIL:
            self._nav.go(DETAIL)

    def _changed(self, order: models.Order, message: str) -> None:
        """Cancelled or rated: back on the detail, which shows and says the outcome."""
        self._order, self._message = order, message
        self._orders = tuple(order if o.number == order.number else o for o in self._orders)
        self._back_to_detail()

    def _refused(self, error: errors.ApiError) -> None:
        action = "cancel" if self._nav.current == CANCEL else "rate"
        self._message = f"orders.refused.{action}"
        self._back_to_detail()
        if self._order is not None:  # show the state that made the backend say no
            number = self._order.number
            self._network.call(lambda client: client.order(number), on_ok=self._reloaded)

    def _reloaded(self, order: models.Order) -> None:
        self._order = order
        self.changed.emit()

    def _back_to_detail(self) -> None:
        self.changed.emit()
        if self._nav.current in (CANCEL, RATE):
            self._nav.back()
        self._speech.say(self.messageText)

    def _spoken_detail(self, order: models.Order) -> str:
        """The booking read aloud: service, status, when (in words), what happens next."""
        return spoken.fill(self.pack.templates.get("orders.detail_spoken", ""), self._i18n.locale,
                           service=order.service.name, status=order.status.label, start=order.slot.start,
                           next=wording.next_step(self.pack, order))  # fmt: skip

    def _on_screen(self, screen_id: str) -> None:
        previous, self._screen = self._screen, screen_id
        if screen_id == LIST:
            self._message = ""
            self.refresh()
        elif screen_id == DETAIL and self._order is not None:
            # Spoken on entering (and on 重听) instead of the screen's generic instruction.
            instruction = self.pack.screen(DETAIL)["instruction"]
            self._nav.set_dynamic_prompt(instruction, self._spoken_detail(self._order), speak=False)
            if previous not in (LIST, CANCEL, RATE):
                number = (
                    self._order.number
                )  # back from 改约 or elsewhere: show the order as it is now
                self._network.call(lambda client: client.order(number), on_ok=self._reloaded)
