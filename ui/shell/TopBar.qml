import QtQuick
import Kiosk
import ui

// The screen's title and spoken instruction (beside the title when landscape, below it
// across the full width when portrait), the 演示模式 badge, and the operator corner
// (hold 5 s, top left).
Rectangle {
    id: bar

    property bool landscape: false
    readonly property real rowHeight: Math.max(Theme.target, titleText.implicitHeight + 32,
                                               landscape ? instructionText.implicitHeight + 32 : 0)

    color: Theme.primary
    implicitHeight: landscape ? rowHeight : rowHeight + instructionText.implicitHeight + 16

    MouseArea {
        id: operatorCorner
        objectName: "operatorCorner"
        x: 0
        y: 0
        width: Theme.target
        height: Theme.target
        pressAndHoldInterval: Operator.holdMs
        onPressAndHold: Operator.open()
        Accessible.role: Accessible.Button
        Accessible.name: I18n.s["operator.corner"]
    }

    KText {
        id: titleText
        objectName: "screenTitle"
        x: operatorCorner.width
        y: (bar.rowHeight - height) / 2
        width: bar.landscape ? Math.min(titleMetrics.advanceWidth + 4, (bar.width - x) * 0.4)
                             : badge.x - x - Theme.gap
        text: Navigator.title
        textRole: "heading"
        color: Theme.primaryText
    }

    TextMetrics {
        id: titleMetrics
        font: titleText.font
        text: titleText.text
    }

    KText {
        id: instructionText
        objectName: "screenInstruction"
        x: bar.landscape ? titleText.x + titleText.width + Theme.gap : Theme.margin
        y: bar.landscape ? (bar.rowHeight - height) / 2 : bar.rowHeight
        width: bar.landscape ? badge.x - x - Theme.gap : bar.width - 2 * Theme.margin
        text: Navigator.instruction
        color: Theme.primaryText
    }

    Rectangle {
        id: badge
        objectName: "demoBadge"
        visible: Session.demoMode
        x: visible ? bar.width - width - Theme.margin : bar.width
        y: (bar.rowHeight - height) / 2
        width: badgeText.implicitWidth + Theme.padding
        height: badgeText.implicitHeight + Theme.padding
        color: Theme.primary   // a label, not a button: yellow words, underlined, no plate

        KText {
            id: badgeText
            anchors.centerIn: parent
            text: I18n.s["app.demo"]
            textRole: "caption"
            color: Theme.badge
            wrapMode: Text.NoWrap
        }
        Rectangle {
            anchors.bottom: parent.bottom
            anchors.horizontalCenter: parent.horizontalCenter
            width: badgeText.implicitWidth
            height: 4
            color: Theme.badge
        }
    }
}
