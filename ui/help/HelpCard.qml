import QtQuick
import Kiosk
import ui

// What the senior tells the hotline: the number to dial, the visit's help code and where
// this terminal stands (help.place_name). On the help screen and inside the consent dialog,
// so no help state ever hides it. An information plate: a faint tint, no outline. Wide (a
// landscape screen): the number and place beside the code, so it all fits one page.
Rectangle {
    id: card

    property string names: "help"        // objectName prefix: helpHotline / helpCode / helpPlace
    property bool compact: false         // a landscape dialog: one-line hotline, a smaller code
    property bool wide: false

    implicitHeight: layout.implicitHeight + 2 * Theme.padding
    radius: Theme.radius
    color: Theme.plate

    Grid {
        id: layout
        x: Theme.padding
        y: Theme.padding
        width: parent.width - 2 * Theme.padding
        columns: card.wide ? 2 : 1
        columnSpacing: Theme.gap
        rowSpacing: Theme.gap / 2
        readonly property real cellWidth: (width - (columns - 1) * columnSpacing) / columns

        Column {
            width: layout.cellWidth
            spacing: Theme.gap / 2

            KText {
                width: parent.width
                visible: !card.compact
                horizontalAlignment: Text.AlignHCenter
                text: I18n.s["help.dial"]
            }
            KText {
                objectName: card.names + "Hotline"
                width: parent.width
                horizontalAlignment: Text.AlignHCenter
                text: Help.hotlineText
                textRole: card.compact ? "heading" : "display"
                font.bold: true
            }
            KText {
                objectName: card.names + "Place"
                width: parent.width
                visible: Help.placeText !== ""
                horizontalAlignment: Text.AlignHCenter
                // Wide: the place alone under the number, so the card stays one short page.
                text: (card.wide ? "" : I18n.s["help.place_label"] + "\n") + Theme.wholeWords(Help.placeText)
            }
        }
        Column {
            width: layout.cellWidth
            spacing: Theme.gap / 2
            visible: Help.codeVisible

            KText {
                width: parent.width
                horizontalAlignment: Text.AlignHCenter
                text: I18n.s["help.code_label"]
            }
            KText {
                objectName: card.names + "Code"
                width: parent.width
                horizontalAlignment: Text.AlignHCenter
                text: Help.codeText
                textRole: "display"
                font.pixelSize: Theme.display * (card.compact ? 1 : 1.5)
                font.bold: true
                font.letterSpacing: 8
            }
        }
    }
}
