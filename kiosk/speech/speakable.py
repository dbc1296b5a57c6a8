"""speakable(text, locale): the one gate every spoken text passes before it is rendered.

SpeechService.say and `kiosk voices build` both call it, so what is pre-rendered is exactly
what is later looked up. It first removes what must never be heard (spoken.guard: an ID, a
full phone, a masked identifier), then puts into words any number, date, time or amount
still written in digits: espeak-ng reads "正在社区公示 7 天" or "9:00" unevenly (cmn reads
"9:00" as 九冒号零零), and locale-pack sentences are written for the eye. Values filled into
templates are already words (spoken.fill); this catches everything else.

Rules, left to right in one pass so nothing is converted twice:
2026-12-03 / 2026年 → years digit by digit in Chinese; 9:00 → 上午九点; ¥8, 8元 → 八元;
50% → 百分之五十; MZ20261103, V-0001, 12349, 007 (codes: 5+ digits, a leading zero, a letter
prefix) → digit by digit in groups; 3.5 → 三点五; any other integer → 十八 (两 before a measure
word: 两个, 两天); 9:00-17:00 → 到. In Chinese the spaces around a number between Chinese
characters go ("共 18 位" → 共十八位). The result has no digits left, so speakable is idempotent.
"""

from __future__ import annotations

import datetime as dt
import re

from kiosk.speech import spoken

_EN_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_ZH_MEASURE = "个天位次份人项张本件条种周岁页"  # 2 before these is 两 (两天), elsewhere 二
_CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")

_NUMERIC = re.compile(
    r"(?P<lead>[ \t]*)(?:"
    r"(?P<iso>\d{4})-(?P<iso_m>\d{1,2})-(?P<iso_d>\d{1,2})\b"
    rf"|(?P<en_month>{_EN_MONTHS})\s+(?P<en_day>\d{{1,2}})\b(?!:)"
    r"|(?P<hour>\d{1,2}):(?P<minute>\d{2})\b"
    r"|[¥￥]\s*(?P<yuan>\d+(?:\.\d{1,2})?)(?:\s*元)?"
    r"|(?P<yuan_zh>\d+(?:\.\d{1,2})?)\s*元"
    r"|(?P<percent>\d+(?:\.\d+)?)\s*%"
    r"|(?P<year>\d{4})(?=\s*年)"
    r"|(?P<code>[A-Z]{1,3}-?\d{3,}|0\d+|\d{5,})"
    r"|(?P<decimal>\d+\.\d+)"
    r"|(?P<integer>\d+)"
    r"|(?<=\d)\s*(?P<dash>[-–~～])\s*(?=\d)"
    r")(?P<trail>[ \t]*)"
)


def _is_zh(locale: str) -> bool:
    return locale == spoken.ZH


def _fen(amount: str) -> int:
    yuan, _, cents = amount.partition(".")
    return int(yuan) * 100 + int((cents + "00")[:2])


def _decimal(text: str, locale: str) -> str:
    whole, _, fraction = text.partition(".")
    point = "点" if _is_zh(locale) else " point "
    return spoken.number_words(int(whole), locale) + point + spoken.digits_words(fraction, locale)


def _integer(match: re.Match, locale: str) -> str:
    n = int(match["integer"])
    if _is_zh(locale) and n == 2:
        before = match.string[: match.start("integer")].rstrip()
        after = match.string[match.end("integer") :].lstrip()
        if after[:1] and after[0] in _ZH_MEASURE and not before.endswith("第"):
            return "两"
    return spoken.number_words(n, locale)


def _date(year: str, month: str, day: str, locale: str) -> str | None:
    try:
        date = dt.date(int(year), int(month), int(day))
    except ValueError:
        return None
    if _is_zh(locale):
        return f"{spoken.digits_words(year, locale)}年{spoken.date_words(date, locale)}"
    return f"{spoken.date_words(date, locale)}, {spoken.number_words(date.year, locale)}"


def _words(match: re.Match, locale: str) -> str:
    """The words for one numeric piece (without the spaces around it)."""
    zh = _is_zh(locale)
    if match["iso"]:
        words = _date(match["iso"], match["iso_m"], match["iso_d"], locale)
        return words if words is not None else spoken.grouped_words(match["iso"], locale)
    if match["en_month"]:
        month, day = _EN_MONTHS.split("|").index(match["en_month"]) + 1, int(match["en_day"])
        try:
            return spoken.date_words(dt.date(2000, month, day), locale)  # 2000: 29 February exists
        except ValueError:
            return f"{match['en_month']} {spoken.number_words(day, locale)}"
    if match["hour"]:
        hour, minute = int(match["hour"]), int(match["minute"])
        if hour < 24 and minute < 60:
            return spoken.time_words(dt.time(hour, minute), locale)
        return (
            spoken.number_words(hour, locale)
            + ("比" if zh else " to ")
            + spoken.number_words(minute, locale)
        )
    if match["yuan"] or match["yuan_zh"]:
        return spoken.money_words(_fen(match["yuan"] or match["yuan_zh"]), locale)
    if match["percent"]:
        value = match["percent"]
        words = _decimal(value, locale) if "." in value else spoken.number_words(int(value), locale)
        return f"百分之{words}" if zh else f"{words} percent"
    if match["year"]:
        return spoken.digits_words(match["year"], locale)
    if match["code"]:
        return spoken.grouped_words(match["code"], locale)
    if match["decimal"]:
        return _decimal(match["decimal"], locale)
    if match["integer"]:
        return _integer(match, locale)
    return "到" if zh else " to "  # a range: 9:00-17:00, 3-5


def speakable(text: str, locale: str = spoken.ZH) -> str:
    """text as it may be spoken: guarded, with no digits left. Never raises."""
    text = spoken.guard(text)

    def replace(match: re.Match) -> str:
        words = _words(match, locale)
        if not _is_zh(locale):
            return match["lead"] + words + match["trail"]
        # Keep a space only next to non-Chinese text ("V，零零零一 号" stays readable).
        before = match.string[match.start() - 1 : match.start()]
        after = match.string[match.end() : match.end() + 1]
        lead = match["lead"] and (" " if before and not _CJK.match(before) else "")
        trail = match["trail"] and (" " if after and not _CJK.match(after) else "")
        return lead + words + trail

    return _NUMERIC.sub(replace, text)
