pragma ComponentBehavior: Bound

import QtQuick
import Kiosk
import ui

// The decision, the monthly amount when approved, and the last payments (已发放 / 待发放);
// amounts are shown (and spoken) only after 显示金额.
ScreenPage {
    id: page

    KText {
        objectName: "progressDecision"
        width: parent.width
        visible: Progress.decisionText !== ""
        text: Progress.decisionText
        textRole: "display"
    }
    KText {
        objectName: "progressAmount"
        width: parent.width
        visible: Progress.amountsShown && Progress.amountText !== ""
        text: Progress.amountText
        textRole: "heading"
    }
    KioskButton {   // amounts only on request: someone may be standing behind the senior
        objectName: "progressShowAmounts"
        width: parent.width
        visible: !Progress.amountsShown && (Progress.amountText !== "" || Progress.payments.length > 0)
        text: I18n.s["progress.money.show"]
        voiceKey: "progress.money.show"
        primary: true
        onClicked: Progress.showAmounts()
    }
    KText {
        width: parent.width
        visible: Progress.payments.length > 0
        text: I18n.s["progress.payments"]
        textRole: "heading"
    }
    Repeater {
        model: Progress.payments
        Rectangle {
            id: payment
            required property var modelData
            required property int index
            objectName: "payment_" + index
            width: page.contentWidth_
            height: lines.implicitHeight + 2 * Theme.padding
            radius: Theme.radius
            color: Theme.plate   // information, not a button

            Column {
                id: lines
                x: Theme.padding
                y: Theme.padding
                width: parent.width - 2 * Theme.padding
                spacing: 8

                KText {
                    width: parent.width
                    text: payment.modelData.period + "　"
                          + (Progress.amountsShown ? payment.modelData.amount + "　" : "")
                          + payment.modelData.status
                    font.bold: true
                }
                KText {
                    width: parent.width
                    visible: payment.modelData.when !== ""
                    text: payment.modelData.when
                }
            }
        }
    }
}
