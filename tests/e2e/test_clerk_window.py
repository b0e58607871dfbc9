"""A clerk who has never seen DeskPilot, using only the window: record a routine, see its value become a variable
and change its default, play it, understand a failure, run it over a five-row CSV.

Everything is done as a person does it, with xdotool on the real window (``deskpilot gui`` on Xvfb, the demo app
as the application); what the window says is read off the screen with Tesseract, and what was done is judged by
what the demo app saved. ``test_clerk_screens`` checks the same screens in light and dark, small and large.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pytest

from deskpilot.geometry import Point, Rect
from deskpilot.platform.x11.windows import X11Windows
from deskpilot.platform.x11.xvfb import VirtualDisplay
from deskpilot.ports import Word
from deskpilot.vision.text import PhraseMatch, find_phrases
from tests.e2e.person import Person, centre_of, geometry

MAIN = "DeskPilot$"  # the main window: "DeskPilot", "enter-customer — DeskPilot", "• enter-customer — DeskPilot"
TOOLBAR = ("Record", "Play", "Pause", "Stop", "Run with data", "Find now", "Save")
MENUS = ("File", "Edit", "Step", "Run", "View")
ROWS = [f"C-80{n:02d}" for n in range(1, 6)]


def wait_for(condition: Callable[[], bool], timeout: float, what: str, *, shot: Path | None = None,
             display: VirtualDisplay | None = None) -> None:
    """Poll ``condition`` for at most ``timeout`` s; on giving up, the screen goes to ``shot`` (to see why)."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            if shot is not None and display is not None:
                from deskpilot.images import write_png

                write_png(shot, grab(display)[0])
            raise AssertionError(f"gave up waiting for {what} after {timeout:.0f} s" +
                                 (f"; the screen then: {shot}" if shot else ""))
        time.sleep(0.2)


