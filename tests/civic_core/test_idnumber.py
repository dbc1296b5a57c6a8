import datetime as dt

import pytest

from civic_core import idnumber
from civic_core.idnumber import IdProblem


def make_id(first17: str) -> str:
    return first17 + idnumber.check_character(first17)


def test_known_valid_number():
    # The GB 11643 standard's own example.
    assert idnumber.validate("11010519491231002X").ok


def test_lower_case_x_and_spaces_are_accepted():
    assert idnumber.validate("110105 19491231 002x").ok


def test_full_width_digits_are_ascii_digits():
    full_width = "１１０１０５\u3000１９４９１２３１００２ｘ"  # an ideographic space too
    assert idnumber.normalize(full_width) == "11010519491231002X"
    assert idnumber.validate(full_width).ok


@pytest.mark.parametrize(
    "other",
    [
        "١١٠١٠٥١٩٤٩١٢٣١٠٠٢X",  # Arabic-Indic digits (str.isdigit() says yes)
        "११०१०५१९४९१२३१००२X",  # Devanagari
        "11010519491231002\u00b2",  # a superscript two as check character
        "1101051949123100\u00b2X",
        "1101051949123100\u2460X",  # circled one
        "1101051949123100𝟐X",  # mathematical bold two
    ],
)
def test_digits_of_other_scripts_and_superscripts_are_refused_as_characters(other):
    assert idnumber.validate(other).problem is IdProblem.CHARACTERS


@pytest.mark.parametrize(
    ("raw", "problem"),
    [
        ("11010519491231002", IdProblem.LENGTH),
        ("11010519491231002X1", IdProblem.LENGTH),
        ("1101051949123100AX", IdProblem.CHARACTERS),
        ("X10105194912310021", IdProblem.CHARACTERS),
        ("110105194902300021", IdProblem.BIRTH_DATE),  # 30 February
        ("110105194912310021", IdProblem.CHECK_CHARACTER),
    ],
)
def test_each_problem_is_named(raw, problem):
    assert idnumber.validate(raw).problem is problem


def test_future_birth_date_is_rejected():
    future = make_id("11010520991231002")
    assert idnumber.validate(future, today=dt.date(2026, 11, 29)).problem is IdProblem.BIRTH_DATE


def test_every_check_character_round_trips():
    seen = set()
    for seq in range(100, 140):
        number = make_id(f"33010619520301{seq}")
        seen.add(number[-1])
        assert idnumber.is_valid(number)
    assert "X" in seen  # the X case is exercised, not just digits


def test_grouping_for_partial_input():
    assert idnumber.group("330106") == "330106"
    assert idnumber.group("33010619") == "330106 19"
    assert idnumber.group("33010619520301123X") == "330106 19520301 123X"


def test_masks():
    assert idnumber.mask_id("33010619520301123X") == "3301**********123X"
    assert idnumber.mask_phone("13812345678") == "138****5678"
    assert idnumber.mask_name("张建华") == "张*华"
    assert idnumber.mask_name("李娜") == "李*"
    assert idnumber.mask_name("欧阳明月") == "欧**月"
