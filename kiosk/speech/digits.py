"""Spoken digits for the ID-number and phone keypads: 幺三八… -> "138…", 叉 -> "X".

Callers show the digits large as they arrive and, for an ID number, ask again only the
6-8-4 group that failed (region, birth date, sequence + check character).
"""

from __future__ import annotations

from dataclasses import dataclass

from civic_core import idnumber

# Mandarin: 幺 is how 1 is read out in numbers, 两 is a common 2, 叉 is the X check character.
ZH_DIGITS = {
    "零": "0", "〇": "0", "洞": "0",
    "一": "1", "幺": "1",
    "二": "2", "两": "2",
    "三": "3", "四": "4", "五": "5", "六": "6", "七": "7", "八": "8", "九": "9",
    "叉": "X",
}  # fmt: skip
EN_DIGITS = {
    "zero": "0", "oh": "0", "one": "1", "two": "2", "three": "3", "four": "4",
    "five": "5", "six": "6", "seven": "7", "eight": "8", "nine": "9", "x": "X",
}  # fmt: skip
# Grammar tokens for number entry, per locale (the design's list: 零…九 幺 两 叉).
DIGIT_TOKENS = {
    "zh_CN": ("零", "一", "二", "三", "四", "五", "六", "七", "八", "九", "幺", "两", "叉"),
    "en_US": tuple(w for w in EN_DIGITS if w != "oh"),
}
ID_GROUPS = ((0, 6), (6, 14), (14, 18))  # region, birth date, sequence + check character
# First two digits of a GB 2260 region code (province level), including 71/81/82 for 台港澳.
_PROVINCES = frozenset(
    str(code)
    for code in (11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45,
                 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82)
)  # fmt: skip


def parse_digits(text: str) -> str:
    """Every digit heard, in order; words that are not digits ([unk], 嗯…) are skipped."""
    out = []
    for word in str(text).lower().split():
        if word in EN_DIGITS:
            out.append(EN_DIGITS[word])
            continue
        for ch in word:
            if ch in ZH_DIGITS:
                out.append(ZH_DIGITS[ch])
            elif ch.isascii() and ch.isdigit():
                out.append(ch)
            elif ch == "x":
                out.append("X")
    return "".join(out)


@dataclass(frozen=True)
class IdGroupCheck:
    """ok, or which 6-8-4 group (0, 1 or 2) to ask again and why."""

    ok: bool
    failed_group: int | None = None
    problem: idnumber.IdProblem | None = None


def check_id_groups(value: str) -> IdGroupCheck:
    """Validate a spoken ID number and name the one group to ask again.

    A wrong check character cannot say which digit is wrong; the last group holds the
    check character and the sequence digits, the part people most often misread, so it is
    asked first (region and birth date have their own plausibility checks).
    """
    value = idnumber.normalize(value)
    result = idnumber.validate(value)
    if result.ok:
        return IdGroupCheck(True)
    problem = result.problem
    if problem is idnumber.IdProblem.LENGTH:
        short = next(
            (i for i, (_start, end) in enumerate(ID_GROUPS) if len(value) < end), len(ID_GROUPS) - 1
        )
        return IdGroupCheck(False, short, problem)
    if problem is idnumber.IdProblem.CHARACTERS:
        return IdGroupCheck(False, _group_of(value.find("X")), problem)
    if problem is idnumber.IdProblem.BIRTH_DATE:  # certain, whatever the region says
        return IdGroupCheck(False, 1, problem)
    if value[:2] not in _PROVINCES:
        return IdGroupCheck(False, 0, problem)
    return IdGroupCheck(False, 2, problem)


def _group_of(index: int) -> int:
    return next((i for i, (start, end) in enumerate(ID_GROUPS) if start <= index < end), 2)


def replace_group(value: str, group: int, digits: str) -> str:
    """The ID with one group re-entered (the rest kept as the senior said it)."""
    start, end = ID_GROUPS[group]
    return value[:start] + digits[: end - start] + value[end:]
