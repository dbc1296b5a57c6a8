import QtQuick
import Kiosk
import ui

// 正在查询，请稍候 — shown when a backend call takes over 300 ms; 取消 is always a way out.
Overlay {
    objectName: "busyOverlay"
    visible: Network.busy

    Spinner {   // every dot at full strength: ≥ 3:1 against the white panel
        anchors.horizontalCenter: parent.horizontalCenter
        running: parent.visible
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
