"""NEdit (Motif text editor): type two lines into the untitled document, save it through File > Save As.

Fresh state per start: its own HOME (NEdit keeps ``~/.nedit/nedit.rc`` and ``nedit.history`` there, and
there is none), started in HOME with no file argument, so it opens "Untitled" and asks nothing (a file
argument that does not exist would ask "create?"). NEdit is no UTF-8 editor: it runs in the C locale,
where a typed "ü" is one Latin-1 byte, shown as "ü" and saved as 0xFC (in a UTF-8 locale the same key
gives two bytes, shown as "Ã¼"). Fonts and colours come from X resources on the command line: the Xft
render tables of menus and dialogs (``defaultRT``/``fixedRT``), the core text font, the colours.
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import ClassVar

from deskpilot.geometry import Rect
from deskpilot.platform.x11.xvfb import VirtualDisplay
from tests.zoo.base import (
    AS_RECORDED,
    DARK,
    FONT,
    MOVED,
    Person,
    Running,
    Variant,
    app_env,
    launch_placed,
    need,
    wait_file,
)
from tests.zoo.featherpad import keyboard_with

TITLE = r"^(Untitled( \(modified\))?|\S+ (\(modified\) )?- /.*)$"  # "Untitled", later "note.txt - /the/dir/"

UI_SIZE, TEXT_PX = 9, 14  # NEdit's own defaults: Sans 9 for menus and dialogs, Courier 14 px in the text

DARK_COLOURS = {"nedit*background": "#2d2d2d", "nedit*foreground": "#e6e6e6",
                "nedit.textBgColor": "#1e1e1e", "nedit.textFgColor": "#e6e6e6", "nedit.cursorFgColor": "#ffffff",
                "nedit.selectBgColor": "#3d6fa8", "nedit.selectFgColor": "#ffffff",
                "nedit.hiliteBgColor": "#5a4a20", "nedit.hiliteFgColor": "#ffffff",
                "nedit.lineNoFgColor": "#a0a0a0"}


def resources(variant: Variant) -> dict[str, str]:
    ui = round(UI_SIZE * variant.font_scale)
    text = round(TEXT_PX * variant.font_scale)
    out = {"nedit*defaultRT.fontSize": str(ui), "nedit*fixedRT.fontSize": str(ui),
           "nedit.textFont": f"-*-courier-medium-r-normal--{text}-*-*-*-*-*-iso8859-1",
           "nedit.boldHighlightFont": f"-*-courier-bold-r-normal--{text}-*-*-*-*-*-iso8859-1",
           "nedit.italicHighlightFont": f"-*-courier-medium-o-normal--{text}-*-*-*-*-*-iso8859-1",
           "nedit.boldItalicHighlightFont": f"-*-courier-bold-o-normal--{text}-*-*-*-*-*-iso8859-1",
           "nedit.appendLF": "True", "nedit.autoSave": "False", "nedit.saveOldVersion": "False",
           "nedit.warnFileMods": "False", "nedit.highlightSyntax": "False"}
    if variant.dark:
        out.update(DARK_COLOURS)
    return out


def settled_window(person: Person, title: str, timeout: float = 10) -> Rect:
    """The window once it has stopped moving: a Motif dialog maps first and is placed a moment later."""
    deadline = time.monotonic() + timeout
    last = person.window(title, timeout=timeout)
    while time.monotonic() < deadline:
        time.sleep(0.15)
        now = person.window(title, timeout=max(0.1, deadline - time.monotonic()))
        if now == last:
            return now
        last = now
    return last


class NEdit:
    name: ClassVar[str] = "nedit"
    package: ClassVar[str] = "nedit"
    toolkit: ClassVar[str] = "Motif"
    variants: ClassVar[tuple[Variant, ...]] = (AS_RECORDED, MOVED, FONT, DARK)
    values: ClassVar[dict[str, str]] = {"first_line": "Invoice 4711 approved", "second_line": "by Jürgen Weber",
                                        "new_file_name": "note.txt"}
    rows: ClassVar[tuple[dict[str, str], ...]] = ()

    def start(self, display: VirtualDisplay, home: Path, variant: Variant = AS_RECORDED) -> Running:
        exe = need("nedit", "nedit")
        keyboard_with(display, "".join(self.values.values()))
        env = app_env(display, home, LANG="C", LC_ALL="C", NEDIT_HOME=str(home / ".nedit"))
        args = [exe, "-geometry", "80x24"]
        for key, value in resources(variant).items():
            args += ["-xrm", f"{key}: {value}"]
        proc = launch_placed(args, env, home, display, "^Untitled$", variant)
        return Running(proc, display, home, TITLE, files={"out": home / self.values["new_file_name"]})

    def perform(self, person: Person, app: Running, values: Mapping[str, str]) -> None:
        win = person.window(TITLE)
        person.click(win.x + win.w // 2, win.y + win.h // 2)  # into the text, the middle of the window
        person.type(values["first_line"])
        person.key("Return")
        person.type(values["second_line"])
        menubar = Rect(win.x, win.y, win.w, max(36, win.h // 10))
        # 0.85: the strip also cuts through the first text line, and the noise can make "File" read as
        # part of a longer phrase with "Edit"
        file_menu = person.find("File", within=menubar, pick="left", min_similarity=0.85)
        person.click(file_menu.x, file_menu.y)
        # the menu drops below "File" and reaches past the window's bottom; read only the menu's column
        below = Rect(win.x, file_menu.y + 8, min(win.w, 300), 800 - file_menu.y - 8)
        save_as = person.find("Save As...", within=below, min_similarity=0.85)
        person.click(save_as.x, save_as.y)
        dialog = settled_window(person, r"^Save File As$")  # mapped, then moved under the pointer
        # its field has the keyboard focus, empty. The person looks at the dialog's lower half, where the
        # name field is: read whole, the grey Motif dialog with its lighter fields comes out of the OCR's
        # binarisation as one dark blot ("a"), while a part of it reads well
        lower = Rect(dialog.x, dialog.y + dialog.h // 2, dialog.w, dialog.h - dialog.h // 2)
        person.find("New File Name", within=lower)
        person.type(values["new_file_name"])
        person.key("Return")  # OK is the default button
        person.window(r"^" + values["new_file_name"].replace(".", r"\.") + " - /", timeout=10)

    def saved(self, app: Running) -> str:
        return wait_file(app.files["out"]).read_bytes().decode("latin-1")  # NEdit writes bytes as typed: Latin-1

    def expected(self, values: Sequence[Mapping[str, str]]) -> str:
        (v,) = values
        return f"{v['first_line']}\n{v['second_line']}\n"  # appendLF: NEdit ends the file with a newline


APP = NEdit()
