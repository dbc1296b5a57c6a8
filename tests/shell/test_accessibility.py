"""Every screen and state, both orientations, both text scales: DESIGN.md's accessibility table,
on the scene graph (tests/fixtures/audit.py) and on the rendered frame (tests/audit/)."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor

from kiosk.tour import DEMO_PLACE, walk
from tests.audit.rendered import audit_rendered
from tests.fixtures.audit import audit, contrast
from tests.fixtures.kiosk import demo_citizens, make_config


def required_text(kiosk) -> dict[str, str]:
    """What must stay readable now: while help is open (screen or consent dialog), the hotline
    number, the visit's help code and the place name, whatever covers the screen."""
    help_ = kiosk.help
    if not (help_.asking or kiosk.navigator.current == "help"):
        return {}
    required = {"hotline": kiosk.config.help.hotline, "place": help_.placeText}
    if help_.codeVisible:
        required["help code"] = help_.codeText
    return required


@pytest.mark.parametrize("orientation", ["portrait", "landscape"])
def test_every_screen_passes_the_audit(kiosk_factory, fresh_backend, orientation):
    found: dict[str, list[str]] = {}
    visited: list[str] = []
    config = make_config(display={"orientation": orientation}, help={"place_name": DEMO_PLACE})
    for run, large in enumerate((False, True)):
        kiosk = kiosk_factory(fresh_backend, orientation=orientation, config=config)
        scale = "large" if large else "standard"

        def check(state: str, kiosk=kiosk, scale=scale) -> None:
            visited.append(state)
            problems = audit(kiosk) + audit_rendered(kiosk.window, required_text(kiosk))
            if problems:
                found[f"{orientation}-{scale}-{state}"] = problems

        walk(kiosk, check, large=large, citizens=demo_citizens(), run=run)
    assert len(set(visited)) >= 15, visited
    assert not found, "\n".join(f"{state}:\n  " + "\n  ".join(p) for state, p in found.items())


def test_contrast_formula_matches_wcag():
    assert contrast(QColor("#000000"), QColor("#FFFFFF")) == pytest.approx(21.0)
    assert contrast(QColor("#777777"), QColor("#FFFFFF")) == pytest.approx(4.48, abs=0.01)


def test_audit_catches_a_small_unnamed_low_contrast_target(kiosk_factory):
    kiosk = kiosk_factory()
    button = next(i for i in _items(kiosk) if i.objectName() == "tileHelp")
    button.setProperty("height", 60)
    button.setProperty("color", "#999999")
    problems = "\n".join(audit(kiosk))
    assert "tileHelp: target" in problems
    assert "contrast" in problems


def _items(kiosk):
    from tests.fixtures.qml_tools import items

    return items(kiosk.window.contentItem())
