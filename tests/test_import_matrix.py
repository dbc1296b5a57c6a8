"""The layer rules of tools/import_matrix.py hold, following indirect imports, and they can fail.

Also: QML reaches Python only through the `Kiosk` view-model singletons, and those live in
view-model modules, never in a flow, the API client or a service.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from tools import import_matrix
from tools.import_matrix import PLAIN, RULES, SCREENS, Graph, violations

ROOT = Path(__file__).resolve().parents[1]
QML_IMPORTS = re.compile(r"^import\s+([\w.]+)", re.MULTILINE)
QML_MODULES_ALLOWED = ("QtQuick", "QtQuick.*", "QtQml", "QtQml.*", "Kiosk", "ui")


@pytest.fixture(scope="module")
def graph() -> Graph:
    return Graph.of()


def test_every_layer_rule_holds(graph):
    assert violations(graph) == []


def test_the_rules_see_the_modules_they_are_about(graph):
    plain = [m for m in graph.edges if import_matrix._matches(m, PLAIN)]
    assert {"kiosk.api.transport", "kiosk.booking.flow", "kiosk.booking.derive",
            "kiosk.identify.flow", "civic_core.idnumber"} <= set(plain)  # fmt: skip
    # Indirect edges are followed: the booking view model reaches Qt through its imports.
    assert graph.chain("kiosk.booking.view_model", ("PySide6*",))
    assert "PySide6.QtCore" in graph.edges["kiosk.shell.worker"]


def _write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def test_a_bad_tree_breaks_the_rules_through_indirect_and_lazy_imports(tmp_path):
    _write(tmp_path, {
        "kiosk/__init__.py": "",
        "kiosk/booking/__init__.py": "",
        # A flow reaching Qt two imports away, the last one lazy inside a function.
        "kiosk/booking/flow.py": "from kiosk.booking import helper\n",
        "kiosk/booking/helper.py": "def f():\n    from kiosk.booking import deeper\n",
        "kiosk/booking/deeper.py": "from PySide6 import QtCore\n",
        # The core reaching the kiosk through a relative import.
        "civic_core/__init__.py": "",
        "civic_core/ids.py": "from . import util\n",
        "civic_core/util.py": "import kiosk.booking.flow\n",
        # The backend importing the kiosk, and an import only for type checkers (allowed).
        "backend/__init__.py": "",
        "backend/x.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import kiosk\n",
        "backend/y.py": "from kiosk.booking.helper import f\n",
    })  # fmt: skip
    found = violations(Graph.of(tmp_path), RULES)
    assert (
        "flows, wording, api and the core never reach Qt: kiosk.booking.flow -> "
        "kiosk.booking.helper -> kiosk.booking.deeper -> PySide6"
    ) in found
    assert any(v.startswith("the core imports neither side: civic_core.ids -> civic_core.util")
               for v in found)  # fmt: skip
    assert any("backend.y -> kiosk" in v for v in found)
    assert not any("backend.x" in v for v in found), "TYPE_CHECKING imports do not run"


def _qml_singleton_modules() -> list[str]:
    found = []
    for path in sorted((ROOT / "kiosk").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        decorated = any(
            isinstance(node, ast.ClassDef)
            and any(
                isinstance(d, ast.Name) and d.id == "qml_singleton" for d in node.decorator_list
            )
            for node in ast.walk(tree)
        )
        if decorated:
            found.append(".".join(path.relative_to(ROOT).with_suffix("").parts))
    return found


def test_qml_singletons_are_view_models_of_the_shell_or_a_feature():
    modules = _qml_singleton_modules()
    assert "kiosk.booking.view_model" in modules and "kiosk.booking.receipt" in modules
    misplaced = [m for m in modules if not import_matrix._matches(m, SCREENS)]
    assert misplaced == []
    assert not [m for m in modules if import_matrix._matches(m, PLAIN)]


def test_qml_imports_only_qt_quick_the_view_models_and_itself():
    bad = {}
    for path in sorted((ROOT / "ui").rglob("*.qml")):
        modules = QML_IMPORTS.findall(path.read_text(encoding="utf-8"))
        other = [m for m in modules if not import_matrix._matches(m, QML_MODULES_ALLOWED)]
        if other:
            bad[str(path.relative_to(ROOT))] = other
    assert bad == {}
    assert not import_matrix._matches("QtWebEngine", QML_MODULES_ALLOWED)
