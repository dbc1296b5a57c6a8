pragma ComponentBehavior: Bound

import QtQuick
import Kiosk
import ui

// The results: one line per policy that is 可能符合 or still needs asking, with the reason;
// what the citizen already receives or has applied for, briefly; what to bring, where to
// apply; the QR code of the slip's page and 打印. Nothing is decided here (可能符合, never 符合).
// Amounts are shown (and spoken) only after 显示金额: someone may be standing behind.
// Landscape: the lines two by two (one per row at 特大, so no line is taller than a page), then
// the notes beside the QR code and 打印.
ScreenPage {
    id: page

    readonly property int columns: page.landscape ? 2 : 1

    KioskButton {
        objectName: "benefitsShowAmounts"
        width: parent.width
        visible: Benefits.hasAmounts && !Benefits.amountsShown
        text: I18n.s["benefits.amounts.show"]
        voiceKey: "benefits.amounts.show"
        onClicked: Benefits.showAmounts()
    }
    Grid {
        id: lines
        width: parent.width
        columns: Theme.scale < 1.2 ? page.columns : 1
        spacing: Theme.gap

        readonly property real cellWidth: (width - (columns - 1) * spacing) / columns

        Repeater {
            model: Benefits.lines
            Rectangle {
                id: card
                required property var modelData
                objectName: "benefitsLine_" + modelData.policy
                width: lines.cellWidth
                height: lineText.implicitHeight + 2 * Theme.padding
                radius: Theme.radius
                color: Theme.plate   // information, not a button (the rendered audit tells them apart)
                Column {
                    id: lineText
                    x: Theme.padding
                    y: Theme.padding
                    width: parent.width - 2 * Theme.padding
                    spacing: 4   // the lines' own leading separates them; a line fits a 特大 landscape page
                    KText {
                        width: parent.width
                        text: card.modelData.heading
                        textRole: "heading"
                    }
                    KText {
                        width: parent.width
                        visible: Benefits.amountsShown && card.modelData.amount !== ""
                        text: card.modelData.amount
                        font.bold: true
                    }
                    KText {
                        width: parent.width
                        text: card.modelData.reason
                    }
                }
            }
        }
    }
    KText {
        objectName: "benefitsNone"
        width: parent.width
        visible: Benefits.noLines
        text: I18n.s["benefits.none"]
        textRole: "heading"
    }

    Grid {
        id: details
        width: parent.width
        columns: page.columns
        spacing: Theme.gap

        readonly property real cellWidth: (width - (columns - 1) * spacing) / columns

        Column {
            width: details.cellWidth
            spacing: Theme.gap
            Repeater {
                model: Benefits.brief
                KText {
                    required property string modelData
                    width: details.cellWidth
                    text: modelData
                }
            }
            KText {
                width: parent.width
                visible: Benefits.bringText !== ""
                text: Benefits.bringText
            }
            Repeater {
                model: Benefits.whereLines
                KText {
                    required property string modelData
                    width: details.cellWidth
                    text: modelData
                }
            }
            KText {
                width: parent.width
                text: I18n.s["benefits.note"]
                textRole: "caption"
            }
        }
        Column {
            width: details.cellWidth
            spacing: Theme.gap
            Image {
                objectName: "benefitsQrImage"
                width: Math.min(parent.width, 360)
                height: width
                visible: Benefits.qrImage !== ""
                source: Benefits.qrImage
                fillMode: Image.PreserveAspectFit
                smooth: false   // crisp modules for phone cameras
                Accessible.role: Accessible.Graphic
                Accessible.name: I18n.s["benefits.qr.caption"]
            }
            KText {
                width: parent.width
                text: I18n.s["benefits.qr.caption"]
            }
            KioskButton {
                objectName: "benefitsPrint"
                width: parent.width
                enabled: Benefits.canPrint
                text: I18n.s["benefits.print"]
                primary: true
                onClicked: Benefits.printSlip()
            }
            KText {
                objectName: "benefitsPrintStatus"
                width: parent.width
                visible: Benefits.printText !== ""
                text: Benefits.printText
                font.bold: true
            }
        }
    }
}
