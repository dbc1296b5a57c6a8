import QtQuick
import Kiosk
import ui

// A column that fits its area, or else pages by taps. DESIGN.md: taps only, never a drag as
// the only way. When the content is taller than the area (特大 text, landscape), the view
// makes room — only then, and never over the content — for ▲ 上一页 / ▼ 下一页, each moving
// the content by the view's height less an overlap (the last lines read stay in sight),
// disabled at the ends, with a 还有内容 ↓ cue between them, in a strip under the content.
// The strip takes height, never width: paging never reflows a layout made for the full width
// (a rail beside the content squeezed landscape keypads). Dragging still works as an extra
// way. ScreenPage (every screen) and Overlay (every modal panel) are built on it.
Item {
    id: view

    default property alias content: column.data
    property real margin: 0   // between the view's edges and the column
    property alias spacing: column.spacing
    readonly property real columnWidth: width - 2 * margin
    implicitHeight: column.implicitHeight + 2 * margin   // all of it: what a panel would need
    // The strip changes the view's height, not the column's width, so whether it pages cannot
    // change how tall the content is (no layout loop). A cut-off bottom margin is only space.
    readonly property bool paging: column.implicitHeight + margin > height + 0.5
    readonly property real overlap: Math.round(Theme.body * 2.5)   // about two lines
    readonly property real step: Math.max(flick.height - overlap, flick.height / 2)
    readonly property real lastY: Math.max(0, flick.contentHeight - flick.height)
    readonly property bool atStart: flick.contentY <= 0.5
    readonly property bool atEnd: flick.contentY >= lastY - 0.5

    function toTop() {
        flick.contentY = 0
    }
    function clamp() {
        flick.contentY = Math.max(0, Math.min(lastY, flick.contentY))
    }
    function pageBy(direction) {
        flick.contentY = Math.max(0, Math.min(lastY, flick.contentY + direction * step))
    }

    Flickable {
        id: flick
        objectName: "pagedFlick"
        width: parent.width
        height: parent.height - (view.paging ? pager.height : 0)
        clip: true
        contentWidth: width
        contentHeight: view.paging ? column.implicitHeight + 2 * view.margin : height
        interactive: view.paging
        boundsBehavior: Flickable.StopAtBounds
        flickableDirection: Flickable.VerticalFlick
        // Content that shrank (a step changed) must not leave the view past its end; later,
        // once the layout has settled (reading lastY now would be a binding loop).
        onContentHeightChanged: Qt.callLater(view.clamp)
        onHeightChanged: Qt.callLater(view.clamp)

        Column {
            id: column
            x: view.margin
            y: view.margin
            width: view.columnWidth
        }
    }

    Rectangle {
        id: pager
        objectName: "pager"
        // At most a third each, so long labels (English at 特大) wrap instead of overlapping.
        readonly property real buttonWidth: Math.min(Math.max(up.implicitWidth, down.implicitWidth),
                                                     (width - 2 * view.margin - 2 * Theme.gap) / 3)
        anchors.bottom: parent.bottom
        width: parent.width
        // Both cues are laid out, one shown: the strip's height must not change as the cue
        // does (it sets the view's height, which decides which cue shows).
        height: Math.max(up.height, more.implicitHeight, end.implicitHeight) + 2 * Theme.gap
        visible: view.paging
        color: Theme.background

        Rectangle {   // sets the strip apart from the content above it
            width: parent.width
            height: 3
            color: Theme.border
        }
        KioskButton {
            id: up
            objectName: "pageUp"
            x: view.margin
            anchors.verticalCenter: parent.verticalCenter
            width: pager.buttonWidth
            text: I18n.s["page.up"]
            voiceKey: "page.up"
            enabled: !view.atStart
            onClicked: view.pageBy(-1)
        }
        KText {
            id: more
            objectName: "pageMore"
            x: up.x + up.width + Theme.gap
            width: down.x - Theme.gap - x
            anchors.verticalCenter: parent.verticalCenter
            horizontalAlignment: Text.AlignHCenter
            visible: !view.atEnd
            text: I18n.s["page.more"]
            font.bold: true
        }
        KText {
            id: end
            objectName: "pageEnd"
            x: more.x
            width: more.width
            anchors.verticalCenter: parent.verticalCenter
            horizontalAlignment: Text.AlignHCenter
            visible: view.atEnd
            text: I18n.s["page.end"]
        }
        KioskButton {
            id: down
            objectName: "pageDown"
            x: parent.width - view.margin - width
            anchors.verticalCenter: parent.verticalCenter
            width: pager.buttonWidth
            text: I18n.s["page.down"]
            voiceKey: "page.down"
            enabled: !view.atEnd
            onClicked: view.pageBy(1)
        }
    }
}
