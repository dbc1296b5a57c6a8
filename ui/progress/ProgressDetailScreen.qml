pragma ComponentBehavior: Bound

import QtQuick
import Kiosk
import ui

// One application: what it is, the ways to its materials / decision and money / QR code,
// and the timeline — finished stages ✓ with dates, the current one highlighted, later ones
// with expected dates. (The sentence on what happens now is the screen's instruction.)
ScreenPage {
    id: page

    // Landscape: what it is and the ways on the left, the timeline on the right (no scrolling);
    // at 特大 one above the other, so the page folds between whole lines.
    Grid {
        id: layout
        width: parent.width
        columns: page.landscape && Theme.scale < 1.2 ? 2 : 1
        spacing: Theme.gap

        readonly property real columnWidth: columns === 2 ? (width - spacing) * 0.4 : width

        Column {
            width: layout.columnWidth
            spacing: Theme.gap

            KText {
                objectName: "progressTitle"
                width: parent.width
                text: Progress.title
                textRole: "heading"
            }
            Column {   // 申请编号, large and in groups like 预约号 (an information plate)
                width: parent.width
                KText {
                    width: parent.width
                    text: I18n.s["progress.number_label"]
                }
                KText {
                    objectName: "progressNumber"
                    width: parent.width
                    text: Theme.wholeWords(Progress.numberText)
                    textRole: "heading"
                }
            }

            Flow {
                id: ways
                width: parent.width
                spacing: Theme.gap

                readonly property int count: 1 + (Progress.hasMaterials ? 1 : 0) + (Progress.hasMoney ? 1 : 0)
                readonly property int columns: !page.landscape && Theme.scale < 1.2 ? count : 1
                readonly property real cellWidth: (width - (columns - 1) * spacing) / columns

                KioskButton {
                    objectName: "progressMaterials"
                    visible: Progress.hasMaterials
                    width: ways.cellWidth
                    text: Progress.materialsButton
                    primary: true
                    onClicked: Navigator.go("progress_materials")
                }
                KioskButton {
                    objectName: "progressMoney"
                    visible: Progress.hasMoney
                    width: ways.cellWidth
                    text: I18n.s["progress.money"]
                    onClicked: Navigator.go("progress_money")
                }
                KioskButton {
                    objectName: "progressQr"
                    width: ways.cellWidth
                    text: I18n.s["progress.qr"]
                    onClicked: Navigator.go("progress_qr")
                }
            }
        }

        Column {
            objectName: "progressTimeline"
            width: layout.columns === 2 ? layout.width - layout.spacing - layout.columnWidth : layout.width

            Repeater {
                model: Progress.timeline
                Rectangle {
                    id: row
                    required property var modelData
                    required property int index
                    readonly property bool current: modelData.state === Progress.CURRENT
                    readonly property bool later: modelData.state === Progress.LATER
                    readonly property int pad: current ? Theme.padding : 12

                    objectName: "stage_" + index
                    width: parent.width
                    height: texts.implicitHeight + 2 * pad
                    // The current step stands out as information, not as a button: a tint and
                    // a bar at its left edge.
                    color: current ? Theme.attention : "transparent"
                    radius: Theme.radius

                    Rectangle {
                        visible: row.current
                        width: 8
                        height: parent.height
                        color: Theme.primary
                    }

                    // The line joining this row's mark to the next row's.
                    Rectangle {
                        visible: row.index < Progress.timeline.length - 1
                        x: mark.x + mark.width / 2 - 2
                        y: mark.y + mark.height
                        width: 4
                        height: row.height - mark.y - mark.height + 12
                        color: Theme.border
                    }
                    Rectangle {
                        id: mark
                        x: Theme.padding
                        y: row.pad
                        width: markText.implicitHeight
                        height: width
                        radius: width / 2
                        color: row.current ? Theme.primary : row.later ? Theme.background : Theme.primary
                        border.width: 4
                        border.color: row.current ? Theme.primary : Theme.border
                        Accessible.role: Accessible.Graphic   // ✓ / ● marks: icons

                        KText {
                            id: markText
                            anchors.centerIn: parent
                            text: row.modelData.mark
                            color: Theme.primaryText
                            font.bold: true
                            wrapMode: Text.NoWrap
                        }
                    }
                    // Stage name and date on one line when they fit (the whole timeline on one screen).
                    Flow {
                        id: texts
                        x: mark.x + mark.width + Theme.gap
                        y: row.pad
                        width: row.width - x - Theme.padding
                        spacing: Theme.gap

                        KText {
                            width: Math.min(implicitWidth, texts.width)
                            text: row.modelData.label
                            textRole: row.current ? "heading" : "body"
                            color: Theme.text
                            font.bold: true
                        }
                        KText {
                            width: Math.min(implicitWidth, texts.width)
                            height: Math.max(implicitHeight, row.current ? 0 : markText.implicitHeight)
                            verticalAlignment: Text.AlignVCenter
                            text: row.modelData.when
                            color: Theme.text
                        }
                        KText {
                            width: texts.width
                            visible: row.modelData.note !== ""
                            text: row.modelData.note
                            textRole: "caption"
                            color: Theme.text
                        }
                    }
                }
            }
        }
    }
}
