"""The screens the navigator knows: id -> QML file under ui/screens/, and who may enter.

A later feature adds its screen here (and a [screens.<id>] title/instruction in both
locale packs). `needs_identity` screens are reached through identification first.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ScreenSpec:
    id: str
    qml: str  # file name in ui/screens/
    needs_identity: bool = False


HOME = "home"
IDENTIFY = "identify"

SCREENS: dict[str, ScreenSpec] = {
    spec.id: spec
    for spec in (
        ScreenSpec(HOME, "HomeScreen.qml"),
        ScreenSpec(IDENTIFY, "IdentifyScreen.qml"),
        ScreenSpec("help", "HelpScreen.qml"),
        # Booking (issue 4), progress (issue 5) and my bookings (issue 4) replace
        # NextStepScreen.qml with their own first screen.
        ScreenSpec("booking", "NextStepScreen.qml", needs_identity=True),
        ScreenSpec("progress", "NextStepScreen.qml", needs_identity=True),
        ScreenSpec("orders", "NextStepScreen.qml", needs_identity=True),
    )
}
