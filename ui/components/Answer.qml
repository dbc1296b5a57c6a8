import QtQuick
import ui

// One of a question's two answers (是 / 不是, 允许 / 不允许, 确认预约 / 返回修改): large, half of
// the row it sits in (a Row in a screen's pinned `actions`, so both stay in view).
KioskButton {
    readonly property Row row: parent as Row
    width: row ? (row.width - row.spacing) / 2 : implicitWidth
    height: Math.max(implicitHeight, Theme.target * 1.5)
    textRole: "heading"
}
