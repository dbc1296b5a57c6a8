"""先留申请: what a senior can leave while the backend cannot be reached (issue 15) — a
**callback request** (the hotline calls back on the phone the backend has for them) from the
offline screen or 呼叫帮助, and a **reschedule request** (staff call to agree a new time)
from 我的预约 when 改约 cannot load the free times. A rating 我的预约 could not send is kept
at once (the senior already pressed 提交评价) and gets the same receipt.

Screens: offline_request (what it does, 先保存申请 / 不用了) → offline_saved (the receipt:
what was saved, that it is sent by itself when the network is back, and that it is void
after 24 h — shown, spoken and printed). The action goes to the outbox through `queue`
(kiosk/fleet/service.py: the visit's deferral grant, nothing identifying on disk); with no
grant (nobody identified while the network was up) nothing can be saved and the senior is
told to call the hotline.
"""

from __future__ import annotations

import datetime as dt
import enum
import uuid
from collections.abc import Callable

from PySide6.QtCore import Property, QEnum, QObject, Signal, Slot

from kiosk.booking import wording
from kiosk.devices.printer import Receipt
from kiosk.fleet.outbox import CST, MAX_AGE
from kiosk.shell.deps import ScreenDeps
from kiosk.shell.printing import PrintJob
from kiosk.shell.registry import qml_singleton

OFFER, SAVED = "offline_request", "offline_saved"
OFFERS = ("callback", "reschedule")  # what the offer screen asks about; ratings are kept at once
WORD_JOINER = "\u2060"  # no line break inside 12月3日
Queue = Callable[[str, dict, str], bool]  # kind, body, Idempotency-Key -> kept?


