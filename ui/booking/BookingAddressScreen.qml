import QtQuick
import Kiosk
import ui

// Booking, step 4: the registered address, partly masked. A different address needs a
// volunteer or staff (they can check it), so the kiosk only points to 呼叫帮助.
ScreenPage {
    Rectangle {
        width: parent.width
        height: address.implicitHeight + 2 * Theme.margin
        radius: Theme.radius
        color: Theme.surface
        border.width: 3
        border.color: Theme.border

        KText {
            id: address
            objectName: "bookingAddress"
            x: Theme.margin
            width: parent.width - 2 * Theme.margin
            anchors.verticalCenter: parent.verticalCenter
            text: Booking.addressText
            textRole: "heading"
        }
    }
    KioskButton {
        objectName: "addressOk"
        width: parent.width
        height: Math.max(implicitHeight, Theme.target * 1.5)
        text: I18n.s["booking.address.ok"]
        textRole: "heading"
        primary: true
        onClicked: Booking.confirmAddress()
    }
    KText {
        width: parent.width
        text: I18n.s["booking.address.other"]
    }
}