def window(display: VirtualDisplay, title: str, timeout: float = 30) -> Rect:
    """Where the window titled like ``title`` is, once it shows (``xdotool search --sync``, bounded; asked again
    when a window closing under it made xdotool give up)."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            found = subprocess.run(["xdotool", "search", "--sync", "--onlyvisible", "--name", title],
                                   env=display.env(), timeout=max(1.0, deadline - time.monotonic()),
                                   capture_output=True, text=True, check=False)
        except subprocess.TimeoutExpired:
            raise AssertionError(f"the window {title!r} did not show in {timeout:.0f} s") from None
        if found.returncode == 0:
            break
        if time.monotonic() > deadline:
            raise AssertionError(f"the window {title!r} did not show in {timeout:.0f} s: {found.stderr}")
        time.sleep(0.3)
    wait_for(lambda: bool(X11Windows(display.name).find(title)), 5, f"the window {title!r} in the window list")
    time.sleep(0.7)  # mapped is not yet painted
    return X11Windows(display.name).find(title)[0].rect


def gone(display: VirtualDisplay, title: str, timeout: float = 15) -> None:
    wait_for(lambda: not X11Windows(display.name).find(title), timeout, f"the window {title!r} to close")


@dataclass
class Seen:
    """The words a person reads in one place of the screen, with where each is."""

    words: list[Word]
    pixels: np.ndarray  # what was read, for its colours
    origin: Point
    again: list[Word] = field(default_factory=list)  # a second reading, frames and lines removed (``twice``)

    def __str__(self) -> str:
        return " ".join(w.text for w in self.words)

    __repr__ = __str__  # what an assertion shows: the words, as read

    def find(self, text: str, min_similarity: float = 0.85) -> list[PhraseMatch]:
        """Where ``text`` reads, in the first reading that has it."""
        for words in (self.words, self.again):
            found = find_phrases(words, text, min_similarity=min_similarity)
            if found:
                return found
        return []

    def has(self, text: str, min_similarity: float = 0.85) -> bool:
        return bool(self.find(text, min_similarity))

    def at(self, text: str, *, pick: Callable[[Rect], float] = lambda box: box.y,
           min_similarity: float = 0.85) -> tuple[int, int]:
        """The centre of ``text`` where ``pick`` is smallest (default: the topmost)."""
        found = self.find(text, min_similarity)
        assert found, f"{text!r} is not on the screen; seen: {self}"
        box = min(found, key=lambda p: pick(p.box)).box
        return box.center.x, box.center.y

    def missing(self, *texts: str, min_similarity: float = 0.85) -> list[str]:
        return [t for t in texts if not self.has(t, min_similarity)]

    def green(self, box: Rect) -> bool:
        """Whether the ink in ``box`` is green (a step done, in either theme's green)."""
        part = self.pixels[box.y - self.origin.y:box.bottom - self.origin.y, box.x - self.origin.x:box.right - self.origin.x]
        b, g, r = (part[..., i].astype(int) for i in range(3))
        return int(np.count_nonzero((g > r + 40) & (g > b + 20))) >= 6


def grab(display: VirtualDisplay, region: Rect | None = None):  # type: ignore[no-untyped-def]
    """The screen's pixels (of ``region``), as the person sees them now, and the rect they cover."""
    from deskpilot.platform import backend

    os.environ["DISPLAY"] = display.name
    frame = backend().screen().grab()
    return frame.crop(region or frame.rect)


def look(display: VirtualDisplay, *, within: str | None = None, region: Rect | None = None,
         save: Path | None = None, twice: bool = False) -> Seen:
    """Read the window titled like ``within`` (or ``region``, or the whole screen); ``save`` keeps the picture;
    ``twice`` reads it a second time without frames (a default button's, a picture's), for what the first missed."""
    from deskpilot.images import write_png
    from deskpilot.vision.tesseract import TesseractOcr

    if within is not None:
        region = X11Windows(display.name).find(within)[0].rect
    pixels, rect = grab(display, region)
    if save is not None:
        write_png(save, pixels)
    ocr, origin = TesseractOcr(), Point(rect.x, rect.y)
    again = ocr.words_without_lines(pixels, origin, "eng") if twice else []
    return Seen(ocr.words(pixels, origin, "eng"), pixels, origin, again)


def read_line(display: VirtualDisplay, region: Rect) -> str:
    """One line of text, read as one line, black on white first: a greyed word (a menu entry, a toolbar button
    with nothing to act on yet) is as plain to a person as a black one, and must be to this reading too."""
    from deskpilot.vision.tesseract import TesseractOcr

    grey = grab(display, region)[0].mean(axis=2)
    ink = np.where(np.abs(grey - np.median(grey)) > 25, 0, 255).astype(np.uint8)  # anything off the background
    return TesseractOcr().read_text(np.ascontiguousarray(np.stack([ink] * 3, axis=2)), "eng", line=True)


def start_gui(display: VirtualDisplay, home: Path, library: Path, settings: str, *args: str
              ) -> subprocess.Popen[bytes]:
    """``deskpilot gui`` as the desktop starts it, with its own settings (``settings``: the lines of [General])."""
    config = home / "config" / "DeskPilot"
    config.mkdir(parents=True, exist_ok=True)
    (config / "DeskPilot.conf").write_text("[General]\n" + settings, encoding="utf-8")
    env = {k: v for k, v in display.env().items() if k != "QT_QPA_PLATFORM"} | {
        "XDG_CONFIG_HOME": str(home / "config"), "XDG_DATA_HOME": str(home / "data")}
    return subprocess.Popen([sys.executable, "-m", "deskpilot.cli", "gui", "--library", str(library), *args],
                            env=env, cwd=home, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def end(gui: subprocess.Popen[bytes]) -> None:
    if gui.poll() is None:
        gui.terminate()
        try:
            gui.wait(timeout=10)
        except subprocess.TimeoutExpired:
            gui.kill()
            gui.wait(timeout=5)


@pytest.fixture
def ended() -> Iterator[list[subprocess.Popen[bytes]]]:
    """The GUIs a test starts, ended after it."""
    started: list[subprocess.Popen[bytes]] = []
    yield started
    for gui in started:
        end(gui)


def test_a_clerk_records_plays_reads_a_failure_and_runs_five_rows(
        xdisplay: VirtualDisplay, demo_app: Callable, tmp_path: Path, ended: list) -> None:
    library = tmp_path / "library"
    library.mkdir()
    ended.append(start_gui(xdisplay, tmp_path, library, "timeout=4\n"))  # a failed step gives up after 4 s
    person = Person(xdisplay, pace=0.3)

    # nothing recorded yet: the window starts with the start-here panel
    window(xdisplay, "^DeskPilot$")
    start = look(xdisplay, within=MAIN)
    assert not start.missing("Start here", "Name it", "Do the task once", "Name of a new recording"), start
    person.click(*start.at("Name of a new recording"))
    person.type("enter-customer")
    field_y = start.at("Name of a new recording")[1]
    person.click(*start.at("Record", pick=lambda box: abs(box.center.y - field_y)))  # the big one beside the name
    bar = window(xdisplay, "^DeskPilot recording$")

    # the clerk opens the application and does the task once
    app = demo_app("--geometry-out", str(tmp_path / "geo.json"))
    time.sleep(1.0)  # the hooks attach after the bar shows
    geo = geometry(tmp_path / "geo.json")
    fields = {f["name"]: f["rect"] for f in geo["fields"]}
    for key, value in (("customer_id", "C-7001"), ("company", "Nordwind GmbH")):
        person.click(*centre_of(fields[key]))
        person.type(value)
    person.click(*centre_of({b["text"]: b["rect"] for b in geo["buttons"]}["Save"]))
    wait_for(lambda: len(app.records()) == 1, 10, "the demo app to save the record")
    time.sleep(1.0)
    on_bar = look(xdisplay, region=bar)
    assert not on_bar.missing("Recording", "Click the field 'Customer ID'", "Type the company"), on_bar
    assert str(on_bar).count("being recorded") <= 1, on_bar  # only the last click is still pending
    person.key("ctrl+alt+shift+s")  # the hotkey the start panel named
    window(xdisplay, "^enter-customer — DeskPilot$", timeout=90)

    # the steps, as sentences; the typed value is a variable already, named after its field
    steps = look(xdisplay, within=MAIN, twice=True)
    assert not steps.missing("Click the field 'Customer ID'", "Type the customer ID into 'Customer ID'",
                             "Click the field 'Company'", "Type the company into 'Company'", "Click 'Save'",
                             "Wait until 'Saved [customer ID]' shows", *TOOLBAR, *MENUS), steps
    sentence = steps.find("Type the customer ID into 'Customer ID'")[0].box
    person.click(sentence.x + 5, sentence.center.y, button=3)  # the row's menu: what the step types, not an offer
    time.sleep(0.8)
    menu = read_line(xdisplay, Rect(sentence.x, sentence.center.y + 2, 550, 22))  # its one entry, greyed
    assert all(part in menu for part in ("Types the variable customer", "default is", "Variables panel")), menu
    person.key("Escape")

    # the clerk gives the variable another default (Variables panel), saves, and plays
    person.click(*steps.at("Variables", pick=lambda box: -box.y))  # the panel's tab, under the Step panel
    time.sleep(0.5)
    panel = look(xdisplay, within=MAIN)
    person.click(*panel.at("C-7001", pick=lambda box: -box.y), repeat=2)  # its default, in the panel's table
    person.key("ctrl+a")
    person.type("C-7002")
    person.key("Return")
    time.sleep(0.5)
    person.click(*panel.at("Save"))  # the toolbar's: above the steps' own "Save"
    routine = library / "enter-customer" / "routine.yaml"
    wait_for(lambda: "customer_id: C-7002" in routine.read_text(encoding="utf-8"), 10, "the routine to be saved")
    saved = look(xdisplay, within=MAIN, save=tmp_path / "saved.png")
    assert saved.has("default is “C-7002”", 0.8), saved  # the Step panel follows the new default
    person.click(*saved.at("Play"))
    result = window(xdisplay, "^Run result$", timeout=60)
    said = look(xdisplay, region=result, save=tmp_path / "passed.png", twice=True)
    assert said.has("Passed"), said
    assert [r["customer_id"] for r in app.records()] == ["C-7001", "C-7002"]
    assert app.records()[1]["company"] == "Nordwind GmbH"
    person.click(*said.at("Close", pick=lambda box: -box.y))
    gone(xdisplay, "^Run result$")
    marks = look(xdisplay, within=MAIN, save=tmp_path / "marks.png")  # each step's ✓ and its seconds
    head = marks.find("result")[0].box
    done = [w for w in marks.words if head.x - 20 <= w.box.x <= head.right and w.box.y > head.bottom
            and re.search(r"\d\s*s$", w.text) and marks.green(w.box)]  # "✓ 0.2 s", read as "v0.2s"
    assert len(done) >= 5, [w.text for w in marks.words if head.x - 20 <= w.box.x <= head.right]

    # the application is closed: the run says so, in plain words
    app.stop()
    person.click(*marks.at("Play"))
    result = window(xdisplay, "^Run result$", timeout=60)
    said = look(xdisplay, region=result, twice=True)
    assert not said.missing("Failed at step 1", "Customer Master", "is not open"), said
    person.click(*said.at("Close", pick=lambda box: -box.y))
    gone(xdisplay, "^Run result$")

    # five rows from a spreadsheet, each once
    data = tmp_path / "five.csv"
    data.write_text("customer_id\n" + "\n".join(ROWS) + "\n", encoding="utf-8")
    rows_app = demo_app(name="rows.jsonl")
    subprocess.run(["xdotool", "search", "--onlyvisible", "--name", "^enter-customer — DeskPilot$",
                    "windowactivate", "--sync"], env=xdisplay.env(), timeout=30, check=True, capture_output=True)
    time.sleep(0.5)
    person.click(*marks.at("Run with data"))
    window(xdisplay, "^Run with data$")
    person.type(str(data))  # into the data file's box, which has the focus
    person.key("Tab")
    time.sleep(1.0)
    preview = look(xdisplay, within="^Run with data$", save=tmp_path / "preview.png", twice=True)
    assert not preview.missing("customer_id column 'customer_id'", "company the routine's default",
                               "5 rows in five.csv", *ROWS, min_similarity=0.8), preview
    cancel = preview.find("Cancel")[-1].box
    run = [w.box for w in preview.words if abs(w.box.center.y - cancel.center.y) < 8 and w.box.right < cancel.x]
    assert run, preview  # the Run button, left of Cancel (its icon makes OCR read "Run" as "@Run")
    button = min(run, key=lambda box: box.x)  # not the icon of Cancel, read as a word of its own
    person.click(button.center.x, button.center.y)
    wait_for(lambda: len(rows_app.records()) >= 5, 90, "the five rows to be saved", shot=tmp_path / "rows.png",
             display=xdisplay)
    result = window(xdisplay, "^Run result$", timeout=60)
    said = look(xdisplay, region=result, twice=True)
    assert said.has("5 of 5 rows done"), said
    assert [r["customer_id"] for r in rows_app.records()] == ROWS
    assert {r["company"] for r in rows_app.records()} == {"Nordwind GmbH"}
