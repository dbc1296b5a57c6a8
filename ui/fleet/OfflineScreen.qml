pragma ComponentBehavior: Bound

import QtQuick
import Kiosk
import ui

// 网络暂时不通: what still works, what waits for the network (a callback request can be left),
// and the catalogue as last seen (dated, for reading only: nothing here books anything).
ScreenPage {
    id: page

    KText {
        objectName: "offlineWorks"
        width: parent.width
        text: I18n.s["offline.works"]
    }
    KText {
        objectName: "offlineNotNow"
        width: parent.width
        text: Offline.notNowText
    }
    // What can wait: the hotline calls back once the network is back (an identified senior
    // only: the backend knows their phone; the kiosk keeps none).
    KioskButton {
        objectName: "offlineCallback"
        width: page.contentWidth_
        visible: Waiting.canQueue
        text: I18n.s["waiting.callback"]
        textRole: "heading"
        primary: true
        onClicked: Waiting.offerCallback()
    }
    KText {
        objectName: "offlineCallbackNeedsIdentity"
        width: parent.width
        visible: !Waiting.canQueue
        text: Waiting.noCallbackText
    }
    KText {
        objectName: "offlineSeenAt"
        width: parent.width
        text: Offline.seenText
        font.bold: true
    }
    Repeater {
        model: Offline.services
        Rectangle {
            id: offered
            required property var modelData
            objectName: "offline_" + modelData.code
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
                    text: offered.modelData.name
                    textRole: "heading"
                }
                KText {
                    width: parent.width
                    text: offered.modelData.price
                }
                KText {
                    width: parent.width
                    text: offered.modelData.free
                }
            }
        }
    }
}
