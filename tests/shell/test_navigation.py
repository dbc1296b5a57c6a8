"""Every home tile leads somewhere; the bottom bar sits at the same place on every screen."""

from __future__ import annotations

import pytest

from kiosk.shell.screens import SCREENS
from tests.fixtures.kiosk import demo_citizens
from tests.fixtures.qml_tools import Tapper, answered, find, scene_rect

TILES = {
    "tileBook": "booking",
    "tileProgress": "progress",
    "tileOrders": "orders",
    "tileHelp": "help",
}
BAR = ("navBack", "navHome", "navRepeat", "navHelp")


def _bar_rects(kiosk):
    return {name: scene_rect(find(kiosk, name)).getRect() for name in BAR}


@pytest.mark.parametrize("tile, target", TILES.items())
def test_every_tile_navigates(kiosk_factory, tile, target):
    kiosk = kiosk_factory()
    tapper = Tapper(kiosk)
    tapper.tap(tile)
    expected = "identify" if SCREENS[target].needs_identity else target
    assert kiosk.navigator.current == expected
    assert kiosk.navigator.pending == (target if SCREENS[target].needs_identity else None)
    tapper.tap("navBack")
    assert kiosk.navigator.current == "home"


@pytest.mark.parametrize("orientation", ["portrait", "landscape"])
def test_bottom_bar_is_fixed_on_every_screen(kiosk_factory, live_backend, orientation):
    kiosk = kiosk_factory(live_backend, orientation=orientation)
    tapper = Tapper(kiosk)
    home = _bar_rects(kiosk)
    seen = {"home"}
    for screen in ("help", "identify", "volunteer", "offline"):
        kiosk.navigator.go(screen)
        assert _bar_rects(kiosk) == home, screen
        seen.add(kiosk.navigator.current)
        kiosk.navigator.home()
    # The identified screens: identify as a demo citizen through the keypad, then visit each.
    citizen = demo_citizens()[2 if orientation == "portrait" else 4]
    tapper.tap("tileBook")
    tapper.keys(citizen.id_number + citizen.phone_last4)
    answered(kiosk)
    assert _bar_rects(kiosk) == home, "identify confirm step"
    tapper.tap("identifyYes")
    for screen in [s.id for s in SCREENS.values() if s.needs_identity]:
        kiosk.navigator.go(screen)
        answered(kiosk)
        assert kiosk.navigator.current == screen
        assert _bar_rects(kiosk) == home, screen
        seen.add(screen)
    assert seen == set(SCREENS), "a registered screen was not visited"


def test_back_button_disabled_only_at_home(kiosk_factory):
    kiosk = kiosk_factory()
    assert not find(kiosk, "navBack").isEnabled()
    Tapper(kiosk).tap("tileHelp")
    assert find(kiosk, "navBack").isEnabled()


def test_second_tap_within_half_a_second_is_ignored(kiosk_factory):
    kiosk = kiosk_factory()
    tapper = Tapper(kiosk)
    tapper.tap("tileBook")
    tapper.tap("key_1")
    tapper.tap("key_2", gap_s=0.3)  # a tremor's second tap
    tapper.tap("key_3", gap_s=0.6)
    assert kiosk.identify.state.id_number == "13"


def test_entering_a_screen_speaks_and_repeat_repeats(kiosk_factory):
    kiosk = kiosk_factory()
    tapper = Tapper(kiosk)
    tapper.tap("tileHelp")
    speech = kiosk.speech
    assert speech.said[-1].startswith("呼叫帮助")
    stops_before = speech.stops
    tapper.tap("navRepeat")
    assert speech.said[-1] == speech.said[-2]
    assert speech.stops > stops_before, "a touch must stop speech"
