"""Content taller than its screen pages by taps (▲ 上一页 / ▼ 下一页), never by a drag only."""

from __future__ import annotations

from PySide6.QtQuick import QQuickItem

from kiosk.tour import settle
from tests.audit.rendered import audit_rendered
from tests.booking.test_booking import _to_summary
from tests.fixtures.audit import audit
from tests.fixtures.kiosk import demo_citizens
from tests.fixtures.qml_tools import Tapper, answered, effectively_visible, find, scene_rect


def _fully_shown(item: QQuickItem, view: QQuickItem) -> bool:
    return scene_rect(view).contains(scene_rect(item))


def _y(flick: QQuickItem) -> float:
    return flick.property("contentY")


def _paging_problems(kiosk) -> list[str]:
    return [p for p in audit(kiosk) if "page buttons" in p or "pageUp" in p or "pageDown" in p]


def test_receipt_at_large_text_pages_by_taps_to_its_last_button(kiosk_factory, fresh_backend):
    kiosk = kiosk_factory(fresh_backend)
    ui = kiosk.i18n.pack.ui
    kiosk.preferences.setLargeText(True)
    tapper = Tapper(kiosk)
    settle(30)
    bar = scene_rect(find(kiosk, "bottomBar"))
    _to_summary(kiosk, tapper, demo_citizens()[0])
    tapper.tap("bookingConfirm")
    answered(kiosk)
    assert kiosk.navigator.current == "booking_receipt"

    flick = find(kiosk, "pagedFlick")
    view = flick.parentItem()
    assert view.property("paging"), (
        "the receipt must be taller than the screen at 特大 for this test"
    )
    assert _fully_shown(find(kiosk, "receiptPrint"), flick), "打印凭条 is in view without paging"
    assert not find(kiosk, "pageUp").isEnabled() and find(kiosk, "pageDown").isEnabled()
    assert find(kiosk, "pageMore").property("text") == ui["page.more"]
    assert not scene_rect(find(kiosk, "pager")).intersects(scene_rect(flick)), (
        "the buttons cover no content"
    )
    last = find(kiosk, "receiptFinish")
    assert not _fully_shown(last, flick)

    positions = [_y(flick)]
    while True:  # every page shows whole items only: nothing cut at the fold, no sliver to tap
        cut = [p for p in audit_rendered(kiosk.window) if "fold" in p or "partly shown" in p]
        assert not cut, (positions, cut)
        if not find(kiosk, "pageDown").isEnabled():
            break
        tapper.tap("pageDown")
        positions.append(_y(flick))
        assert len(positions) < 10, positions
    assert positions == sorted(positions) and len(set(positions)) == len(positions), positions
    assert _fully_shown(last, flick), "▼ reaches the last item"
    assert find(kiosk, "pageEnd").property("text") == ui["page.end"]
    assert not effectively_visible(find(kiosk, "pageMore", visible=False))
    assert scene_rect(find(kiosk, "bottomBar")) == bar, "the bottom bar never moves"

    assert not _paging_problems(kiosk)

    while find(kiosk, "pageUp").isEnabled():
        tapper.tap("pageUp")
        positions.append(_y(flick))
        assert len(positions) < 20, positions
    assert _y(flick) == 0
    tapper.tap("pageDown")
    kiosk.navigator.set_step_prompt("booking.slot_full", speak=False)  # the screen's step changed
    settle(10)
    assert _y(flick) == 0, "a new step starts at its top"
    kiosk.navigator.set_step_prompt(None, speak=False)
    while find(kiosk, "pageDown").isEnabled():
        tapper.tap("pageDown")
    # At the end ▲ must work: an audit that cannot fail proves nothing.
    find(kiosk, "pageUp").setProperty("enabled", False)
    assert any("pageUp disabled" in p for p in _paging_problems(kiosk))
    tapper.tap("receiptFinish")  # a tap on what paging brought into view works like any other
    assert kiosk.navigator.current == "home"
    assert _y(find(kiosk, "pagedFlick")) == 0


def test_content_that_fits_has_no_page_buttons_and_the_audit_flags_a_drag_only_view(kiosk_factory):
    kiosk = kiosk_factory()
    flick = find(kiosk, "pagedFlick")
    assert not flick.parentItem().property("paging")
    assert not effectively_visible(find(kiosk, "pager", visible=False))
    assert not flick.property("interactive"), "nothing to drag either"
    assert not _paging_problems(kiosk)
    flick.setProperty("contentHeight", flick.height() + 500)  # taller content, no buttons
    assert any("no page buttons (drag only)" in p for p in _paging_problems(kiosk))


def test_a_panel_reopens_at_its_top(kiosk_factory):
    kiosk = kiosk_factory(orientation="landscape")
    kiosk.preferences.setLargeText(True)
    tapper = Tapper(kiosk)
    kiosk.operator.open()
    settle(30)
    flick = find(kiosk, "pagedFlick")  # the panel's: an open overlay is the top layer
    assert flick.parentItem().property("paging"), (
        "the PIN panel must overflow at landscape 特大 for this test"
    )
    tapper.tap("pageDown")
    assert _y(flick) > 0
    kiosk.operator.close()
    settle(30)
    kiosk.operator.open()
    settle(30)
    assert _y(flick) == 0
