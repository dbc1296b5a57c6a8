"""演示身份证: in demo mode the identification screen offers demo cards, and a tap
identifies as that citizen through the simulated card reader; never outside demo mode."""

from __future__ import annotations

import dataclasses

from civic_core import idnumber
from kiosk.config import BackendConfig
from kiosk.identify.view_model import Identify
from tests.fixtures.kiosk import demo_citizens, make_config
from tests.fixtures.qml_tools import Tapper, answered, find, items, visible_texts


def _identify_screen(kiosk_factory, backend, config=None):
    kiosk = kiosk_factory(backend, config=config)
    tapper = Tapper(kiosk)
    tapper.tap("tileBook")
    assert kiosk.navigator.current == "identify"
    answered(kiosk)
    return kiosk, tapper


def test_demo_mode_offers_demo_cards_and_a_tap_identifies(kiosk_factory, live_backend):
    kiosk, tapper = _identify_screen(kiosk_factory, live_backend)
    citizens = demo_citizens()
    first = f"{idnumber.mask_name(citizens[0].name)} {citizens[0].id_number[-4:]}"
    assert first == "张*华 0001"
    assert find(kiosk, "demoCard_0").property("text") == first
    assert "演示身份证：点一张，就像放上了读卡器" in visible_texts(kiosk)
    assert not [t for t in visible_texts(kiosk) if citizens[0].name in t]  # masked only
    tapper.tap("demoCard_1")
    answered(kiosk)
    assert kiosk.identify.step == Identify.Step.CONFIRM
    expected = f"您是 {idnumber.mask_name(citizens[1].name)} 吗？"
    assert find(kiosk, "identifyConfirm").property("text") == expected
    assert not find(kiosk, "demoCards", visible=False).isVisible()  # only while typing the ID


def test_the_cards_stand_in_for_clear_until_a_key_is_typed(kiosk_factory, live_backend):
    kiosk, tapper = _identify_screen(kiosk_factory, live_backend)
    assert find(kiosk, "demoCard_0").isVisible()
    assert not find(kiosk, "identifyClear", visible=False).isVisible()
    tapper.keys("9")
    assert not find(kiosk, "demoCards", visible=False).isVisible()
    assert find(kiosk, "identifyClear").isEnabled()
    tapper.tap("identifyClear")
    assert find(kiosk, "demoCard_0").isVisible()


def test_mirror_frames_never_show_the_cards(kiosk_factory, live_backend):
    """Staff see 清空 as always, not the cards: nothing tells them whether anything was typed."""
    kiosk, _ = _identify_screen(kiosk_factory, live_backend)
    at_grab: list[tuple[bool, bool]] = []
    real_grab = kiosk.mirror.grab

    def recording_grab():
        clear = find(kiosk, "identifyClear", visible=False)
        at_grab.append((find(kiosk, "demoCards", visible=False).isVisible(), clear.isEnabled()))
        return real_grab()

    kiosk.mirror.grab = recording_grab
    kiosk.mirror.grab_masked()
    assert at_grab == [(False, True)]
    assert find(kiosk, "demoCard_0").property("text") == "张*华 0001"  # the senior's view


def test_never_outside_demo_mode(kiosk_factory, live_backend):
    base = make_config()
    backend = BackendConfig(url=live_backend.url, terminal_token=live_backend.terminal_token)
    config = dataclasses.replace(base, backend=backend)
    assert not config.demo_mode
    kiosk, _ = _identify_screen(kiosk_factory, live_backend, config=config)
    # The backend here would answer (it runs in demo mode): the kiosk does not ask.
    assert kiosk.demo_cards.labels == []
    names = [i.objectName() for i in items(kiosk.window.contentItem())]
    assert "demoCards" in names and not any(n.startswith("demoCard_") for n in names)
    assert not find(kiosk, "demoCards", visible=False).isVisible()
