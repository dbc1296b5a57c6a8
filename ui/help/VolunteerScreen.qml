import QtQuick
import Kiosk
import ui

// 志愿者协助: the volunteer's number on the full keyboard (e.g. V-0001), then the PIN.
ScreenPage {
    id: page

    readonly property bool numberStep: Volunteer.step === Volunteer.NUMBER

    Grid {
        id: layout
        width: parent.width
        columns: page.landscape ? 2 : 1
        spacing: Theme.gap * 2

        readonly property real entryWidth: page.landscape ? (width - spacing) * 0.36 : width
        readonly property real keysWidth: page.landscape ? width - spacing - entryWidth : width

        Column {
            width: layout.entryWidth
            spacing: Theme.gap

            KText {
                width: parent.width
                text: page.numberStep ? I18n.s["volunteer.number_label"] : I18n.s["volunteer.pin_label"]
            }
            Rectangle {
                width: parent.width
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
            KText {
                objectName: "volunteerProblem"
                width: parent.width
                visible: Volunteer.problemText !== ""
                text: Volunteer.problemText
                color: Theme.problem
                font.bold: true
            }
            Grid {
                width: parent.width
                columns: page.numberStep ? 1 : 2
                spacing: Theme.gap

                KioskButton {
                    objectName: "volunteerEditNumber"
                    visible: !page.numberStep
                    width: (parent.width - parent.spacing) / 2
                    enabled: Volunteer.step === Volunteer.PIN
                    text: I18n.s["volunteer.edit_number"]
                    onClicked: Volunteer.editNumber()
                }
                KioskButton {
                    objectName: "volunteerNext"
                    width: page.numberStep ? parent.width : (parent.width - parent.spacing) / 2
                    primary: true
                    enabled: Volunteer.canContinue
                    text: page.numberStep ? I18n.s["volunteer.next"] : I18n.s["volunteer.sign_in"]
                    onClicked: Volunteer.next()
                }
            }
        }
        Column {
            width: layout.keysWidth
            spacing: Theme.gap

            TextKeyboard {
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
        }
    }
}
