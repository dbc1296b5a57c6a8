pragma ComponentBehavior: Bound

import QtQuick
import Kiosk
import ui

// Booking, step 1: the services as large tiles — pictogram, name, one plain line and
// what this citizen pays (priced by the backend for their subsidy).
ScreenPage {
    id: page

    PageHeader {
        width: parent.width
        text: Booking.greeting
        moreText: Booking.moreText
        moreName: "servicesMore"
        onMore: Booking.nextPage()
    }
    KText {
        width: parent.width
        visible: !Booking.servicesLoaded
        text: I18n.s["booking.loading"]
    }
    Grid {
        id: tiles
        width: parent.width
        // A page of tiles that fits the screen (more behind 更多服务): 3×2 or 6×1 at 标准,
        // 2×2 or 3×1 at 特大.
        columns: page.landscape ? (Theme.scale < 1.2 ? 6 : 3) : (Theme.scale < 1.2 ? 3 : 2)
        readonly property int perPage: page.landscape ? columns : columns * 2
        onPerPageChanged: Booking.setPageSize(perPage)
        Component.onCompleted: Booking.setPageSize(perPage)
        spacing: Theme.gap

        readonly property real tileWidth: (width - (columns - 1) * spacing) / columns

        Repeater {
            id: services
            model: Booking.services
            KioskButton {
                id: tile
                required property var modelData
                objectName: "service_" + modelData.code
                width: tiles.tileWidth
                height: Math.max(implicitHeight, tiles.rowHeight)
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
        // Tiles of a row share one height, the tallest tile's.
        readonly property real rowHeight: {
            let tallest = 0
            for (let i = 0; i < services.count; ++i)
                tallest = Math.max(tallest, services.itemAt(i) ? services.itemAt(i).implicitHeight : 0)
            return tallest
        }
    }
}
