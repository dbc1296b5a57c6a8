pragma ComponentBehavior: Bound

import QtQuick
import Kiosk
import ui

// Booking, step 5: everything chosen (plates), then 确认预约 (once: a second tap does nothing)
// and 返回修改, pinned in view. If the time filled up meanwhile, the next free times are
// offered right here, on top.
ScreenPage {
    id: page

    // A time that just filled up: say so and offer the next free ones first, in view.
    KText {
        objectName: "bookingProblem"
        width: parent.width
        visible: Booking.problemText !== ""
        text: Booking.problemText
        color: Theme.problem
        font.bold: true
    }
    KText {
        width: parent.width
        visible: Booking.alternatives.length > 0
        text: I18n.s["booking.alternatives"]
    }
    Repeater {
        model: Booking.alternatives
        KioskButton {
            required property var modelData
            required property int index
            objectName: "alternative_" + index
            width: page.contentWidth_
            text: modelData.text
            hint: modelData.hint
            hintRole: "body"
            onClicked: Booking.chooseSlot(modelData.id)
        }
    }
    Repeater {
        model: Booking.summary
        Rectangle {
            id: summaryRow
            required property var modelData
            required property int index
            width: page.contentWidth_
            height: row.implicitHeight + 2 * Theme.padding
            radius: Theme.radius
            color: Theme.plate   // information, not a button: a faint tint, no outline

            Grid {
                id: row
                x: Theme.padding
                y: Theme.padding
                width: parent.width - 2 * Theme.padding
                columns: Theme.scale < 1.2 || page.landscape ? 2 : 1
                columnSpacing: Theme.gap
                readonly property real labelWidth: columns === 2 ? Math.min(width * 0.3, 280 * Theme.scale) : width

                KText {
                    width: row.labelWidth
                    text: summaryRow.modelData.label
                }
                KText {
                    objectName: "summary_" + summaryRow.index
                    width: row.columns === 2 ? row.width - row.labelWidth - row.columnSpacing : row.width
                    text: summaryRow.modelData.value
                    font.bold: true
                }
            }
        }
    }
    actions: Row {   // pinned: 确认预约 is in view however the summary pages
        width: parent ? parent.width : 0
        spacing: Theme.gap * 2
        Answer {
            objectName: "bookingConfirm"
            text: Booking.rescheduling ? I18n.s["booking.confirm_move"] : I18n.s["booking.confirm"]
            primary: true
            enabled: Booking.canSubmit
            onClicked: Booking.submit()
        }
        Answer {
            objectName: "bookingEdit"
            text: I18n.s["booking.edit"]
            onClicked: Navigator.back()
        }
    }
}
