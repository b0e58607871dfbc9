"""HomeBank (GTK 3 personal finance): open the account's register with a double click, add a transaction, save.

The routine, the same every time it runs on one instance (a data run plays it once per row):

1. in the main window's accounts list, double-click the row "Checking" -> its register opens
   ("Checking - HomeBank", a window of its own);
2. in the register, click "Add" (bottom toolbar) -> the modal "Add transaction" dialog, a fresh form
   (Date = today, Amount = 0.00, Payee and Memo empty) every time it opens;
3. click into Date, Ctrl+A, type the date; into Amount, Ctrl+A, type the amount; into Payee, type;
   into Memo, type;
4. click "Add": the transaction is added and the dialog stays open with a fresh form (its
   "Add & Keep" button would keep every value instead); click "Close";
5. Ctrl+W closes the register; in the main window Ctrl+S saves: the title loses its leading '*'.

Between runs only the main window is open, titled "book.xhb - Household - HomeBank", the
"Checking" row selected, its balances updated -- the start screen with other numbers.
"""

from __future__ import annotations

import datetime
import os
import subprocess
import time
import xml.etree.ElementTree as ET
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, ClassVar

from deskpilot.geometry import Point, Rect
from deskpilot.platform.x11.windows import X11Windows
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
    gtk3_settings,
    need,
    place,
    shrunk,
    wait_file,
    wait_window,
)

MAIN_TITLE = r"^\*?book\.xhb - Household - HomeBank$"
SAVED_TITLE = r"^book\.xhb - Household - HomeBank$"
REGISTER_TITLE = r"^Checking - HomeBank$"
DIALOG_TITLE = r"^Add transaction$"
# the least a half-size window keeps: the main window its accounts list, the register its bottom toolbar
MAIN_LEAST = (454, 349)  # GTK keeps the main window no smaller (measured)
REGISTER_LEAST = (500, 280)

BOOK = """<?xml version="1.0"?>
<homebank v="1.4" d="050602">
<properties title="Household" curr="1" auto_smode="1" auto_weekday="1"/>
<cur key="1" flags="0" iso="USD" name="US Dollar" symb="$" syprf="1" dchar="." gchar="," frac="2" rate="0" mdate="0"/>
<account key="1" pos="1" type="1" curr="1" name="Checking" initial="0" minimum="0"/>
<pay key="1" name="Grocer"/>
<cat key="1" name="Food"/>
</homebank>
"""


def preferences(home: Path, variant: Variant, main: tuple[int, int, int, int],
                register: tuple[int, int, int, int]) -> str:
    """HomeBank's own keyfile: no splash, no welcome, no last file, no automatic backup; where windows go;
    without the toolbar, the main window's toolbar hidden and every toolbar's buttons as icons alone."""
    geo = ";".join
    bars = [] if variant.toolbar else ["BarStyle=1"]  # 1: GTK's "icons only" (0 is the system's default)
    shown = [] if variant.toolbar else ["WalToolbar=false"]
    return "\n".join([
        "[General]", "Version=562", "ShowSplash=false", "ShowWelcome=false", "LoadLast=false",
        "BakIsAutomatic=false", "UpdateCurrency=false", "ShowConfirm=false", "GtkOverride=false",
        # HomeBank sets gtk-application-prefer-dark-theme itself from this key, over settings.ini
        f"GtkDarkTheme={'true' if variant.dark else 'false'}", *bars,
        f"WalletPath={home}", f"BackupPath={home}", f"ImportPath={home}", f"ExportPath={home}",
        "", "[Windows]",
        f"Wal={geo(map(str, main))};0;", f"Acc={geo(map(str, register))};0;", "Txn=0;0;-1;-1;0;", *shown,
        "", "[Panels]", "AccColAccW=200", "",
    ])


def _box(person: Person, text: str, within: Rect, *, pick: str = "best", timeout: float = 10) -> Rect:
    """Like ``Person.find``, but the whole box of the words seen (a field sits right of its label's box)."""
    from deskpilot.platform import backend
    from deskpilot.vision.tesseract import TesseractOcr
    from deskpilot.vision.text import find_phrases

    os.environ["DISPLAY"] = person.display.name
    screen, ocr = backend().screen(), TesseractOcr()
    deadline = time.monotonic() + timeout
    while True:
        frame = screen.grab()
        region = within.intersect(frame.rect) or frame.rect
        words = ocr.words(frame.crop(region)[0], Point(region.x, region.y), "eng")
        good = [p for p in find_phrases(words, text) if p.similarity >= 0.9]
        if good:
            key = {"best": lambda p: (-p.similarity, -p.conf), "right": lambda p: -p.box.x,
                   "bottom": lambda p: -p.box.y}[pick]
            return min(good, key=key).box
        if time.monotonic() > deadline:
            raise AssertionError(f"{text!r} is not on the screen; seen: {' '.join(w.text for w in words)[:400]}")
        time.sleep(0.3)


def _field_right_of(person: Person, label: str, within: Rect) -> Point:
    """The entry a person clicks: a little right of where its label ends, on the label's line."""
    box = _box(person, label, within)
    return Point(box.right + 45, box.center.y)


def _click(person: Person, at: Point) -> None:
    person.click(at.x, at.y)


def _double_click(person: Person, at: Point) -> None:
    person.double_click(at.x, at.y)


def _wait_title_gone(person: Person, pattern: str, timeout: float = 10) -> None:

    windows = X11Windows(person.display.name)
    deadline = time.monotonic() + timeout
    while windows.find(pattern):
        if time.monotonic() > deadline:
            raise AssertionError(f"the window /{pattern}/ is still open after {timeout:.0f} s")
        time.sleep(0.1)


