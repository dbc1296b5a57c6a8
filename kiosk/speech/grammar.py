"""Per-screen Vosk grammars: what the recognizer may hear on this screen, and what each phrase means.

A grammar is the visible options (their label and spoken synonyms from the locale pack),
the global commands (返回, 首页, 重听, 帮助, 是, 不是 …) and, on number-entry screens,
single digit tokens. Vosk traps this module guards against (DESIGN.md "Voice"):
an empty grammar "[]" segfaults the recognizer, so "[unk]" is always present; and
escaped Chinese ("\\u8fd4\\u56de") silently matches nothing, so JSON keeps it literal.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from kiosk.speech.digits import DIGIT_TOKENS

UNK = "[unk]"
# Commands every screen understands; their phrases come from the locale pack's [commands].
GLOBAL_COMMANDS = ("back", "home", "repeat", "help", "yes", "no")
# While asking "您是说…吗？" only these are listened for.
CONFIRM_COMMANDS = ("yes", "no")


@dataclass(frozen=True)
class Option:
    """A choice visible on the current screen: id is its locale-pack ui key (e.g. home.book)."""

    id: str
    label: str


@dataclass(frozen=True)
class PhraseBook:
    """The voice-input part of a locale pack: command id -> phrases, option id -> synonyms."""

    commands: Mapping[str, Sequence[str]]
    synonyms: Mapping[str, Sequence[str]]
    digit_tokens: Sequence[str] = DIGIT_TOKENS["zh_CN"]

    @classmethod
    def from_pack(cls, pack: object) -> PhraseBook:
        """From a kiosk.locale_pack.LocalePack (commands, synonyms, locale)."""
        locale = getattr(pack, "locale", "zh_CN")
        tokens = DIGIT_TOKENS.get(locale, DIGIT_TOKENS["zh_CN"])
        return cls(dict(pack.commands), dict(pack.synonyms), tokens)  # type: ignore[attr-defined]

    def all_phrases(self) -> list[str]:
        """Every phrase this book can put in a grammar (for the vocabulary check)."""
        phrases = [p for ps in self.commands.values() for p in ps]
        phrases += [p for ps in self.synonyms.values() for p in ps]
        return [normalize_phrase(p) for p in [*phrases, *self.digit_tokens] if p.strip()]


def normalize_phrase(text: str) -> str:
    """One space between words, lower case (Vosk's word lists are lower case)."""
    return " ".join(str(text).split()).lower()


@dataclass(frozen=True)
class Grammar:
    """phrases: what Vosk may output (always ends with [unk]); targets: meaning of each phrase."""

    phrases: tuple[str, ...]
    targets: Mapping[str, tuple[str, ...]]  # command/option id -> its phrases
    digits: bool = False

    def to_json(self) -> str:
        return json.dumps(list(self.phrases), ensure_ascii=False)


def build_grammar(
    options: Iterable[Option],
    book: PhraseBook,
    *,
    commands: Sequence[str] = GLOBAL_COMMANDS,
    digits: bool = False,
) -> Grammar:
    """The grammar for one screen. Never empty: "[unk]" is always the last phrase."""
    targets: dict[str, list[str]] = {}

    def add(target: str, phrases: Iterable[str]) -> None:
        for raw in phrases:
            phrase = normalize_phrase(raw)
            if phrase and phrase != UNK:
                targets.setdefault(target, [])
                if phrase not in targets[target]:
                    targets[target].append(phrase)

    for option in options:
        add(option.id, [option.label, *book.synonyms.get(option.id, ())])
    for command in commands:
        add(command, book.commands.get(command, ()))
    phrases = [p for ps in targets.values() for p in ps]
    if digits:
        phrases += book.digit_tokens
    unique = tuple(dict.fromkeys(phrases)) + (UNK,)
    return Grammar(unique, {k: tuple(v) for k, v in targets.items()}, digits)


def confirm_grammar(book: PhraseBook) -> Grammar:
    """Only 是 / 不是 (and their synonyms): used after asking "您是说…吗？"."""
    return build_grammar((), book, commands=CONFIRM_COMMANDS)
