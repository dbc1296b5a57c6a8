pragma ComponentBehavior: Bound

import QtQuick
import Kiosk
import ui

// Identification: ID number (grouped 6-8-4 as typed) → last 4 phone digits → "您是 张*华 吗？".
ScreenPage {
    id: page

    readonly property bool entering: Identify.step !== Identify.CONFIRM && Identify.step !== Identify.DONE

    Grid {
        id: layout
        width: parent.width
        columns: page.landscape ? 2 : 1
        spacing: Theme.gap * 2
        visible: page.entering

                readonly property real entryWidth: page.landscape ? (width - spacing) * 0.5 : width
        readonly property real keypadWidth: page.landscape ? width - spacing - entryWidth : width

        Column {
            width: layout.entryWidth
            spacing: Theme.gap

            KText {
                width: parent.width
                text: Identify.step === Identify.ID ? I18n.s["identify.id_label"] : I18n.s["identify.phone_label"]
            }
            KText {
                objectName: "idMasked"
                width: parent.width
                visible: Identify.step !== Identify.ID && Identify.maskedIdText !== ""
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
                    textRole: "entry"
                    // Hotline staff see the mirror's masked entry, never the typed digits.
                    text: Mirror.masking ? "" : Identify.step === Identify.ID ? Identify.idText : Identify.phoneDigits
                }
                Row {
                    // The mask, only in mirror grabs: dots in the entry's groups (6-8-4 for the
                    // ID, 4 for the phone), shapes rather than glyphs, so every grab has the same
                    // pixels whatever and however much was typed (issue 13).
                    id: mask
                    objectName: "identifyEntryMasked"
                    readonly property real dot: Math.min(Theme.entry * 0.4, parent.width / 32)
                    x: Theme.padding
                    anchors.verticalCenter: parent.verticalCenter
                    visible: Mirror.masking
                    spacing: dot * 1.5
                    Repeater {
                        model: Identify.mirrorGroups
                        Row {
                            required property int modelData
                            spacing: mask.dot * 0.5
                            Repeater {
                                model: parent.modelData
                                Rectangle { width: mask.dot; height: mask.dot; radius: mask.dot / 2; color: Theme.text }
                            }
                        }
                    }
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
                // The demo cards' own line says as much: one line less at 特大.
                visible: Identify.cardAvailable && Identify.step === Identify.ID && Identify.problemText === ""
                         && !demoCards.visible
                text: I18n.s["identify.card_hint"]
                textRole: "caption"
            }
        }

        Column {
            width: layout.keypadWidth
            spacing: Theme.gap

            Keypad {
                objectName: "identifyKeypad"
                width: parent.width
                columns: page.landscape ? 4 : 3
                enabled: Identify.step === Identify.ID || Identify.step === Identify.PHONE
                keys: Identify.keys
                disabledKeys: Identify.xEnabled ? [] : ["X"]
                deleteText: I18n.s["identify.delete"]
                onKeyPressed: (key) => Identify.press(key)
                onDeletePressed: Identify.backspace()
            }
            KioskButton {
                objectName: "identifyClear"
                width: parent.width
                visible: Identify.step === Identify.ID && !demoCards.visible
                enabled: Mirror.masking || Identify.idText !== ""  // no tell-tale in the mirror
                text: I18n.s["identify.clear"]
                onClicked: Identify.clear()
            }
            // Demo mode: the demo citizens' cards in the place of 清空 while nothing is typed
            // (清空 does nothing then), so the screen is no taller. Mirror frames show 清空 as
            // ever: staff cannot tell from the cards whether anything was typed.
            Column {
                id: demoCards
                objectName: "demoCards"
                width: parent.width
                spacing: Theme.gap
                visible: DemoCards.labels.length > 0 && Identify.step === Identify.ID
                         && Identify.idText === "" && !Mirror.masking
                KText {
                    width: parent.width
                    text: I18n.s["identify.demo_cards"]
                    textRole: "caption"
                }
                Row {
                    id: cardRow
                    width: parent.width
                    spacing: Theme.gap
                    Repeater {
                        model: DemoCards.labels
                        KioskButton {
                            required property int index
                            required property string modelData
                            objectName: "demoCard_" + index
                            width: (cardRow.width - (DemoCards.labels.length - 1) * cardRow.spacing) / DemoCards.labels.length
                            textRole: "caption"
                            text: modelData
                            voiceOption: false  // a tap demo, not a spoken answer
                            onClicked: DemoCards.insert(index)
                        }
                    }
                }
            }
            KioskButton {
                objectName: "identifyEditId"
                width: parent.width
                visible: Identify.step !== Identify.ID
                enabled: Identify.step === Identify.PHONE
                text: I18n.s["identify.edit_id"]
                onClicked: Identify.editId()
            }
        }
    }

    Column {
        width: parent.width
        spacing: Theme.gap * 2
        visible: Identify.step === Identify.CONFIRM

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
                voiceKey: "yes"
                textRole: "heading"
                primary: true
                onClicked: Identify.answer(true)
            }
            KioskButton {
                objectName: "identifyNo"
                width: (parent.width - parent.spacing) / 2
                height: Math.max(implicitHeight, Theme.target * 1.5)
                text: I18n.s["identify.no"]
                voiceKey: "no"
                textRole: "heading"
                onClicked: Identify.answer(false)
            }
        }
    }
}
