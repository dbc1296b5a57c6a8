import QtQuick
import Kiosk
import ui

// 先留申请 (network down): what a callback or reschedule request does and what happens next;
// nothing is kept without 先保存申请.
ScreenPage {
    KText {
        objectName: "waitingOffer"
        width: parent.width
        text: Waiting.offerText
    }
    Grid {
        width: parent.width
        columns: 2
        spacing: Theme.gap * 2
        KioskButton {
            objectName: "waitingSave"
            width: (parent.width - parent.spacing) / 2
            height: Math.max(implicitHeight, Theme.target * 1.5)
            text: I18n.s["waiting.save"]
            textRole: "heading"
            primary: true
            onClicked: Waiting.save()
        }
        KioskButton {
            objectName: "waitingNo"
            width: (parent.width - parent.spacing) / 2
            height: Math.max(implicitHeight, Theme.target * 1.5)
            text: I18n.s["waiting.no"]
            textRole: "heading"
            onClicked: Navigator.back()
        }
    }
}
