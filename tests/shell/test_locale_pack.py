"""Locale packs: same keys in every locale, every string the QML asks for exists, every screen has a prompt."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from kiosk.locale_pack import LOCALES, VOICES_DIR, LocalePackError, load_pack
from kiosk.shell.screens import SCREENS

UI_DIR = Path(__file__).resolve().parents[2] / "ui"


def _key_paths(table: dict, prefix: str = "") -> set[str]:
    paths = set()
    for key, value in table.items():
        path = f"{prefix}{key}"
        paths |= _key_paths(value, path + "/") if isinstance(value, dict) else {path}
    return paths


def test_every_locale_has_exactly_the_same_keys():
    keys = {
        loc: _key_paths(tomllib.loads((VOICES_DIR / f"{loc}.toml").read_text("utf-8")))
        for loc in LOCALES
    }
    reference = keys["zh_CN"]
    for locale, found in keys.items():
        assert found == reference, (
            f"{locale}: missing {reference - found}, extra {found - reference}"
        )


@pytest.mark.parametrize("locale", LOCALES)
def test_every_ui_key_used_in_qml_exists(locale):
    pack = load_pack(locale)
    used = set()
    for qml in UI_DIR.rglob("*.qml"):
        used |= set(re.findall(r'I18n\.s\["([^"]+)"\]', qml.read_text("utf-8")))
    assert used, "the QML reads no strings?"
    assert used <= set(pack.ui), used - set(pack.ui)


@pytest.mark.parametrize("locale", LOCALES)
def test_every_screen_has_a_title_and_instruction(locale):
    pack = load_pack(locale)
    for screen_id in SCREENS:
        entry = pack.screen(screen_id)
        assert entry["title"] and entry["instruction"], screen_id


def test_static_prompts_are_what_entering_a_screen_speaks_and_spoken_messages():
    pack = load_pack("zh_CN")
    prompts = pack.static_prompts()
    home = pack.screens["home"]
    assert pack.screen_prompt("home") == f"{home['title']}。{home['instruction']}"
    assert all(pack.screen_prompt(screen_id) in prompts for screen_id in SCREENS)
    assert pack.spoken["idle.warning"] in prompts
    assert len(prompts) == len(set(prompts))
    english = load_pack("en_US")
    assert english.screen_prompt("home", "Hello") == f"{english.screens['home']['title']}. Hello"


def test_templates_fill_and_survive_bad_values():
    pack = load_pack("zh_CN")
    assert pack.fill("identify.confirm", name="张*华") == "您是 张*华 吗？"
    assert pack.fill("identify.confirm") == pack.templates["identify.confirm"], (
        "a missing value never crashes"
    )


def test_no_qml_file_carries_visible_chinese_text():
    """Visible strings come from the locale pack, not from QML (comments excepted)."""
    for qml in UI_DIR.rglob("*.qml"):
        for number, line in enumerate(qml.read_text("utf-8").splitlines(), 1):
            code = line.split("//", 1)[0]
            assert not re.search(r"[\u4e00-\u9fff]", code), f"{qml.name}:{number}: {line.strip()}"


def test_a_broken_pack_is_reported(tmp_path):
    (tmp_path / "xx.toml").write_text("[ui\n", encoding="utf-8")
    with pytest.raises(LocalePackError):
        load_pack("xx", tmp_path)