def _iso(date: str) -> str:
    """The date a person types (MM/DD/YYYY, HomeBank's order under the C locale) as ISO."""
    return datetime.datetime.strptime(date, "%m/%d/%Y").date().isoformat()


class HomeBank:
    name: ClassVar[str] = "homebank"
    package: ClassVar[str] = "homebank"
    toolkit: ClassVar[str] = "GTK 3"
    variants: ClassVar[tuple[Variant, ...]] = (AS_RECORDED, MOVED, FONT, DARK)
    drift: ClassVar[tuple[Variant, ...]] = (HALF, NO_TOOLBAR, FONT, DARK)  # bench/drift.py, and what they mean:
    drift_means: ClassVar[dict[str, str]] = {
        HALF.name: "main window 512 x 349 (GTK's least height) for 1024 x 600; the register 1174 x 280 for "
                   "1174 x 560 (GTK keeps it as wide as its filter bar, recorded too)",
        NO_TOOLBAR.name: "the main window's toolbar hidden (WalToolbar=false) and every toolbar as icons only "
                         "(BarStyle=1): the register's Add button loses its word",
    }
    values: ClassVar[dict[str, str]] = {"date": "11/15/2026", "amount": "12.50", "payee": "Corner Shop",
                                        "memo": "bread and milk"}
    rows: ClassVar[tuple[dict[str, str], ...]] = (
        # payees and memos start with letters no earlier value starts with: HomeBank's completion
        # popups (payee, memo) would otherwise open over the fields below while the person types
        {"date": "11/03/2026", "amount": "12.50", "payee": "Corner Shop", "memo": "bread and milk"},
        {"date": "11/05/2026", "amount": "2.75", "payee": "Metro Transit", "memo": "monthly pass"},
        {"date": "11/09/2026", "amount": "18.40", "payee": "Pharmacy Plus", "memo": "cough syrup"},
        {"date": "11/14/2026", "amount": "33.10", "payee": "Hardware Depot", "memo": "paint brushes"},
        {"date": "11/20/2026", "amount": "9.99", "payee": "Lakeside Books", "memo": "novel for Anna"},
    )

    def start(self, display: VirtualDisplay, home: Path, variant: Variant = AS_RECORDED) -> Running:
        exe = need("homebank", "homebank")
        env = app_env(display, home)
        gtk3_settings(home, variant)
        size = variant.size or shrunk((1024, 600), variant, MAIN_LEAST)
        main = (*(variant.move or (40, 30)), *size)
        register = (150, 150, *shrunk((1000, 560), variant, REGISTER_LEAST)) if variant.move is None \
            else (60, 60, 980, 600)
        folder = home / "config" / "homebank"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "preferences").write_text(preferences(home, variant, main, register), encoding="utf-8")
        book = home / "book.xhb"
        book.write_text(BOOK, encoding="utf-8")
        proc = subprocess.Popen([exe, str(book)], env=env, cwd=home, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        wid = wait_window(display, "book.xhb - Household - HomeBank", proc)
        place(display, wid, variant, default=(40, 30), default_size=size)
        return Running(proc, display, home, MAIN_TITLE, files={"out": book})

    def perform(self, person: Person, app: Running, values: Mapping[str, str]) -> None:
        main = person.window(MAIN_TITLE)
        _double_click(person, person.find("Checking", within=main))  # the account's row in "Your accounts"
        register = person.window(REGISTER_TITLE)
        _click(person, person.find("Add", within=register, min_similarity=0.8))  # its icon reads as a word
        dialog = person.window(DIALOG_TITLE)
        for label, key, clear in (("Date:", "date", True), ("Amount:", "amount", True),
                                  ("Payee:", "payee", False), ("Memo:", "memo", False)):
            _click(person, _field_right_of(person, label, dialog))
            if clear:  # the fresh form has today's date and 0.00 in these two
                person.key("ctrl+a")
            person.type(values[key])
        buttons = Rect(dialog.x, dialog.bottom - 80, dialog.w, 80)
        _click(person, _box(person, "Add", buttons, pick="right").center)  # "Add", not "Add & Keep"
        _click(person, person.find("Close", within=buttons))
        _wait_title_gone(person, DIALOG_TITLE)
        person.key("ctrl+w")  # Account > Close: the register goes
        _wait_title_gone(person, REGISTER_TITLE)
        person.window(MAIN_TITLE)
        changed = time.time()
        person.key("ctrl+s")
        person.window(SAVED_TITLE)  # the '*' before the file name is gone: saved
        app.extra["saved_at"] = changed

    def saved(self, app: Running) -> Any:
        book = wait_file(app.files["out"], changed_after=app.extra.get("saved_at", 0) - 1)
        root = ET.parse(book).getroot()
        payees = {p.get("key"): p.get("name", "") for p in root.iter("pay")}
        out = []
        for ope in root.iter("ope"):
            out.append({"date": datetime.date.fromordinal(int(ope.get("date", "0"))).isoformat(),
                        "amount": f"{float(ope.get('amount', '0')):.2f}",
                        "payee": payees.get(ope.get("payee"), ""),
                        "memo": ope.get("wording", "")})
        return sorted(out, key=lambda t: (t["date"], t["payee"]))

    def expected(self, values: Sequence[Mapping[str, str]]) -> Any:
        out = [{"date": _iso(v["date"]), "amount": f"{-float(v['amount']):.2f}", "payee": v["payee"],
                "memo": v["memo"]} for v in values]
        return sorted(out, key=lambda t: (t["date"], t["payee"]))


APP = HomeBank()
