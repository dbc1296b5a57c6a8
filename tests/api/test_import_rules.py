"""The flows, their wording, api/ and civic_core/ are plain Python: none may import Qt (AST)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
QT_PREFIXES = ("PySide6", "PyQt5", "PyQt6", "shiboken6")


def imported_modules(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


PLAIN = (
    "kiosk/api/*.py",
    "kiosk/*/flow.py",
    "kiosk/*/wording.py",
    "kiosk/shell/paging.py",
    "kiosk/shell/idle_policy.py",
    "civic_core/*.py",
)
MODULES = sorted(p for pattern in PLAIN for p in ROOT.glob(pattern))


def test_the_api_package_is_checked():
    assert ROOT / "kiosk/api/transport.py" in MODULES


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_qt_imports(path):
    qt = {m for m in imported_modules(path) if m.split(".")[0] in QT_PREFIXES}
    assert not qt, f"{path.relative_to(ROOT)} imports {qt}"
