import QtQuick
import ui

// All kiosk text: the kiosk font, a size from the Theme by role, wrapping at word
// boundaries (CJK may break between characters), never eliding.
Text {
    property string textRole: "body"   // caption | body | heading | display | entry | key (the audit reads it)

    font.family: Theme.fontFamily
    font.pixelSize: Theme.roleSize(textRole)
    font.bold: textRole === "heading" || textRole === "key"
    color: Theme.text
    wrapMode: Text.WordWrap   // never mid-word: a word that cannot fit is an audit failure
}
