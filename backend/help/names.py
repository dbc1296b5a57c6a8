"""One spelling per account name, used for lookup, the failure count and the audit alike.

"Hotline01", " hotline01 ", "ＨＯＴＬＩＮＥ０１" and "hotline０1" are one account: NFKC folds
full-width and compatibility forms, strip drops surrounding spaces (also the ideographic
space, which NFKC turns into an ASCII one), casefold makes case irrelevant. Lockout bypasses
came from the count and the lookup seeing different spellings (issue 13).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import unicodedata


def account_name(raw: str) -> str:
    """Staff user names: NFKC, trimmed, case-folded (also how they are stored)."""
    return unicodedata.normalize("NFKC", raw).strip().casefold()


def volunteer_number(raw: str) -> str:
    """Volunteer numbers "V-0001", "v-0001", "Ｖ－０００１" and the keypad's "0001" → "V-0001"."""
    number = account_name(raw).upper()
    return f"V-{number}" if number.isdigit() else number


def failure_key(scope: str, name: str) -> str:
    """The lockout table keeps only a keyed hash of the (already normalised) name."""
    return hashlib.sha256(f"{scope}:{name}".encode()).hexdigest()


def retry_words(wait_s: int, now: dt.datetime) -> str:
    """When to try again, in words: "请在 15 分钟后（14:35 以后）再试"."""
    if wait_s < 60:
        return f"请在 {wait_s} 秒后再试"
    at = (now + dt.timedelta(seconds=wait_s)).strftime("%H:%M")
    return f"请在 {math.ceil(wait_s / 60)} 分钟后（{at} 以后）再试"
