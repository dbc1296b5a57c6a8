"""What did the senior mean? Recognized text -> one command, a question, or nothing.

Order: spaces stripped and [unk] dropped (nothing left -> rejected); exact phrase or
synonym -> matched; otherwise a sound-alike score: Chinese is compared as toneless pinyin
(pypinyin), so near-homophones such as 反回/返回 still score high, Hangul as jamo (NFD),
other text as letters, with rapidfuzz. A low score, or two commands scoring close, asks
"您是说…吗？" instead of acting. Vosk's grammar decoding can return word salad
("취소 처음으로"); the window search below picks the best single command out of it.
pypinyin (its phrase table: ~0.2 s and ~55 MiB) and rapidfuzz are imported at the first
match, or earlier by warm() on a background thread once the recognizer is ready; a kiosk
without voice input never loads them.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from dataclasses import dataclass
from enum import Enum
from functools import cache, lru_cache

from kiosk.speech.grammar import UNK, Grammar

ACCEPT = 85.0  # act on a sound-alike at or above this score …
MARGIN = 10.0  # … when the runner-up (another command) is at least this far behind
CONFIRM = 76.0  # ask "您是说…吗？" at or above this; below, treat as not understood
_HAN = re.compile(r"[\u3400-\u9fff]")


class Outcome(Enum):
    MATCHED = "matched"
    CONFIRM = "confirm"
    REJECTED = "rejected"


@dataclass(frozen=True)
class Match:
    outcome: Outcome
    heard: str  # what to show after "我听到：" (spaces between Chinese characters removed)
    target: str | None = None  # command or option id
    phrase: str | None = None  # the phrase it matched, for "您是说{phrase}吗？"
    score: float = 0.0


def display_text(text: str) -> str:
    """Recognizer words joined for display: no [unk], no spaces between Chinese characters."""
    words = [w for w in str(text).split() if w != UNK]
    out = ""
    for word in words:
        if out and not (_HAN.match(out[-1]) and _HAN.match(word[0])):
            out += " "
        out += word
    return out


def _units(text: str) -> list[str]:
    """Words, with Chinese split into characters (one syllable each) so windows align."""
    units: list[str] = []
    for word in text.lower().split():
        if word == UNK:
            continue
        if _HAN.search(word):
            units += [ch for ch in word if not ch.isspace()]
        else:
            units.append(word)
    return units


@lru_cache(maxsize=4096)
def sound_key(text: str) -> str:
    """A spelling that sounds alike when it looks alike: toneless pinyin, jamo, letters."""
    from pypinyin import lazy_pinyin

    compact = "".join(text.split()).lower()
    return unicodedata.normalize("NFD", "".join(lazy_pinyin(compact)))


@dataclass(frozen=True)
class _Candidate:
    score: float
    evidence: int  # length of the matched phrase's sound key: longer = more heard
    target: str
    phrase: str


def warm() -> None:
    """Import what match() needs now (call off the GUI thread), so the first match does not."""
    from rapidfuzz import fuzz  # noqa: F401 - imported to have it loaded

    sound_key("返回")


@cache
def warm_in_background() -> threading.Thread:
    """warm() once per process, on a thread of its own."""
    thread = threading.Thread(target=warm, name="kiosk-matcher-warm", daemon=True)
    thread.start()
    return thread


def _best_for(phrase: str, units: list[str], words: list[str]) -> float:
    from rapidfuzz import fuzz

    key = sound_key(phrase)
    width = len(_units(phrase)) or 1
    if width == 1:
        # A one-syllable command (是, 对) must be a whole recognized word, not any
        # homophone syllable inside a longer one (时 in 时间).
        units = words
    best = 0.0
    for size in range(max(1, width - 1), width + 2):
        for start in range(0, max(1, len(units) - size + 1)):
            window = sound_key("".join(units[start : start + size]))
            best = max(best, fuzz.ratio(key, window))
    return best


def match(text: str, grammar: Grammar) -> Match:
    heard = display_text(text)
    units = _units(text)
    words = [w for w in text.lower().split() if w != UNK]
    if not units:
        return Match(Outcome.REJECTED, heard)
    compact = "".join(units)
    candidates = []
    for target, phrases in grammar.targets.items():
        for phrase in phrases:
            if "".join(phrase.split()) == compact:
                return Match(Outcome.MATCHED, heard, target, phrase, 100.0)
        scored = [(_best_for(p, units, words), len(sound_key(p)), p) for p in phrases]
        score, evidence, phrase = max(scored)
        candidates.append(_Candidate(score, evidence, target, phrase))
    if not candidates:
        return Match(Outcome.REJECTED, heard)
    candidates.sort(key=lambda c: (c.score, c.evidence), reverse=True)
    top = candidates[0]
    runner = candidates[1] if len(candidates) > 1 else None
    result = Match(Outcome.MATCHED, heard, top.target, top.phrase, top.score)
    if top.score >= 100.0:
        # Word salad with two whole commands: the longer one carries more of what was said.
        if runner and runner.score >= 100.0 and runner.evidence == top.evidence:
            return _with(result, Outcome.CONFIRM)
        return result
    if top.score >= ACCEPT and (runner is None or top.score - runner.score >= MARGIN):
        return result
    if top.score >= CONFIRM:
        return _with(result, Outcome.CONFIRM)
    return Match(Outcome.REJECTED, heard, score=top.score)


def _with(result: Match, outcome: Outcome) -> Match:
    return Match(outcome, result.heard, result.target, result.phrase, result.score)
