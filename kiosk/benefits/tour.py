"""The tour's (and the accessibility audit's) walk through 我能享受哪些补贴？.

Home's gentle line for citizen 0 (高龄津贴 likely from the record), then citizen 4 (nothing on
record, so the questions are asked) from the home tile: each question, answered 不知道 first
and 不是 after, then the results with their QR code; then citizen 0's results, whose amounts
show only after 显示金额.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the tour is driven by kiosk.tour; its steps only name the app
    from kiosk.app import KioskApp

Visit = Callable[[str], None]
Answered = Callable[[], None]  # waits until the backend has answered
ASKING = 4  # a demo citizen with no 低保/特困 on record: the kiosk asks


def identify_for_benefits(kiosk: KioskApp, citizen, answered: Answered) -> None:
    """From anywhere: end the visit, 我能享受哪些补贴？, identify, land on the first question."""
    kiosk.session.end()
    kiosk.navigator.go("benefits")
    for key in citizen.id_number + citizen.phone_last4:
        kiosk.identify.press(key)
    answered()
    kiosk.identify.answer(True)
    answered()


def walk_benefits(kiosk: KioskApp, at: Visit, answered: Answered, *, large: bool, citizens) -> None:
    """Expects citizen 0 identified (after another task); ends on home, citizen 0 identified
    again (as the walk found it)."""
    kiosk.navigator.home()
    answered()
    at("home-benefits-hint")
    identify_for_benefits(kiosk, citizens[ASKING], answered)
    kiosk.preferences.setLargeText(large)
    benefits = kiosk.benefits
    count = 0
    while benefits.asking:
        count += 1
        at(f"benefits-question-{count}")
        benefits.answer("dont_know" if count == 1 else "no")
        answered()
    at("benefits-results")
    identify_for_benefits(kiosk, citizens[0], answered)
    kiosk.preferences.setLargeText(large)
    while benefits.asking:  # citizen 0: 高龄津贴 likely, with its monthly amount
        benefits.answer("yes")
        answered()
    at("benefits-results-amounts-hidden")
    benefits.showAmounts()  # amounts only after 显示金额
    at("benefits-results-amounts-shown")
    kiosk.navigator.home()
