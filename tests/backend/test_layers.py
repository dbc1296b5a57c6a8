"""Backend services know nothing of HTTP: they take plain values and return data, so the same
rules serve any caller (a route, the CLI, a migration or a test)."""

from __future__ import annotations

import ast
from pathlib import Path

BACKEND = Path(__file__).resolve().parents[2] / "backend"
HTTP_PACKAGES = ("fastapi", "starlette")
# Modules holding business rules (routes, auth and deps are the HTTP adapters around them).
SERVICE_MODULES = [
    *sorted((BACKEND / "services").glob("*.py")),
    BACKEND / "context.py",
    BACKEND / "help" / "sessions.py",
    BACKEND / "help" / "volunteers.py",
    *(
        BACKEND / "benefits" / f"{name}.py"
        for name in (
            "engine",
            "rules",
            "schema",
            "record",
            "asking",
            "wording",
            "service",
            "outreach",
        )
    ),
]


def http_imports(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names = (
            [a.name for a in node.names]
            if isinstance(node, ast.Import)
            else [node.module or ""]
            if isinstance(node, ast.ImportFrom)
            else []
        )
        found += [n for n in names if n.split(".")[0] in HTTP_PACKAGES]
    return found


def test_services_import_no_http_types():
    offenders = {p.name: http_imports(p) for p in SERVICE_MODULES if http_imports(p)}
    assert offenders == {}


def test_the_check_sees_an_http_import(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("from fastapi import Request\nimport starlette.responses\n")
    assert http_imports(bad) == ["fastapi", "starlette.responses"]
