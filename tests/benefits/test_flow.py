"""benefits.flow without Qt or a backend: lines, brief mentions, slip and hint words."""

from __future__ import annotations

import datetime as dt

from kiosk.api.benefits_models import Office, PolicyResult, Question, Screening
from kiosk.api.fields import Obj
from kiosk.benefits import flow
from kiosk.locale_pack import load_pack

OFFICE = Office("一号窗口", "演示市示范路1号", "周一至周五 9:00–17:00")


def _result(policy: str, outcome: str, reasons=(), yuan=None) -> PolicyResult:
    return PolicyResult(policy, f"{policy}名", f"{policy}简", outcome, f"{policy}的条件",
                        tuple(reasons), yuan, None, ("本人身份证", f"{policy}材料"), OFFICE)  # fmt: skip


def _screening(*results, question=None) -> Screening:
    return Screening(dt.date(2026, 12, 2), "张*华", question, 5, tuple(results), None)


def test_only_likely_and_need_info_get_a_line_the_rest_is_brief():
    pack = load_pack("zh_CN")
    view = flow.results_view(_screening(
        _result("a", "likely", yuan=100), _result("b", "need_info", ["还不清楚收入"]),
        _result("c", "receiving", ["您已经在享受"]), _result("d", "applied", ["正在办理"]),
        _result("e", "unlikely", ["收入超过"]),
    ), pack)  # fmt: skip
    assert [(x.heading, x.reason, x.amount) for x in view.lines] == [
        ("可能符合：a名", "按您的记录和回答：a的条件", "每月 100 元"),
        ("还要问清楚：b名", "还不清楚收入", ""),
    ]
    assert view.brief == ("已在享受：c简", "已申请，正在办理：d简")
    assert view.bring == "请带上：本人身份证、a材料、b材料"
    assert view.where == ("到这里申请：一号窗口\n演示市示范路1号\n周一至周五 9:00–17:00",)
    assert view.prompt.shown == "找到 2 项，请看下面的说明。"
    assert "a名，可能符合。每月 100 元，按您的记录和回答" in view.prompt.spoken
    assert "e名" not in view.prompt.spoken
    assert view.has_amounts
    hidden = view.prompt_hidden.spoken  # before 显示金额: no amount said, and how to hear it
    assert (
        "a名，可能符合。按您的记录和回答" in hidden and "100" not in hidden and "一百" not in hidden
    )
    assert "显示金额" in hidden and view.prompt_hidden.shown == view.prompt.shown


def test_no_line_says_so_and_the_slip_names_only_the_masked_name():
    pack = load_pack("zh_CN")
    view = flow.results_view(_screening(_result("c", "receiving")), pack)
    assert view.lines == () and view.bring == "" and view.where == ()
    assert "暂时没有找到" in view.prompt.spoken
    lines = flow.slip_lines(view, "张*华", pack)
    assert lines[0] == "查询人：张*华" and "已在享受：c简" in lines


def test_question_prompt_shows_its_number_and_speaks_the_question():
    pack = load_pack("zh_CN")
    said = flow.question_prompt(_screening(question=Question("q", "有没有超过一千元？")), 1, pack)
    assert said.shown == "第 2 个问题，请按下面的按钮回答"
    assert "有没有超过一千元？" in said.spoken and "第二个问题" in said.spoken


def test_hint_line_and_an_unknown_outcome_from_the_backend():
    pack = load_pack("zh_CN")
    assert flow.hint_line("高龄津贴", pack) == "您可能可以申请高龄津贴，按这里看看"
    assert flow.hint_line(None, pack) == ""
    raw = {"policy": "x", "name": "X", "short_name": "X", "outcome": "maybe", "who": "w",
           "reasons": [], "monthly_yuan": None, "amount_note": None, "bring": [],
           "office": {"name": "n", "address": "a", "hours": "h"}}  # fmt: skip
    assert PolicyResult.parse(Obj(raw)).outcome == "need_info"  # never shown as 可能符合
