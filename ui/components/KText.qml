import QtQuick
import ui

// All kiosk text: the kiosk font, a size from the Theme by role, wrapping (never eliding).
Text {
    property string textRole: "body"   // caption | body | heading | display (the audit reads it)

    font.family: Theme.fontFamily
    font.pixelSize: textRole === "heading" ? Theme.heading
                  : textRole === "display" ? Theme.display
                  : textRole === "caption" ? Theme.caption : Theme.body
    font.bold: textRole === "heading"
    color: Theme.text
    wrapMode: Text.Wrap
    lineHeight: 1.15
}
