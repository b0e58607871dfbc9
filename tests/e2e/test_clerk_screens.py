"""The clerk's screens, light and dark, on a small and a large screen: every word a person needs is there and
nothing is cut off -- read off the screen by OCR, as in ``test_clerk_window``.

One start of the window per theme and size: the start-here panel, a recording opened from it, and the result of
a run whose application is not open (F5; a one-second timeout keeps it cheap).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest

from deskpilot.geometry import Rect
from deskpilot.platform.x11.xvfb import VirtualDisplay
from tests.e2e.conftest import REPO
from tests.e2e.person import Person
from tests.e2e.test_clerk_window import MAIN, MENUS, TOOLBAR, Seen, end, grab, look, read_line, start_gui, window

START = ("Start here", "1. Name it", "2. Record", "3. Do the task once", "4. Stop", "Type a short name",
         "Press the red button", "Work in your application", "Name of a new recording",
         "To stop, press Stop on the small bar or the keys Ctrl+Alt+Shift+S", "Recent recordings", "Examples to try",
         "New customers")  # the cards' texts wrap where the width puts them: phrases that stay on one line
STEPS = ("Click right of 'Customer ID'", "Type the customer ID into 'Customer ID'", "Click right of 'Company'",
         "Type the company into 'Company'", "Click right of 'Contact'", "Library", "Step", "Text / key")
FAILED = ("Failed at step 1", "Step 1: Click right of 'Customer ID'", "The window 'Customer Master'",
          "that this step needs is not open", "Open it in the application as it was when you recorded",
          "Open report", "Find now", "Run again", "Close")


def whole(display: VirtualDisplay, seen: Seen, screen: Rect, window_rect: Rect, texts: tuple[str, ...]) -> None:
    """The window is on the screen, each text is in it, and the toolbar shows each of its words in its row (Qt
    puts what does not fit behind a » button). A greyed word (nothing open to play yet) may be too faint for the
    reading of the whole window: the toolbar's row is read again as one line."""
    assert screen.intersect(window_rect) == window_rect, f"the window {window_rect} is not all on {screen}"
    missing = seen.missing(*texts, *MENUS)
    assert not missing, f"missing {missing}; seen: {seen}"
    record = seen.find("Record")[0].box  # the topmost: the toolbar's
    row = read_line(display, Rect(window_rect.x, record.y - 4, window_rect.w, record.h + 8)).replace(" ", "")
    on_row = [w for w in TOOLBAR if any(abs(p.box.center.y - record.center.y) < 8 for p in seen.find(w))
              or w.replace(" ", "") in row]
    assert on_row == list(TOOLBAR), f"the toolbar shows only {on_row}; its row reads {row!r}"
    menus = [seen.find(word, 0.9)[0].box for word in MENUS]
    assert [b.x for b in menus] == sorted(b.x for b in menus) and all(b.bottom < record.y for b in menus), menus


def shade(display: VirtualDisplay, region: Rect) -> float:
    """How light the window is, 0 (black) to 255: its median grey."""
    return float(np.median(grab(display, region)[0].mean(axis=2)))


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("size", [(1280, 800), (1920, 1080)], ids=["1280x800", "1920x1080"])
def test_the_clerks_screens_show_every_word(theme: str, size: tuple[int, int], tmp_path: Path) -> None:
    library = tmp_path / "library"
    shutil.copytree(REPO / "recordings" / "demo", library / "customers")
    routine = library / "customers" / "routine.yaml"
    routine.write_text(routine.read_text(encoding="utf-8").replace("name: Enter a customer", "name: New customers"),
                       encoding="utf-8")  # apart from the example of the same name the window also lists
    name = f"{theme}-{size[0]}x{size[1]}"
    with VirtualDisplay(*size) as display:
        screen = Rect(0, 0, *size)
        gui = start_gui(display, tmp_path, library, f"theme={theme}\ntimeout=1\n")
        try:
            rect = window(display, "^DeskPilot$")
            start = look(display, within=MAIN, save=tmp_path / f"start-{name}.png", twice=True)
            whole(display, start, screen, rect, START)
            lightness = shade(display, rect)
            assert (lightness > 170) if theme == "light" else (lightness < 90), f"{theme}: median grey {lightness}"

            person = Person(display, pace=0.3)
            person.click(*start.at("New customers", pick=lambda box: -box.x))  # in Recent, right of the library
            rect = window(display, "^New customers — DeskPilot$")
            steps = look(display, within=MAIN, save=tmp_path / f"steps-{name}.png", twice=True)
            whole(display, steps, screen, rect, STEPS)
            assert "…" not in str(steps).split("Wait until")[0], steps  # the sentences are whole, none elided

            person.key("F5")  # the application is not open: the run fails at once, and says why
            result = window(display, "^Run result$", timeout=60)
            said = look(display, region=result, save=tmp_path / f"failed-{name}.png", twice=True)
            assert screen.intersect(result) == result, result
            missing = said.missing(*FAILED)
            assert not missing, f"missing {missing}; seen: {said}"
        finally:
            end(gui)  # before its display goes
