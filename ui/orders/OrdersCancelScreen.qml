import QtQuick
import Kiosk
import ui

// Are you sure? 不取消 (the safe choice, primary) or 确定取消 (a warning) — both large and
// pinned in view; nothing is cancelled without this tap.
ScreenPage {
    KText {
        width: parent.width
        text: I18n.s["orders.cancel.question"]
        textRole: "heading"
    }
    KText {
        objectName: "cancelWhat"
        width: parent.width
        text: (Orders.detail.service || "") + " · " + (Orders.detail.when || "")
        font.bold: true
    }
    actions: Row {   // the safe choice first and primary; 确定取消 is a warning
        width: parent ? parent.width : 0
        spacing: Theme.gap * 2
        Answer {
            objectName: "cancelNo"
            text: I18n.s["orders.cancel.no"]
            primary: true
            onClicked: Navigator.back()
        }
        Answer {
            objectName: "cancelYes"
            text: I18n.s["orders.cancel.yes"]
            warning: true
            onClicked: Orders.confirmCancel()
        }
    }
}
