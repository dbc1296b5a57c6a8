pragma ComponentBehavior: Bound

import QtQuick
import Kiosk
import ui

// 待补正: each missing item — what, why it is needed, where to bring it, by when.
ScreenPage {
    id: page

    Repeater {
        model: Progress.materials
        Rectangle {
            id: material
            required property var modelData
            required property int index
            objectName: "material_" + index
            width: page.contentWidth_
            height: lines.implicitHeight + 2 * Theme.padding
            radius: Theme.radius
            color: Theme.plate   // a material card: information, not a button

            Column {
                id: lines
                x: Theme.padding
                y: Theme.padding
                width: parent.width - 2 * Theme.padding
                spacing: 8

                KText {
                    width: parent.width
                    text: material.modelData.item
                    textRole: "heading"
                }
                KText {
                    width: parent.width
                    text: material.modelData.reason
                }
                KText {
                    width: parent.width
                    text: material.modelData.where
                }
                KText {
                    width: parent.width
                    text: material.modelData.due
                    font.bold: true
                }
            }
        }
    }
}
