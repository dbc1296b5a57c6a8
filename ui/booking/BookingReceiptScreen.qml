import QtQuick
import Kiosk
import ui

// Booking, done: the order number large and grouped, what happens next and when, the QR
// code of the order's public status page; 打印凭条 under the number, 完成 at the end.
ScreenPage {
    id: page

    KText {
        objectName: "receiptDone"
        width: parent.width
        text: BookingReceipt.doneText
        textRole: "heading"
    }
    Grid {
        id: layout
        width: parent.width
        columns: page.landscape ? 2 : 1
        spacing: Theme.gap * 2

        readonly property real cellWidth: (width - (columns - 1) * spacing) / columns

        Column {
            width: layout.cellWidth
            spacing: Theme.gap

            Rectangle {
                width: parent.width
                height: numberColumn.implicitHeight + 2 * Theme.padding
                radius: Theme.radius
                color: Theme.plate   // information, not a button: a tint, no outline

                Column {
                    id: numberColumn
                    x: Theme.padding
                    y: Theme.padding
                    width: parent.width - 2 * Theme.padding
                    KText {
                        width: parent.width
                        horizontalAlignment: Text.AlignHCenter
                        text: I18n.s["booking.receipt.number"]
                    }
                    KText {
                        objectName: "receiptNumber"
                        width: parent.width
                        horizontalAlignment: Text.AlignHCenter
                        text: BookingReceipt.numberText
                        textRole: "display"
                    }
                }
            }
            // Right under the number, not below the QR code: the screen's main action stays
            // in view at 特大 without paging.
            KioskButton {
                objectName: "receiptPrint"
                width: parent.width
                text: I18n.s["booking.print"]
                textRole: "heading"
                primary: true
                enabled: !BookingReceipt.printing
                onClicked: BookingReceipt.printReceipt()
            }
            KText {
                objectName: "printStatus"
                width: parent.width
                visible: BookingReceipt.printText !== ""
                text: BookingReceipt.printText
                font.bold: true
            }
            KText {
                objectName: "receiptWhen"
                width: parent.width
                text: BookingReceipt.receiptWhen
                font.bold: true
            }
            KText {
                objectName: "receiptNext"
                width: parent.width
                text: BookingReceipt.nextText
            }
        }
        Column {
            width: layout.cellWidth
            spacing: Theme.gap

            Image {
                objectName: "receiptQr"
                anchors.horizontalCenter: parent.horizontalCenter
                width: Math.min(parent.width, 360)   // fits under the receipt on one page
                height: width
                source: BookingReceipt.qrSource
                smooth: false   // crisp modules for phone cameras (and zbar)
                fillMode: Image.PreserveAspectFit
                Accessible.role: Accessible.Graphic
                Accessible.name: I18n.s["booking.receipt.qr"]
            }
            KText {
                width: parent.width
                horizontalAlignment: Text.AlignHCenter
                text: I18n.s["booking.receipt.qr"]
                textRole: "caption"
            }
        }
    }
    KioskButton {
        objectName: "receiptFinish"
        width: layout.cellWidth
        text: I18n.s["booking.finish"]
        textRole: "heading"
        onClicked: Navigator.home()
    }
}
