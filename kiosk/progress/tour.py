"""The tour's (and the accessibility audit's) walk through application progress.

The demo backend spreads one application per (type, stage) over its citizens, so showing
every stage of every type means identifying as each of them in turn, exactly as a senior
would (ID number + phone digits, 是). Citizen 0's applications are also shown with their
materials, money and QR screens.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the tour is driven by kiosk.tour; its steps only name the app
    from kiosk.app import KioskApp


Visit = Callable[[str], None]
Answered = Callable[[], None]  # waits until the backend has answered


def identify_for_progress(
    kiosk: KioskApp, citizen, answered: Answered, *, large: bool = False
) -> None:
    """From anywhere: end the visit, 查询办理进度, identify as citizen, land on their list
    (text size as before: ending the visit resets it)."""
    kiosk.session.end()
    kiosk.preferences.setLargeText(large)
    kiosk.navigator.go("progress")
    for key in citizen.id_number + citizen.phone_last4:
        kiosk.identify.press(key)
    answered()
    kiosk.identify.answer(True)
    answered()


def _details(kiosk: KioskApp, at: Visit, answered: Answered, *, sub_screens: bool) -> None:
    """Open each application on the list; shoot its detail (and, if asked, its other screens)."""
    progress, nav = kiosk.progress, kiosk.navigator
    for row in progress.rows:
        progress.choose(row["number"])
        answered()
        detail = progress.detail  # shots are named by the backend's codes
        name = f"progress-{detail.type.code}-{detail.stage.code}"
        at(name)
        if sub_screens:
            for screen, shown in (("progress_materials", progress.hasMaterials),
                                  ("progress_money", progress.hasMoney), ("progress_qr", True)):  # fmt: skip
                if shown:
                    nav.go(screen)
                    at(f"{name}-{screen.removeprefix('progress_')}")
                    if screen == "progress_money":  # amounts only after 显示金额
                        progress.showAmounts()
                        at(f"{name}-money-shown")
                    nav.back()
        nav.back()
        answered()


def walk_progress(
    kiosk: KioskApp, at: Visit, answered: Answered, *, large: bool, citizens, every_stage: bool
) -> None:
    """Citizen 0's list and applications (with every sub-screen); with every_stage, each other
    demo citizen's applications too. Ends identified as citizen 0, on the home screen."""
    identify_for_progress(kiosk, citizens[0], answered, large=large)
    at("progress-list")
    _details(kiosk, at, answered, sub_screens=True)
    if every_stage:
        for citizen in citizens[1:]:
            identify_for_progress(kiosk, citizen, answered, large=large)
            _details(kiosk, at, answered, sub_screens=False)
        identify_for_progress(kiosk, citizens[0], answered, large=large)
    kiosk.navigator.home()
