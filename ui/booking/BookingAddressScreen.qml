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
        color: Theme.plate   // information, not a button: a tint, no outline

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
    actions: KioskButton {   // pinned: the step's answer stays in view
        objectName: "addressOk"
        width: parent ? parent.width : 0
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
