import QtQuick
import ui

// A screen's content area: a column that scrolls only if it cannot fit (e.g. 特大 in landscape).
Flickable {
    id: page

    default property alias content: column.data
    readonly property bool landscape: width > height
    readonly property real contentWidth_: width - 2 * Theme.margin

    clip: true
    contentWidth: width
    contentHeight: column.implicitHeight + 2 * Theme.margin
    boundsBehavior: Flickable.StopAtBounds
    flickableDirection: Flickable.VerticalFlick

    Column {
        id: column
        x: Theme.margin
        y: Theme.margin
        width: page.contentWidth_
        spacing: Theme.gap
    }
}
