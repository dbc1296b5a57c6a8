import QtQuick
import Kiosk
import ui

// 申请已保存，待提交: what was kept, that it goes by itself when the network is back, that it
// is void after 24 h (with the hotline) — the same words on the printed slip — then what
// happens once it is sent; 打印回执 and 回到首页 pinned in view. Or, with nothing to keep it
// with, plainly that it was not saved and whom to call.
ScreenPage {
    id: page

    readonly property bool saved: Waiting.state === Waiting.SAVED

    KText {
        objectName: "waitingSaved"
        width: parent.width
        visible: page.saved
        text: Waiting.savedText
        textRole: "heading"
    }
    KText {
        objectName: "waitingNext"
        width: parent.width
        text: Waiting.nextText
        font.bold: true
        color: page.saved ? Theme.text : Theme.problem
    }
    KText {
        objectName: "waitingPrintStatus"
        width: parent.width
        visible: Waiting.printText !== ""
        text: Waiting.printText
        font.bold: true
    }
    KText {
        objectName: "waitingThen"
        width: parent.width
        visible: page.saved
        text: Waiting.thenText
    }
    actions: Row {   // pinned: 打印回执 and 回到首页 in view whatever the page
        width: parent ? parent.width : 0
        spacing: Theme.gap * 2
        Answer {
            objectName: "waitingPrint"
            visible: page.saved
            text: I18n.s["waiting.print"]
            primary: true
            enabled: Waiting.canPrint
            onClicked: Waiting.printReceipt()
        }
        Answer {
            objectName: "waitingFinish"
            text: I18n.s["booking.finish"]
            onClicked: Navigator.home()
        }
    }
}
