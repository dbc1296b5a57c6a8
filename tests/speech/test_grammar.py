"""Per-screen grammars: never empty, always [unk], literal Chinese, options + synonyms + commands."""

from __future__ import annotations

import json

from kiosk.locale_pack import load_pack
from kiosk.speech.digits import DIGIT_TOKENS
from kiosk.speech.grammar import (
    GLOBAL_COMMANDS,
    UNK,
    Option,
    PhraseBook,
    build_grammar,
    confirm_grammar,
)
from kiosk.speech.recognizer_process import segment, usable_grammar

BOOK = PhraseBook(
    commands={"back": ["返回", "上一步"], "home": ["首页"], "yes": ["是", "对"], "no": ["不是"]},
    synonyms={"home.book": ["预约", "上门服务"]},
)


def test_screen_grammar_has_options_synonyms_commands_and_unk_last():
    grammar = build_grammar([Option("home.book", "预约上门服务")], BOOK)
    assert grammar.phrases[-1] == UNK
    assert grammar.targets["home.book"] == ("预约上门服务", "预约", "上门服务")
    assert grammar.targets["back"] == ("返回", "上一步")
    assert "不是" in grammar.phrases
    assert len(grammar.phrases) == len(set(grammar.phrases))


def test_grammar_is_never_empty():
    empty = build_grammar([], PhraseBook({}, {}, ()))
    assert empty.phrases == (UNK,)
    assert json.loads(empty.to_json()) == [UNK]  # never "[]", which segfaults Vosk
    blank = build_grammar([Option("x", "  ")], PhraseBook({"back": ["", " "]}, {}, ()))
    assert blank.phrases == (UNK,)


def test_json_keeps_chinese_literal():
    text = build_grammar([Option("home.book", "预约上门服务")], BOOK).to_json()
    assert "预约上门服务" in text
    assert "\\u" not in text  # escaped Chinese silently matches nothing in Vosk


def test_digit_entry_adds_single_digit_tokens():
    grammar = build_grammar([], BOOK, digits=True)
    for token in "零一二三四五六七八九幺两叉":
        assert token in grammar.phrases
    assert grammar.digits
    assert grammar.phrases[-1] == UNK


def test_confirm_grammar_listens_only_for_yes_and_no():
    grammar = confirm_grammar(BOOK)
    assert set(grammar.targets) == {"yes", "no"}
    assert set(grammar.phrases) == {"是", "对", "不是", UNK}


def test_phrases_are_normalized():
    grammar = build_grammar([Option("a", "  Book   Now ")], PhraseBook({}, {}, ()))
    assert grammar.targets["a"] == ("book now",)


def test_unspaced_chinese_is_split_into_model_words():
    vocabulary = {"预约", "上门", "服务", "首页"}
    assert segment("预约上门服务", vocabulary.__contains__) == "预约 上门 服务"
    assert segment("首页", vocabulary.__contains__) == "首页"
    assert segment("预约挂号", vocabulary.__contains__) is None
    usable, unknown = usable_grammar(["首页", "预约挂号", UNK], vocabulary.__contains__)
    assert usable == ["首页"]  # [unk] dropped when the model lacks it (Vosk would warn)
    assert unknown == ["预约挂号"]


def test_zh_pack_covers_every_global_command_in_both_packs():
    for locale in ("zh_CN", "en_US"):
        pack = load_pack(locale)
        assert set(GLOBAL_COMMANDS) <= set(pack.commands), locale
        book = PhraseBook.from_pack(pack)
        assert tuple(book.digit_tokens) == DIGIT_TOKENS[locale]
