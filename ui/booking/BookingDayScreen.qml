pragma ComponentBehavior: Bound

import QtQuick
import Kiosk
import ui

// Booking, step 2: the next 7 days as big buttons (明天 · 星期三 · 12月2日); a day with
// no free place left is disabled and says 已约满.
ScreenPage {
    id: page

    KText {
        objectName: "bookingService"
        width: parent.width
        text: Booking.serviceName
        textRole: "heading"
    }
    KText {
        objectName: "bookingProblem"
        width: parent.width
        visible: Booking.problemText !== ""
        text: Booking.problemText
        color: Theme.problem
        font.bold: true
    }
    Grid {
        id: days
        width: parent.width
        // 特大 in portrait: three narrower columns (hints stacked) so all 7 days fit without scrolling.
        columns: page.landscape ? 4 : (Theme.scale < 1.2 ? 2 : 3)
        spacing: Theme.gap

        readonly property real cellWidth: (width - (columns - 1) * spacing) / columns

        Repeater {
            id: buttons
            model: Booking.days
            KioskButton {
                required property var modelData
                objectName: "day_" + modelData.iso
                width: days.cellWidth
                height: Math.max(implicitHeight, days.rowHeight)
                text: modelData.title
                textRole: "heading"
                hint: Theme.scale < 1.2 ? modelData.hint : modelData.hintStacked
                hintRole: Theme.scale < 1.2 ? "body" : "caption"
                enabled: modelData.enabled
                selected: modelData.selected
                onClicked: Booking.chooseDay(modelData.iso)
            }
        }
        readonly property real rowHeight: {
            let tallest = 0
            for (let i = 0; i < buttons.count; ++i)
                tallest = Math.max(tallest, buttons.itemAt(i) ? buttons.itemAt(i).implicitHeight : 0)
            return tallest
        }
    }
}
