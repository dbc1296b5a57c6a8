"""The tour's (and the accessibility audit's) walk through 呼叫帮助 (issue 8).

The help code comes from the real backend; consent, mirroring, the banner on another screen,
a staff hint and the pointer ring (staff events handed to the view model as the publisher
hands them), phone-only help, and a volunteer signing in with the demo volunteer's number.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from kiosk.api.help_models import HelpEvent

if TYPE_CHECKING:  # the tour is driven by kiosk.tour; its steps only name the app
    from kiosk.app import KioskApp

Visit = Callable[[str], None]


def _demo_volunteer():
    from civic_core.demo import DEMO_VOLUNTEERS  # the tour signs in as a real demo volunteer

    return DEMO_VOLUNTEERS[0]


def walk_help(kiosk: KioskApp, at: Visit, answered: Callable[[], None]) -> None:
    """From any screen through every help and volunteer state; ends at home, nothing shared."""
    nav, help_, volunteer = kiosk.navigator, kiosk.help, kiosk.volunteer
    nav.go("help")
    answered()
    at("help-consent")
    help_.deny()
    answered()
    at("help-phone")
    help_.askAgain()
    answered()
    at("help-consent-same-code")
    help_.allow()
    answered()
    at("help-mirroring")

    nav.home()
    session_id = help_.session.id
    help_.staff_event(session_id, HelpEvent(1, "hint", hint_code="press_back"))
    at("home-mirroring-hint")
    help_.staff_event(session_id, HelpEvent(2, "pointer", x=0.5, y=0.45))
    at("home-ring")

    demo = _demo_volunteer()
    nav.go("help")
    nav.go("volunteer")
    for key in demo.number:
        volunteer.press(key)
    at("volunteer-number")
    volunteer.next()
    for key in demo.pin[:3]:
        volunteer.press(key)
    at("volunteer-pin")
    for key in demo.pin[3:]:
        volunteer.press(key)
    volunteer.next()
    answered()
    nav.home()
    at("home-volunteer-and-mirroring")
    help_.endAssist()
    volunteer.signOut()
    answered()
    nav.home()
