import QtQuick
import ui

// A list screen's first line: who is served (left) and, when the list has more pages than
// one, the 更多 button (right) — up here where it is seen at once; pages, never a swipe.
Item {
    id: header

    property string text
    property string moreText
    property string moreName: "more"
    signal more()

    height: Math.max(label.implicitHeight, button.visible ? button.height : 0)

    KText {
        id: label
        width: parent.width - (button.visible ? button.width + Theme.gap : 0)
        anchors.verticalCenter: parent.verticalCenter
        visible: header.text !== ""
        text: header.text
        textRole: "heading"
    }
    KioskButton {
        id: button
        objectName: header.moreName
        anchors.right: parent.right
        width: Math.min(implicitWidth, parent.width * 0.55)
        visible: header.moreText !== ""
        text: header.moreText
        onClicked: header.more()
    }
}
