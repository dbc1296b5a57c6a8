"""我能享受哪些补贴？: the question and results screens' view model over benefits.flow.

Entering the question screen screens the identified citizen with what is on record; while
a question still matters (at most five) it is shown and spoken, one per screen, answered
是 / 不是 / 不知道; then the final screening gives the results (kept by the backend for the
slip's QR page) and the results screen speaks each line. After identification for any
task, a policy likely from the record gives home one gentle line, once per visit.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from PySide6.QtCore import Property, QObject, Signal, Slot

from kiosk.api import errors
from kiosk.api.benefits_models import Hint, Screening
from kiosk.benefits import flow
from kiosk.devices.printer import Receipt
from kiosk.qr import data_url, qr_png
from kiosk.shell.deps import ScreenDeps
from kiosk.shell.printing import PrintJob
from kiosk.shell.registry import qml_singleton
from kiosk.shell.screens import HOME

QUESTION = "benefits"
RESULTS = "benefits_results"


@qml_singleton
class Benefits(QObject):
    changed = Signal()

    def __init__(self, deps: ScreenDeps, *, print_job: PrintJob):
        super().__init__(deps.owner)
        self._i18n, self._nav, self._network = deps.i18n, deps.navigator, deps.network
        self._session, self._speech, self._print = deps.session, deps.speech, print_job
        navigator, i18n = deps.navigator, deps.i18n
        self._answers: dict[str, str] = {}
        self._screening: Screening | None = None
        self._view: flow.ResultsView | None = None
        self._qr = b""
        self._amounts_shown = False  # 显示金额 tapped for these results
        self._hint: Hint | None = None  # asked once per visit, after identification
        self._hint_state = ""  # "" | shown (on home now) | done (seen and left, or used)
        navigator.entered.connect(self._on_screen)
        i18n.changed.connect(self._refresh)
        print_job.done.connect(self._printed)

    # -- question screen ------------------------------------------------------------------
    @Property(bool, notify=changed)
    def asking(self) -> bool:
        return self._screening is not None and self._screening.next_question is not None

    @Property(str, notify=changed)
    def questionText(self) -> str:
        return self._screening.next_question.text if self.asking else ""

    # -- results screen -------------------------------------------------------------------
    @Property("QVariantList", notify=changed)
    def lines(self) -> list[dict]:
        return [dataclasses.asdict(x) for x in self._view.lines] if self._view else []

    @Property(bool, notify=changed)
    def hasAmounts(self) -> bool:
        return self._view is not None and self._view.has_amounts

    @Property(bool, notify=changed)
    def amountsShown(self) -> bool:
        """Amounts are shown and spoken only after 显示金额 (someone may stand behind)."""
        return self._amounts_shown

    @Property(bool, notify=changed)
    def noLines(self) -> bool:
        return self._view is not None and not self._view.lines

    @Property("QVariantList", notify=changed)
    def brief(self) -> list[str]:
        return list(self._view.brief) if self._view else []

    @Property(str, notify=changed)
    def bringText(self) -> str:
        return self._view.bring if self._view else ""

    @Property("QVariantList", notify=changed)
    def whereLines(self) -> list[str]:
        return list(self._view.where) if self._view else []

    @Property(str, notify=changed)
    def qrImage(self) -> str:
        return data_url(self._qr) if self._qr else ""

    @Property(bool, notify=changed)
    def canPrint(self) -> bool:
        return bool(self._qr) and self._print.can_print

    @Property(str, notify=changed)
    def printText(self) -> str:
        state = self._print.state
        return self._i18n.pack.text(f"benefits.print.{state}") if state else ""

    # -- home's gentle line ---------------------------------------------------------------
    @Property(str, notify=changed)
    def hintLine(self) -> str:
        if self._hint is None or self._hint_state == "done":
            return ""
        return flow.hint_line(self._hint.short_name, self._i18n.pack)

    # -- actions --------------------------------------------------------------------------
    @Slot(str)
    def answer(self, answer: str) -> None:
        """是 = "yes", 不是 = "no", 不知道 = "dont_know" to the question on screen."""
        if not self.asking or answer not in flow.ANSWERS:
            return
        self._answers[self._screening.next_question.code] = answer
        self._screen(final=False)

    @Slot()
    def openFromHint(self) -> None:
        self._hint_state = "done"
        self.changed.emit()
        self._nav.go(QUESTION)

    @Slot()
    def showAmounts(self) -> None:
        if self._view is None or self._amounts_shown:
            return
        self._amounts_shown = True
        self.changed.emit()
        self._nav.set_dynamic_prompt(self._view.prompt.shown, self._view.prompt.spoken)

    @Slot()
    def printSlip(self) -> None:
        if self.canPrint and self._print.start(self._receipt()):
            self.changed.emit()

    def reset(self) -> None:
        """Session end: nothing about the citizen stays."""
        self._answers, self._screening, self._view, self._qr = {}, None, None, b""
        self._amounts_shown = False
        self._hint, self._hint_state = None, ""
        self._print.forget()
        self.changed.emit()

    # -- internals ------------------------------------------------------------------------
    def _screen(self, *, final: bool) -> None:
        answers = dict(self._answers)
        self._network.call(
            lambda client: client.benefits_screening(answers, final=final),
            on_ok=self._finished if final else self._screened,
        )

    def _screened(self, result: object) -> None:
        self._screening = result  # type: ignore[assignment]
        self.changed.emit()
        if self.asking:
            said = flow.question_prompt(self._screening, len(self._answers), self._i18n.pack)
            self._nav.set_dynamic_prompt(said.shown, said.spoken)
        else:
            self._screen(final=True)

    def _finished(self, result: object) -> None:
        screening: Screening = result  # type: ignore[assignment]
        self._screening = dataclasses.replace(screening, next_question=None)
        self._view = flow.results_view(screening, self._i18n.pack)
        self._qr = qr_png(screening.public_url) if screening.public_url else b""
        self._amounts_shown = False
        self._print.forget()
        self.changed.emit()
        self._nav.restart_at(RESULTS)  # 返回 leads home, not into the answered questions

    def _results_prompt(self) -> flow.Said:
        return self._view.prompt if self._amounts_shown else self._view.prompt_hidden

    def _receipt(self) -> Receipt:
        pack, screening = self._i18n.pack, self._screening
        day: dt.date = screening.screened_on
        return Receipt(
            title=pack.text("benefits.slip.title"),
            number_label=pack.text("benefits.slip.date_label"),
            number=day.isoformat(),
            lines=flow.slip_lines(self._view, screening.display_name, pack),
            qr_png=self._qr,
            qr_caption=pack.text("benefits.qr.caption"),
        )

    def _printed(self) -> None:
        self.changed.emit()
        self._speech.say(self.printText)

    def _on_screen(self, screen_id: str) -> None:
        if screen_id == QUESTION:
            self._answers, self._screening, self._view, self._qr = {}, None, None, b""
            self._hint_state = "done"  # the citizen is looking already
            self.changed.emit()
            self._screen(final=False)
        elif screen_id == RESULTS and self._view is not None:
            said = self._results_prompt()  # spoken by the navigator on entering
            self._nav.set_dynamic_prompt(said.shown, said.spoken, speak=False)
        self._track_hint(screen_id)

    def _track_hint(self, screen_id: str) -> None:
        """Asked when an identified citizen first comes home (so it never delays the task they
        came for); the line shows until they have seen it there and gone elsewhere."""
        if screen_id == HOME and self._session.is_identified() and self._hint is None:
            self._hint = Hint(None, None)  # asked: once per visit
            # Not quiet (a quiet call's answer is dropped), but a failure only means no line.
            self._network.call(lambda client: client.benefits_hint(), on_ok=self._hinted,
                               on_error=lambda _error: None, handles=(errors.ApiError,))  # fmt: skip
        if not self.hintLine:
            return
        if screen_id == HOME:
            self._hint_state = "shown"
        elif self._hint_state == "shown":
            self._hint_state = "done"
            self.changed.emit()

    def _hinted(self, result: object) -> None:
        self._hint = result  # type: ignore[assignment]
        if self._nav.current == HOME and self.hintLine:
            self._hint_state = "shown"
        self.changed.emit()

    def _refresh(self) -> None:
        if self._screening is not None and self._view is not None:
            self._view = flow.results_view(self._screening, self._i18n.pack)
        self.changed.emit()
        if self._nav.current == RESULTS and self._view is not None:
            said = self._results_prompt()
            self._nav.set_dynamic_prompt(said.shown, said.spoken, speak=False)
        elif self._nav.current == QUESTION and self.asking:
            said = flow.question_prompt(self._screening, len(self._answers), self._i18n.pack)
            self._nav.set_dynamic_prompt(said.shown, said.spoken, speak=False)
