import QtQuick
import ui

// A modal layer over the whole window: dims everything, blocks taps behind it,
// and shows one centred panel. `overlay` tells the layout audit it may cover siblings.
Rectangle {
    id: layer

    readonly property bool overlay: true
    default property alias content: pages.content
    property alias actions: pages.actions   // pinned under the panel's content (a dialog's answers)

    anchors.fill: parent
    color: Theme.scrim
    z: 100
    onVisibleChanged: if (visible) pages.toTop()   // each opening starts at the top

    MouseArea {
        objectName: "inputBlocker"   // swallows taps meant for the screen underneath
        anchors.fill: parent
    }

    Rectangle {
        id: panel
        anchors.centerIn: parent
        width: Math.min(parent.width - 2 * Theme.margin, 1400)
        height: Math.min(parent.height - 2 * Theme.margin, pages.implicitHeight + 2 * Theme.margin)
        radius: Theme.radius
        color: Theme.background
        border.width: 4
        border.color: Theme.border

        PagedView {   // a panel taller than the window pages by taps (operator panel at 特大)
            id: pages
            anchors.fill: parent
            anchors.margins: Theme.margin
            spacing: Theme.gap
        }
    }
}
