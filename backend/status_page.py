"""The public status page behind a receipt's QR code: read-only, masked, phone-sized."""

from __future__ import annotations

import datetime as dt
from html import escape

from backend.clock import aware

_PAGE = """<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>{title}</title>
<style>
body {{ font-family: "Noto Sans CJK SC", "PingFang SC", sans-serif; margin: 0; padding: 1rem;
       font-size: 1.25rem; line-height: 1.6; color: #111; background: #fff; max-width: 40rem; }}
h1 {{ font-size: 1.6rem; margin: 0 0 .5rem; }}
.status {{ font-size: 1.5rem; font-weight: bold; padding: .5rem .75rem; border: 3px solid #114;
          display: inline-block; border-radius: .5rem; }}
dl {{ display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; }}
dt {{ color: #333; }} dd {{ margin: 0; }}
ol {{ padding-left: 1.5rem; }} li {{ margin: .25rem 0; }}
.note {{ color: #333; font-size: 1rem; }}
</style>
</head>
<body>
<main>
<h1>{title}</h1>
{body}
<p class="note">本页面只读，个人信息已隐去。如有疑问请拨打社区服务电话。</p>
</main>
</body>
</html>
"""


def status_url(public_base: str, token: str) -> str:
    """The link a receipt's QR code holds: public_base is e.g. https://minzheng.example.cn."""
    return f"{public_base}/s/{token}"


def _date(value: dt.date | dt.datetime | None) -> str:
    if value is None:
        return "—"
    if isinstance(value, dt.datetime):
        value = aware(value)
        return f"{value.month}月{value.day}日 {value:%H:%M}"
    return f"{value.year}年{value.month}月{value.day}日"


def _fields(pairs: list[tuple[str, str]]) -> str:
    rows = "".join(f"<dt>{escape(k)}</dt><dd>{escape(v)}</dd>" for k, v in pairs)
    return f"<dl>{rows}</dl>"


def _steps(steps: list[tuple[str, str]]) -> str:
    items = "".join(f"<li>{escape(label)}　{escape(when)}</li>" for label, when in steps)
    return f"<h2>办理记录</h2><ol>{items}</ol>"


def order_page(order_view: dict, masked_name: str) -> str:
    fields = [
        ("预约人", masked_name),
        ("订单号", order_view["number"]),
        ("服务", order_view["service"]["name"]),
        ("服务机构", order_view["provider"]["name"]),
        ("时间", _date(order_view["slot"]["start"])),
    ]  # no address, not even masked: the masked name is the only personal detail shown
    body = (
        f'<p class="status">{escape(order_view["status"]["label"])}</p>'
        + _fields(fields)
        + _steps([(t["status"]["label"], _date(t["at"])) for t in order_view["history"]])
    )
    return _PAGE.format(title="上门服务预约", body=body)


def application_page(detail: dict, masked_name: str) -> str:
    fields = [
        ("申请人", masked_name),
        ("申请编号", detail["number"]),
        ("事项", detail["type"]["label"]),
        ("提交日期", _date(detail["submitted_at"])),
        ("本阶段预计完成", _date(detail["expected_by"])),
    ]
    steps = [(h["stage"]["label"], _date(h["entered_at"])) for h in detail["history"]]
    steps += [(u["stage"]["label"], "预计 " + _date(u["expected_by"])) for u in detail["upcoming"]]
    body = (
        f'<p class="status">{escape(detail["stage"]["label"])}</p>'
        + _fields(fields)
        + _steps(steps)
    )
    return _PAGE.format(title="办理进度", body=body)


def page(title: str, body_html: str) -> str:
    """Any public page in the same phone-sized frame (body_html is already escaped)."""
    return _PAGE.format(title=escape(title), body=body_html)


def not_found_page() -> str:
    body = "<p>没有找到这个页面。请核对二维码或链接是否完整。</p>"
    return _PAGE.format(title="未找到", body=body)
