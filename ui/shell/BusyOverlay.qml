import QtQuick
import QtQuick.Controls.Basic
import Kiosk
import ui

// 正在查询，请稍候 — shown when a backend call takes over 300 ms; 取消 is always a way out.
Overlay {
    objectName: "busyOverlay"
    visible: Network.busy

    BusyIndicator {
        anchors.horizontalCenter: parent.horizontalCenter
        width: Theme.target
        height: Theme.target
        running: parent.visible
        palette.dark: Theme.primary   // the spinning dots: ≥ 3:1 against the white panel
    }
    KText {
        width: parent.width
        horizontalAlignment: Text.AlignHCenter
        text: I18n.s["busy.text"]
        textRole: "heading"
    }
    KioskButton {
        objectName: "busyCancel"
        width: parent.width
        text: I18n.s["busy.cancel"]
        onClicked: Network.cancel()
    }
}
