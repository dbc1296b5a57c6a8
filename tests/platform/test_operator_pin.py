"""Operator PIN: hash format, constant-time verification, lockout and its expiry (injected clock)."""

import pytest

from kiosk.config import BackendConfig, KioskConfig, OperatorConfig
from kiosk.operator_pin import (
    DEMO_PIN,
    PinGate,
    PinHashError,
    PinStatus,
    hash_pin,
    parse_pin_hash,
    verify_pin,
)

FAST = 1000  # iterations: tests need the format, not the slowness


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_hash_format_and_salt():
    a, b = hash_pin("2468", iterations=FAST), hash_pin("2468", iterations=FAST)
    assert a != b  # random salt
    parsed = parse_pin_hash(a)
    assert a.startswith("pbkdf2_sha256$1000$") and len(parsed.salt) == 16
    assert verify_pin("2468", a) and verify_pin("2468", b)
    assert not verify_pin("2469", a)


@pytest.mark.parametrize("pin", ["123", "1234567890123", "12a4", "١٢٣٤", ""])
def test_hash_refuses_bad_pins(pin):
    with pytest.raises(ValueError):
        hash_pin(pin, iterations=FAST)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "pbkdf2_sha256$1000$zz$00",
        "md5$1000$00$00",
        "pbkdf2_sha256$10$" + "00" * 16 + "$" + "00" * 32,
    ],
)
def test_parse_refuses_malformed_hashes(text):
    with pytest.raises(PinHashError):
        parse_pin_hash(text)


def gate(clock: Clock, pin: str = "2468") -> PinGate:
    return PinGate(hash_pin(pin, iterations=FAST), max_attempts=5, lockout_s=300, clock=clock)


def test_five_wrong_pins_lock_even_the_right_one_until_the_lockout_expires():
    clock = Clock()
    g = gate(clock)
    for left in (4, 3, 2, 1):
        result = g.check("1111")
        assert result.status is PinStatus.WRONG and result.attempts_left == left
    locked = g.check("1111")
    assert locked.status is PinStatus.LOCKED and locked.retry_after_s == 300
    clock.now += 299
    still = g.check("2468")
    assert still.status is PinStatus.LOCKED and still.retry_after_s == pytest.approx(1)
    assert not still.accepted
    clock.now += 1
    assert g.retry_after_s() == 0 and g.attempts_left() == 5
    assert g.check("2468").accepted


def test_a_right_pin_resets_the_count():
    g = gate(Clock())
    for _ in range(4):
        g.check("0000")
    assert g.check("2468").accepted
    assert g.check("0000").attempts_left == 4


def test_a_malformed_entry_counts_as_wrong():
    g = gate(Clock())
    assert g.check("24a8").status is PinStatus.WRONG
    assert g.attempts_left() == 4


def test_from_config_demo_pin_and_disabled_production():
    demo = PinGate.from_config(KioskConfig())
    assert demo.enabled and demo.check(DEMO_PIN).accepted
    production = KioskConfig(backend=BackendConfig(url="https://x.example", terminal_token="t"))
    disabled = PinGate.from_config(production)
    assert not disabled.enabled
    assert disabled.check(DEMO_PIN).status is PinStatus.DISABLED
    configured = KioskConfig(
        backend=production.backend,
        operator=OperatorConfig(
            pin_hash=hash_pin("97531", iterations=FAST), max_attempts=2, lockout_s=60
        ),
    )
    clock = Clock()
    g = PinGate.from_config(configured, clock=clock)
    assert not g.check(DEMO_PIN).accepted
    assert g.check(DEMO_PIN).status is PinStatus.LOCKED  # max_attempts from config
    clock.now += 60
    assert g.check("97531").accepted
