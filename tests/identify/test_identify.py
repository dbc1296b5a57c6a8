"""Identification through the keypad and the card reader, against the real backend."""

from __future__ import annotations

from civic_core import idnumber
from kiosk.identify.view_model import Identify
from tests.fixtures.kiosk import demo_citizens
from tests.fixtures.qml_tools import Tapper, answered, find, scene_rect, visible


def _start(kiosk_factory, backend):
    kiosk = kiosk_factory(backend)
    tapper = Tapper(kiosk)
    tapper.tap("tileProgress")
    assert kiosk.navigator.current == "identify"
    return kiosk, tapper


def test_happy_path_groups_asks_phone_confirms_and_continues(kiosk_factory, live_backend):
    citizen = demo_citizens()[0]
    kiosk, tapper = _start(kiosk_factory, live_backend)
    card, keypad = find(kiosk, "identifyCard"), find(kiosk, "identifyKeypad")
    assert scene_rect(card).bottom() < scene_rect(keypad).top(), "the ID card leads"
    assert find(kiosk, "identifyCount").property("text") == "已输入 0/18 位"
    one, three, seven = (scene_rect(find(kiosk, f"key_{k}")) for k in "137")
    assert one.top() == three.top() < seven.top(), "a phone's keypad: 1-2-3 on top"
    tapper.keys(citizen.id_number[:10])
    assert find(kiosk, "identifyCount").property("text") == "已输入 10/18 位"
    assert find(kiosk, "identifyEntry").property("text") == idnumber.group(citizen.id_number[:10])
    assert " " in find(kiosk, "identifyEntry").property("text")
    tapper.keys(citizen.id_number[10:])
    assert kiosk.identify.step == Identify.Step.PHONE
    assert find(kiosk, "idMasked").property("text").endswith(idnumber.mask_id(citizen.id_number))
    assert kiosk.navigator.instruction == kiosk.i18n.pack.spoken["identify.phone"]
    assert "X" not in kiosk.identify.keys and not visible(kiosk, "key_X"), "no dead X key"
    assert scene_rect(find(kiosk, "key_0")).left() == one.left() + (three.left() - one.left()) / 2
    assert find(kiosk, "identifyCount").property("text") == "已输入 0/4 位"
    tapper.keys(citizen.phone_last4)
    answered(kiosk)
    confirm = find(kiosk, "identifyConfirm").property("text")
    assert confirm == f"您是 {idnumber.mask_name(citizen.name)} 吗？"
    tapper.tap("identifyYes")
    assert kiosk.session.identified
    assert kiosk.navigator.current == "progress"
    tapper.tap("navBack")
    assert kiosk.navigator.current == "home", "identify is replaced, not stacked"


def test_x_key_only_as_the_last_character(kiosk_factory, live_backend):
    citizen = next(c for c in demo_citizens() if c.id_number.endswith("X"))
    kiosk, tapper = _start(kiosk_factory, live_backend)
    assert not find(kiosk, "key_X").isEnabled()
    tapper.keys(citizen.id_number[:17])
    assert find(kiosk, "key_X").isEnabled()
    tapper.tap("key_X")
    assert kiosk.identify.step == Identify.Step.PHONE


def test_wrong_check_character_names_the_problem(kiosk_factory, live_backend):
    citizen = demo_citizens()[0]
    wrong_last = "0" if citizen.id_number[-1] != "0" else "1"
    kiosk, tapper = _start(kiosk_factory, live_backend)
    tapper.keys(citizen.id_number[:17] + wrong_last)
    assert kiosk.identify.step == Identify.Step.ID
    problem = find(kiosk, "identifyProblem").property("text")
    assert problem == kiosk.i18n.pack.ui["identify.problem.check_character"]
    assert kiosk.speech.said[-1] == problem, "errors are spoken too"
    tapper.tap("keyDelete")
    tapper.keys(citizen.id_number[-1])
    assert kiosk.identify.step == Identify.Step.PHONE


