import QtQuick
import Kiosk
import ui

// A column that fits its area, or else pages by taps at item boundaries. DESIGN.md: taps only.
// When the content is taller than the area (特大 text, landscape), the view makes room — only
// then, and never over the content — for ▲ 上一页 / ▼ 下一页 with a 还有内容 ↓ cue between
// them, in a strip under the content. A page shows whole items only: the view ends at the
// fold, the top of the first item that does not fit (a half row or a sliver of a button is
// never shown, so never tapped), and ▼ starts the next page with that item. Items are the
// column's children, and a positioner's (Column, Row, Grid, Flow) children in turn; the fold
// is a line no item straddles, side-by-side columns included.
// `actions` (a screen's main action: 确认预约, 是, 下一步) sit pinned under the strip, in view
// whatever the page. The strip takes height, never width: paging never reflows a layout made
// for the full width. ScreenPage (every screen) and Overlay (every modal panel) are built on it.
Item {
    id: view

    default property alias content: column.data
    property alias actions: actionArea.data   // pinned: always in view, never paged
    property real margin: 0   // between the view's edges and the column
    property alias spacing: column.spacing
    readonly property real columnWidth: width - 2 * margin
    implicitHeight: column.implicitHeight + 2 * margin + actionHeight   // all of it: what a panel would need
    readonly property real actionHeight: actionArea.implicitHeight > 0 ? actionArea.implicitHeight + 2 * Theme.gap : 0
    // The strip changes the view's height, not the column's width, so whether it pages cannot
    // change how tall the content is (no layout loop). A cut-off bottom margin is only space.
    readonly property real room: height - actionHeight   // for the content, with no strip
    readonly property bool paging: column.implicitHeight + margin > room + 0.5
    readonly property real viewHeight: room - (paging ? pager.height : 0)
    readonly property var units: unitsOf(column, 0)
    // The fold: the top of the first item that is not wholly in the view (none: the view's end).
    // Where this page starts. The Flickable follows it (never the other way round: its own
    // contentY moves when its height does, and the height is set by the fold).
    property real offset: 0
    onOffsetChanged: showOffset()
    function showOffset() {   // now, and again once heights have settled (a Flickable re-bounds itself)
        flick.contentY = offset
        Qt.callLater(function() { flick.contentY = view.offset })
    }
    readonly property real fold: foldAt(offset)
    readonly property bool atStart: offset <= 0.5
    readonly property bool atEnd: !paging || fold >= column.y + column.implicitHeight - 0.5
    property var starts: []   // the tops of the pages before this one, for ▲

    function isPositioner(item) {   // Column, Row, Grid, Flow: their children are the items
        return item.populate !== undefined
    }
    function unitsOf(parentItem, top) {
        let out = []
        for (let i = 0; i < parentItem.children.length; ++i) {
            let c = parentItem.children[i]
            if (!c.visible || c.height <= 0)
                continue
            // A positioner's children are items; so are the parts of an item taller than a
            // page (a plate of several lines), so its page ends between two of them.
            if ((isPositioner(c) || c.height > viewHeight - Theme.gap) && c.children.length > 0)
                out = out.concat(unitsOf(c, top + c.y))
            else
                out.push({ top: top + c.y, bottom: top + c.y + c.height })
        }
        return out
    }
    function clean(line) {   // no item straddles this line (side-by-side columns included)
        for (let i = 0; i < units.length; ++i)
            if (column.y + units[i].top < line - 0.5 && column.y + units[i].bottom > line + 0.5)
                return false
        return true
    }
    function foldAt(y) {
        let end = y + viewHeight
        if (clean(end))
            return end   // nothing cut at the view's end
        // The page's first item starts at its top (the column's margin on the first page, a
        // gap below it on the next): a fold there would show an empty page.
        let first = end
        for (let i = 0; i < units.length; ++i)
            if (column.y + units[i].top >= y - 0.5)
                first = Math.min(first, column.y + units[i].top)
        let best = y
        for (let i = 0; i < units.length; ++i) {
            let top = column.y + units[i].top
            if (top > Math.max(first, y + Theme.gap) + 0.5 && top <= end && top > best && clean(top))
                best = top
        }
        // No clean line on this page (an item taller than the whole view): show it in parts.
        return best > y ? best : end
    }
    function nextTop() {   // where the next page's first item starts: the first item below a
        // clean fold (the fold may be the view's end, in the gap under the last item shown),
        // else the fold itself (an item taller than the view goes on in parts)
        if (!clean(fold))
            return fold
        let top = Infinity
        for (let i = 0; i < units.length; ++i)
            if (column.y + units[i].top >= fold - 0.5)
                top = Math.min(top, column.y + units[i].top)
        return top === Infinity ? fold : top
    }
    function toTop() {
        starts = []
        offset = 0
    }
    function clamp() {   // content that shrank (a step changed) must not leave the view past its end
        if (offset > 0 && offset >= column.y + column.implicitHeight - Theme.gap)
            toTop()
    }
    function pageBy(direction) {
        if (direction > 0 && !atEnd) {
            let first = nextTop()
            let next = first - Math.min(Theme.gap, first - offset)   // with the gap above it
            starts = starts.concat([offset])
            // An item taller than the whole view can only be shown in parts.
            offset = next > offset + 0.5 ? next : offset + viewHeight
        } else if (direction < 0 && starts.length > 0) {
            offset = starts[starts.length - 1]
            starts = starts.slice(0, starts.length - 1)
        } else if (direction < 0) {
            offset = 0
        }
    }

    Flickable {
        id: flick
        objectName: "pagedFlick"
        width: parent.width
        // Whole items only: the content below the fold is clipped away, and so cannot be tapped.
        height: view.paging ? Math.max(0, view.fold - view.offset) : view.viewHeight
        clip: true
        contentWidth: width
        // Room past the end for a last page that starts at an item (a Flickable keeps its
        // contentY within the content).
        contentHeight: view.paging ? Math.max(column.implicitHeight + 2 * view.margin, view.offset + view.viewHeight) : height
        interactive: false   // taps only: a drag would cut items at the fold again
        boundsBehavior: Flickable.StopAtBounds
        flickableDirection: Flickable.VerticalFlick
        onContentHeightChanged: Qt.callLater(view.clamp)

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
        // At most 40 % each (the cue between them takes the rest), so long labels (English at
        // 特大: "▲ Previous page") wrap at a space onto two lines instead of overlapping.
        readonly property real buttonWidth: Math.min(Math.max(up.implicitWidth, down.implicitWidth),
                                                     (width - 2 * view.margin - 2 * Theme.gap) * 0.4)
        y: view.viewHeight
        width: parent.width
        // Both cues are laid out, one shown: the strip's height must not change as the cue
        // does (it sets the view's height, which decides which cue shows).
        height: Math.max(up.height, down.height, more.implicitHeight, end.implicitHeight) + 2 * Theme.gap
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
            onClicked: { view.pageBy(-1); Navigator.pageTurned() }   // a usage event (/ops)
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
            onClicked: { view.pageBy(1); Navigator.pageTurned() }
        }
    }

    Column {   // the pinned main action(s), under the strip, in view on every page
        id: actionArea
        objectName: "actionArea"
        x: view.margin
        y: view.room + Theme.gap
        width: view.columnWidth
        spacing: Theme.gap
    }
}
