import QtQuick
import Kiosk
import ui

// 呼叫帮助: the hotline, large. (Help codes and screen sharing come with issue 8.)
ScreenPage {
    Rectangle {
        width: parent.width
        height: hotline.implicitHeight + 2 * Theme.margin
        radius: Theme.radius
        color: Theme.surface
        border.width: 3
        border.color: Theme.border

        KText {
            id: hotline
            objectName: "helpHotline"
            x: Theme.margin
            width: parent.width - 2 * Theme.margin
            anchors.verticalCenter: parent.verticalCenter
            horizontalAlignment: Text.AlignHCenter
            text: Help.hotlineText
            textRole: "display"
        }
    }
    KText {
        width: parent.width
        text: I18n.s["help.body"]
    }
}
