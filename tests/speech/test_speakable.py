"""speakable(): every text the speech service renders has its numbers, dates, times and amounts
in words, codes digit by digit in groups, and never an ID or a full phone number."""

import re

import pytest

from backend.demo import DEMO_CITIZENS
from kiosk.locale_pack import LOCALES, load_pack
from kiosk.speech.speakable import speakable


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("正在社区公示 7 天，12月9日 结束。", "正在社区公示七天，十二月九日 结束。"),
        ("12月3日", "十二月三日"),
        ("9:00", "上午九点"),
        ("下午 14:30 到", "下午下午两点半到"),
        ("办公时间 9:00-17:00", "办公时间上午九点到下午五点"),
        ("¥8", "八元"),
        ("共 12.50 元", "共十二元五角"),
        ("2026年12月3日", "二零二六年十二月三日"),
        ("2026-12-03", "二零二六年十二月三日"),
        ("请输入身份证号码，共 18 位。", "请输入身份证号码，共十八位。"),
        ("订单号 MZ20261103", "订单号M Z，二零二六，一一零三"),
        ("例如 V-0001", "例如V，零零零一"),
        ("请拨打 12349", "请拨打一二三四九"),
        ("带 2 份材料，第2步", "带两份材料，第二步"),
        ("百分之 3.5", "百分之三点五"),
        ("优惠 50%", "优惠百分之五十"),
        ("没有数字的句子 保持原样。", "没有数字的句子 保持原样。"),
    ],
)
def test_chinese_numbers_dates_times_and_money_become_words(text, said):
    assert speakable(text) == said


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("fully booked for the next 7 days.", "fully booked for the next seven days."),
        ("opens at 9:00", "opens at nine a.m."),
        ("on December 3 at 14:30", "on December third at two thirty p.m."),
        ("¥8 to pay", "eight yuan to pay"),
        ("e.g. V-0001", "e.g. V, zero zero zero one"),
        ("Last 4 digits", "Last four digits"),
    ],
)
def test_english_numbers_dates_times_and_money_become_words(text, said):
    assert speakable(text, "en_US") == said


@pytest.mark.parametrize("citizen", DEMO_CITIZENS[:3], ids=lambda c: c.id_number[-4:])
def test_an_id_or_a_full_phone_is_never_spoken_even_in_free_text(citizen):
    said = speakable(f"身份证 {citizen.id_number}，电话 {citizen.phone}，谢谢。")
    assert said.replace(" ", "") == "身份证，电话，谢谢。"
    assert not re.search(r"[零一二三四五六七八九]{6,}", said), "not read out as digit words either"


@pytest.mark.parametrize("locale", LOCALES)
def test_every_static_prompt_is_spoken_without_digits_and_idempotently(locale):
    for text in load_pack(locale).static_prompts():
        said = speakable(text, locale)
        assert not re.search(r"\d", said), (text, said)
        assert speakable(said, locale) == said  # pre-rendered text is looked up unchanged


def test_bad_input_never_raises():
    for text in ("", "99:99", "2026-13-45", "¥", "February 30", "０１２", "1" * 40, "3-", "-3"):
        assert isinstance(speakable(text), str) and isinstance(speakable(text, "en_US"), str)
