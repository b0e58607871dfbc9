"""The window's actions, each made once with its shortcut and icon, and where they are shown.

The main toolbar holds what a clerk does -- Record, Play, Stop, Pause, Run with data,
Find now, Save -- as big buttons with an icon and a word; everything else is in the
menu bar (File, Edit, Step, Run, View), with the same action and shortcut. The texts
keep the window's translation context ("MainWindow"), where they were first written.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

from deskpilot.gui.document import NEW_STEPS
from deskpilot.gui.icons import icon
from deskpilot.gui.qt import QAction, QCoreApplication, QKeySequence, QSize, Qt, QToolBar, QToolButton
from deskpilot.gui.theme import colour

if TYPE_CHECKING:
    from deskpilot.gui.main_window import MainWindow

TOOLBAR = ("record", None, "play", "pause", "stop", None, "play_data", "find", None, "save")  # None: a separator
NEEDS_ROUTINE = ("close", "save", "undo", "redo", "delete", "duplicate", "up", "down", "play", "play_from",
                 "play_data", "step", "breakpoint", "find")  # and every insert_*: nothing to act on otherwise
Keys = QKeySequence | QKeySequence.StandardKey


@dataclass(frozen=True)
class Spec:
    name: str
    keys: Keys | None
    icon: str | None
    slot: Callable[[], object]


def _texts() -> dict[str, str]:
    """Each action's text; "<name>:short" is the toolbar's word where the menu's text is longer."""
    return {
        "record": QCoreApplication.translate("MainWindow", "Record"),
        "save": QCoreApplication.translate("MainWindow", "Save"),
        "close": QCoreApplication.translate("MainWindow", "Close recording"),
        "sign": QCoreApplication.translate("MainWindow", "Sign this version..."),
        "approve": QCoreApplication.translate("MainWindow", "Approve this version..."),
        "settings": QCoreApplication.translate("MainWindow", "Settings"),
        "quit": QCoreApplication.translate("MainWindow", "Quit"),
        "undo": QCoreApplication.translate("MainWindow", "Undo"),
        "redo": QCoreApplication.translate("MainWindow", "Redo"),
        "delete": QCoreApplication.translate("MainWindow", "Delete step"),
        "duplicate": QCoreApplication.translate("MainWindow", "Duplicate step"),
        "up": QCoreApplication.translate("MainWindow", "Move up"),
        "down": QCoreApplication.translate("MainWindow", "Move down"),
        "breakpoint": QCoreApplication.translate("MainWindow", "Breakpoint"),
        "find": QCoreApplication.translate("MainWindow", "Find now"),
        "play": QCoreApplication.translate("MainWindow", "Play"),
        "play_from": QCoreApplication.translate("MainWindow", "Play from here"),
        "step": QCoreApplication.translate("MainWindow", "Run this step"),
        "play_data": QCoreApplication.translate("MainWindow", "Run with data..."),
        "play_data:short": QCoreApplication.translate("MainWindow", "Run with data"),
        "pause": QCoreApplication.translate("MainWindow", "Pause / resume"),
        "pause:short": QCoreApplication.translate("MainWindow", "Pause"),
        "stop": QCoreApplication.translate("MainWindow", "Stop / cancel"),
        "stop:short": QCoreApplication.translate("MainWindow", "Stop"),
        "insert_click": QCoreApplication.translate("MainWindow", "Insert a click"),
        "insert_type": QCoreApplication.translate("MainWindow", "Insert typing"),
        "insert_press": QCoreApplication.translate("MainWindow", "Insert a key press"),
        "insert_hotkey": QCoreApplication.translate("MainWindow", "Insert a key combination"),
        "insert_wait_for": QCoreApplication.translate("MainWindow", "Insert a wait"),
        "insert_expect": QCoreApplication.translate("MainWindow", "Insert a check"),
        "&File": QCoreApplication.translate("MainWindow", "&File"),
        "&Edit": QCoreApplication.translate("MainWindow", "&Edit"),
        "&Step": QCoreApplication.translate("MainWindow", "&Step"),
        "&Run": QCoreApplication.translate("MainWindow", "&Run"),
        "&View": QCoreApplication.translate("MainWindow", "&View"),
        "toolbar": QCoreApplication.translate("MainWindow", "Main actions"),
    }


