import QtQuick
import Kiosk
import ui

// "允许工作人员查看您的屏幕吗？" with the help code, 允许 / 不允许 (large), after 呼叫帮助.
Overlay {
    id: dialog
    objectName: "consentDialog"
    visible: Help.asking

    // Landscape: a smaller code and the two answers side by side, so both stay in view.
    readonly property bool landscape: Window.window ? Window.window.width > Window.window.height : false

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
        font.pixelSize: Theme.display * (dialog.landscape ? 1.2 : 1.5)
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
    Grid {
        width: parent.width
        columns: dialog.landscape ? 2 : 1
        spacing: Theme.gap

        KioskButton {
            objectName: "consentAllow"
            width: (parent.width - (parent.columns - 1) * parent.spacing) / parent.columns
            height: Math.max(implicitHeight, Theme.target * 1.5)
            text: I18n.s["help.allow"]
            textRole: "heading"
            primary: true
            onClicked: Help.allow()
        }
        KioskButton {
            objectName: "consentDeny"
            width: (parent.width - (parent.columns - 1) * parent.spacing) / parent.columns
            height: Math.max(implicitHeight, Theme.target * 1.5)
            text: I18n.s["help.deny"]
            textRole: "heading"
            onClicked: Help.deny()
        }
    }
}
