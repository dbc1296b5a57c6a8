"""Matcher on recognized text: exact, synonyms, sound-alikes by pinyin, word salad, refusals."""

from __future__ import annotations

import pytest

from kiosk.locale_pack import load_pack
from kiosk.speech.grammar import Option, PhraseBook, build_grammar
from kiosk.speech.matcher import Outcome, display_text, match, sound_key
from tests.speech.ko.fixtures import ko_grammar

HOME_OPTIONS = [
    Option("home.book", "预约上门服务"),
    Option("home.progress", "查询办理进度"),
    Option("home.orders", "我的预约"),
]


@pytest.fixture(scope="module")
def home():
    return build_grammar(HOME_OPTIONS, PhraseBook.from_pack(load_pack("zh_CN")))


@pytest.mark.parametrize(
    ("heard", "target"),
    [
        ("返回", "back"),
        ("首页", "home"),
        ("预约 上门 服务", "home.book"),  # Vosk output: model words separated by spaces
        ("预约", "home.book"),  # synonym
        ("上门 服务", "home.book"),
        ("进度", "home.progress"),
        ("我的 预约", "home.orders"),
        ("重听", "repeat"),
        ("呼叫 帮助", "help"),
        ("是", "yes"),
        ("不是", "no"),
    ],
)
def test_exact_and_synonym(home, heard, target):
    result = match(heard, home)
    assert (result.outcome, result.target) == (Outcome.MATCHED, target)


@pytest.mark.parametrize(
    ("heard", "target"),
    [
        ("反回", "back"),  # fǎn huí for fǎn huí: same toneless pinyin
        ("手页", "home"),  # shǒu yè / shǒu yè
        ("寓约", "home.book"),  # yù yuē
        ("重庭", "repeat"),  # chóng tíng ~ chóng tīng
        ("帮组", "help"),  # bāng zǔ ~ bāng zhù
    ],
)
def test_near_homophones_by_pinyin(home, heard, target):
    result = match(heard, home)
    assert result.outcome is Outcome.MATCHED, result
    assert result.target == target


def test_command_inside_a_sentence(home):
    assert match("我 要 预约", home).target == "home.book"
    assert match("嗯 [unk] 回 首页", home).target == "home"


def test_one_syllable_command_is_not_found_inside_another_word(home):
    # 时 (shí) sounds like 是 but inside 时间 it is not an answer.
    result = match("时间", home)
    assert result.target != "yes"


@pytest.mark.parametrize("heard", ["", "   ", "[unk]", "[unk] [unk]"])
def test_nothing_heard_is_rejected(home, heard):
    assert match(heard, home).outcome is Outcome.REJECTED


@pytest.mark.parametrize("heard", ["今天 天气 很 好", "那个", "什么", "约"])
def test_unrelated_speech_is_rejected(home, heard):
    assert match(heard, home).outcome is Outcome.REJECTED


def test_a_partial_sound_alike_asks_to_confirm(home):
    result = match("上门", home)  # part of the synonym 上门服务
    assert result.outcome is Outcome.CONFIRM
    assert (result.target, result.phrase) == ("home.book", "上门服务")


def test_two_whole_commands_of_equal_weight_ask_to_confirm(home):
    result = match("取消 首页", home)
    assert result.outcome is Outcome.CONFIRM
    assert result.target in {"no", "home"}


def test_word_salad_picks_the_longest_whole_command():
    grammar = ko_grammar()
    result = match("취소 처음으로", grammar)  # seen from Vosk for espeak's 처음으로
    assert (result.outcome, result.target) == (Outcome.MATCHED, "home")


def test_display_text_joins_chinese_and_drops_unk():
    assert display_text("预约 上门 服务 [unk]") == "预约上门服务"
    assert display_text("my bookings") == "my bookings"
    assert display_text("[unk]") == ""


def test_sound_key_is_toneless_pinyin_or_jamo():
    assert sound_key("返回") == sound_key("反回") == "fanhui"
    assert sound_key("취소") != "취소" and len(sound_key("취소")) == 4


def test_every_zh_command_and_synonym_is_plausible_model_vocabulary():
    """vosk-model-small-cn cannot be installed here: check the shape of every token instead.

    Vosk phrases are model words; Chinese pack phrases are short runs of Chinese characters
    that the recognizer process splits into dictionary words (kiosk voices check verifies
    them against a real model, docs/voice-input.md).
    """
    pack = load_pack("zh_CN")
    book = PhraseBook.from_pack(pack)
    for phrase in book.all_phrases():
        for word in phrase.split():
            assert 1 <= len(word) <= 6, word
            assert all("\u4e00" <= ch <= "\u9fff" for ch in word), word


def test_bad_input_never_raises(home):
    import random

    rng = random.Random(7)
    alphabet = "返回首页预约是不 [unk]abcX1😀\u3000\n\t취소"
    for _ in range(300):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 60)))
        assert match(text, home).outcome in set(Outcome)
