import QtQuick
import ui

// A pictogram: one large glyph in a disc (a service's picture on its tile).
Rectangle {
    property string glyph

    width: glyphText.implicitHeight + Theme.padding
    height: width
    radius: width / 2
    color: Theme.background
    border.width: 3
    border.color: Theme.border

    KText {
        id: glyphText
        anchors.centerIn: parent
        text: parent.glyph
        textRole: "heading"
        color: Theme.primary
        wrapMode: Text.NoWrap
    }
}
