import QtQuick
import Kiosk
import ui

// The application's public status page as a QR code (scan to follow it on a phone), and 打印.
ScreenPage {
    id: page

    Image {
        objectName: "progressQrImage"
        anchors.horizontalCenter: parent.horizontalCenter
        width: Math.min(parent.width, page.landscape ? 480 : 600)
        height: width
        source: Progress.qrImage
        fillMode: Image.PreserveAspectFit
        smooth: false   // crisp modules for phone cameras
        Accessible.role: Accessible.Graphic
        Accessible.name: I18n.s["progress.qr.caption"]
    }
    KText {
        width: parent.width
        horizontalAlignment: Text.AlignHCenter
        text: I18n.s["progress.qr.caption"]
    }
    KioskButton {
        objectName: "progressPrint"
        width: parent.width
        enabled: Progress.canPrint
        text: I18n.s["progress.print"]
        primary: true
        onClicked: Progress.printSlip()
    }
    KText {
        objectName: "progressPrintStatus"
        width: parent.width
        visible: Progress.printText !== ""
        text: Progress.printText
        font.bold: true
    }
}
