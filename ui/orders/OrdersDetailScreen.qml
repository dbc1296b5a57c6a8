pragma ComponentBehavior: Bound

import QtQuick
import Kiosk
import ui

// One booking: status (the backend's label), when, number, what happens next, the actions
// its state allows (取消预约, 改约, 评价), and the history timeline.
ScreenPage {
    id: page

    Rectangle {
        width: parent.width
        height: card.implicitHeight + 2 * Theme.padding
        radius: Theme.radius
        color: Theme.plate   // information, not a button: a tint, no outline

        Column {
            id: card
            x: Theme.padding
            y: Theme.padding
            width: parent.width - 2 * Theme.padding
            spacing: 8

            KText {
                objectName: "detailStatus"
                width: parent.width
                text: (Orders.detail.service || "") + " · " + (Orders.detail.status || "")
                textRole: "heading"
            }
            KText {
                width: parent.width
                text: Orders.detail.when || ""
                font.bold: true
            }
            KText {
                objectName: "detailNumber"
                width: parent.width
                text: I18n.s["booking.row.number"] + " " + (Orders.detail.numberText || "")
            }
            KText {
                objectName: "detailNext"
                width: parent.width
                text: Orders.detail.next || ""
            }
            KText {
                objectName: "detailRating"
                width: parent.width
                visible: Orders.ratingText !== ""
                text: I18n.s["orders.rating"] + "：" + Orders.ratingText
            }
        }
    }
    KText {
        objectName: "ordersMessage"
        width: parent.width
        visible: Orders.messageText !== ""
        text: Orders.messageText
        color: Orders.messageIsProblem ? Theme.problem : Theme.text
        font.bold: true
    }
    Grid {
        id: actions
        width: parent.width
        columns: page.landscape ? 3 : (Theme.scale < 1.2 ? 2 : 1)
        spacing: Theme.gap
        readonly property real cellWidth: (width - (columns - 1) * spacing) / columns

        KioskButton {
            objectName: "orderReschedule"
            width: actions.cellWidth
            visible: Orders.canReschedule
            text: I18n.s["orders.reschedule"]
            primary: true
            onClicked: Orders.reschedule()
        }
        KioskButton {
            objectName: "orderCancel"
            width: actions.cellWidth
            visible: Orders.canCancel
            text: I18n.s["orders.cancel"]
            onClicked: Orders.askCancel()
        }
        KioskButton {
            objectName: "orderRate"
            width: actions.cellWidth
            visible: Orders.canRate
            text: I18n.s["orders.rate"]
            primary: true
            onClicked: Orders.openRating()
        }
    }
    KText {
        width: parent.width
        visible: Orders.history.length > 0
        text: I18n.s["orders.history"]
        textRole: "heading"
    }
    Repeater {
        model: Orders.history
        Row {
            id: step
            required property var modelData
            required property int index
            width: page.contentWidth_
            spacing: Theme.gap
            Rectangle {   // the timeline's dot
                y: Theme.body / 3
                width: Theme.body / 2
                height: width
                radius: width / 2
                color: step.index === Orders.history.length - 1 ? Theme.primary : Theme.border
            }
            KText {
                width: parent.width - Theme.body / 2 - Theme.gap
                text: step.modelData.status + " · " + step.modelData.when + "\n" + step.modelData.by
            }
        }
    }
}
