import QtQuick
import ui

// A drawn face for a 1–5 rating: the mouth bends from a frown (1) to a broad smile (5).
// Drawn, not an emoji, so it looks the same whatever fonts the kiosk has.
Canvas {
    property int score: 3
    property color ink: Theme.text

    width: Math.round(Theme.target * 0.9 * Math.max(1, Theme.scale * 0.8))
    height: width
    onScoreChanged: requestPaint()
    onWidthChanged: requestPaint()   // 特大 makes it larger: draw it again at its new size
    onInkChanged: requestPaint()

    onPaint: {
        var ctx = getContext("2d")
        var r = width / 2 - 4
        ctx.reset()
        ctx.lineWidth = Math.max(4, width / 18)
        ctx.strokeStyle = ink
        ctx.fillStyle = ink
        ctx.beginPath()
        ctx.arc(width / 2, height / 2, r, 0, 2 * Math.PI)
        ctx.stroke()
        var eyeY = height * 0.4, eyeR = width / 14
        ctx.beginPath(); ctx.arc(width * 0.36, eyeY, eyeR, 0, 2 * Math.PI); ctx.fill()
        ctx.beginPath(); ctx.arc(width * 0.64, eyeY, eyeR, 0, 2 * Math.PI); ctx.fill()
        var bend = (score - 3) * height * 0.09   // + smiles, − frowns
        var mouthY = height * 0.68 - bend / 2
        ctx.beginPath()
        ctx.moveTo(width * 0.3, mouthY)
        ctx.quadraticCurveTo(width / 2, mouthY + 2 * bend, width * 0.7, mouthY)
        ctx.stroke()
    }
}
