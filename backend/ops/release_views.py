"""HTML fragments for releases on /ops (every value escaped here; templates get them raw)."""

from __future__ import annotations

from html import escape
from pathlib import Path

from backend.help import pages
from backend.ops.models import Release, ReleaseAssignment, ReleaseReport
from backend.ops.views import cells, when

STATUS_LABELS = {
    "installed": "已装好，等终端空闲时切换",
    "switched": "已切换到新版本",
    "rolled_back": "新版本没能启动，已切回原版本",
    "install_failed": "没有装上",
    "unmanaged": "终端不是由启动器运行的，不能切换",
}
DETAIL_LABELS = {
    "hash_mismatch": "文件校验值不符",
    "size_mismatch": "下载不完整",
    "download_failed": "下载失败",
    "install_error": "安装出错",
    "already_running": "终端本来就在运行这个版本",
    "exited_before_start": "启动时退出",
    "no_start_mark": "限定时间内没有启动",
    "not_installed": "版本目录不完整",
}
WAITING = "等待终端下载"
TEMPLATES = Path(__file__).with_name("templates")


def form(csrf_token: str, published: list[Release], target: str = "") -> str:
    """切换版本: for one terminal (target filled in) or a site."""
    return pages.fragment(
        "release_form",
        TEMPLATES,
        csrf_token=csrf_token,
        target=escape(target),
        version_options=pages.options([(r.version, r.version) for r in published], ""),
    )


SHORT_LABELS = {  # the fleet list's narrow column; the terminal's page says it all
    "installed": "已装好，待空闲时切换",
    "switched": "已切换",
    "rolled_back": "启动失败，已切回",
    "install_failed": "没有装上",
    "unmanaged": "不能切换",
}


def status_text(report: ReleaseReport | None, short: bool = False) -> str:
    if report is None:
        return WAITING
    text = (SHORT_LABELS if short else STATUS_LABELS).get(report.status, report.status)
    if report.detail:
        code = report.detail
        reason = DETAIL_LABELS.get(code.split(".")[0], code)
        text += f"（{reason}）" if short else f"（{reason}：{code}）"
    return text


def state(found: tuple[ReleaseAssignment, ReleaseReport | None] | None, short: bool = False) -> str:
    """The target version and where the terminal is with it (`short`: for the fleet list)."""
    if found is None:
        return "—"
    assignment, report = found
    status = report.status if report else "waiting"
    return (
        f'<span class="release {status}" data-release="{status}">'
        f"{escape(assignment.version)}：{escape(status_text(report, short))}</span>"
    )


def release_rows(rows: list[Release], running: dict[str, int]) -> str:
    """`running`: version -> terminals whose last heartbeat runs it."""
    return (
        "".join(
            f'<tr data-version="{escape(r.version)}">'
            + cells(
                [
                    r.version,
                    f"{running.get(r.version, 0)} 台",
                    r.filename,
                    f"{r.size / 1024:.0f} KB",
                    when(r.published_at),
                ]
            )  # fmt: skip
            + f'<td class="hash">{escape(r.sha256)}</td></tr>'
            for r in rows
        )
        or '<tr><td colspan="6">还没有发布过版本</td></tr>'
    )


def log_rows(rows: list[ReleaseAssignment], reports: dict[int, list[ReleaseReport]],
             operators: dict[int, str]) -> str:  # fmt: skip
    out = []
    for a in rows:
        done = "".join(
            f'<li data-terminal="{escape(r.terminal_id)}" data-release="{escape(r.status)}">'
            f"{escape(r.terminal_id)} {escape(status_text(r))}（{when(r.at)}）</li>"
            for r in reports.get(a.id, [])
        )
        scope = "终端" if a.scope == "terminal" else "站点"
        out.append(
            f'<tr data-assignment="{a.id}">'
            + cells(
                [
                    a.id,
                    when(a.created_at),
                    operators.get(a.operator_id, "?"),
                    f"{scope} {a.target}",
                    a.version,
                ]
            )  # fmt: skip
            + f"<td><ul>{done or '<li>' + WAITING + '</li>'}</ul></td></tr>"
        )
    return "".join(out) or '<tr><td colspan="6">还没有下发过版本</td></tr>'
