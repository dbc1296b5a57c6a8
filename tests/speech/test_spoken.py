"""Numbers, dates, times, money and identifiers in words (kiosk.speech.spoken)."""

import datetime as dt

import pytest

from kiosk.speech import spoken


@pytest.mark.parametrize(
    ("n", "zh", "en"),
    [
        (0, "零", "zero"),
        (2, "二", "two"),
        (10, "十", "ten"),
        (12, "十二", "twelve"),
        (105, "一百零五", "one hundred five"),
        (110, "一百一十", "one hundred ten"),
        (1005, "一千零五", "one thousand five"),
        (10010, "一万零一十", "ten thousand ten"),
        (100000, "十万", "one hundred thousand"),
        (
            123456,
            "十二万三千四百五十六",
            "one hundred twenty-three thousand four hundred fifty-six",
        ),
    ],
)
def test_numbers(n, zh, en):
    assert spoken.number_words(n) == zh
    assert spoken.number_words(n, "en_US") == en


def test_dates():
    day = dt.date(2026, 12, 3)
    assert spoken.date_words(day) == "十二月三日"
    assert spoken.date_words(day, weekday=True) == "十二月三日，星期四"
    assert spoken.date_words(day, "en_US") == "December third"
    assert spoken.date_words(dt.date(2026, 12, 21), "en_US") == "December twenty-first"


@pytest.mark.parametrize(
    ("hour", "minute", "zh", "en"),
    [
        (9, 0, "上午九点", "nine a.m."),
        (14, 30, "下午两点半", "two thirty p.m."),
        (9, 5, "上午九点零五分", "nine oh five a.m."),
        (12, 15, "中午十二点十五分", "twelve fifteen p.m."),
        (19, 45, "晚上七点四十五分", "seven forty-five p.m."),
    ],
)
def test_times(hour, minute, zh, en):
    assert spoken.time_words(dt.time(hour, minute)) == zh
    assert spoken.time_words(dt.time(hour, minute), "en_US") == en


@pytest.mark.parametrize(
    ("fen", "zh", "en"),
    [
        (800, "八元", "eight yuan"),
        (200, "两元", "two yuan"),
        (1250, "十二元五角", "twelve yuan fifty"),
        (50, "五角", "fifty fen"),
        (105, "一元零五分", "one yuan five"),
        (0, "零元", "zero yuan"),
    ],
)
def test_money(fen, zh, en):
    assert spoken.money_words(fen) == zh
    assert spoken.money_words(fen, "en_US") == en


def test_order_numbers_are_read_digit_by_digit_in_groups():
    assert spoken.grouped_words("202612020017") == "二零二六，一二零二，零零一七"
    assert spoken.grouped_words("MZ2026110300012") == "M Z，二零二六，一一零三，零零零一二"
    assert spoken.grouped_words("20261202001", "en_US").endswith("zero zero one")


def test_phone_only_by_its_last_four_digits():
    assert spoken.phone_tail_words("13812345678") == "尾号五六七八"
    assert spoken.phone_tail_words("138 1234 5678", "en_US") == "ending in five six seven eight"


def test_names_are_masked_before_they_are_spoken():
    assert spoken.name_words("王小明") == "王某明"
    assert spoken.name_words("张*华") == "张某华"
    assert spoken.name_words("李四") == "李某"


def test_guard_removes_ids_phones_and_masked_identifiers():
    text = spoken.guard(
        "身份证 11010519491231002X，电话 13812345678，3301**********123X，138****5678。"
    )
    assert not any(ch.isdigit() for ch in text)
    assert "*" not in text
    assert spoken.guard("请在 3 天内办理") == "请在 3 天内办理"


def test_fill_puts_every_value_into_words():
    text = spoken.fill(
        "{name}，您预约了{when}的助餐服务，自付{you_pay_fen}，单号{order_number}，{phone}。",
        name="王小明",
        when=dt.datetime(2026, 12, 3, 14, 30),
        you_pay_fen=800,
        order_number="202612020017",
        phone="13812345678",
    )
    assert text == (
        "王某明，您预约了十二月三日下午两点半的助餐服务，自付八元，"
        "单号二零二六，一二零二，零零一七，尾号五六七八。"
    )


def test_fill_never_crashes_on_a_missing_or_bad_placeholder():
    assert spoken.fill("{seconds} 秒后回到首页") == "{seconds} 秒后回到首页"
    assert spoken.fill("坏模板 {") == "坏模板 {"
    assert spoken.fill("您好 {id_number}", id_number="11010519491231002X") == "您好 "


def test_hotline_and_help_codes_are_said_digit_by_digit():
    assert spoken.fill("服务热线 {hotline}", hotline="12349") == "服务热线 一二三四九"
    assert spoken.fill("Help code {help_code}", "en_US", help_code="407215") == (
        "Help code four zero seven two one five"
    )


def test_years_are_said_as_years():
    assert spoken.fill("{year}年{month}月", year=2026, month=12) == "二零二六年十二月"
    assert spoken.fill("in {year}", "en_US", year=2026) == "in two thousand twenty-six"
