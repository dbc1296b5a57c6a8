import QtQuick
import Kiosk
import ui

// 申请已保存，待提交: what was kept, that it goes by itself when the network is back, that it
// is void after 24 h (with the hotline) — the same words on the printed slip — and 打印回执,
// all on the first page even at 特大 in landscape; then what happens once it is sent. Or, with
// nothing to keep it with, plainly that it was not saved and whom to call.
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
    KioskButton {
        objectName: "waitingPrint"
        width: page.contentWidth_
        visible: page.saved
        text: I18n.s["waiting.print"]
        textRole: "heading"
        primary: true
        enabled: Waiting.canPrint
        onClicked: Waiting.printReceipt()
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
    KioskButton {
        objectName: "waitingFinish"
        width: page.contentWidth_
        text: I18n.s["booking.finish"]
        textRole: "heading"
        onClicked: Navigator.home()
    }
}
