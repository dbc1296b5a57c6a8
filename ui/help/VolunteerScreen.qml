import QtQuick
import Kiosk
import ui

// 志愿者协助: the volunteer's number on the full keyboard (e.g. V-0001), then the PIN; the
// entry and 下一步 (登录) are pinned under the keys.
ScreenPage {
    id: page

    readonly property bool numberStep: Volunteer.step === Volunteer.NUMBER

    KText {
        width: parent.width
        text: page.numberStep ? I18n.s["volunteer.number_label"] : I18n.s["volunteer.pin_label"]
    }
    KText {
        objectName: "volunteerProblem"
        width: parent.width
        visible: Volunteer.problemText !== ""
        text: Volunteer.problemText
        color: Theme.problem
        font.bold: true
    }
    TextKeyboard {   // the full width: fewer rows, so it fits a 特大 landscape page
        objectName: "volunteerKeyboard"
        width: parent.width
        visible: page.numberStep
        keys: Volunteer.keyboardKeys
        deleteText: I18n.s["identify.delete"]
        onKeyPressed: (key) => Volunteer.press(key)
        onDeletePressed: Volunteer.backspace()
    }
    Keypad {
        objectName: "volunteerPinpad"
        width: parent.width
        visible: !page.numberStep
        columns: page.landscape ? 6 : 3
        enabled: Volunteer.step === Volunteer.PIN
        keys: Volunteer.pinKeys
        deleteText: I18n.s["identify.delete"]
        onKeyPressed: (key) => Volunteer.press(key)
        onDeletePressed: Volunteer.backspace()
    }

    // Pinned: what was typed and 下一步 / 登录 stay in view whatever the page.
    actions: Row {
        id: answers
        width: parent ? parent.width : 0
        spacing: Theme.gap * 2

        readonly property int buttons: page.numberStep ? 1 : 2
        readonly property real buttonWidth: Math.min(Theme.target * 4, (width - spacing * 2) / 3)

        Rectangle {
            width: answers.width - answers.buttons * (answers.buttonWidth + answers.spacing)
            height: Math.max(Theme.target, entry.implicitHeight + 2 * Theme.padding)
            color: Theme.background

            Rectangle {   // a field, not a button: underlined, no outline
                anchors.bottom: parent.bottom
                width: parent.width
                height: 6
                color: Theme.primary
            }

            KText {
                id: entry
                objectName: "volunteerEntry"
                x: Theme.padding
                width: parent.width - 2 * Theme.padding
                anchors.verticalCenter: parent.verticalCenter
                textRole: "entry"
                text: page.numberStep ? Volunteer.numberText : "●".repeat(Volunteer.pinLength)
            }
        }
        KioskButton {
            objectName: "volunteerEditNumber"
            visible: !page.numberStep
            width: answers.buttonWidth
            anchors.verticalCenter: parent.verticalCenter
            enabled: Volunteer.step === Volunteer.PIN
            text: I18n.s["volunteer.edit_number"]
            onClicked: Volunteer.editNumber()
        }
        KioskButton {
            objectName: "volunteerNext"
            width: answers.buttonWidth
            anchors.verticalCenter: parent.verticalCenter
            primary: true
            enabled: Volunteer.canContinue
            text: page.numberStep ? I18n.s["volunteer.next"] : I18n.s["volunteer.sign_in"]
            onClicked: Volunteer.next()
        }
    }
}
