"""/ops/usage: funnels per task, abandonment, help calls and page turns per screen, voice vs
touch and visits per day, filtered by days, site and terminal. Each chart (Chart.js, drawn by
static/ops.js from the JSON in #usage-data) has its numbers in a table beside it, which
is also what the page shows without scripts."""

from __future__ import annotations

import datetime as dt
from html import escape
from typing import Annotated

from fastapi import Query, Response
from sqlalchemy import select

from backend.auth import CtxDep
from backend.help import pages
from backend.models import Terminal
from backend.ops import funnels, health, views
from backend.ops.console_routes import nav, render, router, to
from backend.ops.operator_auth import OperatorDep

DEFAULT_DAYS = 7
TASK_LABELS = {"booking": "预约上门服务", "progress": "查询办理进度"}
MODALITY_LABELS = {"touch": "触摸", "voice": "语音"}


def _day(text: str, default: dt.date) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return default


def _section(chart_id: str, title: str, head: tuple[str, str], rows: list[tuple]) -> str:
    body = (
        "".join(f"<tr>{views.cells(r)}</tr>" for r in rows) or '<tr><td colspan="2">暂无</td></tr>'
    )
    return (
        f'<section class="chart-row" id="{chart_id}-section"><h3>{escape(title)}</h3>'
        f'<div class="chart"><canvas id="{chart_id}" role="img" aria-label="{escape(title)}">'
        f'</canvas></div><table class="numbers" id="{chart_id}-numbers">'
        f"<thead><tr>{views.cells(head, 'th')}</tr></thead><tbody>{body}</tbody></table></section>"
    )


def _sections(u: funnels.Usage) -> tuple[str, dict]:
    charts: dict[str, dict] = {}
    html_parts = []

    def add(chart_id, title, head, rows, kind="bar"):
        charts[chart_id] = {"type": kind, "title": title, "labels": [str(r[0]) for r in rows],
                            "values": [r[1] for r in rows]}  # fmt: skip
        html_parts.append(_section(chart_id, title, head, rows))

    for task, steps in u.funnels.items():
        add(f"funnel-{task}", f"漏斗：{TASK_LABELS[task]}", ("步骤", "到达的使用次数"), steps)
    add("abandoned", "在哪个画面放弃", ("最后的画面", "次数"), u.abandoned)
    add("help", "哪个画面呼叫帮助", ("画面", "次数"), u.help_calls)
    add("page-turns", "哪个画面翻页（内容一页放不下）", ("画面", "翻页次数"), u.page_turns)
    total = sum(u.modality.values()) or 1
    modality = [
        (MODALITY_LABELS[m], n, f"{100 * n / total:.0f}%") for m, n in sorted(u.modality.items())
    ]
    add(
        "modality", "语音与触摸操作", ("方式", "次数"), [(m, n) for m, n, _ in modality], "doughnut"
    )
    days = [(d.isoformat(), n, done) for d, n, done in u.days]
    add("days", "每天使用次数", ("日期", "使用次数"), [(d, n) for d, n, _ in days])
    html_parts.append(
        '<table class="numbers" id="days-completed"><thead><tr><th>日期</th><th>使用</th>'
        "<th>办成</th></tr></thead><tbody>"
        + "".join(f"<tr>{views.cells(r)}</tr>" for r in days)
        + "</tbody></table>"
        + "".join(f'<p class="note">{escape(m)}：{escape(p)}</p>' for m, _n, p in modality)
    )
    return "\n".join(html_parts), charts


@router.get("/usage")
def usage(
    op: OperatorDep,
    ctx: CtxDep,
    site: str = "",
    terminal: str = "",
    day_from: Annotated[str, Query(alias="from")] = "",
    day_to: Annotated[str, Query(alias="to")] = "",
) -> Response:
    if op is None:
        return to()
    today = ctx.clock.today()
    f = funnels.Filters(
        day_from=_day(day_from[:10], today - dt.timedelta(days=DEFAULT_DAYS - 1)),
        day_to=_day(day_to[:10], today),
        site=site[:200],
        terminal=terminal[:16],
    )
    with ctx.db.session(write=False) as db:
        result = funnels.usage(db, f)
        site_names = health.sites(db)
        terminals = list(db.scalars(select(Terminal.id).order_by(Terminal.id)))
    sections, charts = _sections(result)
    return render(
        "usage",
        "使用情况",
        nav=nav(op),
        day_from=f.day_from.isoformat(),
        day_to=f.day_to.isoformat(),
        site_options=views.options([("", "全部站点"), *[(s, s) for s in site_names]], f.site),
        terminal_options=views.options(
            [("", "全部终端"), *[(t, t) for t in terminals]], f.terminal
        ),
        visits=str(result.visits),
        usage_json=pages.json_attr(charts),
        sections=sections,
    )
