"""pyside6-qmllint over ui/ with zero warnings (tools/qmllint.py describes the Kiosk module)."""

from __future__ import annotations

from tools import qmllint


def test_ui_has_no_qmllint_warnings():
    count, report = qmllint.lint(qmllint.ui_files())
    assert count == 0, report


def test_qmllint_reports_a_bad_file(tmp_path):
    bad = tmp_path / "Bad.qml"
    bad.write_text(
        "import QtQuick\nimport Kiosk\n"
        "Item {\n"
        "    property string shown: Booking.noSuchProperty\n"  # not on the view model
        "    Repeater { model: 3; Item { width: modelData } }\n"  # modelData not required
        "}\n"
    )
    count, report = qmllint.lint([bad])
    assert count >= 2, report
    assert "noSuchProperty" in report and "Bad.qml:5:40: Unqualified access" in report
