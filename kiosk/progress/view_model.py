"""Progress: the application list and detail screens' view model over flows.progress.

Entering the list fetches the citizen's applications (off the GUI thread); tapping one
fetches its detail and QR code and shows the timeline. The sentence on what is happening
now becomes the detail screen's instruction (shown, and spoken with dates in words);
the materials and money screens do the same with their own sentence. 打印 prints a
large-print slip with the QR code on the receipt printer, in a worker.
"""

from __future__ import annotations

import dataclasses
import enum

from PySide6.QtCore import Property, QEnum, QObject, Signal, Slot

from kiosk.api import errors, models
from kiosk.devices.printer import Receipt
from kiosk.progress import flow as progress
from kiosk.qr import data_url, qr_png
from kiosk.shell.deps import ScreenDeps
from kiosk.shell.printing import PrintJob
from kiosk.shell.registry import qml_singleton

LIST = "progress"
DETAIL = "progress_detail"
MATERIALS = "progress_materials"
MONEY = "progress_money"
QR = "progress_qr"
SCREENS = (LIST, DETAIL, MATERIALS, MONEY, QR)


def _rows(items) -> list[dict]:
    return [dataclasses.asdict(item) for item in items]


@qml_singleton
class Progress(QObject):
    changed = Signal()

    @QEnum
    class Stage(enum.IntEnum):  # a timeline row's "state", compared in QML as Progress.CURRENT
        DONE, CURRENT, LATER = range(3)

    def __init__(self, deps: ScreenDeps, *, print_job: PrintJob):
        super().__init__(deps.owner)
        self._i18n, self._nav = deps.i18n, deps.navigator
        self._network, self._speech = deps.network, deps.speech
        self._print = print_job
        print_job.done.connect(self._printed)
        self._apps: list[models.ApplicationSummary] | None = None
        self._detail: models.ApplicationDetail | None = None
        self._view: progress.DetailView | None = None
        self._qr = b""
        self._problem = ""  # ui key
        self._amounts_shown = False  # 显示金额 tapped on this visit to the money screen
        deps.navigator.entered.connect(self._on_screen)
        deps.i18n.changed.connect(self._on_locale)

    # -- list -----------------------------------------------------------------------------
    @Property(bool, notify=changed)
    def listReady(self) -> bool:
        return self._apps is not None

    @Property(bool, notify=changed)
    def empty(self) -> bool:
        return self._apps == []

    @Property("QVariantList", notify=changed)
    def rows(self) -> list[dict]:
        rows = progress.list_rows(self._apps or [], self._i18n.pack)
        return [{"number": r.number, "title": r.title, "hint": "\n".join(r.lines),
                 "lines": list(r.lines), "needsAction": r.needs_action} for r in rows]  # fmt: skip

    @Property(str, notify=changed)
    def problemText(self) -> str:
        return self._i18n.pack.text(self._problem) if self._problem else ""

    # -- detail ---------------------------------------------------------------------------
    @property
    def detail(self) -> models.ApplicationDetail | None:
        return self._detail

    @Property(str, notify=changed)
    def title(self) -> str:
        return self._view.title if self._view else ""

    @Property(str, notify=changed)
    def numberText(self) -> str:
        return self._view.number_text if self._view else ""

    @Property(str, notify=changed)
    def nowText(self) -> str:
        return self._view.now.shown if self._view else ""

    @Property("QVariantList", notify=changed)
    def timeline(self) -> list[dict]:
        rows = _rows(self._view.timeline) if self._view else []
        return [{**row, "state": int(Progress.Stage[row["state"].upper()])} for row in rows]

    @Property(bool, notify=changed)
    def hasMaterials(self) -> bool:
        return bool(self._view and self._view.materials)

    @Property(str, notify=changed)
    def materialsButton(self) -> str:
        count = len(self._view.materials) if self._view else 0
        return self._i18n.pack.fill("progress.materials.button", count=count)

    @Property("QVariantList", notify=changed)
    def materials(self) -> list[dict]:
        return _rows(self._view.materials) if self._view else []

    @Property(bool, notify=changed)
    def hasMoney(self) -> bool:
        return bool(self._view and self._view.has_money)

    @Property(str, notify=changed)
    def decisionText(self) -> str:
        return self._view.decision if self._view else ""

    @Property(str, notify=changed)
    def amountText(self) -> str:
        return self._view.amount if self._view else ""

    @Property(bool, notify=changed)
    def amountsShown(self) -> bool:
        """Amounts are shown and spoken only after 显示金额 (someone may stand behind)."""
        return self._amounts_shown

    @Slot()
    def showAmounts(self) -> None:
        self._amounts_shown = True
        self.changed.emit()
        if self._view is not None:
            said = self._view.money_prompt
            self._nav.set_dynamic_prompt(said.shown, said.spoken)

    @Property("QVariantList", notify=changed)
    def payments(self) -> list[dict]:
        return _rows(self._view.payments) if self._view else []

    @Property(str, notify=changed)
    def qrImage(self) -> str:
        return data_url(self._qr) if self._qr else ""

    @Property(bool, notify=changed)
    def canPrint(self) -> bool:
        return self._view is not None and self._print.can_print

    @Property(str, notify=changed)
    def printText(self) -> str:
        state = self._print.state
        return self._i18n.pack.text(f"progress.print.{state}") if state else ""

    # -- actions --------------------------------------------------------------------------
    @Slot(str)
    def choose(self, number: str) -> None:
        """Show one application (from the list, or a number said or typed)."""

        def fetch(client):
            detail = client.application(number)
            return detail, qr_png(detail.public_url)  # the QR is drawn in the worker too

        self._set_problem("")
        self._network.call(
            fetch, on_ok=self._opened, on_error=self._not_found, handles=(errors.NotFound,)
        )

    @Slot()
    def printSlip(self) -> None:
        if self.canPrint and self._print.start(self._receipt()):
            self.changed.emit()

    def reset(self) -> None:
        """Session end: nothing about the citizen stays."""
        self._apps, self._detail, self._view, self._qr = None, None, None, b""
        self._problem, self._amounts_shown = "", False
        self._print.forget()
        self.changed.emit()

    def wait_printing(self, timeout_ms: int = 30_000) -> bool:
        return self._print.wait(timeout_ms)

    # -- internals ------------------------------------------------------------------------
    def _load_list(self) -> None:
        self._network.call(lambda client: client.applications(), on_ok=self._listed)

    def _listed(self, result: object) -> None:
        apps = list(result)  # type: ignore[arg-type]
        first = self._apps is None
        self._apps = apps
        self.changed.emit()
        if self._nav.current == LIST:
            said = progress.list_prompt(apps, self._i18n.pack)
            self._nav.set_dynamic_prompt(said.shown, said.spoken, speak=first)

    def _opened(self, result: object) -> None:
        detail, png = result  # type: ignore[misc]
        self._detail, self._qr = detail, png
        self._print.forget()
        self._view = progress.detail_view(detail, self._i18n.pack)
        self.changed.emit()
        if self._nav.current == DETAIL:
            self._nav.set_dynamic_prompt(self._view.now.shown, self._view.now.spoken)
        else:
            self._nav.go(DETAIL)

    def _not_found(self, error: errors.ApiError) -> None:
        self._set_problem("progress.not_found")
        self._speech.say(self.problemText)

    def _set_problem(self, key: str) -> None:
        if key != self._problem:
            self._problem = key
            self.changed.emit()

    def _printed(self) -> None:
        self.changed.emit()
        self._speech.say(self.printText)

    def _receipt(self) -> Receipt:
        pack, view = self._i18n.pack, self._view
        assert view is not None
        current = next((row for row in view.timeline if row.state == "current"), None)
        lines = [pack.fill("progress.list.stage", stage=current.label)] if current else []
        lines.append(view.now.shown)
        return Receipt(
            title=view.title,
            number_label=pack.text("progress.number_label"),
            number=view.number,
            lines=tuple(lines),
            qr_png=self._qr,
            qr_caption=pack.text("progress.qr.caption"),
        )

    def _prompt_for(self, screen_id: str) -> progress.Said | None:
        pack = self._i18n.pack
        if screen_id == LIST and self._apps is not None:
            return progress.list_prompt(self._apps, pack)
        if self._view is None:
            return None
        money = self._view.money_prompt if self._amounts_shown else self._view.money_prompt_hidden
        return {DETAIL: self._view.now, MATERIALS: self._view.materials_prompt,
                MONEY: money}.get(screen_id)  # fmt: skip

    def _on_screen(self, screen_id: str) -> None:
        if screen_id not in SCREENS:
            return
        if screen_id == MONEY and not self._nav.returning:
            self._amounts_shown = False  # hidden again each time the screen is opened
            self.changed.emit()
        said = self._prompt_for(screen_id)
        if said is not None:  # before the navigator speaks: it speaks this instead
            self._nav.set_dynamic_prompt(said.shown, said.spoken, speak=False)
        if screen_id == LIST:
            self._set_problem("")
            self._load_list()

    def _on_locale(self) -> None:
        if self._detail is not None:
            self._view = progress.detail_view(self._detail, self._i18n.pack)
        self.changed.emit()
        said = self._prompt_for(self._nav.current)
        if said is not None:
            self._nav.set_dynamic_prompt(said.shown, said.spoken, speak=False)
