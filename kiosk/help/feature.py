"""Help's part of the composition root (kiosk/app.py calls build): 呼叫帮助, the screen
mirror it shares with staff, and 志愿者协助."""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.help.mirror.view_model import Mirror
from kiosk.help.view_model import Help
from kiosk.help.volunteer import Volunteer
from kiosk.shell.deps import ScreenDeps


@dataclass(frozen=True)
class HelpFeature:
    help: Help
    mirror: Mirror
    volunteer: Volunteer


def build(deps: ScreenDeps) -> HelpFeature:
    mirror = Mirror(parent=deps.owner)
    return HelpFeature(Help(deps, mirror=mirror), mirror, Volunteer(deps))
