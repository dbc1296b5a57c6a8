"""The help session's time limit: help.mirror_max_minutes from the start, a warning
WARN_BEFORE_S before the end (on the kiosk and in the console), one extension by a tap."""

from __future__ import annotations

import threading
from collections.abc import Callable

WARN_BEFORE_S = 120.0
EXTEND_S = 10 * 60.0  # the senior's one extension


class TimeLimit:
    """Thread-safe: the publisher's threads read it, the GUI thread extends it."""

    def __init__(self, max_s: float, clock: Callable[[], float]) -> None:
        self._max_s, self._clock = max_s, clock
        self._lock = threading.Lock()
        self._deadline: float | None = None
        self._extended = False
        self._warned = False

    def start(self) -> None:
        with self._lock:
            self._deadline = self._clock() + self._max_s

    @property
    def deadline(self) -> float:
        with self._lock:
            return self._deadline if self._deadline is not None else float("inf")

    def remaining_s(self) -> float:
        return max(0.0, self.deadline - self._clock())

    @property
    def extended(self) -> bool:
        return self._extended

    @property
    def can_extend(self) -> bool:
        return not self._extended

    def extend(self) -> bool:
        """Once: EXTEND_S more. False when already used."""
        with self._lock:
            if self._extended or self._deadline is None:
                return False
            self._deadline += EXTEND_S
            self._extended, self._warned = True, False
            return True

    def warning_due(self) -> bool:
        """True once when the end comes within WARN_BEFORE_S (again after an extension)."""
        with self._lock:
            if self._warned or self._deadline is None:
                return False
            if self._deadline - self._clock() > WARN_BEFORE_S:
                return False
            self._warned = True
            return True
