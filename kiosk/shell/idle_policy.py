"""Idle policy: warn after a quiet spell, count down, extend on request, then expire.

Plain Python driven by elapsed seconds, so the view model's timer and the tests
share one implementation. Time does not advance while the kiosk is speaking or
listening (DESIGN.md: timers pause while speaking or listening).
"""

from __future__ import annotations

from enum import Enum


class Phase(Enum):
    ACTIVE = "active"
    WARNING = "warning"
    EXPIRED = "expired"


class IdlePolicy:
    def __init__(self, warning_after_s: float, countdown_s: float, max_extensions: int) -> None:
        self.warning_after_s = warning_after_s
        self.countdown_s = countdown_s
        self.max_extensions = max_extensions
        self.phase = Phase.ACTIVE
        self.idle_s = 0.0
        self.remaining_s = float(countdown_s)
        self.extensions_used = 0

    def reset(self) -> None:
        self.phase = Phase.ACTIVE
        self.idle_s = 0.0
        self.remaining_s = float(self.countdown_s)
        self.extensions_used = 0

    def touch(self) -> None:
        """Any activity outside the warning restarts the quiet spell and the extension budget."""
        if self.phase is Phase.ACTIVE:
            self.idle_s = 0.0
            self.extensions_used = 0

    @property
    def can_extend(self) -> bool:
        return self.phase is Phase.WARNING and self.extensions_used < self.max_extensions

    def extend(self) -> bool:
        if not self.can_extend:
            return False
        self.extensions_used += 1
        self.phase = Phase.ACTIVE
        self.idle_s = 0.0
        self.remaining_s = float(self.countdown_s)
        return True

    def advance(self, seconds: float, *, paused: bool = False) -> Phase:
        if paused or self.phase is Phase.EXPIRED:
            return self.phase
        if self.phase is Phase.ACTIVE:
            self.idle_s += seconds
            if self.idle_s >= self.warning_after_s:
                self.phase = Phase.WARNING
                self.remaining_s = float(self.countdown_s)
        elif self.phase is Phase.WARNING:
            self.remaining_s = max(0.0, self.remaining_s - seconds)
            if self.remaining_s <= 0:
                self.phase = Phase.EXPIRED
        return self.phase
