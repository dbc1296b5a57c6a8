import QtQuick
import Kiosk
import ui

// 先留申请 (network down): what a callback or reschedule request does and what happens next;
// nothing is kept without 先保存申请 (pinned in view with 不用了).
ScreenPage {
    KText {
        objectName: "waitingOffer"
        width: parent.width
        text: Waiting.offerText
    }
    actions: Row {
        width: parent ? parent.width : 0
        spacing: Theme.gap * 2
        Answer {
            objectName: "waitingSave"
            text: I18n.s["waiting.save"]
            primary: true
            onClicked: Waiting.save()
        }
        Answer {
            objectName: "waitingNo"
            text: I18n.s["waiting.no"]
            onClicked: Navigator.back()
        }
    }
}
