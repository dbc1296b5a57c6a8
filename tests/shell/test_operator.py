"""Operator panel: a long press on the corner, a PIN with lockout, selftest, volume, card, exit."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from kiosk import resources
from kiosk.identify.view_model import Identify
from kiosk.operator_pin import DEMO_PIN, hash_pin
from kiosk.shell.operator import Operator
from kiosk.tour import settle, wait_until
from tests.fixtures.kiosk import demo_citizens, make_config
from tests.fixtures.qml_tools import Tapper, answered, find, page_to, scene_rect

PIN = "2468"


def _hold_corner(kiosk, tapper: Tapper, qtbot, hold_ms: int) -> None:
    tapper.now += 1  # not a double tap
    centre = scene_rect(find(kiosk, "operatorCorner")).center().toPoint()
    point = QPoint(centre.x(), centre.y())
    QTest.mousePress(kiosk.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point)
    qtbot.wait(hold_ms)
    QTest.mouseRelease(
        kiosk.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point
    )
    settle(20)


def _enter_pin(kiosk, tapper: Tapper, pin: str) -> None:
    for digit in pin:
        tapper.tap(f"key_{digit}")
    tapper.tap("operatorEnter")
    assert wait_until(lambda: kiosk.operator.state != Operator.State.CHECKING_PIN, 10)
    settle(20)


def test_a_short_press_does_nothing_a_long_one_asks_for_the_pin(kiosk_factory, qtbot):
    kiosk = kiosk_factory()
    tapper = Tapper(kiosk)
    _hold_corner(kiosk, tapper, qtbot, 300)
    assert kiosk.operator.state == Operator.State.CLOSED
    _hold_corner(kiosk, tapper, qtbot, kiosk.operator.holdMs + 300)
    assert kiosk.operator.state == Operator.State.PIN
    assert find(kiosk, "operatorPanel").isVisible()


def test_five_wrong_pins_lock_the_panel(kiosk_factory, qtbot):
    config = make_config(operator={"pin_hash": hash_pin(PIN, iterations=1000), "hold_seconds": 1.0})
    kiosk = kiosk_factory(config=config)
    tapper = Tapper(kiosk)
    _hold_corner(kiosk, tapper, qtbot, kiosk.operator.holdMs + 300)
    for attempt in range(config.operator.max_attempts):
        _enter_pin(kiosk, tapper, "1111")
        assert kiosk.operator.state == Operator.State.PIN, attempt
    message = find(kiosk, "operatorMessage").property("text")
    assert message == kiosk.i18n.pack.fill("operator.locked", minutes=5)
    _enter_pin(kiosk, tapper, PIN)
    assert kiosk.operator.state == Operator.State.PIN, "even the right PIN is refused while locked"


def test_right_pin_opens_selftest_volume_card_and_exit(kiosk_factory, live_backend, qtbot):
    kiosk = kiosk_factory(live_backend)
    tapper = Tapper(kiosk)
    tapper.tap("tileBook")  # a card is only read on the identification screen
    _hold_corner(kiosk, tapper, qtbot, kiosk.operator.holdMs + 300)
    _enter_pin(kiosk, tapper, DEMO_PIN)
    assert kiosk.operator.state == Operator.State.PANEL
    assert wait_until(lambda: not kiosk.operator.checking, 60)
    checks = {c["name"]: c for c in kiosk.operator.checks}
    assert {"backend", "fonts", "speech", "microphone", "recognition", "printer", "display"} <= set(
        checks
    )
    assert checks["fonts"]["ok"]
    assert find(kiosk, "operatorVersion").property("text") == f"civic-kiosk {resources.VERSION}"

    before = kiosk.preferences.volumeStep
    tapper.tap("operatorVolumeDown")
    assert kiosk.preferences.volumeStep == before - 1 and kiosk.speech.volume_step == before - 1

    page_to(kiosk, tapper, "operatorExit")  # the panel pages at whole items
    with qtbot.waitSignal(kiosk.operator.exitRequested, timeout=1000):
        tapper.tap("operatorExit")

    page_to(kiosk, tapper, "operatorSimulateCard")
    tapper.tap("operatorSimulateCard")
    assert kiosk.operator.state == Operator.State.CLOSED
    answered(kiosk)
    name = demo_citizens()[0].name
    assert kiosk.identify.step == Identify.Step.CONFIRM
    assert find(kiosk, "identifyConfirm").property("text").startswith(f"您是 {name[0]}")
