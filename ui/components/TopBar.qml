import QtQuick
import Kiosk
import ui

// Screen title, the 演示模式 badge, and the operator corner (hold 5 s, top left).
Rectangle {
    id: bar

    color: Theme.primary
    implicitHeight: Math.max(Theme.target, titleText.implicitHeight + 2 * Theme.padding)

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
        anchors.left: operatorCorner.right
        anchors.right: badge.visible ? badge.left : parent.right
        anchors.rightMargin: Theme.gap
        anchors.verticalCenter: parent.verticalCenter
        text: Navigator.title
        textRole: "heading"
        color: Theme.primaryText
    }

    Rectangle {
        id: badge
        objectName: "demoBadge"
        visible: Session.demoMode
        anchors.right: parent.right
        anchors.rightMargin: Theme.margin
        anchors.verticalCenter: parent.verticalCenter
        width: badgeText.implicitWidth + 2 * Theme.padding
        height: badgeText.implicitHeight + Theme.padding
        radius: Theme.radius
        color: Theme.badge

        KText {
            id: badgeText
            anchors.centerIn: parent
            text: I18n.s["app.demo"]
            textRole: "caption"
            wrapMode: Text.NoWrap
        }
    }
}
