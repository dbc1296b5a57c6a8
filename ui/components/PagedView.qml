import QtQuick
import Kiosk
import ui

// A column that fits its area, or else pages by taps. DESIGN.md: taps only, never a drag as
// the only way. When the content is taller than the area (特大 text, landscape), the view
// makes room — only then, and never over the content — for ▲ 上一页 / ▼ 下一页, each moving
// the content by the view's height less an overlap (the last lines read stay in sight),
// disabled at the ends, with a 还有内容 ↓ cue between them. A strip under the content, or in
// landscape (height is scarce there, width is not) a rail on its right with ▼ at the bottom.
// Dragging still works as an extra way. ScreenPage (every screen) and Overlay (every modal
// panel) are built on it.
Item {
    id: view

    default property alias content: column.data
    property real margin: 0   // between the view's edges and the column
    property alias spacing: column.spacing
    // Landscape screens: a rail beside the content, which narrows the column while paging.
    // false: a strip under it (Overlay: panel keypads are laid out for their full width).
    property bool rail: Window.window ? Window.window.width > Window.window.height : width > height
    readonly property real columnWidth: flick.width - 2 * margin
    implicitHeight: column.implicitHeight + 2 * margin   // all of it: what a panel would need
    // Paging never makes the content shorter (the strip takes height; the rail takes width,
    // and narrower text only wraps more), so once on it stays on. A cut-off bottom margin is
    // only space.
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
        width: parent.width - (view.paging && view.rail ? pager.width : 0)
        height: parent.height - (view.paging && !view.rail ? pager.height : 0)
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
        readonly property real buttonWidth: Math.max(up.implicitWidth, down.implicitWidth)
        // A rail too short for the cue between its buttons (banners above a landscape
        // screen) shows the buttons only.
        readonly property bool cueFits: !view.rail
            || down.y - up.y - up.height - 2 * Theme.gap >= Math.max(more.implicitHeight, end.implicitHeight)
        x: view.rail ? view.width - width : 0
        y: view.rail ? 0 : view.height - height
        width: view.rail ? buttonWidth + 2 * Theme.gap : view.width
        // Both cues are laid out, one shown: the pager's size must not change as the cue
        // does (it sets the view's size, which decides which cue shows).
        height: view.rail ? view.height
                          : Math.max(up.height, more.implicitHeight, end.implicitHeight) + 2 * Theme.gap
        visible: view.paging
        color: Theme.background

        Rectangle {   // sets the pager apart from the content above or beside it
            width: view.rail ? 3 : parent.width
            height: view.rail ? parent.height : 3
            color: Theme.border
        }
        KioskButton {
            id: up
            objectName: "pageUp"
            x: view.rail ? Theme.gap : view.margin
            y: view.rail ? Theme.gap : (parent.height - height) / 2
            width: pager.buttonWidth
            text: I18n.s["page.up"]
            voiceKey: "page.up"
            enabled: !view.atStart
            onClicked: view.pageBy(-1)
        }
        KText {
            id: more
            objectName: "pageMore"
            x: view.rail ? Theme.gap : up.x + up.width + Theme.gap
            width: view.rail ? pager.buttonWidth : down.x - Theme.gap - x
            anchors.verticalCenter: parent.verticalCenter
            horizontalAlignment: Text.AlignHCenter
            visible: pager.cueFits && !view.atEnd
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
            visible: pager.cueFits && view.atEnd
            text: I18n.s["page.end"]
        }
        KioskButton {
            id: down
            objectName: "pageDown"
            x: view.rail ? Theme.gap : parent.width - view.margin - width
            y: view.rail ? parent.height - Theme.gap - height : (parent.height - height) / 2
            width: pager.buttonWidth
            text: I18n.s["page.down"]
            voiceKey: "page.down"
            enabled: !view.atEnd
            onClicked: view.pageBy(1)
        }
    }
}
