import QtQuick
import Kiosk
import ui

// "您是说…吗？" when voice input is unsure: spoken too; answer by voice or with 是 / 不是.
Overlay {
    objectName: "voiceConfirm"
    visible: Voice.confirmText !== ""

    KText {
        objectName: "voiceConfirmText"
        width: parent.width
        horizontalAlignment: Text.AlignHCenter
        text: Voice.confirmText
        textRole: "heading"
    }
    Grid {
        width: parent.width
        columns: 2
        spacing: Theme.gap * 2
        KioskButton {
            objectName: "voiceConfirmYes"
            width: (parent.width - parent.spacing) / 2
            text: I18n.s["voice.yes"]
            textRole: "heading"
            primary: true
            voiceOption: false   // while asking, the voice service listens for 是 / 不是 itself
            onClicked: Voice.answer(true)
        }
        KioskButton {
            objectName: "voiceConfirmNo"
            width: (parent.width - parent.spacing) / 2
            text: I18n.s["voice.no"]
            textRole: "heading"
            voiceOption: false
            onClicked: Voice.answer(false)
        }
    }
}
