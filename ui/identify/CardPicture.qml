pragma ComponentBehavior: Bound

import QtQuick
import ui

// Where the ID card goes: the card (photo and lines) above the reader, an arrow down onto it.
// Drawn in the text and primary colours on white, so every mark is well over 3:1.
Item {
    id: picture

    implicitWidth: Math.round(Theme.target * 2.2)
    implicitHeight: Math.round(Theme.target * 1.4)
    Accessible.role: Accessible.Graphic

    Rectangle {   // the card
        id: card
        x: picture.width * 0.12
        width: picture.width * 0.76
        height: picture.height * 0.42
        radius: 10
        color: Theme.background
        border.width: 5
        border.color: Theme.primary

        Rectangle {   // the photo
            x: card.width * 0.08
            y: card.height * 0.18
            width: card.width * 0.24
            height: card.height * 0.64
            color: Theme.primary
        }
        Repeater {    // the printed lines
            model: 3
            Rectangle {
                id: printedLine
                required property int index
                x: card.width * 0.4
                y: card.height * (0.22 + printedLine.index * 0.22)
                width: card.width * (printedLine.index === 2 ? 0.32 : 0.5)
                height: Math.max(5, card.height * 0.1)
                color: Theme.text
            }
        }
    }
    Canvas {   // the arrow: down onto the reader
        id: arrow
        anchors.horizontalCenter: parent.horizontalCenter
        y: card.height + 4
        width: picture.width * 0.3
        height: picture.height * 0.74 - card.height - 8
        onPaint: {
            var ctx = getContext("2d")
            ctx.reset()
            ctx.fillStyle = Theme.primary
            ctx.fillRect(width * 0.4, 0, width * 0.2, height * 0.5)
            ctx.beginPath()
            ctx.moveTo(width * 0.1, height * 0.45)
            ctx.lineTo(width * 0.9, height * 0.45)
            ctx.lineTo(width * 0.5, height)
            ctx.closePath()
            ctx.fill()
        }
    }
    Rectangle {   // the reader
        y: picture.height * 0.74
        width: picture.width
        height: picture.height - y
        radius: 14
        color: Theme.text

        Rectangle {   // its window, where the card lies
            anchors.centerIn: parent
            width: parent.width * 0.7
            height: parent.height * 0.3
            radius: height / 2
            color: Theme.primary
            border.width: 3
            border.color: Theme.background
        }
    }
}
