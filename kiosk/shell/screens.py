"""The screens the navigator knows: id -> QML file under ui/ (a folder per feature), and who may enter.

A later feature adds its screen here (and a [screens.<id>] title/instruction in both
locale packs). `needs_identity` screens are reached through identification first.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ScreenSpec:
    id: str
    qml: str  # path under ui/, e.g. booking/BookingDayScreen.qml
    needs_identity: bool = False


HOME = "home"
IDENTIFY = "identify"

SCREENS: dict[str, ScreenSpec] = {
    spec.id: spec
    for spec in (
        ScreenSpec(HOME, "shell/HomeScreen.qml"),
        ScreenSpec(IDENTIFY, "identify/IdentifyScreen.qml"),
        ScreenSpec("help", "help/HelpScreen.qml"),
        ScreenSpec("volunteer", "help/VolunteerScreen.qml"),  # 志愿者协助 sign-in (issue 8)
        ScreenSpec("offline", "fleet/OfflineScreen.qml"),  # 网络暂时不通: what still works (15)
        # 先留申请 while offline (15): a callback or reschedule request, then its receipt.
        ScreenSpec("offline_request", "fleet/OfflineRequestScreen.qml", needs_identity=True),
        ScreenSpec("offline_saved", "fleet/OfflineSavedScreen.qml", needs_identity=True),
        # Booking (issue 4): one screen per step, so 返回 steps back and each step is spoken.
        ScreenSpec("booking", "booking/BookingServiceScreen.qml", needs_identity=True),
        ScreenSpec("booking_day", "booking/BookingDayScreen.qml", needs_identity=True),
        ScreenSpec("booking_time", "booking/BookingTimeScreen.qml", needs_identity=True),
        ScreenSpec("booking_address", "booking/BookingAddressScreen.qml", needs_identity=True),
        ScreenSpec("booking_summary", "booking/BookingSummaryScreen.qml", needs_identity=True),
        ScreenSpec("booking_receipt", "booking/BookingReceiptScreen.qml", needs_identity=True),
        # Application progress (issue 5): the list, one application, its materials, money, QR.
        ScreenSpec("progress", "progress/ProgressListScreen.qml", needs_identity=True),
        ScreenSpec("progress_detail", "progress/ProgressDetailScreen.qml", needs_identity=True),
        ScreenSpec(
            "progress_materials", "progress/ProgressMaterialsScreen.qml", needs_identity=True
        ),
        ScreenSpec("progress_money", "progress/ProgressMoneyScreen.qml", needs_identity=True),
        ScreenSpec("progress_qr", "progress/ProgressQrScreen.qml", needs_identity=True),
        # 我能享受哪些补贴？ (issue 16): one question per screen, then the results.
        ScreenSpec("benefits", "benefits/BenefitsQuestionScreen.qml", needs_identity=True),
        ScreenSpec("benefits_results", "benefits/BenefitsResultsScreen.qml", needs_identity=True),
        # My bookings (issue 4): the list, one booking, cancel confirmation, rating.
        ScreenSpec("orders", "orders/OrdersListScreen.qml", needs_identity=True),
        ScreenSpec("order_detail", "orders/OrdersDetailScreen.qml", needs_identity=True),
        ScreenSpec("order_cancel", "orders/OrdersCancelScreen.qml", needs_identity=True),
        ScreenSpec("order_rate", "orders/OrdersRateScreen.qml", needs_identity=True),
    )
}
