import QtQuick
import Kiosk
import ui

// Identification: ID number (grouped 6-8-4 as typed) → last 4 phone digits → "您是 张*华 吗？".
ScreenPage {
    id: page

    readonly property bool entering: Identify.step === "id" || Identify.step === "phone"
                                     || Identify.step === "checking" || Identify.step === "checking_card"

    Grid {
        width: parent.width
        columns: page.landscape ? 2 : 1
        spacing: Theme.gap * 2

        readonly property real cellWidth: (width - (columns - 1) * spacing) / columns

        Column {
            width: parent.cellWidth
            spacing: Theme.gap
            visible: page.entering

            KText {
                width: parent.width
                text: Identify.step === "id" ? I18n.s["identify.id_label"] : I18n.s["identify.phone_label"]
            }
            KText {
                objectName: "idMasked"
                width: parent.width
                visible: Identify.step !== "id" && Identify.maskedIdText !== ""
                text: Identify.maskedIdText
                textRole: "caption"
            }
            Rectangle {
                width: parent.width
                height: Math.max(Theme.target, entry.implicitHeight + 2 * Theme.padding)
                radius: Theme.radius
                color: Theme.background
                border.width: 4
                border.color: Theme.primary

                KText {
                    id: entry
                    objectName: "identifyEntry"
                    x: Theme.padding
                    width: parent.width - 2 * Theme.padding
                    anchors.verticalCenter: parent.verticalCenter
                    textRole: "display"
                    font.letterSpacing: 4
                    text: Identify.step === "id" ? Identify.idText : Identify.phoneDigits
                }
            }
            KText {
                objectName: "identifyProblem"
                width: parent.width
                visible: Identify.problemText !== ""
                text: Identify.problemText
                color: Theme.problem
                font.bold: true
            }
            KText {
                width: parent.width
                visible: Identify.cardAvailable && Identify.step === "id" && Identify.problemText === ""
                text: I18n.s["identify.card_hint"]
                textRole: "caption"
            }
            KioskButton {
                objectName: "identifyEditId"
                width: parent.width
                visible: Identify.step === "phone"
                text: I18n.s["identify.edit_id"]
                onClicked: Identify.editId()
            }
        }

        Keypad {
            objectName: "identifyKeypad"
            width: parent.cellWidth
            visible: page.entering
            enabled: Identify.step === "id" || Identify.step === "phone"
            keys: Identify.keys
            disabledKeys: Identify.xEnabled ? [] : ["X"]
            deleteText: I18n.s["identify.delete"]
            clearText: I18n.s["identify.clear"]
            onKeyPressed: (key) => Identify.press(key)
            onDeletePressed: Identify.backspace()
            onClearPressed: Identify.clear()
        }
    }

    Column {
        width: parent.width
        spacing: Theme.gap * 2
        visible: Identify.step === "confirm"

        KText {
            objectName: "identifyConfirm"
            width: parent.width
            horizontalAlignment: Text.AlignHCenter
            text: Identify.confirmText
            textRole: "display"
        }
        KText {
            width: parent.width
            horizontalAlignment: Text.AlignHCenter
            text: Identify.maskedIdText
        }
        Grid {
            width: parent.width
            columns: 2
            spacing: Theme.gap * 2
            KioskButton {
                objectName: "identifyYes"
                width: (parent.width - parent.spacing) / 2
                height: Math.max(implicitHeight, Theme.target * 1.5)
                text: I18n.s["identify.yes"]
                textRole: "heading"
                primary: true
                onClicked: Identify.answer(true)
            }
            KioskButton {
                objectName: "identifyNo"
                width: (parent.width - parent.spacing) / 2
                height: Math.max(implicitHeight, Theme.target * 1.5)
                text: I18n.s["identify.no"]
                textRole: "heading"
                onClicked: Identify.answer(false)
            }
        }
    }
}
