pragma ComponentBehavior: Bound

import QtQuick
import Kiosk
import ui

// The decision, the monthly amount when approved, and the last payments (已发放 / 待发放).
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
        visible: Progress.amountText !== ""
        text: Progress.amountText
        textRole: "heading"
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
            color: Theme.surface
            border.width: 3
            border.color: Theme.border

            Column {
                id: lines
                x: Theme.padding
                y: Theme.padding
                width: parent.width - 2 * Theme.padding
                spacing: 8

                KText {
                    width: parent.width
                    text: payment.modelData.period + "　" + payment.modelData.amount + "　" + payment.modelData.status
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
