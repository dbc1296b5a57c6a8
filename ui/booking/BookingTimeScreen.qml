pragma ComponentBehavior: Bound

import QtQuick
import Kiosk
import ui

// Booking, step 3: the chosen day's times under 上午 and 下午, each with the places left;
// a full one is disabled and says 已约满.
ScreenPage {
    id: page

    KText {
        objectName: "bookingDay"
        width: parent.width
        text: Booking.serviceName + " · " + Booking.dayText
        textRole: "heading"
    }
    Grid {
        id: halves
        width: parent.width
        columns: page.landscape ? 2 : 1
        spacing: Theme.gap * 2

        readonly property real halfWidth: (width - (columns - 1) * spacing) / columns

        Repeater {
            model: [
                { "title": I18n.s["time.am"], "slots": Booking.morning },
                { "title": I18n.s["time.pm"], "slots": Booking.afternoon }
            ]
            Column {
                id: half
                required property var modelData
                width: halves.halfWidth
                spacing: Theme.gap
                visible: modelData.slots.length > 0

                KText {
                    width: parent.width
                    text: half.modelData.title
                    textRole: "heading"
                }
                Grid {
                    id: times
                    width: parent.width
                    columns: page.landscape ? 1 : 2   // portrait: two times side by side, all in view
                    spacing: Theme.gap
                    readonly property real cellWidth: (width - (columns - 1) * spacing) / columns

                    Repeater {
                        model: half.modelData.slots
                        KioskButton {
                            required property var modelData
                            objectName: "slot_" + modelData.id
                            width: times.cellWidth
                            padding: 12
                            text: modelData.text
                            textRole: Theme.scale < 1.2 ? "heading" : "body"   // two side by side still fit at 特大
                            hint: modelData.hint
                            hintRole: "body"
                            enabled: modelData.enabled
                            selected: modelData.selected
                            onClicked: Booking.chooseSlot(modelData.id)
                        }
                    }
                }
            }
        }
    }
}
