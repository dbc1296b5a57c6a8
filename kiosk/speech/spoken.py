"""Turning numbers, dates, times, money and identifiers into words a senior can follow.

espeak-ng reads "12月3日 14:30 ¥8" unevenly (and reads a long digit run as one huge
number), so every dynamic value is put into words before it reaches a template:
12月3日 → 十二月三日, 14:30 → 下午两点半, 800 fen → 八元, order numbers digit by digit
in groups of four, a phone number only as 尾号五六七八. An ID number is never spoken.
`guard` is the last line of defence applied to every text the speech service renders.

No Qt, no I/O: view models and templates call this; tests call it directly.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import string

from civic_core.idnumber import mask_name

log = logging.getLogger(__name__)

ZH = "zh_CN"
_ZH_DIGITS = "零一二三四五六七八九"
_EN_DIGITS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_EN_TEENS = (
    "ten", "eleven", "twelve", "thirteen", "fourteen",
    "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
)  # fmt: skip
_EN_TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_EN_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
_EN_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_ZH_WEEKDAYS = "一二三四五六日"

# An ID (17 digits + digit/X), any run of 11+ digits (a phone or longer), or a masked
# identifier such as 3301**********123X or 138****5678: none of these is ever spoken.
_UNSPEAKABLE = re.compile(r"\d{17}[\dXx]|\d{11,}|[\dXx]*\*{2,}[\dXx]+|[\dXx]+\*{2,}")


def _is_zh(locale: str) -> bool:
    return locale == ZH


def _zh_below_10000(n: int) -> str:
    out, pending_zero = "", False
    text = str(n)
    for i, ch in enumerate(text):
        digit, place = int(ch), len(text) - 1 - i
        if digit == 0:
            pending_zero = bool(out)
            continue
        if pending_zero:
            out += "零"
            pending_zero = False
        out += _ZH_DIGITS[digit] + ("", "十", "百", "千")[place]
    return out


def _zh_number(n: int) -> str:
    if n == 0:
        return "零"
    if n >= 10**8:
        return digits_words(str(n), ZH)
    high, low = divmod(n, 10_000)
    out = _zh_below_10000(high) + "万" if high else ""
    if low:
        out += ("零" if high and low < 1000 else "") + _zh_below_10000(low)
    return out[1:] if out.startswith("一十") else out  # 十二, not 一十二


def _en_below_1000(n: int) -> str:
    hundreds, rest = divmod(n, 100)
    parts = [f"{_EN_DIGITS[hundreds]} hundred"] if hundreds else []
    if rest >= 20:
        tens, ones = divmod(rest, 10)
        parts.append(_EN_TENS[tens] + (f"-{_EN_DIGITS[ones]}" if ones else ""))
    elif rest >= 10:
        parts.append(_EN_TEENS[rest - 10])
    elif rest or not parts:
        parts.append(_EN_DIGITS[rest])
    return " ".join(parts)


def _en_number(n: int) -> str:
    if n >= 10**9:
        return digits_words(str(n), "en_US")
    parts = []
    for scale, word in ((10**6, "million"), (1000, "thousand"), (1, "")):
        chunk, n = divmod(n, scale)
        if chunk:
            parts.append(f"{_en_below_1000(chunk)} {word}".strip())
    return " ".join(parts) or "zero"


def number_words(n: int, locale: str = ZH) -> str:
    """12 → 十二 / twelve; 105 → 一百零五; negative numbers get 负 / minus."""
    if n < 0:
        return ("负" if _is_zh(locale) else "minus ") + number_words(-n, locale)
    return _zh_number(n) if _is_zh(locale) else _en_number(n)


def _zh_count(n: int) -> str:
    """Counting form: 2 → 两 (两点, 两元), otherwise the plain number."""
    return "两" if n == 2 else _zh_number(n)


def digits_words(digits: str, locale: str = ZH) -> str:
    """Digit by digit: "5678" → 五六七八 / "five six seven eight"; letters spelled out."""
    if _is_zh(locale):
        return "".join(_ZH_DIGITS[int(c)] if c.isdigit() else c for c in digits)
    return " ".join(_EN_DIGITS[int(c)] if c.isdigit() else c for c in digits)


def grouped_words(identifier: str, locale: str = ZH, size: int = 4) -> str:
    """An order or application number read in groups: "MZ2026110300012" →
    "M Z，二零二六，一一零三，零零零一二" (a pause between groups so it can be written down)."""
    letters = [c.upper() for c in identifier if c in string.ascii_letters]
    digits = "".join(c for c in identifier if c.isdigit())
    groups = [digits[i : i + size] for i in range(0, len(digits), size)]
    if len(groups) > 1 and len(groups[-1]) == 1:  # never leave one digit on its own
        groups[-2:] = [groups[-2] + groups[-1]]
    parts = ([" ".join(letters)] if letters else []) + [digits_words(g, locale) for g in groups]
    return ("，" if _is_zh(locale) else ", ").join(parts)


def phone_tail_words(phone: str, locale: str = ZH) -> str:
    """Only the last four digits, in words: 尾号五六七八 / "ending in five six seven eight"."""
    tail = "".join(c for c in phone if c.isdigit())[-4:]
    if _is_zh(locale):
        return "尾号" + digits_words(tail, locale)
    return "ending in " + digits_words(tail, locale)


def name_words(name: str, locale: str = ZH) -> str:
    """A name is always masked first; the mask is spoken as 某 (张某华), or dropped in English."""
    masked = mask_name(name) if "*" not in name else name.strip()
    return masked.replace("*", "某" if _is_zh(locale) else "")


_EN_ORDINAL_ENDINGS = {"one": "first", "two": "second", "three": "third", "five": "fifth",
                       "eight": "eighth", "nine": "ninth", "twelve": "twelfth"}  # fmt: skip


def _en_ordinal(n: int) -> str:
    """3 → third, 21 → twenty-first, 30 → thirtieth (English dates are said as ordinals)."""
    words = _en_number(n)
    head, sep, last = words.rpartition("-") if "-" in words else ("", "", words)
    if last in _EN_ORDINAL_ENDINGS:
        last = _EN_ORDINAL_ENDINGS[last]
    elif last.endswith("y"):
        last = last[:-1] + "ieth"
    else:
        last += "th"
    return head + sep + last


def date_words(day: dt.date, locale: str = ZH, *, weekday: bool = False) -> str:
    """十二月三日（星期三） / "Wednesday, December 3"."""
    if _is_zh(locale):
        text = f"{_zh_number(day.month)}月{_zh_number(day.day)}日"
        return text + (f"，星期{_ZH_WEEKDAYS[day.weekday()]}" if weekday else "")
    text = f"{_EN_MONTHS[day.month - 1]} {_en_ordinal(day.day)}"
    return (f"{_EN_WEEKDAYS[day.weekday()]}, " if weekday else "") + text


def _zh_period(hour: int) -> str:
    if hour < 6:
        return "凌晨"
    if hour < 12:
        return "上午"
    if hour < 13:
        return "中午"
    return "下午" if hour < 18 else "晚上"


def time_words(moment: dt.time, locale: str = ZH) -> str:
    """14:30 → 下午两点半, 09:05 → 上午九点零五分 / "two thirty p.m.", "nine oh five a.m."."""
    hour12 = moment.hour % 12 or 12
    minute = moment.minute
    if _is_zh(locale):
        if minute == 0:
            rest = "点"
        elif minute == 30:
            rest = "点半"
        else:
            rest = f"点{'零' if minute < 10 else ''}{_zh_number(minute)}分"
        return _zh_period(moment.hour) + _zh_count(hour12) + rest
    if minute == 0:
        clock = _en_number(hour12)
    elif minute < 10:
        clock = f"{_en_number(hour12)} oh {_en_number(minute)}"
    else:
        clock = f"{_en_number(hour12)} {_en_number(minute)}"
    return clock + (" a.m." if moment.hour < 12 else " p.m.")


def datetime_words(moment: dt.datetime, locale: str = ZH) -> str:
    """十二月三日下午两点半 / "December 3, two thirty p.m."."""
    joiner = "" if _is_zh(locale) else ", "
    return date_words(moment.date(), locale) + joiner + time_words(moment.time(), locale)


def money_words(fen: int, locale: str = ZH) -> str:
    """Integer fen → 八元 / 十二元五角 / 五角 / "eight yuan", "twelve yuan fifty"."""
    yuan, cents = divmod(abs(fen), 100)
    jiao, fen_part = divmod(cents, 10)
    sign = ("负" if _is_zh(locale) else "minus ") if fen < 0 else ""
    if _is_zh(locale):
        text = f"{_zh_count(yuan)}元" if yuan or not cents else ""
        text += f"{_zh_count(jiao)}角" if jiao else ""
        text += f"{'零' if yuan and not jiao else ''}{_zh_count(fen_part)}分" if fen_part else ""
        return sign + text
    if not yuan and cents:
        return f"{sign}{_en_number(cents)} fen"
    return sign + f"{_en_number(yuan)} yuan" + (f" {_en_number(cents)}" if cents else "")


def guard(text: str) -> str:
    """Remove anything that must never be spoken (an ID, a full phone, a masked identifier).

    Callers should never pass such text; this keeps a mistake from reaching the loudspeaker.
    The log line says that something was removed, never what.
    """
    cleaned, count = _UNSPEAKABLE.subn("", text)
    if count:
        log.warning("removed %d unspeakable identifier(s) from a prompt", count)
    return cleaned


def spoken_value(key: str, value: object, locale: str = ZH) -> str:
    """One template value in words, chosen by its type and, for text and ints, its key:
    datetime/date/time → words; int `*_fen` → money; other ints → number; text `*number` →
    grouped digits; `phone*` → last four only; `*hotline`/`*code` → digits; `name` (a person) → masked; `id_number` → nothing."""
    if isinstance(value, dt.datetime):
        return datetime_words(value, locale)
    if isinstance(value, dt.date):
        return date_words(value, locale)
    if isinstance(value, dt.time):
        return time_words(value, locale)
    if isinstance(value, bool):
        return str(value)
    if key == "year" and isinstance(value, int) and _is_zh(locale):
        return digits_words(str(value), locale)  # 二零二六年, not 二千零二十六年
    if isinstance(value, int):
        return money_words(value, locale) if key.endswith("_fen") else number_words(value, locale)
    text = str(value)
    if key.startswith("id_number"):
        return ""
    if key.startswith("phone"):
        return phone_tail_words(text, locale)
    if key.endswith(("hotline", "code")):  # 12349, a help code: said digit by digit
        return digits_words(text, locale)
    if key.endswith("number"):
        return grouped_words(text, locale)
    if key == "name":
        return name_words(text, locale)
    return guard(text)


def fill(template: str, locale: str = ZH, **values: object) -> str:
    """A locale-pack template with every value put into words, then guarded.

    A template naming a value that was not passed keeps its text rather than crashing.
    """
    words = {key: spoken_value(key, value, locale) for key, value in values.items()}
    try:
        return guard(template.format(**words))
    except (KeyError, IndexError, ValueError):
        return guard(template)
