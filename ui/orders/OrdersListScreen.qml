pragma ComponentBehavior: Bound

import QtQuick
import Kiosk
import ui

// 我的预约: each booking with the backend's status label and what happens next; the screen
// pages them (▲/▼, whole bookings), the one way to page.
ScreenPage {
    id: page

    KText {
        width: parent.width
        text: Orders.greeting
        textRole: "heading"
    }
    KText {
        objectName: "ordersEmpty"
        width: parent.width
        visible: Orders.loaded && Orders.items.length === 0
        text: I18n.s["orders.empty"]
    }
    Grid {
        id: list
        width: parent.width
        columns: page.landscape ? 2 : 1
        spacing: Theme.gap

        Repeater {
            model: Orders.items
            KioskButton {
                required property var modelData
                objectName: "order_" + modelData.number
                width: (list.width - (list.columns - 1) * list.spacing) / list.columns
                text: modelData.service + " · " + modelData.status
                textRole: "heading"
                hint: modelData.when + "\n" + I18n.s["booking.row.number"] + " " + modelData.numberText + "\n" + modelData.next
                hintRole: "body"
                onClicked: Orders.open(modelData.number)
            }
        }
    }
}
