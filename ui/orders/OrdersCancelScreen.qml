import QtQuick
import Kiosk
import ui

// Are you sure? 确定取消 or 不取消 — both large; nothing is cancelled without this tap.
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
    Grid {
        width: parent.width
        columns: 2
        spacing: Theme.gap * 2
        KioskButton {
            objectName: "cancelYes"
            width: (parent.width - parent.spacing) / 2
            height: Math.max(implicitHeight, Theme.target * 1.5)
            text: I18n.s["orders.cancel.yes"]
            textRole: "heading"
            primary: true
            onClicked: Orders.confirmCancel()
        }
        KioskButton {
            objectName: "cancelNo"
            width: (parent.width - parent.spacing) / 2
            height: Math.max(implicitHeight, Theme.target * 1.5)
            text: I18n.s["orders.cancel.no"]
            textRole: "heading"
            onClicked: Navigator.back()
        }
    }
}
