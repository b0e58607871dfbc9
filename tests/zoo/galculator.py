"""galculator (GTK 3 calculator): press its keys by clicking the buttons, copy the result with its own Edit menu.

The routine: click the buttons of the first number one by one (e.g. "1", "2", ".", "5"), then "*",
then the second number's buttons ("4"), then "="; the display shows the product ("50"). Then Edit >
"Copy Display Value": galculator puts the display's text on the X CLIPBOARD, which ``saved`` reads
with xclip while galculator still runs (it owns the selection).

Each key is a button named by its own caption, but Tesseract reads none of the one-character
captions (digits, ".", "*", "=") in their frames, nor "+/-" on the dark theme; the person reads
the captions it can -- "sqrt" (last column, row of 7) and "%" under it -- and counts the keypad's
regular grid from them, as a person finds "7" four keys left of "sqrt".
"""

from __future__ import annotations

import os
import subprocess
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, ClassVar

from deskpilot.geometry import Point, Rect
from deskpilot.platform.x11.xvfb import VirtualDisplay
from tests.zoo.base import (
    AS_RECORDED,
    DARK,
    FONT,
    HALF,
    NO_TOOLBAR,
    Person,
    Running,
    Variant,
    app_env,
    gtk3_settings,
    need,
    place,
    wait_window,
)

TITLE = r"^galculator$"
# the basic mode's keypad, row by row: the columns under "sqrt" are 0..4, the rows from "7" down 0..3
# (the row above, "( ) MS MR M+", is not needed); "=" spans the last two rows of the last column
KEYPAD = ("789/", "456*", "123-", "0.")
KEYS: dict[str, tuple[int, int]] = {
    **{ch: (c, r) for r, row in enumerate(KEYPAD) for c, ch in enumerate(row)},
    "+": (3, 3), "=": (4, 2),
}
MOVED = Variant("moved+resized", move=(180, 110), size=(420, 460))  # a calculator does not need 900 x 620

CONFIG = """[general]

mode=0
default_notation_mode=0
default_number_base=0
remembers_display=false
show_menu_bar=true
custom_button_font=false
"""


def _read(person: Person, within: Rect) -> list[Any]:
    """The words the person reads in ``within`` right now (OCR as eyes)."""
    from deskpilot.platform import backend
    from deskpilot.vision.tesseract import TesseractOcr

    os.environ["DISPLAY"] = person.display.name
    frame = backend().screen().grab()
    region = within.intersect(frame.rect) or frame.rect
    return TesseractOcr().words(frame.crop(region)[0], Point(region.x, region.y), "eng")


def _landmarks(words: list[Any]) -> tuple[Point, Point] | None:
    """"sqrt" and the "%" under it: the keypad's last column, its first two rows."""
    for root in (w for w in words if w.text == "sqrt" and w.conf >= 0.6):
        for pct in (w for w in words if w.text == "%" and w.conf >= 0.6):
            if abs(pct.box.center.x - root.box.center.x) <= 12 and pct.box.y > root.box.bottom:
                return root.box.center, pct.box.center
    return None


def _keypad(person: Person, window: Rect, timeout: float = 10) -> dict[str, Point]:
    """Where each key is, from the captions OCR reads and the keypad's regular grid.

    "sqrt" is column 4 of the row of "7", "%" the one under it: that gives the last column and the
    rows' pitch; the keypad fills the window's width with equal margins, so the first column sits as
    far from the window's left edge as the last from its right edge."""
    deadline = time.monotonic() + timeout
    while (found := _landmarks(words := _read(person, window))) is None:
        if time.monotonic() > deadline:
            raise AssertionError(f"no sqrt and % keys on the screen; seen: {' '.join(w.text for w in words)}")
        time.sleep(0.3)
    root, pct = found
    first = window.x + (window.right - root.x)
    pitch_x, pitch_y = (root.x - first) / 4, pct.y - root.y
    out = {}
    for key, (c, r) in KEYS.items():
        y = root.y + r * pitch_y + (pitch_y / 2 if key == "=" else 0)  # "=" is two rows tall
        out[key] = Point(round(first + c * pitch_x), round(y))
    return out


def _product(a: str, b: str) -> str:
    return f"{float(a) * float(b):.12g}"


class Galculator:
    name: ClassVar[str] = "galculator"
    package: ClassVar[str] = "galculator"
    toolkit: ClassVar[str] = "GTK 3"
    variants: ClassVar[tuple[Variant, ...]] = (AS_RECORDED, MOVED, FONT, DARK)
    drift: ClassVar[tuple[Variant, ...]] = (FONT, DARK)  # bench/drift.py; what it cannot show, and why:
    drift_left_out: ClassVar[dict[str, str]] = {
        HALF.name: "GTK keeps galculator at its natural size (331 x 343), which is the size it was recorded at",
        NO_TOOLBAR.name: "galculator has no toolbar, and its menu bar holds the routine's Edit menu",
    }
    values: ClassVar[dict[str, str]] = {"a": "12.5", "b": "4"}
    rows: ClassVar[tuple[dict[str, str], ...]] = ()

    def start(self, display: VirtualDisplay, home: Path, variant: Variant = AS_RECORDED) -> Running:
        exe = need("galculator", "galculator")
        need("xclip", "xclip")
        env = app_env(display, home)
        gtk3_settings(home, variant)
        folder = home / "config" / "galculator"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "galculator.conf").write_text(CONFIG, encoding="utf-8")  # basic mode, algebraic, decimal
        proc = subprocess.Popen([exe], env=env, cwd=home, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wid = wait_window(display, TITLE, proc)
        place(display, wid, variant, default=(40, 30))
        return Running(proc, display, home, TITLE)

    def perform(self, person: Person, app: Running, values: Mapping[str, str]) -> None:
        window = person.window(TITLE)
        keys = _keypad(person, window)
        for ch in (*values["a"], "*", *values["b"], "="):
            person.click(keys[ch].x, keys[ch].y)
        edit = person.find("Edit", within=window, pick="top")
        person.click(edit.x, edit.y)
        menu = Rect(edit.x - 60, edit.y + 8, 420, 160)  # the menu opens under "Edit"
        item = person.find("Copy Display Value", within=menu, timeout=5)
        person.click(item.x, item.y)
        time.sleep(0.3)

    def saved(self, app: Running) -> Any:
        """The X CLIPBOARD as galculator serves it (it owns the selection while it runs)."""
        deadline = time.monotonic() + 10
        while True:
            out = subprocess.run(["xclip", "-o", "-selection", "clipboard"], check=False, env=app.display.env(),
                                 capture_output=True, text=True, timeout=10)
            if out.returncode == 0 or time.monotonic() > deadline:
                return out.stdout.strip() if out.returncode == 0 else None
            time.sleep(0.2)

    def expected(self, values: Sequence[Mapping[str, str]]) -> Any:
        (v,) = values
        return _product(v["a"], v["b"])


APP = Galculator()
