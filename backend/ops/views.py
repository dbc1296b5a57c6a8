"""HTML fragments for the /ops pages, every value escaped here (templates get them raw)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from html import escape

from backend.help.pages import options  # noqa: F401  (the /ops pages use it from here)
from backend.ops.health import TerminalRow
from backend.ops.models import HealthChange, ScreenshotRequest, SettingChange, SettingReport

STATUS_LABELS = {"online": "在线", "offline": "离线", "degraded": "有故障"}
STATE_LABELS = {
    "ok": "正常",
    "disabled": "未启用",
    "paper_out": "缺纸",
    "jam": "卡纸",
    "offline": "未连接",
    "missing": "缺失",
    "error": "故障",
}
PERIPHERAL_LABELS = {
    "printer": "打印机",
    "card_reader": "读卡器",
    "microphone": "麦克风",
    "voice_model": "语音识别模型",
    "speech_engine": "语音播报",
}
REPORT_LABELS = {"applied": "已生效", "refused": "被终端拒收", "rolled_back": "自检未过，已退回"}


def problem_label(code: str) -> str:
    """`printer:paper_out` -> 打印机缺纸."""
    name, _, state = code.partition(":")
    if state:
        return PERIPHERAL_LABELS.get(name, name) + STATE_LABELS.get(state, state)
    return {"disk_low": "磁盘将满", "outbox_backlog": "待发送积压"}.get(code, code)


def when(value: dt.datetime | None) -> str:
    return value.strftime("%m-%d %H:%M:%S") if value else "从未"


def cells(values: Iterable[object], tag: str = "td") -> str:
    return "".join(f"<{tag}>{escape(str(v))}</{tag}>" for v in values)


def fleet_rows(rows: list[TerminalRow], targets: dict[str, str]) -> str:
    """`targets`: terminal id -> its release state (HTML from release_views.state)."""
    out = []
    for row in rows:
        t, h = row.terminal, row.health
        version = (h.version + (" （版本不同）" if row.drift else "")) if h else "—"
        problems = "、".join(problem_label(p) for p in h.problems) if h else ""
        link = f'<a href="/ops/terminals/{escape(t.id)}">{escape(t.id)} {escape(t.name)}</a>'
        out.append(
            f'<tr data-terminal="{escape(t.id)}" data-status="{row.status}"><td>{link}</td>'
            f'<td>{escape(t.site)}</td><td class="status {row.status}">'
            f"{STATUS_LABELS[row.status]}</td>"
            + cells(
                [version, when(h.last_seen if h else None), problems, h.outbox_depth if h else ""]
            )
            + f'<td class="target">{targets.get(t.id, "—")}</td></tr>'
        )
    return "\n".join(out)


def peripherals(states: dict) -> str:
    return "".join(
        f'<tr data-device="{escape(name)}"><td>{escape(PERIPHERAL_LABELS.get(name, name))}</td>'
        f"<td>{escape(STATE_LABELS.get(s['state'], s['state']))}"
        f"{escape(' (' + s['code'] + ')') if s.get('code') else ''}</td></tr>"
        for name, s in states.items()
    )


def history(rows: list[HealthChange]) -> str:
    return "".join(
        "<tr>"
        + cells(
            [
                when(r.at),
                r.version,
                "、".join(map(problem_label, r.problems)) or "正常",
                " ".join(r.error_codes),
            ]
        )  # fmt: skip
        + "</tr>"
        for r in rows
    )


def setting_rows(rows: list[tuple[SettingChange, SettingReport | None]]) -> str:
    out = []
    for change, report in rows:
        values = "，".join(f"{k} = {v}" for k, v in change.values.items())
        result = REPORT_LABELS.get(report.status, report.status) if report else "等待终端空闲"
        detail = f"：{report.detail}" if report and report.detail else ""
        status = report.status if report else "pending"
        out.append(
            f'<tr data-change="{change.id}" data-result="{status}">'
            + cells([change.id, when(change.created_at), f"{change.scope} {change.target}", values])
            + f"<td>{escape(result + detail)}</td></tr>"
        )
    return "".join(out)


def screenshot(row: ScreenshotRequest | None) -> str:
    if row is None:
        return ""
    if row.status == "done":
        return f'<img id="shot" alt="终端画面（已遮挡）" src="/ops/screenshots/{row.id}.jpg">'
    if row.status == "refused":
        return f'<p id="shot-refused">终端拒绝了截图：{escape(row.detail)}</p>'
    return f'<p id="shot-pending">已请求（{when(row.requested_at)}），等待终端下一次心跳…</p>'
