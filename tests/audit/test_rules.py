"""Each rendered audit rule flags its deliberately bad fixture screen, and a good one passes."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QUrl
from PySide6.QtQml import QQmlApplicationEngine

from kiosk.tour import settle
from tests.audit import frame
from tests.audit.rendered import audit_rendered
from tests.audit.rules_marks import button_style, clipped_targets, non_text_contrast
from tests.audit.rules_text import (
    broken_words,
    cut_text,
    empty_pages,
    glyph_sizes,
    required_text,
)
from tests.audit.scene import shown_items, top_layer

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def screen(qapp):
    engines = []

    def load(name: str):
        engine = QQmlApplicationEngine()
        engine.load(QUrl.fromLocalFile(str(FIXTURES / name)))
        assert engine.rootObjects(), name
        window = engine.rootObjects()[0]
        engines.append((engine, window))  # the window lives as long as its Python wrapper
        settle(80)
        return window, shown_items(top_layer(window.contentItem())), frame.grab(window)

    yield load
    for engine, window in engines:
        window.close()
        engine.deleteLater()
    # Delete now: a later fixture's items may get the same addresses, and PySide would hand
    # out the dead wrappers for them.
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    settle(10)


def test_a_good_screen_passes_every_rule(screen):
    window, _, _ = screen("good.qml")
    assert audit_rendered(window, {"instruction": "请按您要办的事"}) == []


def test_small_and_shrunk_text_is_measured_on_the_glass(screen):
    _, scope, image = screen("small_text.qml")
    found = dict(p.split(": renders ") for p in glyph_sizes(scope, image))
    sizes = {where.split()[0]: int(text.split()[0]) for where, text in found.items()}
    assert 29 <= sizes.pop("caption32") <= 33
    assert 27 <= sizes.pop("scaledDigits") <= 31  # font.pixelSize says 40; the glass shows 30
    assert not sizes


def test_labels_breaking_inside_a_word_are_flagged(screen):
    _, scope, _ = screen("broken_label.qml")
    found = "\n".join(broken_words(scope))
    assert "helpLabel" in found and "breaks inside a word" in found
    assert "orderNumber" in found


def test_the_fold_cuts_nothing_and_a_sliver_is_no_target(screen):
    _, scope, _ = screen("fold.qml")
    assert any("halfRow" in p for p in cut_text(scope))
    found = "\n".join(clipped_targets(scope))
    assert "printButton" in found and "tappable while partly shown" in found


def test_a_page_that_shows_none_of_its_content_is_flagged(screen):
    _, scope, _ = screen("empty_page.qml")
    found = empty_pages(scope)
    assert len(found) == 1 and "emptyPage" in found[0], found


def test_required_text_under_a_dialog_or_painted_over_is_not_readable(screen):
    _, scope, image = screen("covered.qml")
    found = required_text(scope, image, {"hotline": "12349", "help code": "717 881"})
    assert len(found) == 2, found


def test_pale_spinner_and_icon_fail_three_to_one(screen):
    _, scope, image = screen("pale_marks.qml")
    found = "\n".join(non_text_contrast(scope, image))
    assert "spinner" in found and "paleIcon" in found


def test_plates_and_buttons_are_told_apart_by_style(screen):
    _, scope, image = screen("plate_button.qml")
    found = "\n".join(button_style(scope, image))
    assert "summaryRow" in found and "styled like a button" in found
    assert "flatButton" in found and "does not look like one" in found
