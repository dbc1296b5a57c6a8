import QtQuick
import Kiosk
import ui

// 我的预约: each booking with the backend's status label and what happens next.
ScreenPage {
    id: page

    KText {
        objectName: "ordersGreeting"
        width: parent.width
        visible: Orders.greeting !== ""
        text: Orders.greeting
        textRole: "heading"
    }
    KText {
        objectName: "ordersEmpty"
        width: parent.width
        visible: Orders.loaded && Orders.items.length === 0
        text: I18n.s["orders.empty"]
    }
    Repeater {
        model: Orders.items
        KioskButton {
            objectName: "order_" + modelData.number
            width: page.contentWidth_
            text: modelData.service + " · " + modelData.status
            textRole: "heading"
            hint: modelData.when + "\n" + I18n.s["booking.row.number"] + " " + modelData.numberText + "\n" + modelData.next
            hintRole: "body"
            onClicked: Orders.open(modelData.number)
        }
    }
    KioskButton {
        objectName: "sessionEnd"
        width: parent.width
        text: I18n.s["session.end"]
        onClicked: Session.end()
    }
}
