import QtQuick
import Kiosk
import ui

// Where hotline staff pointed: a pulsing ring at that spot with "请点一下闪动的地方".
// A zero-size anchor at the spot, so it covers nothing and takes no taps.
Item {
    id: anchor

    objectName: "pointerRing"
    readonly property bool covers: true   // drawn over the screen on purpose: the audit skips what it covers
    visible: Help.ringVisible
    x: Help.ringX * parent.width
    y: Help.ringY * parent.height
    width: 0
    height: 0
    z: 90

    readonly property real size: 180
    readonly property bool labelAbove: Help.ringY > 0.6

    Rectangle {  // the ring, with a light halo so it shows on dark buttons too
        id: halo
        objectName: "pointerRingCircle"
        x: -width / 2
        y: -height / 2
        width: anchor.size + 24
        height: width
        radius: width / 2
        color: "transparent"
        border.width: 12
        border.color: Theme.badge

        Rectangle {
            anchors.centerIn: parent
            width: anchor.size
            height: width
            radius: width / 2
            color: "transparent"
            border.width: 12
            border.color: Theme.problem
        }

        SequentialAnimation on scale {
            running: anchor.visible
            loops: Animation.Infinite
            NumberAnimation { from: 0.7; to: 1.15; duration: 600; easing.type: Easing.InOutQuad }
            NumberAnimation { from: 1.15; to: 0.7; duration: 600; easing.type: Easing.InOutQuad }
        }
    }

    Rectangle {
        id: plate
        readonly property real windowWidth: anchor.parent ? anchor.parent.width : 0
        width: Math.min(label.implicitWidth + 2 * Theme.padding, windowWidth - 2 * Theme.margin)
        height: label.implicitHeight + Theme.padding
        // Beside the ring on the screen, never off its edges.
        x: Math.max(Theme.margin - anchor.x, Math.min(-width / 2, windowWidth - Theme.margin - anchor.x - width))
        y: anchor.labelAbove ? -anchor.size * 0.6 - height - Theme.gap : anchor.size * 0.6 + Theme.gap
        radius: Theme.radius
        color: Theme.problem
        Accessible.role: Accessible.StaticText   // a callout beside the ring, not a button

        KText {
            id: label
            objectName: "pointerRingText"
            x: Theme.padding
            width: parent.width - 2 * Theme.padding
            anchors.verticalCenter: parent.verticalCenter
            horizontalAlignment: Text.AlignHCenter
            text: I18n.s["help.ring"]
            color: Theme.primaryText
            font.bold: true
        }
    }
}
