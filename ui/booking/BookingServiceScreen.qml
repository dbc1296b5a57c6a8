pragma ComponentBehavior: Bound

import QtQuick
import Kiosk
import ui

// Booking, step 1: the services as large tiles — pictogram, name, one plain line and
// what this citizen pays (priced by the backend for their subsidy).
ScreenPage {
    id: page

    KText {   // who is served (landscape: the session bar says it; a row of tiles needs the room)
        width: parent.width
        visible: text !== "" && !page.landscape
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
        // Every tile, in rows of 3 or 6 at 标准, 2 or 3 at 特大; the screen pages at whole
        // rows (▲/▼, its one paging mechanism) when they do not all fit.
        columns: page.landscape ? (Theme.scale < 1.2 ? 6 : 3) : (Theme.scale < 1.2 ? 3 : 2)
        spacing: Theme.gap

        readonly property real tileWidth: (width - (columns - 1) * spacing) / columns

        Repeater {
            id: services
            model: Booking.services
            KioskButton {
                id: tile
                required property var modelData
                required property int index
                objectName: "service_" + modelData.code
                width: tiles.tileWidth
                height: Math.max(implicitHeight, tiles.rowHeight(Math.floor(index / tiles.columns)))
                // The pictogram only at 标准: at 特大 the words need its room to keep a page in view.
                decoration: Theme.scale < 1.2 ? pictogram : null
                Component { id: pictogram; GlyphBadge { glyph: tile.modelData.icon } }
                text: modelData.name
                textRole: "heading"
                hint: modelData.description + "\n" + modelData.price
                hintRole: "body"
                selected: modelData.selected
                onClicked: Booking.chooseService(modelData.code)
            }
        }
        // Tiles of a row share one height, the tallest of that row's (not of every tile: a
        // long description elsewhere must not make every row as tall).
        function rowHeight(row) {
            let tallest = 0
            for (let i = row * columns; i < Math.min(services.count, (row + 1) * columns); ++i)
                tallest = Math.max(tallest, services.itemAt(i) ? services.itemAt(i).implicitHeight : 0)
            return tallest
        }
    }
}
