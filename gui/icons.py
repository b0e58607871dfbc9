"""The window's icons: Material Design Icons through QtAwesome (its fonts ship in its wheel, nothing is
fetched), coloured for the palette in use so they read on light and dark alike.

One name per thing the window shows -- the main actions and each kind of step -- so that a
toolbar button, a menu entry and a step's row show the same picture for the same thing.
"""

from __future__ import annotations

import os

from deskpilot.gui.qt import QIcon
from deskpilot.gui.theme import is_dark

os.environ.setdefault("QT_API", "pyside6")  # QtAwesome's QtPy: the binding the window already runs on

# what -> Material Design icon (mdi6 set)
NAMES = {
    "record": "mdi6.record-circle",
    "play": "mdi6.play-circle",
    "stop": "mdi6.stop-circle",
    "pause": "mdi6.pause-circle",
    "play-step": "mdi6.step-forward",
    "data": "mdi6.table-arrow-right",
    "save": "mdi6.content-save",
    "open": "mdi6.folder-open",
    "new": "mdi6.file-plus",
    "undo": "mdi6.undo",
    "redo": "mdi6.redo",
    "delete": "mdi6.delete",
    "up": "mdi6.arrow-up",
    "down": "mdi6.arrow-down",
    "find": "mdi6.crosshairs-gps",
    "repick": "mdi6.cursor-default-click",
    "breakpoint": "mdi6.circle-medium",
    "settings": "mdi6.cog",
    "report": "mdi6.file-document",
    "chart": "mdi6.chart-bar",
    "variable": "mdi6.variable",
    "add": "mdi6.plus",
    "remove": "mdi6.minus",
    "heal": "mdi6.bandage",
    "ok": "mdi6.check-circle",
    "failed": "mdi6.close-circle",
    "weak": "mdi6.alert",
    "strong": "mdi6.shield-check",
    "help": "mdi6.help-circle",
    "play-from": "mdi6.skip-next-circle",
    "duplicate": "mdi6.content-duplicate",
    "close": "mdi6.close-box",
    "browse": "mdi6.folder-search",
    "recent": "mdi6.history",
    "example": "mdi6.book-open-variant",
    "search": "mdi6.magnify",
    # one per kind of step
    "click": "mdi6.cursor-default-click",
    "drag": "mdi6.drag-variant",
    "scroll": "mdi6.mouse",
    "type": "mdi6.keyboard",
    "press": "mdi6.keyboard-return",
    "hotkey": "mdi6.apple-keyboard-command",
    "wait_for": "mdi6.timer-sand",
    "expect": "mdi6.check-decagram",
    "read_text": "mdi6.text-recognition",
    "read_table": "mdi6.table-search",
    "if_visible": "mdi6.help-rhombus",
    "call": "mdi6.call-split",
    "step": "mdi6.checkbox-blank-circle-outline",
}

# colours that keep their meaning: (on a light base, on a dark base)
COLOURS = {
    "record": ("#c62828", "#ff6b6b"),
    "play": ("#2e7d32", "#69db7c"),
    "ok": ("#2e7d32", "#69db7c"),
    "stop": ("#424242", "#e0e0e0"),
    "failed": ("#c62828", "#ff6b6b"),
    "weak": ("#b36b00", "#ffb347"),
    "strong": ("#2e7d32", "#69db7c"),
}
PLAIN = ("#37474f", "#d0d7de")


def icon(what: str, colour: str | None = None) -> QIcon:
    """The icon of ``what`` (an action or a step kind), in this palette's colours (or ``colour``, for an icon on
    a coloured button); an unknown name gets the plain step icon rather than failing: a new step kind must never
    break the window."""
    import qtawesome

    light, dark = COLOURS.get(what, PLAIN)
    name = NAMES.get(what, NAMES["step"])
    return QIcon(qtawesome.icon(name, color=colour or (dark if is_dark() else light)))
