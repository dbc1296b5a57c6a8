"""Server-rendered staff console pages: templates/*.html with $placeholders, every value
HTML-escaped. No build step, no template engine dependency."""

from __future__ import annotations

import html
import json
from functools import cache
from pathlib import Path
from string import Template
from urllib.parse import parse_qs

from fastapi import Request
from fastapi.responses import HTMLResponse

_TEMPLATES = Path(__file__).with_name("templates")
# Pages hold nothing cacheable and must not be framed (clickjacking) or leak the URL onwards.
_HEADERS = {
    "Cache-Control": "no-store",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Content-Security-Policy": "default-src 'self'; img-src 'self' blob:; frame-ancestors 'none'",
}


@cache
def _template(name: str, directory: Path = _TEMPLATES) -> Template:
    return Template((directory / f"{name}.html").read_text(encoding="utf-8"))


def render(
    name: str,
    title: str,
    status: int = 200,
    *,
    raw: dict[str, str] | None = None,
    templates: Path = _TEMPLATES,
    **values: object,
) -> HTMLResponse:
    """The page body `name` (from `templates`, another feature's folder if given) inside the
    layout. `values` are escaped; `raw` holds fragments that are already safe (e.g. JSON
    escaped for an attribute)."""
    filled = {k: html.escape(str(v)) for k, v in values.items()} | (raw or {})
    body = _template(name, templates).substitute(filled)
    page = _template("layout").substitute(title=html.escape(title), body=body)
    return HTMLResponse(page, status, headers=_HEADERS)


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
