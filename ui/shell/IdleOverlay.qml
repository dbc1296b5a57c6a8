import QtQuick
import Kiosk
import ui

// 您还在使用吗？ with a countdown, one big 继续, and 结束.
Overlay {
    objectName: "idleOverlay"
    visible: Idle.warning

    KText {
        width: parent.width
        horizontalAlignment: Text.AlignHCenter
        text: I18n.s["idle.title"]
        textRole: "heading"
    }
    KText {
        objectName: "idleCountdown"
        width: parent.width
        horizontalAlignment: Text.AlignHCenter
        text: Idle.countdownText
    }
    KioskButton {
        objectName: "idleContinue"
        width: parent.width
        height: Math.max(implicitHeight, Theme.target * 1.5)
        text: I18n.s["idle.continue"]
        textRole: "heading"
        primary: true
        enabled: Idle.canExtend
        onClicked: Idle.extend()
    }
    KioskButton {
        objectName: "idleEnd"
        width: parent.width
        text: I18n.s["idle.end"]
        onClicked: Idle.endNow()
    }
}
