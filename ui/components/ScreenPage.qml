import QtQuick
import Kiosk
import ui

// A screen's content area: a column that pages by taps (▲ 上一页 / ▼ 下一页) only if it
// cannot fit (e.g. 特大 in landscape); see PagedView.
PagedView {
    id: page

    // The window's orientation, not this area's: banners (e.g. 工作人员正在协助您) must not
    // turn a portrait screen's layout into the landscape one.
    readonly property bool landscape: Window.window ? Window.window.width > Window.window.height : width > height
    readonly property real contentWidth_: columnWidth
    // A new step of the same screen (its prompt changed: ID → phone, a language switch)
    // starts at the top; a new screen is a new page anyway.
    readonly property string place: Navigator.current + "\n" + Navigator.instruction

    margin: Theme.margin
    spacing: Theme.gap
    onPlaceChanged: toTop()
}
