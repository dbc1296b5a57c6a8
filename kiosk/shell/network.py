"""Network: runs backend calls off the GUI thread and shows waiting and failing states.

Calls run one at a time (the API client is used by one thread at a time) in a private
QThreadPool; results come back by queued signal. A call still running after 300 ms
shows 正在查询，请稍候; a connectivity failure shows 网络暂时不通 with 重试 (the same
call again) and 呼叫帮助. Results of calls made before a session ended are dropped,
so no citizen data can land on a wiped screen.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Property, QObject, QTimer, Signal, Slot

from kiosk.api import BackendApi, errors
from kiosk.shell.i18n import I18n
from kiosk.shell.registry import qml_singleton
from kiosk.shell.worker import Background
from kiosk.speech.output import SpeechOutput

if TYPE_CHECKING:
    pass

log = logging.getLogger(__name__)

BUSY_AFTER_MS = 300
CLIENT_WAIT_S = 60.0  # the embedded demo backend may still be starting

ApiCall = Callable[[BackendApi], object]


class ClientSource:
    """The API client, possibly not yet available (embedded backend still starting, or the
    client still being made: importing the HTTP stack is kept off the GUI thread)."""

    def __init__(self, client: BackendApi | None = None) -> None:
        self._future: Future[BackendApi] = Future()
        self._making = threading.Lock()
        if client is not None:
            self._future.set_result(client)

    @property
    def future(self) -> Future[BackendApi]:
        return self._future

    def resolve_in_background(self, make: Callable[[], BackendApi]) -> None:
        """Make the client on a thread of its own (kiosk.api.client brings requests: ~0.1 s
        to import), unless there is one already; calls waiting in get() then go ahead."""
        threading.Thread(
            target=self._resolve, args=(make,), name="kiosk-client", daemon=True
        ).start()

    def _resolve(self, make: Callable[[], BackendApi]) -> None:
        with self._making:  # the first one made (or given) stays
            if self._future.done():
                return
            try:
                self._future.set_result(make())
            except Exception as exc:  # BackendStartError and the like: calls report 网络暂时不通
                self._future.set_exception(exc)

    def get(self) -> BackendApi:
        """Called in the worker: wait for the client; a backend that never came is 'offline'."""
        try:
            return self._future.result(timeout=CLIENT_WAIT_S)
        except FutureTimeout:
            raise errors.Offline(message="backend not started yet") from None
        except Exception as exc:  # BackendStartError and the like
            raise errors.Offline(message=type(exc).__name__) from None


@dataclass
class _Task:
    call: ApiCall
    on_ok: Callable[[object], None] | None
    on_error: Callable[[errors.ApiError], None] | None
    handles: tuple[type[errors.ApiError], ...]
    on_dismiss: Callable[[], None] | None
    quiet: bool
    generation: int
    failure_body: str = ""  # ui key shown under the failure title instead of the default
    cancelled: bool = False


@qml_singleton
class Network(QObject):
    changed = Signal()

    def __init__(self, source: ClientSource, i18n: I18n, speech: SpeechOutput, parent=None):
        super().__init__(parent)
        self._source = source
        self._i18n = i18n
        self._speech = speech
        self._jobs = Background(max_threads=1, parent=self)
        self._pending: list[_Task] = []
        self._generation = 0
        self._busy = False
        self._failed: _Task | None = None
        self._failure_kind = ""
        self._busy_timer = QTimer(self, singleShot=True, interval=BUSY_AFTER_MS)
        self._busy_timer.timeout.connect(self._show_busy)
        i18n.changed.connect(self.changed)

    @property
    def source(self) -> ClientSource:
        return self._source

    def call(
        self,
        call: ApiCall,
        on_ok: Callable[[object], None] | None = None,
        on_error: Callable[[errors.ApiError], None] | None = None,
        handles: tuple[type[errors.ApiError], ...] = (),
        *,
        on_dismiss: Callable[[], None] | None = None,
        quiet: bool = False,
        failure_body: str = "",
    ) -> None:
        """Run call(client) in the worker; on_ok(result) on the GUI thread.

        Errors of the `handles` types go to on_error (e.g. wrong phone digits); every other
        error shows the failure state (网络暂时不通 / 系统暂时出了问题) with 重试;
        on_dismiss runs if the senior closes it rather than retrying. quiet: no waiting or
        failure state, errors ignored, on_ok still called with a result (e.g. ending a
        session, fetching the demo cards). failure_body: a ui key that says what the
        failure means for this call (e.g. a booking that is only 待确认).
        """
        task = _Task(call, on_ok, on_error, handles, on_dismiss, quiet, self._generation,
                     failure_body)  # fmt: skip
        self._submit(task)

    def _submit(self, task: _Task) -> None:
        self._pending.append(task)
        if not task.quiet and not self._busy_timer.isActive() and not self._busy:
            self._busy_timer.start()
        source = self._source
        self._jobs.submit(lambda: task.call(source.get()), lambda r, e: self._finished(task, r, e))

    def _visible_pending(self) -> bool:
        return any(
            not t.quiet and not t.cancelled and t.generation == self._generation
            for t in self._pending
        )

    def _show_busy(self) -> None:
        if self._visible_pending() and not self._busy:
            self._busy = True
            self.changed.emit()

    def _finished(self, task: _Task, result: object, error: BaseException | None) -> None:
        self._pending.remove(task)
        if error is not None and not isinstance(error, errors.ApiError):
            log.error("backend call failed unexpectedly: %s", type(error).__name__)
            error = errors.BadResponse(message=type(error).__name__)
        if not self._visible_pending():
            self._busy_timer.stop()
            if self._busy:
                self._busy = False
                self.changed.emit()
        if task.cancelled or task.generation != self._generation:
            return
        if error is None:
            if task.on_ok is not None:
                task.on_ok(result)
        elif task.quiet:
            return
        elif task.on_error is not None and isinstance(error, task.handles):
            task.on_error(error)
        else:
            self._fail(
                task, "offline" if isinstance(error, errors.Offline | errors.Timeout) else "server"
            )

    def _fail(self, task: _Task, kind: str) -> None:
        self._failed, self._failure_kind = task, kind
        self._speech.say(self._i18n.pack.spoken[f"error.{kind}"])
        self.changed.emit()

    def has_pending(self) -> bool:
        """Any call still running (tests and the tour wait on this)."""
        return bool(self._pending)

    @Property(bool, notify=changed)
    def busy(self) -> bool:
        return self._busy

    @Property(bool, notify=changed)
    def failed(self) -> bool:
        return self._failed is not None

    @property
    def failure_kind(self) -> str:
        """offline | timeout | … while a call has failed (an error code for fleet reports)."""
        return self._failure_kind if self._failed else ""

    @Property(str, notify=changed)
    def failureTitle(self) -> str:
        return self._i18n.pack.text(f"failure.{self._failure_kind}") if self._failed else ""

    @Property(str, notify=changed)
    def failureBody(self) -> str:
        task = self._failed
        return self._i18n.pack.text(task.failure_body or "failure.offline.body") if task else ""

    @Slot()
    def retry(self) -> None:
        task, self._failed = self._failed, None
        self.changed.emit()
        if task is not None:
            self._submit(task)

    @Slot()
    def dismiss(self) -> None:
        task, self._failed = self._failed, None
        self.changed.emit()
        if task is not None and task.on_dismiss is not None:
            task.on_dismiss()

    @Slot()
    def cancel(self) -> None:
        """取消 while waiting: forget the answer of what is running (it cannot be interrupted)
        and go back to where the senior was, as if the failure state had been closed."""
        waiting = [
            t
            for t in self._pending
            if not t.quiet and not t.cancelled and t.generation == self._generation
        ]
        for task in waiting:
            task.cancelled = True
        self._busy_timer.stop()
        self._busy = False
        self.changed.emit()
        for task in waiting:
            if task.on_dismiss is not None:
                task.on_dismiss()

    def end_generation(self) -> None:
        """Session end: forget pending results and any failure shown for the old session."""
        self._generation += 1
        self._failed = None
        self._busy_timer.stop()
        self._busy = False
        self.changed.emit()

    def shutdown(self, timeout_ms: int = 5000) -> None:
        self._jobs.wait(timeout_ms)
