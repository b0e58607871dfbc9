"""Gnumeric (GTK 3 spreadsheet): type a small table into a new workbook and save it through its Save As dialog.

The routine:

1. click cell A1 (just below the column header "A"; a fresh sheet, A1 already the cursor);
2. type "Date", Tab, "Amount", Tab, "Note", Enter -- Enter after a run of Tabs goes back to the
   column the run began in, so the cursor is on A2;
3. click the cell under "Date" (A2), type the date; click the cell under "Amount" (B2: the click
   commits A2), type the amount; click the cell under "Note" (C2), type the note, Enter;
4. Ctrl+S: the workbook is still "Book1", so Gnumeric opens its GTK file chooser "Save the current
   workbook as" in HOME with "Book1" selected in Name (the ".gnumeric" after it is not);
5. click into Name, Ctrl+A, type "expenses.gnumeric", Enter: saved as Gnumeric XML (gzip), no question
   asked; the title goes from "*Book1.gnumeric - Gnumeric" to "expenses.gnumeric - Gnumeric".
"""

from __future__ import annotations

import datetime
import gzip
import os
import subprocess
import time
import xml.etree.ElementTree as ET
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, ClassVar

from deskpilot.geometry import Point, Rect
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
    gtk3_settings,
    need,
    place,
    wait_file,
    wait_window,
)

NEW_TITLE = r"^\*?Book1\.gnumeric - Gnumeric$"
SAVED_TITLE = r"^expenses\.gnumeric - Gnumeric$"
DIALOG_TITLE = r"^Save the current workbook as$"
FILE_NAME = "expenses.gnumeric"
GNM = "{http://www.gnumeric.org/v10.dtd}"
DATE_CODES = set("ymd")
ROW = 18  # a row's height at 100 % zoom: the sheet's own font (Sans 10), whatever the desktop's font


def _read(person: Person, within: Rect) -> list[Any]:
    """The words the person reads in ``within`` right now (OCR as eyes)."""
    from deskpilot.platform import backend
    from deskpilot.vision.tesseract import TesseractOcr

    os.environ["DISPLAY"] = person.display.name
    frame = backend().screen().grab()
    region = within.intersect(frame.rect) or frame.rect
    return TesseractOcr().words(frame.crop(region)[0], Point(region.x, region.y), "eng")


def _look(person: Person, what: str, within: Rect, found: Any, timeout: float = 10) -> Rect:
    """Read the screen until ``found(words)`` gives a box (None: not yet)."""
    deadline = time.monotonic() + timeout
    while True:
        words = _read(person, within)
        box = found(words)
        if box is not None:
            return box  # type: ignore[no-any-return]
        if time.monotonic() > deadline:
            raise AssertionError(f"{what} is not on the screen; seen: {' '.join(w.text for w in words)[:400]}")
        time.sleep(0.3)


def _column_a(words: list[Any]) -> Rect | None:
    """The header "A": a lone clear "A" with a lone "B" on its level a column's width to the right.

    (A lone "A" is not enough: the cell cursor's frame in A1 reads as "a", the toolbar glyphs too.)"""
    for a in (w for w in words if w.text == "A" and w.conf >= 0.8):
        for b in (w for w in words if w.text == "B" and w.conf >= 0.8):
            if abs(b.box.center.y - a.box.center.y) <= 4 and 40 <= b.box.x - a.box.x <= 250:
                return a.box  # type: ignore[no-any-return]
    return None


