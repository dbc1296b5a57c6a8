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
        ScreenSpec("volunteer", "VolunteerScreen.qml"),  # 志愿者协助 sign-in (issue 8)
        # Booking (issue 4): one screen per step, so 返回 steps back and each step is spoken.
        ScreenSpec("booking", "BookingServiceScreen.qml", needs_identity=True),
        ScreenSpec("booking_day", "BookingDayScreen.qml", needs_identity=True),
        ScreenSpec("booking_time", "BookingTimeScreen.qml", needs_identity=True),
        ScreenSpec("booking_address", "BookingAddressScreen.qml", needs_identity=True),
        ScreenSpec("booking_summary", "BookingSummaryScreen.qml", needs_identity=True),
        ScreenSpec("booking_receipt", "BookingReceiptScreen.qml", needs_identity=True),
        # Application progress (issue 5): the list, one application, its materials, money, QR.
        ScreenSpec("progress", "ProgressListScreen.qml", needs_identity=True),
        ScreenSpec("progress_detail", "ProgressDetailScreen.qml", needs_identity=True),
        ScreenSpec("progress_materials", "ProgressMaterialsScreen.qml", needs_identity=True),
        ScreenSpec("progress_money", "ProgressMoneyScreen.qml", needs_identity=True),
        ScreenSpec("progress_qr", "ProgressQrScreen.qml", needs_identity=True),
        # My bookings (issue 4): the list, one booking, cancel confirmation, rating.
        ScreenSpec("orders", "OrdersListScreen.qml", needs_identity=True),
        ScreenSpec("order_detail", "OrdersDetailScreen.qml", needs_identity=True),
        ScreenSpec("order_cancel", "OrdersCancelScreen.qml", needs_identity=True),
        ScreenSpec("order_rate", "OrdersRateScreen.qml", needs_identity=True),
    )
}
