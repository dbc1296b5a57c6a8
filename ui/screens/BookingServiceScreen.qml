import QtQuick
import Kiosk
import ui

// Booking, step 1: the services as large tiles — pictogram, name, one plain line and
// what this citizen pays (priced by the backend for their subsidy).
ScreenPage {
    id: page

    KText {
        objectName: "bookingGreeting"
        width: parent.width
        visible: Booking.greeting !== ""
        text: Booking.greeting
        textRole: "heading"
    }
    KText {
        width: parent.width
        visible: !Booking.servicesLoaded
        text: I18n.s["booking.loading"]
    }
    Grid {
        id: tiles
        width: parent.width
        columns: page.landscape ? (Theme.scale < 1.2 ? 3 : 2) : (Theme.scale < 1.2 ? 2 : 1)
        spacing: Theme.gap

        readonly property real tileWidth: (width - (columns - 1) * spacing) / columns

        Repeater {
            id: services
            model: Booking.services
            KioskButton {
                objectName: "service_" + modelData.code
                width: tiles.tileWidth
                height: Math.max(implicitHeight, tiles.rowHeight)
                decoration: Component { GlyphBadge { glyph: modelData.icon } }
                text: modelData.name
                textRole: "heading"
                hint: modelData.description + "\n" + modelData.price
                hintRole: "body"
                selected: modelData.selected
                onClicked: Booking.chooseService(modelData.code)
            }
        }
        // Tiles of a row share one height, the tallest tile's.
        readonly property real rowHeight: {
            var tallest = 0
            for (var i = 0; i < services.count; ++i)
                tallest = Math.max(tallest, services.itemAt(i) ? services.itemAt(i).implicitHeight : 0)
            return tallest
        }
    }
}
