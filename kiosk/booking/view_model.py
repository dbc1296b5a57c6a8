"""Booking: the view model of the booking screens over kiosk/booking/flow.py.

Each step is its own screen (so 返回 steps back and every step is spoken):
booking (service tiles) → booking_day → booking_time → booking_address →
booking_summary → booking_receipt. Backend calls go through Network (off the GUI
thread, with its waiting and 网络暂时不通 states); 重试 resubmits the very same call, with
the same Idempotency-Key. What the screens show is worked out by derive.py; the receipt
screen (number, QR code, 打印凭条) is BookingReceipt's (receipt.py).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Property, QObject, Signal, Slot

from kiosk import qr
from kiosk.api import errors, models
from kiosk.booking.derive import (
    derive_alternatives,
    derive_can_submit,
    derive_day_text,
    derive_days,
    derive_half_day,
    derive_problem,
    derive_services,
    derive_spoken_summary,
    derive_summary,
)
from kiosk.booking.flow import DAYS_SHOWN, BookingFlow, Problem, Step
from kiosk.booking.receipt import BookingReceipt
from kiosk.shell.deps import ScreenDeps
from kiosk.shell.registry import qml_singleton
from kiosk.shell.screens import HOME, IDENTIFY

CHINA = dt.timezone(dt.timedelta(hours=8))  # the backend's dates are China local dates

SCREENS = {
    "booking": Step.SERVICE,
    "booking_day": Step.DAY,
    "booking_time": Step.TIME,
    "booking_address": Step.ADDRESS,
    "booking_summary": Step.SUMMARY,
    "booking_receipt": Step.RECEIPT,
}
_SCREEN_OF = {step: screen for screen, step in SCREENS.items()}
_ORDER = list(Step)
_STARTS = ("", HOME, IDENTIFY)  # entering the service tiles from these starts a new booking


def china_today() -> dt.date:
    return dt.datetime.now(CHINA).date()


def _with_qr(order: models.Order) -> tuple[models.Order, bytes]:
    """Runs in the worker: the QR code of the order's public page, made off the GUI thread."""
    return order, qr.qr_png(order.public_url)


