"""Locale packs (voices/<locale>.toml): every visible and spoken string of the kiosk.

One pack per locale with exactly the same keys (a test checks). The shell shows
`ui` strings and screen titles/instructions, speaks titles, instructions and
`spoken` messages, and fills `templates` with dynamic (already masked) values.
Voice input reads `commands` and `synonyms`.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from kiosk.resources import VOICES_DIR

LOCALES = ("zh_CN", "en_US")
DEFAULT_LOCALE = "zh_CN"


class LocalePackError(Exception):
    """A pack is missing, malformed, or lacks a required table."""


@dataclass(frozen=True)
class LocalePack:
    locale: str
    name: str
    ui: dict[str, str]
    screens: dict[str, dict[str, str]]
    spoken: dict[str, str]
    templates: dict[str, str]
    commands: dict[str, list[str]] = field(default_factory=dict)
    synonyms: dict[str, list[str]] = field(default_factory=dict)

    def text(self, key: str) -> str:
        """A ui string; a missing key shows the key itself rather than crashing the screen."""
        return self.ui.get(key, key)

    def fill(self, key: str, **values: object) -> str:
        """A template filled with values (callers pass masked data only)."""
        template = self.templates.get(key, key)
        try:
            return template.format(**values)
        except (KeyError, IndexError, ValueError):
            return template

    def screen(self, screen_id: str) -> dict[str, str]:
        return self.screens.get(screen_id, {"title": "", "instruction": ""})

    def screen_prompt(self, screen_id: str, instruction: str | None = None) -> str:
        """Exactly what entering a screen speaks: "title。instruction" (English "title. …");
        instruction replaces the screen's own (a step's prompt, a sentence of the citizen's data)."""
        entry = self.screen(screen_id)
        separator = "。" if self.locale.startswith("zh") else ". "
        instruction = entry["instruction"] if instruction is None else instruction
        return separator.join(p for p in (entry["title"], instruction) if p)

    def static_prompts(self) -> list[str]:
        """Every static text the kiosk speaks, as spoken: each screen's prompt on entering
        (screen_prompt), and `spoken` messages (errors, steps, the idle warning...)."""
        prompts = [self.screen_prompt(screen_id) for screen_id in self.screens]
        prompts += list(self.spoken.values())
        return list(dict.fromkeys(p for p in prompts if p))


def _table(data: dict, name: str, path: Path) -> dict:
    value = data.get(name, {})
    if not isinstance(value, dict):
        raise LocalePackError(f"{path}: [{name}] must be a table")
    return value


@cache
def load_pack(locale: str = DEFAULT_LOCALE, directory: Path = VOICES_DIR) -> LocalePack:
    path = directory / f"{locale}.toml"
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise LocalePackError(f"{path}: {exc}") from None
    meta = _table(data, "meta", path)
    screens = _table(data, "screens", path)
    for screen_id, entry in screens.items():
        if set(entry) != {"title", "instruction"}:
            raise LocalePackError(
                f"{path}: [screens.{screen_id}] needs exactly title and instruction"
            )
    return LocalePack(
        locale=meta.get("locale", locale),
        name=meta.get("name", locale),
        ui=_table(data, "ui", path),
        screens=screens,
        spoken=_table(data, "spoken", path),
        templates=_table(data, "templates", path),
        commands=_table(data, "commands", path),
        synonyms=_table(data, "synonyms", path),
    )
