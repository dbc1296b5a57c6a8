"""No production module over 400 lines and no function over 50 (tools/code_size.py)."""

from __future__ import annotations

from tools.code_size import MAX_FUNCTION_LINES, MAX_MODULE_LINES, production_files, report


def test_production_code_is_within_the_limits():
    assert report() == []


def test_every_production_package_is_measured():
    names = {p.parts[-2] if p.name == "__init__.py" else p.stem for p in production_files()}
    assert {"idnumber", "view_model", "derive", "app", "cli"} <= names


def test_a_long_module_and_a_long_function_are_named(tmp_path):
    body = "\n".join(f"    x{i} = {i}" for i in range(MAX_FUNCTION_LINES))
    fine = "\n".join(f"    y{i} = {i}" for i in range(MAX_FUNCTION_LINES - 2))
    source = f"@decorated\ndef long():\n{body}\n\n\ndef short():\n{fine}\n"
    source += "\n" * (MAX_MODULE_LINES - source.count("\n") + 1)
    (tmp_path / "kiosk").mkdir()
    (tmp_path / "kiosk" / "bad.py").write_text(source)
    found = report(tmp_path, ("kiosk",))
    assert found == [
        f"kiosk/bad.py: module ({MAX_MODULE_LINES + 1} lines > {MAX_MODULE_LINES})",
        f"kiosk/bad.py:2: long() ({MAX_FUNCTION_LINES + 2} lines > {MAX_FUNCTION_LINES})",
    ]
