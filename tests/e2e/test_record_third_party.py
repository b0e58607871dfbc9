"""A real third-party application from Debian (Mousepad, a GTK text editor): record, replay, read its file."""

from __future__ import annotations

import shutil
import subprocess
import time
from pathlib import Path

import pytest

from deskpilot.format import load_routine
from deskpilot.platform.x11.windows import X11Windows
from deskpilot.platform.x11.xvfb import VirtualDisplay
from tests.e2e.person import Person
from tests.e2e.test_record_demo import start_recorder

TEXT = "Invoice 4711 approved by Jürgen"


def start_mousepad(xdisplay: VirtualDisplay, file: Path, home: Path) -> subprocess.Popen[bytes]:
    if shutil.which("mousepad") is None:
        pytest.fail("this test needs Mousepad: sudo apt-get install mousepad (or make setup)")
    env = {**xdisplay.env(), "NO_AT_BRIDGE": "1", "XDG_CONFIG_HOME": str(home / "config"),
           "XDG_DATA_HOME": str(home / "data"), "GSETTINGS_BACKEND": "memory"}
    proc = subprocess.Popen(["mousepad", "--disable-server", str(file)], env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    subprocess.run(["xdotool", "search", "--sync", "--onlyvisible", "--name", "Mousepad"], env=env, timeout=30,
                   check=True, capture_output=True)
    time.sleep(1.0)  # the first paint and the text view's focus come a moment after the window maps
    return proc


def window_rect(xdisplay: VirtualDisplay) -> tuple[int, int, int, int]:

    win = X11Windows(xdisplay.name).find("Mousepad")[0]
    return win.rect.x, win.rect.y, win.rect.w, win.rect.h


def test_record_in_mousepad_and_replay_on_a_fresh_moved_instance(xdisplay: VirtualDisplay, tmp_path: Path,
                                                                 cli) -> None:  # type: ignore[no-untyped-def]
    note = tmp_path / "note.txt"
    editor = start_mousepad(xdisplay, note, tmp_path / "rec-home")
    x, y, w, h = window_rect(xdisplay)
    out = tmp_path / "out"
    person = Person(xdisplay, pace=0.6)
    person.use_keyboard_with("ü")
    rec = start_recorder(xdisplay, out, "mousepad-note")
    person.click(x + w // 2, y + h // 2)  # into the text
    person.type(TEXT)
    person.click(x + 19, y + 11)  # the File menu, where the person sees it
    time.sleep(0.8)
    save_item = _menu_item(xdisplay, "Save")
    person.click(*save_item)
    time.sleep(1.0)
    person.key("ctrl+alt+shift+s")
    _, err = rec.communicate(timeout=120)
    editor.terminate()
    editor.wait(timeout=10)
    assert rec.returncode == 0, err
    assert note.read_text(encoding="utf-8") == TEXT  # what the person did, saved by Mousepad itself

    routine = load_routine(out / "mousepad-note").routine
    clicks = [s for s in routine.steps if s.kind == "click"]
    assert [c.target.anchors[0].text for c in clicks[1:]] == ["File", "Save"]  # type: ignore[attr-defined]

    note.unlink()
    fresh = start_mousepad(xdisplay, note, tmp_path / "play-home")
    try:
        wid = subprocess.run(["xdotool", "search", "--onlyvisible", "--name", "Mousepad"], env=xdisplay.env(),
                             capture_output=True, text=True).stdout.split()[0]
        subprocess.run(["xdotool", "windowmove", "--sync", wid, "200", "120"], env=xdisplay.env(), check=True,
                       capture_output=True, timeout=10)
        played = cli("play", str(out / "mousepad-note"))
        assert played.returncode == 0, played.stdout + played.stderr
        deadline = time.monotonic() + 5
        while not note.exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert note.read_text(encoding="utf-8") == TEXT
    finally:
        fresh.terminate()
        fresh.wait(timeout=10)


def _menu_item(xdisplay: VirtualDisplay, label: str) -> tuple[int, int]:
    """Where a person sees the menu item: read off the screen, as their eyes would."""
    import os

    from deskpilot.geometry import Point
    from deskpilot.platform import backend
    from deskpilot.vision.tesseract import TesseractOcr
    from deskpilot.vision.text import find_phrases

    os.environ["DISPLAY"] = xdisplay.name
    frame = backend().screen().grab()
    words = TesseractOcr().words(frame.pixels, Point(0, 0), "eng")
    best = max((p for p in find_phrases(words, label) if p.similarity == 1.0), key=lambda p: p.conf)
    return best.box.center.x, best.box.center.y
