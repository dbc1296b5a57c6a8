"""The identification and idle state machines, without Qt."""

from __future__ import annotations

import ast
from pathlib import Path

from civic_core import idnumber
from kiosk.identify.flow import IdentificationFlow, Problem, Step
from kiosk.shell.idle_policy import IdlePolicy, Phase

FIRST17 = "11010519491231002"
VALID = FIRST17 + idnumber.check_character(FIRST17)


def _typed(flow: IdentificationFlow, keys: str):
    for key in keys:
        flow.press(key)
    return flow.state


def test_id_then_phone_then_checking():
    flow = IdentificationFlow()
    assert _typed(flow, VALID[:17]).step is Step.ID
    state = _typed(flow, VALID[17] + "123")
    assert (
        state.step is Step.PHONE
        and state.phone_last4 == "123"
        and state.masked_id == idnumber.mask_id(VALID)
    )
    assert _typed(flow, "4").step is Step.CHECKING


def test_bad_check_character_is_named_and_fixable():
    flow = IdentificationFlow()
    wrong = "0" if VALID[-1] != "0" else "1"
    state = _typed(flow, VALID[:17] + wrong)
    assert state.step is Step.ID and state.problem is Problem.CHECK_CHARACTER
    flow.delete()
    assert _typed(flow, VALID[-1]).step is Step.PHONE


def test_x_only_as_the_18th_character_and_no_19th():
    flow = IdentificationFlow()
    assert _typed(flow, "X").problem is Problem.CHARACTERS and flow.state.id_number == ""
    _typed(flow, "1" * 18)
    assert len(_typed(flow, "5").id_number) == 18


def test_rejections_go_back_to_the_step_that_can_fix_them():
    flow = IdentificationFlow()
    _typed(flow, VALID + "1234")
    state = flow.rejected(Problem.NOT_MATCHED)
    assert state.step is Step.PHONE and state.phone_last4 == "" and state.id_number == VALID
    _typed(flow, "1234")
    state = flow.rejected(Problem.LOCKED, 600)
    assert state.problem is Problem.LOCKED and state.retry_after_s == 600


def test_card_and_confirmation():
    flow = IdentificationFlow()
    assert flow.card_read("  ").problem is Problem.UNREADABLE_CARD
    assert flow.card_read("CARD").step is Step.CHECKING_CARD
    state = flow.identified("张*华", "1101**********0012")
    assert state.step is Step.CONFIRM and state.card_payload == ""
    assert (
        flow.confirm(False) == flow.state
        and flow.state.step is Step.ID
        and flow.state.display_name == ""
    )


def test_interrupted_lookup_keeps_the_input():
    flow = IdentificationFlow()
    _typed(flow, VALID + "1234")
    state = flow.interrupted()
    assert state.step is Step.PHONE and state.id_number == VALID and state.phone_last4 == "123"


def test_idle_warns_counts_down_extends_and_expires():
    idle = IdlePolicy(warning_after_s=120, countdown_s=30, max_extensions=10)
    assert idle.advance(119) is Phase.ACTIVE
    assert idle.advance(1) is Phase.WARNING
    for _ in range(10):
        assert idle.extend()
        assert idle.advance(120) is Phase.WARNING
    assert not idle.extend(), "the extension budget is spent"
    assert idle.advance(29) is Phase.WARNING
    assert idle.advance(1) is Phase.EXPIRED


def test_idle_pauses_while_speaking_and_touch_restarts():
    idle = IdlePolicy(warning_after_s=120, countdown_s=30, max_extensions=10)
    idle.advance(100)
    assert idle.advance(100, paused=True) is Phase.ACTIVE
    idle.touch()
    assert idle.advance(100) is Phase.ACTIVE


def test_flows_do_not_import_qt():
    flows = Path(__file__).resolve().parents[2] / "kiosk" / "flows"
    for path in flows.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else (
                [node.module or ""] if isinstance(node, ast.ImportFrom) else [])  # fmt: skip
            assert not any(n.startswith(("PySide6", "shiboken6")) for n in names), path
