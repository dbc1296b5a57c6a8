pragma ComponentBehavior: Bound

import QtQuick
import Kiosk
import ui

// Identification: the ID card first (a picture of where it goes), else the ID number typed
// (grouped 6-8-4, 已输入 11/18 位) → last 4 phone digits → "您是 张*华 吗？" with 是 / 不是
// pinned in view. The keypad is a phone's (1-2-3 on top) in both orientations.
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

            Row {   // the card leads: where to put it, then "or type the number"
                objectName: "identifyCard"
                width: parent.width
                spacing: Theme.gap
                // The whole ID step (not only until the first digit: the mirror would see
                // the layout change when typing starts).
                visible: Identify.cardAvailable && Identify.step === Identify.ID

                CardPicture { id: cardPicture }
                KText {   // the entry below says 请按下面的数字 (the other way)
                    width: parent.width - cardPicture.width - parent.spacing
                    anchors.verticalCenter: parent.verticalCenter
                    text: I18n.s["identify.card_title"]
                    font.bold: true
                }
            }
            Flow {
                width: parent.width
                spacing: Theme.gap
                KText {
                    text: Identify.step === Identify.ID ? I18n.s["identify.id_label"] : I18n.s["identify.phone_label"]
                    width: Math.min(implicitWidth, parent.width)
                }
                KText {
                    objectName: "identifyCount"
                    width: Math.min(implicitWidth, parent.width)
                    text: Identify.countText
                    font.bold: true
                    opacity: Mirror.masking ? 0 : 1   // its growth per key would tell the mirror
                }
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
                color: Theme.background

                Rectangle {   // a field, not a button: underlined, no outline
                    anchors.bottom: parent.bottom
                    width: parent.width
                    height: 6
                    color: Theme.primary
                }

                KText {   // empty: the other way in, if there is no card — 请按下面的数字
                    objectName: "identifyPlaceholder"
                    x: Theme.padding
                    width: parent.width - 2 * Theme.padding
                    anchors.verticalCenter: parent.verticalCenter
                    visible: !entry.visible && !Mirror.masking
                    text: I18n.s["identify.placeholder"]
                }
                KText {
                    id: entry
                    objectName: "identifyEntry"
                    x: Theme.padding
                    width: parent.width - 2 * Theme.padding
                    anchors.verticalCenter: parent.verticalCenter
                    textRole: "entry"
                    // 18 digits stay on one line in a narrow column (特大 landscape): the size
                    // steps down to fit, never below the body size.
                    wrapMode: Text.NoWrap
                    fontSizeMode: Text.HorizontalFit
                    minimumPixelSize: Theme.body
                    visible: text !== ""
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
        }

        Column {
            width: layout.keypadWidth
            spacing: Theme.gap

            Keypad {
                objectName: "identifyKeypad"
                width: parent.width
                columns: 3   // a phone's layout in every orientation
                compact: page.landscape
                enabled: Identify.step === Identify.ID || Identify.step === Identify.PHONE
                keys: Identify.keys
                disabledKeys: Identify.xEnabled ? [] : ["X"]   // X only as the 18th character
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
    }

    actions: Row {   // pinned: 是 / 不是 stay in view
        width: parent ? parent.width : 0
        spacing: Theme.gap * 2
        visible: Identify.step === Identify.CONFIRM
        Answer {
            objectName: "identifyYes"
            text: I18n.s["identify.yes"]
            voiceKey: "yes"
            primary: true
            onClicked: Identify.answer(true)
        }
        Answer {
            objectName: "identifyNo"
            text: I18n.s["identify.no"]
            voiceKey: "no"
            onClicked: Identify.answer(false)
        }
    }
}