@qml_singleton
class Booking(QObject):
    changed = Signal()

    def __init__(
        self,
        deps: ScreenDeps,
        *,
        receipt: BookingReceipt,
        today: Callable[[], dt.date] = china_today,
        volunteer_id: Callable[[], str | None] = lambda: None,  # assisted mode (志愿者代办)
    ):
        super().__init__(deps.owner)
        self._flow = BookingFlow()
        self._i18n, self._nav, self._network = deps.i18n, deps.navigator, deps.network
        self._session, self._speech = deps.session, deps.speech
        self.receipt = receipt
        self._today = today
        self._volunteer_id = volunteer_id
        self._screen = ""
        deps.navigator.entered.connect(self._on_screen)
        deps.i18n.changed.connect(self.changed)

    @property
    def state(self):
        return self._flow.state

    @property
    def pack(self):
        return self._i18n.pack

    # -- what QML shows (derive.py works each out) --------------------------------------
    @Property(str, notify=changed)
    def greeting(self) -> str:
        name = self._session.displayName
        return self.pack.fill("booking.greeting", name=name) if name else ""

    @Property("QVariantList", notify=changed)
    def services(self) -> list[dict]:
        """Every tile: the screen pages them (▲/▼ at whole rows), its one way to page."""
        return derive_services(self.pack, self.state, self.state.services)

    @Property(bool, notify=changed)
    def servicesLoaded(self) -> bool:
        return bool(self.state.services)

    @Property(str, notify=changed)
    def serviceName(self) -> str:
        return self.state.service.name if self.state.service else ""

    @Property("QVariantList", notify=changed)
    def days(self) -> list[dict]:
        return derive_days(self.pack, self.state, self._today())

    @Property(str, notify=changed)
    def dayText(self) -> str:
        return derive_day_text(self.pack, self.state, self._today())

    @Property("QVariantList", notify=changed)
    def morning(self) -> list[dict]:
        return derive_half_day(self.pack, self.state, morning=True)

    @Property("QVariantList", notify=changed)
    def afternoon(self) -> list[dict]:
        return derive_half_day(self.pack, self.state, morning=False)

    @Property(str, notify=changed)
    def addressText(self) -> str:
        citizen = self._session.citizen
        return citizen.address_masked if citizen else ""

    @Property("QVariantList", notify=changed)
    def summary(self) -> list[dict]:
        return derive_summary(self.pack, self.state, self.addressText)

    @Property(str, notify=changed)
    def problemText(self) -> str:
        return derive_problem(self.pack, self.state)

    @Property("QVariantList", notify=changed)
    def alternatives(self) -> list[dict]:
        return derive_alternatives(self.pack, self.state)

    @Property(bool, notify=changed)
    def canSubmit(self) -> bool:
        return derive_can_submit(self.state)

    @Property(bool, notify=changed)
    def rescheduling(self) -> bool:
        return self.state.reschedule_of is not None

    def spoken_summary(self) -> str:
        """The receipt read aloud: dates, times, money and the number put into words."""
        return derive_spoken_summary(self.pack, self._i18n.locale, self.state.order)

    # -- what QML calls -------------------------------------------------------------------
    @Slot(str)
    def chooseService(self, code: str) -> None:
        s = self._apply(self._flow.choose_service, code)
        if s.service is None or s.service.code != code:
            return
        self._load_slots(then=Step.DAY)  # always fresh: places go while the senior reads

    @Slot(str)
    def chooseDay(self, iso: str) -> None:
        try:
            day = dt.date.fromisoformat(iso)
        except ValueError:
            return
        if self._apply(self._flow.choose_day, day).step is Step.TIME:
            self._go(Step.TIME)

    @Slot(int)
    def chooseSlot(self, slot_id: int) -> None:
        before = self.state
        after = self._apply(self._flow.choose_slot, slot_id)
        if after.step is not before.step:
            self._go(after.step)
        elif before.problem is Problem.SLOT_FULL and after.problem is None:
            self._nav.set_step_prompt(None)  # back to the summary's own prompt

    @Slot()
    def confirmAddress(self) -> None:
        if self._apply(self._flow.confirm_address).step is Step.SUMMARY:
            self._go(Step.SUMMARY)

    @Slot()
    def submit(self) -> None:
        before = self.state
        s = self._apply(self._flow.submit)
        if s is before or s.step is not Step.SUBMITTING:
            return
        key, slot_id = s.idempotency_key, s.slot.id
        if s.reschedule_of is not None:
            number = s.reschedule_of.number

            def call(client):
                return _with_qr(client.reschedule_order(number, slot_id, idempotency_key=key))
        else:
            volunteer = self._volunteer_id()
            booked_by = "volunteer" if volunteer else "self"

            def call(client):
                return _with_qr(
                    client.create_order(
                        slot_id, idempotency_key=key, booked_by=booked_by, volunteer_id=volunteer
                    )
                )

        # Offline at 确认预约 the booking may or may not have reached the backend: never shown as
        # confirmed, the failure says 待确认 and what happens next (issue 15).
        self._network.call(call, on_ok=self._booked, on_error=self._refused, handles=(errors.Conflict,),
                           on_dismiss=lambda: self._apply(self._flow.interrupted),
                           failure_body="booking.unconfirmed")  # fmt: skip

    def start_reschedule(
        self, order: models.Order, *, on_offline: Callable[[], None] | None = None
    ) -> None:
        """改约 from my bookings: same service, a new day and time, the same order number.
        on_offline: what to do instead when the free times cannot be loaded (no network)."""
        self.receipt.clear()
        self._flow.reset()
        code, first = order.service.code, self._first_day()

        def load(client):
            service = next((s for s in client.services() if s.code == code), None)
            if service is None:
                raise errors.NotFound(code="not_found", message="service")
            return service, client.slots(code, first, DAYS_SHOWN)

        def loaded(result) -> None:
            service, slots = result
            self._flow.start_reschedule(order, service)
            self._apply(self._flow.slots_loaded, first, slots)
            self._go(Step.DAY)

        if on_offline is None:
            self._network.call(load, on_ok=loaded)
            return
        self._network.call(load, on_ok=loaded, on_error=lambda _error: on_offline(),
                           handles=(errors.Offline, errors.Timeout))  # fmt: skip

    def reset(self) -> None:
        self._flow.reset()
        self.receipt.clear()
        self._screen = ""
        self.changed.emit()

    # -- internals ------------------------------------------------------------------------
    def _apply(self, action, *args):
        before = self._flow.state
        after = action(*args)
        if after != before:
            self.changed.emit()
        return after

    def _first_day(self) -> dt.date:
        return self._today() + dt.timedelta(days=1)  # home visits are booked from tomorrow on

    def _load_slots(self, *, then: Step | None) -> None:
        code, first = self.state.service.code, self._first_day()

        def loaded(slots) -> None:
            self._apply(self._flow.slots_loaded, first, slots)
            if then is not None and self._screen == _SCREEN_OF[Step.SERVICE]:
                self._go(then)

        self._network.call(lambda client: client.slots(code, first, DAYS_SHOWN), on_ok=loaded)

    def _go(self, step: Step) -> None:
        self._nav.go(_SCREEN_OF[step])

    def _booked(self, result) -> None:
        order, png = result
        if self._apply(self._flow.submitted, order).step is not Step.RECEIPT:
            return
        self.receipt.show(order, png, rescheduled=self.rescheduling)
        self._nav.restart_at(_SCREEN_OF[Step.RECEIPT])  # speaks the summary (see _on_screen)

    def _refused(self, error: errors.ApiError) -> None:
        if error.code == "slot_full":
            self._apply(self._flow.slot_taken)
            self._nav.set_step_prompt("booking.slot_full")
            self._load_slots(then=None)  # the next free times are offered on the summary
        else:
            self._apply(self._flow.refused)
            self._speech.say(self.problemText)

    def _on_screen(self, screen_id: str) -> None:
        previous, self._screen = self._screen, screen_id
        step = SCREENS.get(screen_id)
        if step is None:
            return
        if step is Step.SERVICE and previous in _STARTS:
            self._flow.reset()  # a new booking from home
            self.receipt.clear()
            self.changed.emit()
            self._network.call(
                lambda client: client.services(),
                on_ok=lambda services: self._apply(self._flow.services_loaded, services),
            )
            return
        if _ORDER.index(step) < _ORDER.index(self.state.step):
            self._apply(self._flow.went_back, step)
        if step is Step.SUMMARY and self.rescheduling:  # the words match the button: 确认改约
            self._nav.set_step_prompt("booking.summary_move", speak=False)
        if step is Step.RECEIPT and self.state.order is not None:
            # The receipt is read aloud on entering and on 重听: what, when, cost, number.
            instruction = self.pack.screen(screen_id)["instruction"]
            separator = "" if self._i18n.locale.startswith("zh") else " "
            self._nav.set_dynamic_prompt(
                instruction, self.spoken_summary() + separator + instruction, speak=False
            )
