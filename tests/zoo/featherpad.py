"""FeatherPad (Qt 5 text editor): type two lines into a new document, save it through File > Save As.

Fresh state per start: its own HOME and ``fp.conf`` (no session restore, Qt's own file dialog rather
than a desktop portal, a 700x500 window, no empty line appended on save). Variants: the font through
``QT_FONT_DPI`` (Qt scales every point size, the menus, the dialog and the editor's own font alike);
dark through FeatherPad's own dark colour scheme (the text area) plus a dark Qt style sheet given with
Qt's standard ``-stylesheet`` option (menus, toolbar, file dialog) -- no platform theme package needed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import ClassVar

from deskpilot.geometry import Rect
from deskpilot.platform.x11.xvfb import VirtualDisplay
from tests.zoo.base import (
    AS_RECORDED,
    DARK,
    FONT,
    HALF,
    MOVED,
    NO_TOOLBAR,
    Person,
    Running,
    Variant,
    app_env,
    launch_placed,
    need,
    shrunk,
    wait_file,
)

SIZE = (700, 500)  # the window as recorded (fp.conf's startSize)
LEAST = (299, 224)  # Qt keeps the window no smaller (measured): the menu bar, toolbar, tab, search bar, status bar
TITLE = r"^\*?(Untitled|/.+)$"  # "Untitled", "*Untitled" while edited, the saved file's full path after Save As

DARK_QSS = """\
QWidget { background-color: #2d2d2d; color: #e6e6e6; selection-background-color: #3d6fa8; selection-color: #ffffff; }
QMenuBar::item:selected, QMenu::item:selected { background-color: #3d6fa8; color: #ffffff; }
QMenu::item:disabled { color: #808080; }
QLineEdit, QComboBox, QAbstractItemView, QAbstractSpinBox { background-color: #1e1e1e; color: #e6e6e6;
    border: 1px solid #555555; }
QPushButton { background-color: #3a3a3a; border: 1px solid #5a5a5a; padding: 3px 10px; }
QPushButton:default { border: 1px solid #6a9bd8; }
QHeaderView::section { background-color: #3a3a3a; color: #e6e6e6; border: 0px; padding: 2px; }
QToolTip { background-color: #3a3a3a; color: #e6e6e6; border: 1px solid #5a5a5a; }
"""


def fp_conf(dark: bool, toolbar: bool = True) -> str:
    """FeatherPad's settings as it writes them itself, with what a fresh, quiet, known state needs."""
    return f"""\
[text]
appendEmptyLine=false
autoBracket=false
autoReplace=false
autoSave=false
darkBgColorValue=15
darkColorScheme={'true' if dark else 'false'}
executeScripts=false
font="Monospace,9,-1,5,50,0,0,0,0,0"
lightBgColorValue=255
lineNumbers=false
recentFiles=
recentOpened=false
removeTrailingSpaces=false
saveLastFilesList=false
saveUnmodified=false
selectionHighlighting=false
skipNonText=true

[window]
closeWithLastTab=false
hideSearchbar=false
max=false
nativeDialog=false
noMenubar=false
noToolbar={'false' if toolbar else 'true'}
openInWindows=false
position=none
prefSize=@Size(-1 -1)
showStatusbar=true
sidePaneMode=false
size=@Size(700 500)
startSize=@Size(700 500)
sysIcons=false
"""


def keyboard_with(display: VirtualDisplay, text: str) -> None:
    """Give the keyboard a key for each non-ASCII character of ``text``, as a German layout has one for "ü".

    Without it xdotool binds a missing character to a spare key just for the press, and Qt (or a
    recorder's hooks) may read that key before reloading the keymap: a lost "ü". Done before the app starts.
    """
    from Xlib import display as xdisplay

    conn = xdisplay.Display(display.name)
    try:
        first = conn.display.info.min_keycode
        count = conn.display.info.max_keycode - first + 1
        mapping = conn.get_keyboard_mapping(first, count)
        have = {sym for row in mapping for sym in row}
        spare = [first + i for i in range(count - 1, -1, -1) if not any(mapping[i])]
        for ch in dict.fromkeys(c for c in text if not c.isascii()):
            sym = ord(ch) if ord(ch) <= 0xFF else 0x01000000 | ord(ch)
            if sym not in have and spare:
                conn.change_keyboard_mapping(spare.pop(0), [[sym, sym]])
        conn.sync()
    finally:
        conn.close()


class FeatherPad:
    name: ClassVar[str] = "featherpad"
    package: ClassVar[str] = "featherpad"
    toolkit: ClassVar[str] = "Qt 5"
    variants: ClassVar[tuple[Variant, ...]] = (AS_RECORDED, MOVED, FONT, DARK)
    drift: ClassVar[tuple[Variant, ...]] = (HALF, NO_TOOLBAR, FONT, DARK)  # bench/drift.py, and what they mean:
    drift_means: ClassVar[dict[str, str]] = {
        HALF.name: "350 x 250 for 700 x 500 (Qt's least: 299 x 224); the toolbar's last buttons go behind its »",
        NO_TOOLBAR.name: "the toolbar hidden (fp.conf noToolbar=true): menu bar and text area move up",
    }
    values: ClassVar[dict[str, str]] = {"first_line": "Invoice 4711 approved", "second_line": "by Jürgen Weber",
                                        "file_name": "note.txt"}
    rows: ClassVar[tuple[dict[str, str], ...]] = ()

    def start(self, display: VirtualDisplay, home: Path, variant: Variant = AS_RECORDED) -> Running:
        exe = need("featherpad", "featherpad")
        keyboard_with(display, "".join(self.values.values()))
        env = app_env(display, home)
        if variant.font_scale != 1.0:
            env["QT_FONT_DPI"] = str(round(96 * variant.font_scale))
        conf = home / "config" / "featherpad"
        conf.mkdir(parents=True, exist_ok=True)
        (conf / "fp.conf").write_text(fp_conf(variant.dark, variant.toolbar), encoding="utf-8")
        args = [exe, "--standalone"]
        if variant.dark:
            qss = home / "dark.qss"
            qss.write_text(DARK_QSS, encoding="utf-8")
            args += ["-stylesheet", str(qss)]
        if variant.shrink != 1.0 and variant.size is None:  # fp.conf's size is the recorded one: shrink it
            variant = replace(variant, size=shrunk(SIZE, variant, LEAST))
        proc = launch_placed(args, env, home, display, "^Untitled$", variant)
        return Running(proc, display, home, TITLE, files={"out": home / self.values["file_name"]})

    def perform(self, person: Person, app: Running, values: Mapping[str, str]) -> None:
        win = person.window(TITLE)
        person.click(win.x + win.w // 2, win.y + win.h // 2)  # into the text area, the middle of the window
        person.type(values["first_line"])
        person.key("Return")
        person.type(values["second_line"])
        menubar = Rect(win.x, win.y, win.w, max(40, win.h // 8))
        # 0.85: the strip also holds the toolbar, whose icons are sometimes read as words next to "File"
        file_menu = person.find("File", within=menubar, pick="left", min_similarity=0.85)
        person.click(file_menu.x, file_menu.y)
        # the menu drops inside the window; reading only there matters in the dark: a region that also holds
        # much of the black desktop makes the OCR's binarisation lose the dark menu's text
        below = Rect(win.x, file_menu.y + 8, min(win.w, 600), win.bottom - file_menu.y - 8)
        # the item's icon is sometimes read as a word ("(B Save As"), which weakens the match to 0.85
        save_as = person.find("Save As", within=below, min_similarity=0.85)
        person.click(save_as.x, save_as.y)
        dialog = person.window(r"^Save as")
        person.find("File name", within=dialog)  # the dialog is up: its name field has focus, "Untitled" selected
        person.type(values["file_name"])  # replaces the selected "Untitled"
        person.key("Return")
        person.window(r"/" + values["file_name"].replace(".", r"\.") + "$", timeout=10)  # the title is the path

    def saved(self, app: Running) -> str:
        return wait_file(app.files["out"]).read_text(encoding="utf-8")

    def expected(self, values: Sequence[Mapping[str, str]]) -> str:
        (v,) = values
        return f"{v['first_line']}\n{v['second_line']}"


APP = FeatherPad()
