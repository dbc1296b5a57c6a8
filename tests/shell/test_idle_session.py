"""Idle warning, extension, timeout: the visit ends and nothing about the citizen remains."""

from __future__ import annotations

from civic_core import idnumber
from tests.fixtures.kiosk import demo_citizens
from tests.fixtures.qml_tools import Tapper, all_texts, answered, find


def _view_model_strings(kiosk) -> list[str]:
    """Every string-valued Qt property of every view model."""
    out = []
    for vm in (kiosk.i18n, kiosk.preferences, kiosk.network, kiosk.session, kiosk.navigator,
               kiosk.identify, kiosk.idle, kiosk.help, kiosk.operator):  # fmt: skip
        meta = vm.metaObject()
        for i in range(meta.propertyOffset(), meta.propertyCount()):
            value = meta.property(i).read(vm)
            if isinstance(value, str):
                out.append(value)
    return out


def test_idle_warning_extend_timeout_wipes_everything(kiosk_factory, live_backend):
    citizen = demo_citizens()[7]
    kiosk = kiosk_factory(live_backend)
    tapper = Tapper(kiosk)
    tapper.tap("langEn")
    tapper.tap("textLarge")  # last: at 特大 in portrait the home screen's lower rows page
    tapper.tap("tileBook")
    tapper.keys(citizen.id_number + citizen.phone_last4)
    answered(kiosk)
    tapper.tap("identifyYes")
    assert kiosk.navigator.current == "booking"
    masked_name = idnumber.mask_name(citizen.name)
    secrets = [masked_name, citizen.id_number, idnumber.group(citizen.id_number),
               idnumber.mask_id(citizen.id_number), citizen.phone_last4]  # fmt: skip
    assert any(masked_name in t for t in all_texts(kiosk)), "the screen shows who is served"

    idle = kiosk.config.idle
    kiosk.idle.advance(idle.warning_after_s - 1)
    assert not kiosk.idle.warning
    kiosk.idle.advance(1)
    assert find(kiosk, "idleOverlay").isVisible()
    for _ in range(idle.max_extensions):  # ≥ 10 extensions, each one tap
        tapper.tap("idleContinue")
        assert not kiosk.idle.warning
        kiosk.idle.advance(idle.warning_after_s)
        assert kiosk.idle.warning
    kiosk.idle.advance(idle.countdown_s - 1)
    assert kiosk.idle.warning and kiosk.idle.secondsLeft == 1
    kiosk.idle.advance(1)
    answered(kiosk)

    assert kiosk.navigator.current == "home"
    assert not kiosk.session.identified
    assert not kiosk.preferences.largeText and kiosk.i18n.locale == "zh_CN"
    assert kiosk.speech.resets >= 1
    assert kiosk.network.source.get().has_session is False, "backend session ended"
    texts = all_texts(kiosk) + _view_model_strings(kiosk)
    for secret in secrets:
        leaks = [t for t in texts if secret in t]
        assert not leaks, f"{secret!r} still shown or held: {leaks}"
    assert kiosk.identify.state.id_number == "" and kiosk.identify.state.display_name == ""
    assert kiosk.session.citizen is None


def test_finish_button_ends_the_visit(kiosk_factory, live_backend):
    citizen = demo_citizens()[8]
    kiosk = kiosk_factory(live_backend)
    tapper = Tapper(kiosk)
    tapper.tap("tileOrders")
    tapper.keys(citizen.id_number + citizen.phone_last4)
    answered(kiosk)
    tapper.tap("identifyYes")
    tapper.tap("sessionEnd")
    answered(kiosk)
    assert kiosk.navigator.current == "home" and not kiosk.session.identified
    assert not [t for t in all_texts(kiosk) if idnumber.mask_name(citizen.name) in t]


def test_no_warning_on_an_untouched_home_screen(kiosk_factory):
    kiosk = kiosk_factory()
    kiosk.idle.advance(kiosk.config.idle.warning_after_s * 3)
    assert not kiosk.idle.warning


def test_touch_restarts_the_quiet_spell(kiosk_factory):
    kiosk = kiosk_factory()
    tapper = Tapper(kiosk)
    tapper.tap("tileHelp")
    kiosk.idle.advance(kiosk.config.idle.warning_after_s - 5)
    tapper.tap("navRepeat")
    kiosk.idle.advance(10)
    assert not kiosk.idle.warning
