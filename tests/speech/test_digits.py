"""Spoken digits for the keypads: 幺三八… -> 138…, 叉 -> X, and which ID group to ask again."""

from __future__ import annotations

import pytest

from civic_core import idnumber
from kiosk.speech.digits import check_id_groups, parse_digits, replace_group

VALID_ID = "11010519491231002X"  # ends in the check character X
SPOKEN_ID = "幺幺零幺零五 幺九四九幺二三幺 零零二叉"


def test_phone_digits_with_yao_and_liang():
    assert parse_digits("幺三八 零零幺三 两八四六") == "13800132846"


def test_every_spoken_digit():
    assert parse_digits("零 一 二 三 四 五 六 七 八 九 幺 两 叉") == "0123456789" + "12X"


def test_non_digits_and_unk_are_skipped():
    assert parse_digits("嗯 [unk] 幺 三 啊 八") == "138"
    assert parse_digits("") == ""
    assert parse_digits("返回") == ""


def test_english_digits():
    assert parse_digits("one three eight oh x") == "1380X"


def test_spoken_id_ending_in_cha_is_valid():
    value = parse_digits(SPOKEN_ID)
    assert value == VALID_ID
    assert idnumber.validate(value).ok
    assert check_id_groups(value).ok


@pytest.mark.parametrize(
    ("value", "group"),
    [
        ("1101051949", 1),  # stopped inside the birth date
        ("110105", 1),  # region done, birth date missing
        ("11010", 0),
        ("99010519491231002X", 0),  # no such province
        ("11010519491331002X", 1),  # month 13
        ("99010519491331002X", 1),  # month 13 is certain even where the region is unknown
        ("110105194912310021", 2),  # wrong check character
    ],
)
def test_the_failing_group_is_named(value, group):
    result = check_id_groups(value)
    assert not result.ok
    assert result.failed_group == group


def test_only_the_failed_group_is_replaced():
    wrong = "110105194912310021"
    fixed = replace_group(wrong, check_id_groups(wrong).failed_group, parse_digits("零零二叉"))
    assert fixed == VALID_ID
