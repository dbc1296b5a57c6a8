"""`pyside6-qmllint` over ui/ with zero warnings allowed (run by tests/test_qmllint.py).

The `Kiosk` module's singletons are registered from Python at run time, so qmllint cannot
see them; this writes a qmltypes description of them — read from the classes' meta-objects,
so it cannot drift from the code — into a temporary import directory first.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QMLLINT = Path(sys.executable).with_name("pyside6-qmllint")


def _view_model_classes() -> list[type]:
    from kiosk import app  # noqa: F401  (importing the composition root registers every class)
    from kiosk.shell import registry

    return registry.registered()


def _quote(text: str) -> str:
    return json.dumps(text)


def _component(cls: type) -> str:
    meta = cls.staticMetaObject
    name = cls.__name__
    lines = [
        "    Component {",
        f"        file: {_quote(cls.__module__)}",
        f"        name: {_quote(name)}",
        '        accessSemantics: "reference"',
        '        prototype: "QObject"',
        f'        exports: ["Kiosk/{name} 1.0"]',
        "        isCreatable: false",
        "        isSingleton: true",
        "        exportMetaObjectRevisions: [256]",
    ]
    for i in range(meta.enumeratorOffset(), meta.enumeratorCount()):
        enum = meta.enumerator(i)
        keys = ", ".join(_quote(enum.key(k)) for k in range(enum.keyCount()))
        scoped = " isScoped: true;" if enum.isScoped() else ""
        lines.append(f"        Enum {{ name: {_quote(enum.name())};{scoped} values: [{keys}] }}")
    for i in range(meta.propertyOffset(), meta.propertyCount()):
        prop = meta.property(i)
        notify = prop.notifySignal()
        parts = [f"name: {_quote(prop.name())}", f"type: {_quote(prop.typeName())}"]
        if notify.isValid():
            parts.append(f"notify: {_quote(bytes(notify.name()).decode())}")
        if not prop.isWritable():
            parts.append("isReadonly: true")
        lines.append(f"        Property {{ {'; '.join(parts)} }}")
    for i in range(meta.methodOffset(), meta.methodCount()):
        method = meta.method(i)
        kind = "Signal" if method.methodType() == method.MethodType.Signal else "Method"
        method_name = bytes(method.name()).decode()
        if method_name.startswith("_"):
            continue  # private queued signals (thread hops) are not for QML
        returns = method.typeName()
        head = f"name: {_quote(method_name)}"
        if kind == "Method" and returns and returns != "void":
            head += f"; type: {_quote(returns)}"
        params = [
            f"Parameter {{ name: {_quote(bytes(n).decode() or f'arg{j}')}; type: {_quote(bytes(t).decode())} }}"
            for j, (n, t) in enumerate(
                zip(method.parameterNames(), method.parameterTypes(), strict=True)
            )
        ]
        lines += [f"        {kind} {{ {head}", *(f"            {p}" for p in params), "        }"]
    lines.append("    }")
    return "\n".join(lines)


def write_kiosk_module(directory: Path) -> Path:
    """directory/Kiosk/{qmldir,kiosk.qmltypes} describing every registered view model."""
    module = directory / "Kiosk"
    module.mkdir(parents=True, exist_ok=True)
    components = "\n".join(_component(cls) for cls in _view_model_classes())
    types = f"import QtQuick.tooling 1.2\n\nModule {{\n{components}\n}}\n"
    (module / "kiosk.qmltypes").write_text(types, encoding="utf-8")
    (module / "qmldir").write_text(
        "module Kiosk\ntypeinfo kiosk.qmltypes\ndepends QtQuick\n", encoding="utf-8"
    )
    return module


def lint(files: list[Path], *, import_paths: tuple[Path, ...] = (ROOT,)) -> tuple[int, str]:
    """(number of warnings, qmllint's report) for files, with the Kiosk module described."""
    with tempfile.TemporaryDirectory(prefix="kiosk-qmllint-") as tmp:
        write_kiosk_module(Path(tmp))
        report = Path(tmp) / "report.json"
        args = [str(QMLLINT), "--json", str(report), "-I", tmp]
        for path in import_paths:
            args += ["-I", str(path)]
        done = subprocess.run(
            [*args, *map(str, files)], capture_output=True, text=True, timeout=600
        )
        if not report.exists():
            return 1, done.stdout + done.stderr
        results = json.loads(report.read_text(encoding="utf-8"))
    problems = [
        f"{entry['filename']}:{w.get('line', '?')}:{w.get('column', '?')}: {w['message']}"
        f" [{w.get('id', w.get('type', ''))}]"
        for entry in results.get("files", [])
        for w in entry.get("warnings", [])
    ]
    return len(problems), "\n".join(problems)


def ui_files() -> list[Path]:
    return sorted((ROOT / "ui").rglob("*.qml"))


def main() -> int:
    count, report = lint(ui_files())
    print(report or "qmllint: ui/ has no warnings")
    return 1 if count else 0


if __name__ == "__main__":
    sys.exit(main())
