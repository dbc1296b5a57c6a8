import QtQuick
import Kiosk
import ui

// "允许工作人员查看您的屏幕吗？" after 呼叫帮助, with the hotline, the help code and the place
// inside the dialog (it covers the help screen), and 允许 / 不允许 pinned in view.
Overlay {
    id: dialog
    objectName: "consentDialog"
    visible: Help.asking

    // Landscape: what to tell the hotline on the left, the question on the right.
    readonly property bool landscape: Window.window ? Window.window.width > Window.window.height : false

    Grid {
        id: layout
        width: parent.width
        columns: dialog.landscape ? 2 : 1
        spacing: Theme.gap
        readonly property real cellWidth: (width - (columns - 1) * spacing) / columns

        HelpCard {
            names: "consent"
            width: layout.cellWidth
            compact: dialog.landscape
        }
        Column {
            width: layout.cellWidth
            spacing: Theme.gap

            KText {
                objectName: "consentQuestion"
                width: parent.width
                horizontalAlignment: Text.AlignHCenter
                text: I18n.s["help.consent"]
                textRole: "heading"
            }
            KText {
                width: parent.width
                text: I18n.s["help.consent.body"]
            }
        }
    }

    actions: Row {
        width: parent ? parent.width : 0
        spacing: Theme.gap

        Answer {
            objectName: "consentAllow"
            text: I18n.s["help.allow"]
            primary: true
            onClicked: Help.allow()
        }
        Answer {
            objectName: "consentDeny"
            text: I18n.s["help.deny"]
            onClicked: Help.deny()
        }
    }
}
