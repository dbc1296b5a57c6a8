"""Server-rendered staff console pages: templates/*.html with $placeholders, every value
HTML-escaped. No build step, no template engine dependency."""

from __future__ import annotations

import html
import json
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from string import Template
from urllib.parse import parse_qs

from fastapi import Request
from fastapi.responses import HTMLResponse

TEMPLATES = Path(__file__).with_name("templates")
# Pages hold nothing cacheable and must not be framed (clickjacking) or leak the URL onwards.
_HEADERS = {
    "Cache-Control": "no-store",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Content-Security-Policy": "default-src 'self'; img-src 'self' blob:; frame-ancestors 'none'",
}


@cache
def _template(name: str, folder: Path = TEMPLATES) -> Template:
    return Template((folder / f"{name}.html").read_text(encoding="utf-8"))


def render(
    name: str,
    title: str,
    status: int = 200,
    *,
    raw: dict[str, str] | None = None,
    folder: Path = TEMPLATES,
    **values: object,
) -> HTMLResponse:
    """The page body `name` inside the layout of `folder` (the staff console's by default;
    /ops has its own). `values` are escaped; `raw` holds fragments that are already safe
    (e.g. JSON escaped for an attribute, or HTML built with `html.escape`)."""
    filled = {k: html.escape(str(v)) for k, v in values.items()} | (raw or {})
    body = _template(name, folder).substitute(filled)
    page = _template("layout", folder).substitute(title=html.escape(title), body=body)
    return HTMLResponse(page, status, headers=_HEADERS)


def fragment(name: str, folder: Path, **raw: str) -> str:
    """A template of `folder` filled with fragments that are already safe (part of a page)."""
    return _template(name, folder).substitute(raw)


def options(choices: Sequence[tuple[str, str]], selected: str) -> str:
    """<option> elements, `selected` marked; every value escaped."""
    return "".join(
        f'<option value="{html.escape(v)}"{" selected" if v == selected else ""}>'
        f"{html.escape(label)}</option>"
        for v, label in choices
    )


def audit_rows(rows: list[dict]) -> str:
    """The supervisor's timeline table rows (backend.help.timeline entries), escaped."""
    if not rows:
        return '<tr><td colspan="8">这一天没有协助记录</td></tr>'
    cells = ("worker", "terminal", "start", "joined", "end", "reason")
    out = []
    for row in rows:
        tds = "".join(f"<td>{html.escape(row[c])}</td>" for c in cells)
        screens = html.escape(" → ".join(row["screens"]) or "—")
        note = html.escape(" · ".join(t for t in (row["ticket"], row["note"]) if t) or "—")
        out.append(
            f'<tr data-session="{html.escape(row["id"])}">{tds}<td>{screens}</td>'
            f"<td>{note}</td></tr>"
        )
    return "".join(out)


def json_attr(value: object) -> str:
    return html.escape(json.dumps(value, ensure_ascii=False), quote=True)


async def form(request: Request) -> dict[str, str]:
    """An application/x-www-form-urlencoded body as {name: first value}; anything else is empty."""
    if not request.headers.get("content-type", "").startswith("application/x-www-form-urlencoded"):
        return {}
    try:
        parsed = parse_qs((await request.body()).decode("utf-8"), max_num_fields=20)
    except (UnicodeDecodeError, ValueError):
        return {}
    return {key: values[0] for key, values in parsed.items()}
