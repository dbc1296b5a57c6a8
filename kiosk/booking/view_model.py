"""Booking: the view model of the booking screens over flows.booking.

Each step is its own screen (so 返回 steps back and every step is spoken):
booking (service tiles) → booking_day → booking_time → booking_address →
booking_summary → booking_receipt. Backend calls go through Network (off the GUI
thread, with its waiting and 网络暂时不通 states); 重试 resubmits the very same call, with
the same Idempotency-Key. The receipt carries the order's QR code (a PNG made in the
worker, shown as a data URL) and a spoken summary; 打印凭条 prints in a worker too.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Property, QObject, Signal, Slot

from kiosk import qr
from kiosk.api import errors, models
from kiosk.booking import wording
from kiosk.booking.flow import DAYS_SHOWN, BookingFlow, Problem, Step
from kiosk.devices.printer import Printer, Receipt
from kiosk.shell.i18n import I18n
from kiosk.shell.navigator import Navigator
from kiosk.shell.network import Network
from kiosk.shell.paging import Pager
from kiosk.shell.registry import qml_singleton
from kiosk.shell.screens import HOME, IDENTIFY
from kiosk.shell.session import Session
from kiosk.shell.worker import Background
from kiosk.speech import spoken
from kiosk.speech.output import SpeechOutput

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
DEFAULT_PAGE_SIZE = 6  # tiles per page until the screen says how many fit
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
        *,
        i18n: I18n,
        navigator: Navigator,
        network: Network,
        session: Session,
        speech: SpeechOutput,
        printer: Printer,
        today: Callable[[], dt.date] = china_today,
        volunteer_id: Callable[[], str | None] = lambda: None,  # assisted mode (志愿者代办)
        parent: QObject | None = None,
    ):
        super().__init__(parent)
        self._flow = BookingFlow()
        self._i18n, self._nav, self._network = i18n, navigator, network
        self._session, self._speech, self._printer = session, speech, printer
        self._today = today
        self._volunteer_id = volunteer_id
        self._qr_png = b""
        self._print_state = ""  # "" | printing | printed | failed
        self._printing = Background(max_threads=1, parent=self)
        self._screen = ""
        self._pager = Pager(
            DEFAULT_PAGE_SIZE
        )  # the service tiles come in pages that fit the screen
        navigator.entered.connect(self._on_screen)
        i18n.changed.connect(self.changed)

    @property
    def state(self):
        return self._flow.state

    @property
    def pack(self):
        return self._i18n.pack

    # -- what QML shows -------------------------------------------------------------------
    @Property(str, notify=changed)
    def greeting(self) -> str:
        name = self._session.displayName
        return self.pack.fill("booking.greeting", name=name) if name else ""

    @Property("QVariantList", notify=changed)
    def services(self) -> list[dict]:
        """This page's tiles: the catalogue comes in pages so that no tile hides below the fold."""
        chosen = self.state.service.code if self.state.service else ""
        return [
            {"code": s.code, "name": s.name, "description": s.description,
             "icon": self.pack.ui.get(f"booking.icon.{s.icon}", s.name[-1:]),
             "price": wording.service_price(self.pack, s, stacked=True), "selected": s.code == chosen}
            for s in self._pager.items(self.state.services)
        ]  # fmt: skip

    @Property(str, notify=changed)
    def moreText(self) -> str:
        pages = self._pager.pages(len(self.state.services))
        return (
            self.pack.fill("booking.more", page=self._pager.page + 1, pages=pages)
            if pages > 1
            else ""
        )

    @Property(bool, notify=changed)
    def servicesLoaded(self) -> bool:
        return bool(self.state.services)

    @Property(str, notify=changed)
    def serviceName(self) -> str:
        return self.state.service.name if self.state.service else ""

    @Property("QVariantList", notify=changed)
    def days(self) -> list[dict]:
        s, today = self.state, self._today()
        items = []
        for d in s.days:
            parts = wording.day_hint_parts(self.pack, d, today)
            if not s.day_has_places(d):
                parts.append(self.pack.text("booking.full"))
            # One line (星期三 · 12月2日) where it fits, one part per line at 特大.
            items.append({"iso": d.isoformat(), "title": wording.day_title(self.pack, d, today),
                          "hint": " · ".join(parts), "hintStacked": "\n".join(parts),
                          "enabled": s.day_has_places(d), "selected": d == s.day})  # fmt: skip
        return items

    @Property(str, notify=changed)
    def dayText(self) -> str:
        d = self.state.day
        if d is None:
            return ""
        return f"{wording.day_title(self.pack, d, self._today())} · {wording.day_hint(self.pack, d, self._today())}"

    def _slot_item(self, slot: models.Slot, *, full_date: bool = False) -> dict:
        # Under a 上午/下午 heading the clock times say enough; offered elsewhere, the full date.
        text = (
            wording.when(self.pack, slot.start, slot.end)
            if full_date
            else wording.clock_range(slot.start, slot.end)
        )
        return {
            "id": slot.id,
            "text": text,
            "hint": wording.places(self.pack, slot),
            "enabled": slot.available > 0,
            "selected": self.state.slot is not None and slot.id == self.state.slot.id,
        }

    def _half_day(self, morning: bool) -> list[dict]:
        s = self.state
        if s.day is None:
            return []
        return [
            self._slot_item(x)
            for x in s.slots_on(s.day)
            if (x.start.hour < wording.NOON) == morning
        ]

    @Property("QVariantList", notify=changed)
    def morning(self) -> list[dict]:
        return self._half_day(True)

    @Property("QVariantList", notify=changed)
    def afternoon(self) -> list[dict]:
        return self._half_day(False)

    @Property(str, notify=changed)
    def addressText(self) -> str:
        citizen = self._session.citizen
        return citizen.address_masked if citizen else ""

    @Property("QVariantList", notify=changed)
    def summary(self) -> list[dict]:
        s, p = self.state, self.pack
        if s.service is None:
            return []
        rows = [("booking.row.service", s.service.name)]
        if s.slot is not None and s.reschedule_of is not None:  # 改约: 原时间 → 新时间
            old = s.reschedule_of.slot
            rows.append(("booking.row.when", p.fill("booking.move", old=wording.when(p, old.start, old.end), new=wording.when(p, s.slot.start, s.slot.end))))  # fmt: skip
        elif s.slot is not None:
            rows.append(("booking.row.when", wording.when(p, s.slot.start, s.slot.end)))
        rows.append(
            (
                "booking.row.address",
                self.addressText if s.reschedule_of is None else s.reschedule_of.address_masked,
            )
        )
        if s.reschedule_of is not None:
            rows.append(("booking.row.number", wording.order_number(s.reschedule_of.number)))
        else:
            rows.append(("booking.row.price", wording.service_price(p, s.service)))
        return [{"label": p.text(key), "value": value} for key, value in rows]

    @Property(str, notify=changed)
    def problemText(self) -> str:
        s = self.state
        if s.problem is Problem.SLOT_FULL and s.lost is not None:
            return self.pack.fill(
                "booking.lost", when=wording.when(self.pack, s.lost.start, s.lost.end)
            )
        return self.pack.text(f"booking.problem.{s.problem.value}") if s.problem else ""

    @Property("QVariantList", notify=changed)
    def alternatives(self) -> list[dict]:
        return [self._slot_item(x, full_date=True) for x in self.state.alternatives]

    @Property(bool, notify=changed)
    def canSubmit(self) -> bool:
        s = self.state
        return s.step is Step.SUMMARY and s.slot is not None and s.problem is None

    @Property(bool, notify=changed)
    def rescheduling(self) -> bool:
        return self.state.reschedule_of is not None

    @Property(str, notify=changed)
    def doneText(self) -> str:
        return self.pack.text("booking.rescheduled" if self.rescheduling else "booking.booked")

    @Property(str, notify=changed)
    def numberText(self) -> str:
        order = self.state.order
        return wording.order_number(order.number) if order else ""

    @Property(str, notify=changed)
    def receiptWhen(self) -> str:
        order = self.state.order
        return (
            f"{order.service.name} · {wording.when(self.pack, order.slot.start, order.slot.end)}"
            if order
            else ""
        )

    @Property(str, notify=changed)
    def nextText(self) -> str:
        order = self.state.order
        return (
            self.pack.fill(
                "booking.next", when=wording.when(self.pack, order.slot.start, order.slot.end)
            )
            if order
            else ""
        )

    @Property(str, notify=changed)
    def qrSource(self) -> str:
        return qr.data_url(self._qr_png) if self._qr_png else ""

    @Property(str, notify=changed)
    def printText(self) -> str:
        return self.pack.text(f"booking.print.{self._print_state}") if self._print_state else ""

    @Property(bool, notify=changed)
    def printing(self) -> bool:
        return self._print_state == "printing"

    def spoken_summary(self) -> str:
        """The receipt read aloud: dates, times, money and the number put into words."""
        order = self.state.order
        if order is None:
            return ""
        template = self.pack.templates.get("booking.receipt_spoken", "")
        return spoken.fill(
            template,
            self._i18n.locale,
            service=order.service.name,
            start=order.slot.start,
            you_pay_fen=order.you_pay_fen,
            number=order.number,
        )

    # -- what QML calls -------------------------------------------------------------------
    @Slot(int)
    def setPageSize(self, size: int) -> None:
        """How many tiles the service screen shows at once in its current layout (text size,
        orientation), so that no tile hides below the fold."""
        if self._pager.resize(size):
            self.changed.emit()

    @Slot()
    def nextPage(self) -> None:
        """更多服务: the next page of tiles (after the last, the first again)."""
        self._pager.next(len(self.state.services))
        self.changed.emit()

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

    @Slot()
    def printReceipt(self) -> None:
        order = self.state.order
        if order is None or self._print_state == "printing":
            return
        receipt = self._receipt(order)
        self._print_state = "printing"
        self.changed.emit()
        self._printing.submit(lambda: self._printer.print_receipt(receipt), self._printed)

    def start_reschedule(self, order: models.Order) -> None:
        """改约 from my bookings: same service, a new day and time, the same order number."""
        self._clear_receipt()
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

        self._network.call(load, on_ok=loaded)

    def reset(self) -> None:
        self._flow.reset()
        self._clear_receipt()
        self._screen = ""
        self._pager.reset()
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
        self._qr_png = png
        self._print_state = ""
        self.changed.emit()
        self._nav.restart_at(_SCREEN_OF[Step.RECEIPT])  # speaks the summary (see _on_screen)

    def _refused(self, error: errors.ApiError) -> None:
        if error.code == "slot_full":
            self._apply(self._flow.slot_taken)
            self._nav.set_step_prompt("booking.slot_full")
            self._load_slots(then=None)  # the next free times are offered on the summary
        else:
            self._apply(self._flow.refused)
            self._speech.say(self.problemText)

    def _receipt(self, order: models.Order) -> Receipt:
        p = self.pack
        lines = (
            f"{p.text('booking.row.service')}：{order.service.name}",
            f"{p.text('booking.row.when')}：{wording.when(p, order.slot.start, order.slot.end)}",
            f"{p.text('booking.row.address')}：{order.address_masked}",
            f"{p.text('booking.row.price')}：{wording.price_line(p, order.you_pay_fen, order.subsidy_fen)}",
            self.nextText,
        )
        return Receipt(title=p.text("booking.receipt.title"), number_label=p.text("booking.receipt.number"),
                       number=wording.order_number(order.number), lines=lines, qr_png=self._qr_png,
                       qr_caption=p.text("booking.receipt.qr"))  # fmt: skip

    def _printed(self, _result: object, error: BaseException | None) -> None:
        if self.state.order is None:  # the session ended meanwhile
            return
        self._print_state = "failed" if error is not None else "printed"
        self.changed.emit()
        self._speech.say(self.printText)

    def _clear_receipt(self) -> None:
        self._qr_png = b""
        self._print_state = ""

    def _on_screen(self, screen_id: str) -> None:
        previous, self._screen = self._screen, screen_id
        step = SCREENS.get(screen_id)
        if step is None:
            return
        if step is Step.SERVICE and previous in _STARTS:
            self._flow.reset()  # a new booking from home
            self._clear_receipt()
            self._pager.reset()
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
