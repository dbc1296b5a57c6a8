"""flows.progress without Qt: sentences per stage code, fallbacks, words for speech, payments."""

from __future__ import annotations

import datetime as dt

import pytest

from kiosk.api.models import (
    ApplicationDetail,
    ApplicationSummary,
    CodeLabel,
    MissingMaterial,
    Payment,
    StageEntry,
    UpcomingStage,
)
from kiosk.locale_pack import load_pack
from kiosk.progress import flow as progress

D = dt.date
ZH, EN = load_pack("zh_CN"), load_pack("en_US")
DUE = D(2026, 12, 9)


def _detail(stage: CodeLabel, *, expected_by=DUE, note=None, missing=(), payments=(),
            decision=None, monthly=None) -> ApplicationDetail:  # fmt: skip
    return ApplicationDetail(
        number="MZ2026110300012", type=CodeLabel("dibao", "最低生活保障"), submitted_at=D(2026, 11, 3),
        stage=stage, stage_entered_at=D(2026, 12, 2), expected_by=expected_by, public_url="http://x/s/t",
        history=(StageEntry(CodeLabel("submitted", "已提交"), D(2026, 11, 3), None),
                 StageEntry(stage, D(2026, 12, 2), note)),
        upcoming=(UpcomingStage(CodeLabel("final_review", "审核确认"), D(2026, 12, 23)),),
        missing_materials=tuple(missing), decision=decision, monthly_amount_fen=monthly,
        payments=tuple(payments),
    )  # fmt: skip


def test_publicity_sentence_shown_with_digits_and_spoken_in_words():
    said = progress.now_sentence(_detail(CodeLabel("publicity", "公示")), ZH)
    assert said.shown == "正在社区公示 7 天，12月9日 结束，您不用做什么。"
    assert "十二月九日" in said.spoken and "12月9日" not in said.spoken


def test_an_unknown_stage_code_uses_the_backends_label():
    stage = CodeLabel("hearing", "听证复核")
    view = progress.detail_view(_detail(stage), ZH)
    assert "听证复核" in view.now.shown and "十二月九日" in view.now.spoken
    assert [r.label for r in view.timeline if r.state == "current"] == ["听证复核"]
    undated = progress.now_sentence(_detail(stage, expected_by=None), EN)
    assert undated.shown == EN.templates["progress.now.generic_no_date"].format(stage="听证复核")


def test_a_known_sentence_needing_a_date_falls_back_when_there_is_none():
    said = progress.now_sentence(_detail(CodeLabel("first_review", "初审"), expected_by=None), ZH)
    assert said.shown == ZH.templates["progress.now.generic_no_date"].format(stage="初审")
    assert "{" not in said.shown and "{" not in said.spoken


def test_missing_materials_each_with_why_where_and_when():
    missing = [MissingMaterial("户口簿复印件", "核对家庭成员", "一号窗口", D(2026, 12, 15)),
               MissingMaterial("银行流水", "核查收入", "一号窗口", D(2026, 12, 11))]  # fmt: skip
    view = progress.detail_view(
        _detail(CodeLabel("needs_materials", "待补正"), missing=missing), ZH
    )
    assert [m.item for m in view.materials] == ["户口簿复印件", "银行流水"]
    assert "核对家庭成员" in view.materials[0].reason and "一号窗口" in view.materials[0].where
    assert "12月15日" in view.materials[0].due
    assert "2 样" in view.now.shown and "12月11日" in view.now.shown, "the earliest due date"
    assert "两" in view.materials_prompt.spoken or "二" in view.materials_prompt.spoken


def test_last_three_payments_newest_first_and_monthly_amount_in_words():
    payments = [
        Payment(f"2026-{m:02d}", 105000, CodeLabel("paid", "已发放"), D(2026, m, 10))
        for m in (7, 8, 9, 10)
    ]
    payments.append(Payment("2026-11", 105050, CodeLabel("pending", "待发放"), None))
    view = progress.detail_view(_detail(CodeLabel("paid", "已发放"), expected_by=None, payments=payments,
                                        decision=CodeLabel("approved", "已确认"), monthly=105000), ZH)  # fmt: skip
    assert [p.period for p in view.payments] == ["2026年11月", "2026年10月", "2026年9月"]
    assert view.payments[0].amount == "1050.50 元" and view.payments[0].when == ""
    assert view.payments[1].status == "已发放" and "10月10日" in view.payments[1].when
    assert view.amount == "每月 1050 元" and view.has_money
    assert "一千零五十元" in view.money_prompt.spoken and "1050" not in view.money_prompt.spoken


@pytest.mark.parametrize("pack", [ZH, EN], ids=["zh_CN", "en_US"])
def test_every_stage_code_has_a_sentence_in_both_packs(pack):
    from backend.codes import STAGES

    for code in STAGES:
        assert f"progress.now.{code}" in pack.templates


def test_timeline_marks_done_current_and_later():
    rows = progress.timeline(_detail(CodeLabel("first_review", "初审")), ZH)
    assert [r.state for r in rows] == ["done", "current", "later"]
    assert rows[0].mark == "✓" and rows[0].when == "11月3日"
    assert "12月9日" in rows[1].when and "12月23日" in rows[2].when


def test_list_rows_and_prompt():
    detail = _detail(CodeLabel("publicity", "公示"))
    rows = progress.list_rows([detail], ZH)
    assert rows[0].title == "最低生活保障"
    assert rows[0].lines == ("11月3日 提交", "现在：公示", "预计 12月9日 前有结果")
    assert progress.list_prompt([detail], ZH).spoken.count("一") >= 1
    assert progress.list_prompt([], EN).shown == EN.templates["progress.list.none"]


def test_application_number_in_groups_like_the_booking_number():
    assert progress.application_number("MZ2026110300012") == "MZ 2026 1103 00012"
    assert progress.application_number("12345678") == "12345678"


def test_needs_action_stands_out_and_a_late_stage_says_what_to_do():
    summary = ApplicationSummary(
        number="MZ2026110300012", type=CodeLabel("care_subsidy", "护理补贴"),
        submitted_at=D(2026, 11, 3), stage=CodeLabel("needs_materials", "待补正"),
        stage_entered_at=D(2026, 11, 20), expected_by=DUE, public_url="http://x/s/t",
    )  # fmt: skip
    (on_time,) = progress.list_rows([summary], ZH, today=D(2026, 12, 1))
    assert on_time.needs_action and on_time.lines[0] == "需要您补材料"
    assert on_time.lines[-1] == "预计 12月9日 前有结果"
    (late,) = progress.list_rows([summary], ZH, today=D(2026, 12, 10))
    assert "已经过了还没办完" in late.lines[-1] and "窗口" in late.lines[-1]


def test_the_step_note_says_what_to_bring_by_when_and_where():
    missing = MissingMaterial(
        "户口本复印件", "核对家庭成员", "幸福里社区服务中心 2号窗口", D(2026, 12, 15)
    )
    detail = _detail(CodeLabel("needs_materials", "待补正"), note="材料不齐，请按告知补正",
                     missing=[missing])  # fmt: skip
    current = next(r for r in progress.timeline(detail, ZH) if r.state == "current")
    assert current.note == "请在 12月15日 前，把户口本复印件带到幸福里社区服务中心 2号窗口。"