def _find_column_a(person: Person, window: Rect, timeout: float = 10) -> Rect:
    """The column header "A" as read; on the dark theme, where it is where the name box says.

    Dark Adwaita draws the headers light grey (the current one red) on dark grey, between white
    cells: OCR reads none of those letters, even in a strip of its own. The name box, showing "A1"
    (read "Al"), reads in either theme; the header "A" sits 77 px right of it and 29 px down
    (the same in both themes at the default font size)."""
    deadline = time.monotonic() + timeout
    for attempt in range(1000):
        words = _read(person, window)
        box = _column_a(words)
        if box is not None:
            return box
        names = [w for w in words if w.text in ("A1", "Al", "AI") and w.box.x < window.x + window.w // 3]
        if names and attempt >= 1:  # twice no header: a dark theme, not a window still painting
            name = names[0].box
            return Rect(name.x + 77, name.y + 29, 8, 9)
        if time.monotonic() > deadline:
            break
        time.sleep(0.3)
    raise AssertionError(f"the column header A is not on the screen; seen: {' '.join(w.text for w in words)}")


def _label(text: str) -> Any:
    """The topmost clear word ``text`` (the sheet's header row is above anything else that reads alike)."""
    def found(words: list[Any]) -> Rect | None:
        hits = sorted((w for w in words if w.text == text and w.conf >= 0.6), key=lambda w: w.box.y)
        return hits[0].box if hits else None
    return found


def _cell_name(row: int, col: int) -> str:
    letters = ""
    col += 1
    while col:
        col, rest = divmod(col - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return f"{letters}{row + 1}"


def _number(text: str) -> str:
    """A number as Gnumeric writes it into its file: the shortest form, no trailing zeros."""
    value = repr(float(text))
    return value.removesuffix(".0")


class Gnumeric:
    name: ClassVar[str] = "gnumeric"
    package: ClassVar[str] = "gnumeric"
    toolkit: ClassVar[str] = "GTK 3"
    variants: ClassVar[tuple[Variant, ...]] = (AS_RECORDED, MOVED, FONT, DARK)
    values: ClassVar[dict[str, str]] = {"date": "2026-11-03", "amount": "12.50", "note": "bread and milk"}
    rows: ClassVar[tuple[dict[str, str], ...]] = ()

    def start(self, display: VirtualDisplay, home: Path, variant: Variant = AS_RECORDED) -> Running:
        exe = need("gnumeric", "gnumeric")
        env = app_env(display, home)  # GSETTINGS_BACKEND=memory: Gnumeric's defaults, nothing remembered
        gtk3_settings(home, variant)
        out = home / FILE_NAME
        proc = subprocess.Popen([exe, "--no-splash"], env=env, cwd=home, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        wid = wait_window(display, "Book1.gnumeric - Gnumeric", proc)
        place(display, wid, variant, default=(40, 30), default_size=(960, 640))
        return Running(proc, display, home, NEW_TITLE, files={"out": out})

    def perform(self, person: Person, app: Running, values: Mapping[str, str]) -> None:
        window = person.window(NEW_TITLE)
        header = _find_column_a(person, window)
        person.click(header.center.x, header.bottom + ROW // 2 + 6)  # A1: the cell under the header "A"
        for i, text in enumerate(("Date", "Amount", "Note")):  # the header row, Tab from cell to cell
            person.type(text)
            person.key("Tab" if i < 2 else "Return")  # Return: back to column A, one row down
        for label, key in (("Date", "date"), ("Amount", "amount"), ("Note", "note")):  # the row under them
            above = _look(person, repr(label), window, _label(label))
            # the middle of the cell right under it (text starts at a cell's left edge, a column is ~80 px):
            # near its left edge the click would land in the previous cell's editor, grown over it
            person.click(above.x + 36, above.center.y + ROW)
            person.type(values[key])
        person.key("Return")
        person.key("ctrl+s")
        dialog = person.window(DIALOG_TITLE)
        name = person.find("Name:", within=dialog, pick="top")  # "Name" is also the file list's column
        person.click(name.x + 150, name.y)  # into the Name field right of its label
        person.key("ctrl+a")
        app.extra["saved_at"] = time.time()
        person.type(FILE_NAME)
        person.key("Return")
        saved = person.window(SAVED_TITLE)  # the title names the file, no '*': saved
        person.find("Amount", within=saved)  # and the sheet is painted again where the dialog was

    def saved(self, app: Running) -> Any:
        path = wait_file(app.files["out"], changed_after=app.extra.get("saved_at", 0) - 1)
        root = ET.fromstring(gzip.decompress(path.read_bytes()))
        cells: dict[str, str] = {}
        for cell in root.iter(f"{GNM}Cell"):
            text = cell.text or ""
            fmt = cell.get("ValueFormat", "")
            if cell.get("ValueType") == "40" and DATE_CODES <= set(fmt.lower()):  # a date: its serial number
                text = (datetime.date(1899, 12, 30) + datetime.timedelta(days=int(float(text)))).isoformat()
            cells[_cell_name(int(cell.get("Row", "0")), int(cell.get("Col", "0")))] = text
        return cells

    def expected(self, values: Sequence[Mapping[str, str]]) -> Any:
        (v,) = values
        return {"A1": "Date", "B1": "Amount", "C1": "Note",
                "A2": v["date"], "B2": _number(v["amount"]), "C2": v["note"]}


APP = Gnumeric()
