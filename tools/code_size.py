"""Code for the next engineer: no production module over 400 lines, no function over 50.

Run by tests/test_code_size.py (so `make test` enforces it); counted on the AST, a
function from its `def` line to its last line, decorators and docstring included.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION = ("kiosk", "backend", "civic_core")
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 50


def oversized(path: Path, root: Path = ROOT) -> list[str]:
    """What in this file is over the limits, as 'path: what (n lines)'."""
    text = path.read_text(encoding="utf-8")
    name = path.relative_to(root)
    found = []
    lines = len(text.splitlines())
    if lines > MAX_MODULE_LINES:
        found.append(f"{name}: module ({lines} lines > {MAX_MODULE_LINES})")
    for node in ast.walk(ast.parse(text, str(path))):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            start = min([node.lineno, *(d.lineno for d in node.decorator_list)])
            length = (node.end_lineno or node.lineno) - start + 1
            if length > MAX_FUNCTION_LINES:
                found.append(
                    f"{name}:{node.lineno}: {node.name}() ({length} lines > {MAX_FUNCTION_LINES})"
                )
    return found


# Alembic revisions are frozen history (a schema as of a release), not code anyone extends.
FROZEN = ("backend/migrations/versions/*.py",)


def production_files(root: Path = ROOT, packages: Iterable[str] = PRODUCTION) -> list[Path]:
    return sorted(
        p
        for package in packages
        for p in (root / package).rglob("*.py")
        if not any(p.relative_to(root).match(pattern) for pattern in FROZEN)
    )


def report(root: Path = ROOT, packages: Iterable[str] = PRODUCTION) -> list[str]:
    return [line for path in production_files(root, packages) for line in oversized(path, root)]
