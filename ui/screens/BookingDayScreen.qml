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
        columns: page.landscape ? (Theme.scale < 1.2 ? 4 : 3) : 2
        spacing: Theme.gap

        readonly property real cellWidth: (width - (columns - 1) * spacing) / columns

        Repeater {
            id: buttons
            model: Booking.days
            KioskButton {
                objectName: "day_" + modelData.iso
                width: days.cellWidth
                height: Math.max(implicitHeight, days.rowHeight)
                text: modelData.title
                textRole: "heading"
                hint: modelData.hint
                hintRole: "body"
                enabled: modelData.enabled
                selected: modelData.selected
                onClicked: Booking.chooseDay(modelData.iso)
            }
        }
        readonly property real rowHeight: {
            var tallest = 0
            for (var i = 0; i < buttons.count; ++i)
                tallest = Math.max(tallest, buttons.itemAt(i) ? buttons.itemAt(i).implicitHeight : 0)
            return tallest
        }
    }
}