@qml_singleton
class Waiting(QObject):
    changed = Signal()

    @QEnum
    class State(enum.IntEnum):  # as QML compares them (Waiting.SAVED)
        NONE, OFFERED, SAVED, NOT_SAVED = range(4)

    def __init__(self, deps: ScreenDeps, *, hotline: Callable[[], str], print_job: PrintJob,
                 now: Callable[[], dt.datetime] = lambda: dt.datetime.now(CST)) -> None:  # fmt: skip
        super().__init__(deps.owner)
        self._i18n, self._nav, self._speech = deps.i18n, deps.navigator, deps.speech
        self._session = deps.session
        self._hotline, self._print, self._now = hotline, print_job, now
        self.queue: Queue | None = None  # set by the fleet service; None: no outbox
        self._ready = False  # this visit has a deferral grant
        self._state, self._kind, self._number = self.State.NONE, "", ""
        self._saved_at: dt.datetime | None = None
        print_job.done.connect(self._printed)
        deps.i18n.changed.connect(self.changed)
        deps.session.changed.connect(self.changed)

    def set_ready(self, ready: bool) -> None:
        """The fleet service: this visit has (or no longer has) a grant to queue with."""
        if ready != self._ready:
            self._ready = ready
            self.changed.emit()

    @property
    def _pack(self):
        return self._i18n.pack

    # -- what QML shows -------------------------------------------------------------------
    @Property(bool, notify=changed)
    def canQueue(self) -> bool:
        return self._ready and self.queue is not None

    @Property(str, notify=changed)
    def noCallbackText(self) -> str:
        """Why 请热线给我回电 is not offered: nobody identified (impossible offline), or this
        visit has no grant (asked for at identification; that call failed)."""
        identified = self._session.is_identified()
        return self._pack.text(f"waiting.no_callback.{'no_grant' if identified else 'identify'}")

    @Property(int, notify=changed)
    def state(self) -> int:
        return self._state

    @Property(str, notify=changed)
    def offerText(self) -> str:
        if not self._kind:
            return ""
        return self._pack.fill(f"waiting.offer.{self._kind}", number=self._number_text())

    @Property(str, notify=changed)
    def savedText(self) -> str:
        if not self._kind:
            return ""
        return self._pack.fill(f"waiting.saved.{self._kind}", number=self._number_text())

    @Property(str, notify=changed)
    def nextText(self) -> str:
        """网络恢复后自动提交；24 小时内（…前）未能提交将作废，请致电 … (the date never split
        over two lines)."""
        return self._next(joined=True)

    def _next(self, *, joined: bool) -> str:
        if self._saved_at is None:
            return self._pack.fill("waiting.not_saved", hotline=self._hotline())
        deadline = self._saved_at + MAX_AGE
        day = wording.date_text(self._pack, deadline.date())
        when = f"{WORD_JOINER.join(day) if joined else day} {wording.clock(deadline)}"
        return self._pack.fill("waiting.next", deadline=when, hotline=self._hotline())

    @Property(str, notify=changed)
    def thenText(self) -> str:
        return self._pack.text(f"waiting.then.{self._kind}") if self._kind else ""

    @Property(bool, notify=changed)
    def canPrint(self) -> bool:
        return self._state == self.State.SAVED and self._print.can_print

    @Property(str, notify=changed)
    def printText(self) -> str:
        state = self._print.state
        return self._pack.text(f"booking.print.{state}") if state else ""

    # -- what QML and the other view models call ------------------------------------------
    @Slot()
    def offerCallback(self) -> None:
        self.offer("callback")

    def offer(self, kind: str, number: str = "") -> None:
        """Show what the request does; nothing is kept until 先保存申请."""
        assert kind in OFFERS
        self._state, self._kind, self._number, self._saved_at = (
            self.State.OFFERED,
            kind,
            number,
            None,
        )
        self._print.forget()
        self.changed.emit()
        self._nav.go(OFFER)

    @Slot()
    def save(self) -> None:
        """先保存申请: into the outbox with a key of its own (replayed once), then the receipt."""
        if self._state != self.State.OFFERED or self._nav.current != OFFER:
            return  # a second tap, or 返回 to an offer already saved
        body = {"order_number": self._number} if self._number else {}
        self.keep(self._kind, body, uuid.uuid4().hex, self._number)

    def keep(self, kind: str, body: dict, key: str, number: str = "") -> bool:
        """Queue an action and show its receipt (a rating comes here from 我的预约 with the
        Idempotency-Key its first attempt used); False, showing nothing, when it cannot be kept."""
        kept = self.canQueue and self.queue(kind, body, key)
        if not kept and kind == "rating":
            return False  # 我的预约 says so itself
        self._kind, self._number = kind, number
        self._state = self.State.SAVED if kept else self.State.NOT_SAVED
        self._saved_at = self._now() if kept else None
        self._print.forget()
        self.changed.emit()
        self._nav.restart_at(SAVED)  # 返回 cannot lead back to the offer
        spoken = "\n".join((self.savedText, self.thenText, self._next(joined=False)))
        self._nav.set_dynamic_prompt(self._nav.instruction, spoken)
        return bool(kept)

    @Slot()
    def printReceipt(self) -> None:
        if self.canPrint and self._print.start(self._receipt()):
            self.changed.emit()

    def reset(self) -> None:
        self._state, self._kind, self._number, self._saved_at = self.State.NONE, "", "", None
        self._ready = False
        self._print.forget()
        self.changed.emit()

    # -- internals --------------------------------------------------------------------------
    def _number_text(self) -> str:
        return wording.order_number(self._number) if self._number else ""

    def _receipt(self) -> Receipt:
        pack, at = self._pack, self._saved_at or self._now()
        number = self._number_text() or f"{wording.date_text(pack, at.date())} {wording.clock(at)}"
        label = "waiting.receipt.order" if self._number else "waiting.receipt.time"
        return Receipt(title=pack.text("waiting.receipt.title"), number_label=pack.text(label),
                       number=number, lines=(self.savedText, self.thenText, self._next(joined=False)),
                       qr_png=b"", qr_caption="")  # fmt: skip

    def _printed(self) -> None:
        self.changed.emit()
        self._speech.say(self.printText)