def _specs(win: MainWindow) -> list[Spec]:
    editor, std = win.editor, QKeySequence.StandardKey
    return [
        Spec("record", QKeySequence("Ctrl+R"), "record", win.record),
        Spec("save", std.Save, "save", win.save),
        Spec("close", QKeySequence("Ctrl+W"), "close", win.close_recording),
        Spec("sign", None, None, lambda: win.approval_actions.sign()),  # enabled by approval_actions
        Spec("approve", None, None, lambda: win.approval_actions.approve()),
        Spec("settings", std.Preferences, "settings", win.edit_settings),
        Spec("quit", QKeySequence("Ctrl+Q"), None, win.close),
        Spec("undo", std.Undo, "undo", lambda: win.doc.undo.undo() if win.doc else None),
        Spec("redo", std.Redo, "redo", lambda: win.doc.undo.redo() if win.doc else None),
        Spec("delete", std.Delete, "delete", editor.delete_step),
        Spec("duplicate", QKeySequence("Ctrl+D"), "duplicate", editor.duplicate_step),
        Spec("up", QKeySequence("Alt+Up"), "up", lambda: editor.move_step(-1)),
        Spec("down", QKeySequence("Alt+Down"), "down", lambda: editor.move_step(1)),
        Spec("breakpoint", QKeySequence("F9"), "breakpoint", editor.toggle_breakpoint),
        Spec("find", QKeySequence("Ctrl+F"), "find", win.find_now),
        Spec("play", QKeySequence("F5"), "play", lambda: win.play(1)),
        Spec("play_from", QKeySequence("Shift+F5"), "play-from", win.play_from_selected),
        Spec("step", QKeySequence("F10"), "play-step", win.play_selected_step),
        Spec("play_data", QKeySequence("Ctrl+F5"), "data", win.runs.play_with_data),
        Spec("pause", QKeySequence("F6"), "pause", win.runs.toggle_pause),
        Spec("stop", QKeySequence("Esc"), "stop", win.stop_run),
    ] + [Spec("insert_" + kind, None, kind, partial(editor.insert_step, kind)) for kind in NEW_STEPS]


def insert_text(kind: str, texts: dict[str, str]) -> str:
    """A step kind as a person names it ("Insert a wait", not "Insert wait_for"); a new kind by its key."""
    return texts.get("insert_" + kind) or QCoreApplication.translate("MainWindow", "Insert {kind}").format(kind=kind)


def build(win: MainWindow) -> dict[str, QAction]:
    """Every action of the window by name (the names tests use), in the toolbar and the menus."""
    texts = _texts()
    actions: dict[str, QAction] = {}
    for spec in _specs(win):
        text = insert_text(spec.name[7:], texts) if spec.name.startswith("insert_") else texts[spec.name]
        actions[spec.name] = _action(win, text, spec.keys, spec.icon, spec.slot, texts.get(spec.name + ":short", ""))
    _menus(win, actions, texts)
    _toolbar(win, actions, texts["toolbar"])
    return actions


def _action(win: MainWindow, text: str, keys: Keys | None, icon_name: str | None, slot: Callable[[], object],
            short: str = "") -> QAction:
    action = QAction(text, win)
    if keys is not None:
        action.setShortcut(QKeySequence(keys))
    shown = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
    action.setToolTip(QCoreApplication.translate("MainWindow", "{action} ({keys})").format(action=text, keys=shown)
                      if shown else text)
    if short:
        action.setIconText(short)
    if icon_name is not None:
        action.setProperty("icon_name", icon_name)
        action.setIcon(icon(icon_name))
    action.triggered.connect(lambda _checked=False: slot())
    win.addAction(action)  # its shortcut works wherever it is shown, even with the toolbar hidden
    return action


def _menus(win: MainWindow, a: dict[str, QAction], texts: dict[str, str]) -> None:
    bar = win.menuBar()
    inserts = [a[name] for name in a if name.startswith("insert_")]
    layout = (("&File", [a["record"], a["save"], a["close"], None, a["sign"], a["approve"], None, a["settings"], None,
                         a["quit"]]),
              ("&Edit", [a["undo"], a["redo"]]),
              ("&Step", [*inserts, None, a["duplicate"], a["delete"], a["up"], a["down"], None, a["breakpoint"],
                         a["find"]]),
              ("&Run", [a["play"], a["play_from"], a["step"], a["play_data"], None, a["pause"], a["stop"]]))
    for title, entries in layout:
        menu = bar.addMenu(texts[title])
        for entry in entries:
            if entry is None:
                menu.addSeparator()
            else:
                menu.addAction(entry)
    win.view_menu = bar.addMenu(texts["&View"])


def _toolbar(win: MainWindow, a: dict[str, QAction], title: str) -> None:
    bar = QToolBar(title, win)
    bar.setObjectName("main")
    bar.setMovable(False)
    bar.setIconSize(QSize(32, 32))
    bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextUnderIcon)
    for name in TOOLBAR:
        if name is None:
            bar.addSeparator()
        else:
            bar.addAction(a[name])
    win.addToolBar(bar)
    win.main_toolbar = bar
    restyle(win, a)


def restyle(win: MainWindow, a: dict[str, QAction]) -> None:
    """Icons and the Record button's red in the palette now in use (after a change of theme too)."""
    for action in a.values():
        name = action.property("icon_name")
        if name:
            action.setIcon(icon(str(name)))
    button = win.main_toolbar.widgetForAction(a["record"])
    if isinstance(button, QToolButton):
        button.setObjectName("record")
        button.setStyleSheet(f"QToolButton#record {{ color: {colour('record').name()}; font-weight: bold; }}")
