"""Background jobs for view models: run a function in a worker thread, get the answer on the GUI thread."""

from __future__ import annotations

import itertools
from collections.abc import Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

Done = Callable[[object, BaseException | None], None]


class _Relay(QObject):
    done = Signal(int, object, object)  # job id, result, exception | None


class _Job(QRunnable):
    def __init__(self, job_id: int, fn: Callable[[], object], relay: _Relay):
        super().__init__()
        self._job_id, self._fn, self._relay = job_id, fn, relay

    def run(self) -> None:
        result, error = None, None
        try:
            result = self._fn()
        except Exception as exc:  # handed to the GUI thread; a worker must never die silently
            error = exc
        # The relay lives in the GUI thread: this emit is delivered there as a queued call.
        self._relay.done.emit(self._job_id, result, error)


class Background(QObject):
    """A private thread pool whose results come back by queued signal."""

    def __init__(self, max_threads: int = 1, parent: QObject | None = None):
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(max_threads)
        self._relay = _Relay(self)
        self._relay.done.connect(self._finished)
        self._ids = itertools.count(1)
        self._callbacks: dict[int, Done] = {}

    def submit(self, fn: Callable[[], object], on_done: Done) -> None:
        job_id = next(self._ids)
        self._callbacks[job_id] = on_done
        self._pool.start(_Job(job_id, fn, self._relay))

    def _finished(self, job_id: int, result: object, error: BaseException | None) -> None:
        callback = self._callbacks.pop(job_id, None)
        if callback is not None:
            callback(result, error)

    def wait(self, timeout_ms: int = 5000) -> bool:
        return self._pool.waitForDone(timeout_ms)
