import QtQuick
import Kiosk
import ui

// 志愿者协助: the volunteer's number on the full keyboard (e.g. V-0001), then the PIN; 下一步 and
// 登录 pinned under the page, in view whatever it pages.
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

    actions: Row {   // pinned: 下一步 / 登录 (and 改编号) in view on every page
        id: actionRow
        width: parent ? parent.width : 0
        spacing: Theme.gap * 2
        Answer {
            objectName: "volunteerEditNumber"
            visible: !page.numberStep
            enabled: Volunteer.step === Volunteer.PIN
            text: I18n.s["volunteer.edit_number"]
            onClicked: Volunteer.editNumber()
        }
        Answer {
            objectName: "volunteerNext"
            width: page.numberStep ? actionRow.width : (actionRow.width - actionRow.spacing) / 2
            primary: true
            enabled: Volunteer.canContinue
            text: page.numberStep ? I18n.s["volunteer.next"] : I18n.s["volunteer.sign_in"]
            onClicked: Volunteer.next()
        }
    }
}
