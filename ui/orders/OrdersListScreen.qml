import QtQuick
import Kiosk
import ui

// 我的预约: each booking with the backend's status label and what happens next.
ScreenPage {
    id: page

    PageHeader {
        width: parent.width
        text: Orders.greeting
        moreText: Orders.moreText
        moreName: "ordersMore"
        onMore: Orders.nextPage()
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
        // A page of bookings that fits the screen; the rest behind 更多.
        readonly property int perPage: columns * (page.landscape ? (Theme.scale < 1.2 ? 2 : 1) : (Theme.scale < 1.2 ? 3 : 2))
        onPerPageChanged: Orders.setPageSize(perPage)
        Component.onCompleted: Orders.setPageSize(perPage)

        Repeater {
            model: Orders.items
            KioskButton {
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
