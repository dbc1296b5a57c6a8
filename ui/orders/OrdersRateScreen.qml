pragma ComponentBehavior: Bound

import QtQuick
import Kiosk
import ui

// 评价: five large faces 非常满意 … 非常不满意, optional tags, then 提交评价.
ScreenPage {
    id: page

    KText {
        width: parent.width
        text: (Orders.detail.service || "") + " · " + (Orders.detail.when || "")
        font.bold: true
    }
    Grid {
        id: faces
        width: parent.width
        columns: page.landscape ? 5 : 3
        spacing: Theme.gap
        readonly property real cellWidth: (width - (columns - 1) * spacing) / columns

        Repeater {
            id: faceButtons
            model: Orders.faces
            KioskButton {
                id: faceButton
                required property var modelData
                objectName: "face_" + modelData.score
                width: faces.cellWidth
                height: Math.max(implicitHeight, faces.rowHeight)
                text: modelData.text
                textRole: Theme.scale < 1.2 ? "body" : "caption"   // 非常不满意 on one line at 特大
                selected: modelData.selected
                decoration: Component { Face { score: faceButton.modelData.score; ink: faceButton.foreground } }
                onClicked: Orders.chooseScore(modelData.score)
            }
        }
        readonly property real rowHeight: {
            let tallest = 0
            for (let i = 0; i < faceButtons.count; ++i)
                tallest = Math.max(tallest, faceButtons.itemAt(i) ? faceButtons.itemAt(i).implicitHeight : 0)
            return tallest
        }
    }
    KText {
        width: parent.width
        text: I18n.s["rate.tags"]
    }
    Flow {
        width: parent.width
        spacing: Theme.gap
        Repeater {
            model: Orders.tags
            KioskButton {
                required property var modelData
                objectName: "tag_" + modelData.key
                text: modelData.text
                selected: modelData.selected
                onClicked: Orders.toggleTag(modelData.key)
            }
        }
    }
    actions: KioskButton {   // pinned: in view whatever the page
        objectName: "rateSubmit"
        width: parent ? parent.width : 0
        height: Math.max(implicitHeight, Theme.target * 1.5)
        text: I18n.s["rate.submit"]
        textRole: "heading"
        primary: true
        enabled: Orders.canSubmitRating
        onClicked: Orders.submitRating()
    }
}
