import QtQuick
import Kiosk
import ui

// "允许工作人员查看您的屏幕吗？" with the help code, 允许 / 不允许 (large), after 呼叫帮助.
Overlay {
    objectName: "consentDialog"
    visible: Help.asking

    KText {
        width: parent.width
        horizontalAlignment: Text.AlignHCenter
        text: I18n.s["help.code_label"]
    }
    KText {
        objectName: "consentCode"
        width: parent.width
        horizontalAlignment: Text.AlignHCenter
        text: Help.codeText
        textRole: "display"
        font.pixelSize: Theme.display * 1.5
        font.bold: true
        font.letterSpacing: 8
    }
    KText {
        objectName: "consentQuestion"
        width: parent.width
        horizontalAlignment: Text.AlignHCenter
        text: I18n.s["help.consent"]
        textRole: "heading"
    }
    KText {
        width: parent.width
        text: I18n.s["help.consent.body"]
    }
    KioskButton {
        objectName: "consentAllow"
        width: parent.width
        height: Math.max(implicitHeight, Theme.target * 1.5)
        text: I18n.s["help.allow"]
        textRole: "heading"
        primary: true
        onClicked: Help.allow()
    }
    KioskButton {
        objectName: "consentDeny"
        width: parent.width
        height: Math.max(implicitHeight, Theme.target * 1.5)
        text: I18n.s["help.deny"]
        textRole: "heading"
        onClicked: Help.deny()
    }
}
