"""The operator PIN: a salted slow hash in config, checked in constant time, with lockout.

Format of `operator.pin_hash` (make one with `kiosk operator-pin`):
    pbkdf2_sha256$<iterations>$<salt hex>$<hash hex>

An empty pin_hash means: in demo mode (no backend.url) the documented DEMO_PIN opens the
operator panel, so anyone trying the demo can reach it; with a real backend the panel is
disabled until an operator sets a PIN (a production kiosk never has a guessable PIN).

Verifying costs ~0.1–0.3 s of CPU by design: call PinGate.check from a worker thread,
never on the GUI thread.
"""

from __future__ import annotations

import enum
import hashlib
import hmac
import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

ALGORITHM = "pbkdf2_sha256"
DEFAULT_ITERATIONS = 200_000
DEMO_PIN = "1234"
PIN_LENGTHS = range(4, 13)


class PinHashError(ValueError):
    """The configured pin_hash is not in the documented format."""


@dataclass(frozen=True)
class PinHash:
    iterations: int
    salt: bytes
    digest: bytes


def parse_pin_hash(text: str) -> PinHash:
    parts = text.split("$")
    if len(parts) != 4 or parts[0] != ALGORITHM:
        raise PinHashError(f"expected {ALGORITHM}$<iterations>$<salt hex>$<hash hex>")
    try:
        iterations = int(parts[1])
        salt, digest = bytes.fromhex(parts[2]), bytes.fromhex(parts[3])
    except ValueError:
        raise PinHashError("iterations must be a number and salt/hash hexadecimal") from None
    if iterations < 1000 or len(salt) < 8 or len(digest) != 32:
        raise PinHashError("too few iterations, or salt/hash too short")
    return PinHash(iterations, salt, digest)


def valid_pin(pin: str) -> bool:
    return pin.isascii() and pin.isdigit() and len(pin) in PIN_LENGTHS


def hash_pin(pin: str, *, iterations: int = DEFAULT_ITERATIONS, salt: bytes | None = None) -> str:
    if not valid_pin(pin):
        raise ValueError(f"a PIN is {PIN_LENGTHS.start}–{PIN_LENGTHS.stop - 1} digits")
    salt = salt if salt is not None else secrets.token_bytes(16)
    digest = hashlib.pbkdf2_hmac("sha256", pin.encode(), salt, iterations)
    return f"{ALGORITHM}${iterations}${salt.hex()}${digest.hex()}"


def verify_pin(pin: str, pin_hash: str) -> bool:
    stored = parse_pin_hash(pin_hash)
    candidate = hashlib.pbkdf2_hmac("sha256", pin.encode(), stored.salt, stored.iterations)
    return hmac.compare_digest(candidate, stored.digest)


class PinStatus(enum.Enum):
    ACCEPTED = "accepted"
    WRONG = "wrong"  # attempts_left tells how many remain before the lockout
    LOCKED = "locked"  # retry_after_s tells how long; the PIN was not even checked
    DISABLED = "disabled"  # no PIN configured on a production kiosk


@dataclass(frozen=True)
class PinResult:
    status: PinStatus
    attempts_left: int
    retry_after_s: float

    @property
    def accepted(self) -> bool:
        return self.status is PinStatus.ACCEPTED


class PinGate:
    """Counts consecutive wrong PINs; max_attempts of them lock the gate for lockout_s.

    A correct PIN resets the count. While locked every attempt is refused unchecked.
    The clock is injectable so tests can step over the lockout.
    """

    def __init__(
        self,
        pin_hash: str,
        *,
        max_attempts: int = 5,
        lockout_s: float = 300,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if pin_hash:
            parse_pin_hash(pin_hash)  # fail at start-up, not at the first attempt
        self._pin_hash = pin_hash
        self._max_attempts = max_attempts
        self._lockout_s = lockout_s
        self._clock = clock
        self._failures = 0
        self._locked_until: float | None = None
        self._lock = threading.Lock()  # checks run in worker threads

    @classmethod
    def from_config(cls, config, *, clock: Callable[[], float] = time.monotonic) -> PinGate:
        """The gate for a KioskConfig, applying the demo-PIN rule in the module docstring."""
        op = config.operator
        pin_hash = op.pin_hash
        if not pin_hash and config.demo_mode:
            pin_hash = hash_pin(DEMO_PIN, iterations=1000)  # public anyway: no need to be slow
        return cls(pin_hash, max_attempts=op.max_attempts, lockout_s=op.lockout_s, clock=clock)

    @property
    def enabled(self) -> bool:
        return bool(self._pin_hash)

    def retry_after_s(self) -> float:
        """Seconds of lockout left (0 when not locked)."""
        if self._locked_until is None:
            return 0.0
        left = self._locked_until - self._clock()
        if left <= 0:
            self._locked_until = None
            self._failures = 0
            return 0.0
        return left

    def attempts_left(self) -> int:
        return 0 if self.retry_after_s() else self._max_attempts - self._failures

    def check(self, pin: str) -> PinResult:
        if not self.enabled:
            return PinResult(PinStatus.DISABLED, 0, 0.0)
        with self._lock:
            return self._check(pin)

    def _check(self, pin: str) -> PinResult:
        locked_for = self.retry_after_s()
        if locked_for:
            return PinResult(PinStatus.LOCKED, 0, locked_for)
        if valid_pin(pin) and verify_pin(pin, self._pin_hash):
            self._failures = 0
            return PinResult(PinStatus.ACCEPTED, self._max_attempts, 0.0)
        self._failures += 1
        if self._failures >= self._max_attempts:
            self._locked_until = self._clock() + self._lockout_s
            return PinResult(PinStatus.LOCKED, 0, float(self._lockout_s))
        return PinResult(PinStatus.WRONG, self._max_attempts - self._failures, 0.0)
