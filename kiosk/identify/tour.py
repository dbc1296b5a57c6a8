"""The tour's (and the accessibility audit's) walk through identification: typing, a wrong
check character, a wrong phone, and "您是…吗？" answered 是."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the tour is driven by kiosk.tour; its steps only name the app
    from kiosk.app import KioskApp

Visit = Callable[[str], None]


def type_keys(kiosk: KioskApp, keys: str) -> None:
    for key in keys:
        kiosk.identify.press(key)


def _bad_check(id_number: str) -> str:
    last = "0" if id_number[-1] != "0" else "1"
    return id_number[:-1] + last


def walk_identify(kiosk: KioskApp, at: Visit, answered: Callable[[], None], *, me, other) -> None:
    """On the identification screen: ends identified as `me` (a demo citizen); `other` is
    the citizen whose phone digits are typed wrong."""
    ident = kiosk.identify
    answered()  # the demo cards (demo mode) are in: a card row laid out mid-grab overlaps keys
    at("identify-empty")
    type_keys(kiosk, me.id_number[:11])
    at("identify-id-typing")
    type_keys(kiosk, _bad_check(me.id_number)[11:])
    at("identify-bad-check-character")
    ident.clear()
    type_keys(kiosk, other.id_number)
    type_keys(kiosk, "00")
    at("identify-id-entered")
    wrong = "0000" if other.phone_last4 != "0000" else "1111"
    type_keys(kiosk, wrong[2:])
    answered()
    at("identify-wrong-phone")
    ident.editId()
    ident.clear()
    type_keys(kiosk, me.id_number + me.phone_last4)
    answered()
    at("identify-confirm")
    ident.answer(True)