def test_impossible_birth_date_names_the_problem(kiosk_factory):
    kiosk = kiosk_factory()
    tapper = Tapper(kiosk)
    tapper.tap("tileBook")
    first17 = "99010119901332123"  # month 13
    tapper.keys(first17 + idnumber.check_character(first17))
    assert (
        find(kiosk, "identifyProblem").property("text")
        == kiosk.i18n.pack.ui["identify.problem.birth_date"]
    )


def test_wrong_phone_digits_say_so_and_keep_the_id(kiosk_factory, fresh_backend):
    citizen = demo_citizens()[5]
    wrong = "0000" if citizen.phone_last4 != "0000" else "1111"
    kiosk, tapper = _start(kiosk_factory, fresh_backend)
    tapper.keys(citizen.id_number + wrong)
    answered(kiosk)
    assert kiosk.identify.step == Identify.Step.PHONE
    assert (
        find(kiosk, "identifyProblem").property("text")
        == kiosk.i18n.pack.ui["identify.problem.not_matched"]
    )
    tapper.keys(citizen.phone_last4)
    answered(kiosk)
    assert kiosk.identify.step == Identify.Step.CONFIRM


def test_not_me_starts_over_and_closes_the_backend_session(kiosk_factory, live_backend):
    citizen = demo_citizens()[6]
    kiosk, tapper = _start(kiosk_factory, live_backend)
    tapper.keys(citizen.id_number + citizen.phone_last4)
    answered(kiosk)
    tapper.tap("identifyNo")
    answered(kiosk)
    assert kiosk.identify.step == Identify.Step.ID and kiosk.identify.idText == ""
    assert not kiosk.session.identified
    assert kiosk.network.source.get().has_session is False


def test_card_reader_identifies(kiosk_factory, live_backend):
    citizen = demo_citizens()[0]
    kiosk, tapper = _start(kiosk_factory, live_backend)
    assert kiosk.card_reader.insert(citizen.card_payload)
    answered(kiosk)
    assert (
        find(kiosk, "identifyConfirm").property("text")
        == f"您是 {idnumber.mask_name(citizen.name)} 吗？"
    )


def test_unknown_card_is_refused_plainly(kiosk_factory, fresh_backend):
    kiosk, tapper = _start(kiosk_factory, fresh_backend)
    kiosk.card_reader.insert("not-a-card")
    answered(kiosk)
    assert kiosk.identify.step == Identify.Step.ID
    assert find(kiosk, "identifyProblem").property("text") in (
        kiosk.i18n.pack.ui["identify.problem.not_matched"],
        kiosk.i18n.pack.ui["identify.problem.unreadable_card"],
    )


def test_cards_are_ignored_off_the_identify_screen(kiosk_factory, live_backend):
    kiosk = kiosk_factory(live_backend)
    kiosk.card_reader.insert(demo_citizens()[0].card_payload)
    answered(kiosk)
    assert kiosk.navigator.current == "home" and not kiosk.session.identified


def test_demo_mode_uses_the_embedded_backend_once_it_is_up(qapp, tmp_path):
    """What `kiosk run` does in demo mode: the window is up before the backend; calls wait for it."""
    from kiosk.app import build_app
    from kiosk.devices.card_reader import SimulatedCardReader
    from kiosk.embedded_backend import EmbeddedBackend
    from kiosk.tour import settle
    from tests.fixtures.kiosk import RecordingSpeech, make_config

    reader = SimulatedCardReader([c.card_payload for c in demo_citizens()])
    kiosk = build_app(make_config(), speech=RecordingSpeech(), card_reader=reader)
    backend = EmbeddedBackend(tmp_path)
    try:
        kiosk.attach_backend(backend.start())
        kiosk.window.show()
        settle(30)
        assert find(kiosk, "demoBadge").isVisible()
        Tapper(kiosk).tap("tileOrders")
        reader.insert_demo(0)
        answered(kiosk, timeout_s=90)
        assert kiosk.identify.step == Identify.Step.CONFIRM
    finally:
        kiosk.close()
        backend.stop()
