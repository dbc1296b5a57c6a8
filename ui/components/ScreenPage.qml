import QtQuick
import ui

// A screen's content area: a column that scrolls only if it cannot fit (e.g. 特大 in landscape).
Flickable {
    id: page

    default property alias content: column.data
    // The window's orientation, not this area's: banners (e.g. 工作人员正在协助您) must not
    // turn a portrait screen's layout into the landscape one.
    readonly property bool landscape: Window.window ? Window.window.width > Window.window.height : width > height
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
