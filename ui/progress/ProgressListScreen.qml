pragma ComponentBehavior: Bound

import QtQuick
import Kiosk
import ui

// 查询办理进度: the citizen's applications, one large button each (type, submitted,
// current stage, expected date); none → a friendly sentence and the way home.
ScreenPage {
    id: page

    KText {
        objectName: "progressProblem"
        width: parent.width
        visible: Progress.problemText !== ""
        text: Progress.problemText
        color: Theme.problem
        font.bold: true
    }

    // Two per row in landscape, so four applications fit without scrolling (one at 特大).
    Grid {
        id: list
        width: parent.width
        columns: page.landscape && Theme.scale < 1.2 ? 2 : 1
        spacing: Theme.gap

        Repeater {
            model: Progress.rows
            KioskButton {
                required property var modelData
                required property int index
                objectName: "application_" + index
                width: (list.width - (list.columns - 1) * list.spacing) / list.columns
                text: modelData.title
                // One per row (特大 landscape): the facts run on, so a row fits a page.
                hint: list.columns === 1 && page.landscape ? modelData.lines.join("　") : modelData.hint
                hintRole: "body"
                textRole: "heading"
                attention: modelData.needsAction   // 需要您补材料 stands out
                onClicked: Progress.choose(modelData.number)
            }
        }
    }

    KText {
        objectName: "progressEmpty"
        width: parent.width
        visible: Progress.empty
        text: I18n.s["progress.empty"]
        textRole: "heading"
    }
    KioskButton {
        objectName: "progressHome"
        width: parent.width
        visible: Progress.empty
        text: I18n.s["progress.home"]
        primary: true
        onClicked: Navigator.home()
    }
}
