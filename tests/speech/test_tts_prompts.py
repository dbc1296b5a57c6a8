"""Every prompt the kiosk can speak: both locale packs' static prompts and every template
filled with demo data render to real, non-silent audio; no spoken text carries an ID
number, a full phone number or a full name; `kiosk voices build` fills the cache once."""

import datetime as dt
import re
import string
from pathlib import Path

import pytest

from backend.demo import DEMO_CITIZENS
from civic_core.idnumber import mask_id
from kiosk.config import KioskConfig, SpeechConfig
from kiosk.locale_pack import LOCALES, load_pack
from kiosk.speech import spoken
from kiosk.speech.prebuild import build_voices
from kiosk.speech.render import RATES_WPM, Renderer
from kiosk.speech.speakable import speakable

VOICES = {"zh_CN": "cmn", "en_US": "en-us"}
# A text pyttsx3 2.99 alone renders no file for (DESIGN.md); it must render like any other.
EXTRA_PROMPTS = {"zh_CN": ["终端智慧欢迎使用请说"], "en_US": []}


def _placeholders(template: str) -> list[str]:
    return [name for _, name, _, _ in string.Formatter().parse(template) if name]


def demo_value(key: str, citizen, *, adversarial: bool = False) -> object:
    """A demo-like value for a template placeholder, by its name. adversarial: pass the raw
    identifiers where a careless caller might, to prove they never reach the speaker."""
    if key.startswith("phone"):
        return citizen.phone
    if key == "name":
        return citizen.name
    if key == "masked":
        return mask_id(citizen.id_number)
    if key.endswith("_fen"):
        return 1250
    if key.endswith(("date", "due")):
        return dt.date(2026, 12, 3)
    if key.endswith("time") or key == "end":
        return dt.time(15, 30)
    if key in ("when", "start", "slot") or key.endswith("_at"):
        return dt.datetime(2026, 12, 3, 14, 30)
    if key.endswith("number"):
        return "202612020017"
    if key.endswith(("hotline", "code")):
        return "12349"
    if key in (
        "minutes",
        "seconds",
        "level",
        "count",
        "days",
        "score",
        "day",
        "month",
        "page",
        "pages",
    ):
        return 5
    if key == "year":
        return 2026
    if key in ("yuan", "amount", "price"):
        return 1250 if key == "yuan" else "十二元五角"
    return citizen.id_number if adversarial else "助餐"


def filled_templates(locale: str, citizen, *, adversarial: bool = False) -> list[str]:
    pack = load_pack(locale)
    return [  # as the speech service renders them: through speakable()
        speakable(
            spoken.fill(
                template,
                locale,
                **{
                    k: demo_value(k, citizen, adversarial=adversarial)
                    for k in _placeholders(template)
                },
            ),
            locale,
        )
        for template in pack.templates.values()
    ]


@pytest.mark.parametrize("locale", LOCALES)
def test_every_prompt_renders_to_non_silent_speech(locale, shared_renderer, tmp_path):
    prompts = [speakable(p, locale) for p in load_pack(locale).static_prompts()] + EXTRA_PROMPTS[
        locale
    ]
    prompts += filled_templates(locale, DEMO_CITIZENS[0])
    assert len(prompts) > 10
    failures = []
    for i, text in enumerate(dict.fromkeys(prompts)):
        result = shared_renderer.render(
            text, VOICES[locale], RATES_WPM[locale]["medium"], tmp_path / f"{i}.wav"
        )
        if not result.check.ok:
            failures.append((text, result.check.reason))
    assert failures == []


_ZH_DIGIT = {ch: str(i) for i, ch in enumerate("零一二三四五六七八九")}
_EN_DIGIT = {
    w: str(i)
    for i, w in enumerate(
        ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
    )
}


def _digit_stream(text: str) -> str:
    """Every digit said in the text, as digits and digit words, in order."""
    words = re.findall(r"[a-z]+|.", text.lower())
    return "".join(
        _EN_DIGIT.get(w) or _ZH_DIGIT.get(w) or (w if w.isdigit() else "") for w in words
    )


@pytest.mark.parametrize("locale", LOCALES)
def test_no_spoken_text_carries_an_id_a_full_phone_or_a_full_name(locale):
    checked = 0
    for citizen in DEMO_CITIZENS:
        for text in filled_templates(locale, citizen, adversarial=True):
            digits = _digit_stream(text)
            assert citizen.id_number[:17] not in digits, text
            assert citizen.phone not in digits, text
            assert citizen.phone[:7] not in digits, text  # not even the masked part's digits
            assert citizen.name not in text, text
            assert not re.search(r"\d{11,}", text), text
            checked += 1
    assert checked == len(DEMO_CITIZENS) * len(load_pack(locale).templates)


def test_voices_build_renders_each_static_prompt_once(shared_renderer, built_voices, capsys):
    prompts = {speakable(p, "zh_CN") for p in load_pack("zh_CN").static_prompts()}
    assert built_voices.renders == len(prompts) * len(RATES_WPM["zh_CN"])
    cache_dir = built_voices.config.speech.cache_dir
    assert len(list(Path(cache_dir).rglob("*.wav"))) == len(prompts) * 3
    before = shared_renderer.renders
    assert (
        build_voices(built_voices.config, "zh_CN", renderer=shared_renderer) == 0
    )  # all cached now
    assert shared_renderer.renders == before
    assert "0 rendered" in capsys.readouterr().out


def test_voices_build_without_espeak_ng_says_so(tmp_path, capsys):
    config = KioskConfig(speech=SpeechConfig(cache_dir=str(tmp_path / "voices")))
    assert (
        build_voices(config, "zh_CN", renderer=Renderer(espeak_binary=str(tmp_path / "none"))) == 1
    )
    assert "run silently" in capsys.readouterr().out
