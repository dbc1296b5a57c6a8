"""Resident ID numbers (GB 11643-1999) and the masking every screen, log and prompt uses.

Shared by the kiosk and the reference backend, so both agree on what is valid.
No Qt, no I/O.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import Enum

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK_CHARS = "10X98765432"  # ISO 7064 MOD 11-2: remainder -> check character
ID_LENGTH = 18


class IdProblem(Enum):
    """Why an ID number is invalid; the kiosk names the problem in plain words."""

    LENGTH = "length"
    CHARACTERS = "characters"
    BIRTH_DATE = "birth_date"
    CHECK_CHARACTER = "check_character"


@dataclass(frozen=True)
class IdCheck:
    ok: bool
    problem: IdProblem | None = None


def check_character(first17: str) -> str:
    """The check character for the first 17 digits."""
    if len(first17) != 17 or not first17.isdigit():
        raise ValueError("need exactly 17 digits")
    total = sum(int(d) * w for d, w in zip(first17, _WEIGHTS, strict=True))
    return _CHECK_CHARS[total % 11]


# Full-width digits and X (a Chinese input method's) are the same characters to a reader and
# to the GB 11643 reference validators; digits of other scripts, superscripts and the like
# are not, and stay as they are to be refused.
_FULL_WIDTH = str.maketrans("０１２３４５６７８９Ｘｘ", "0123456789XX")
_DIGITS = frozenset("0123456789")


def normalize(raw: str) -> str:
    """Strip white space (full-width too), full-width digits to ASCII, upper-case a trailing x."""
    return "".join(raw.translate(_FULL_WIDTH).split()).upper()


def birth_date(id_number: str) -> dt.date | None:
    """The birth date encoded in positions 7-14, or None if it is not a real date."""
    try:
        return dt.date(int(id_number[6:10]), int(id_number[10:12]), int(id_number[12:14]))
    except ValueError:
        return None


def validate(raw: str, *, today: dt.date | None = None) -> IdCheck:
    """Check length, characters, birth date (not in the future, after 1900) and check character."""
    value = normalize(raw)
    if len(value) != ID_LENGTH:
        return IdCheck(False, IdProblem.LENGTH)
    if not set(value[:17]) <= _DIGITS or value[17] not in _DIGITS | {"X"}:
        return IdCheck(False, IdProblem.CHARACTERS)
    born = birth_date(value)
    today = today or dt.date.today()
    if born is None or born.year < 1900 or born > today:
        return IdCheck(False, IdProblem.BIRTH_DATE)
    if check_character(value[:17]) != value[17]:
        return IdCheck(False, IdProblem.CHECK_CHARACTER)
    return IdCheck(True)


def is_valid(raw: str) -> bool:
    return validate(raw).ok


def group(id_number: str) -> str:
    """Display grouping 6-8-4 (region, birth date, sequence+check), for partial input too."""
    value = normalize(id_number)
    parts = [value[:6], value[6:14], value[14:18]]
    return " ".join(p for p in parts if p)


def mask_id(id_number: str) -> str:
    """3301**********123X: first 4 and last 4 kept."""
    value = normalize(id_number)
    if len(value) <= 8:
        return "*" * len(value)
    return value[:4] + "*" * (len(value) - 8) + value[-4:]


def mask_phone(phone: str) -> str:
    """138****5678: first 3 and last 4 of an 11-digit mobile number."""
    digits = "".join(ch for ch in phone if ch.isdigit())
    if len(digits) <= 4:
        return "*" * len(digits)
    if len(digits) <= 7:
        return "*" * (len(digits) - 4) + digits[-4:]
    return digits[:3] + "*" * (len(digits) - 7) + digits[-4:]


def mask_name(name: str) -> str:
    """张*华 for three characters, 张* for two; middle characters masked for longer names."""
    name = name.strip()
    if len(name) <= 1:
        return name
    if len(name) == 2:
        return name[0] + "*"
    return name[0] + "*" * (len(name) - 2) + name[-1]
