"""The desktop app end to end: Record from its button (the window asks the name), a person fills the demo app, Stop
on the bar, Play."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from deskpilot.format import load_routine
from deskpilot.platform.x11.windows import X11Windows
from deskpilot.platform.x11.xvfb import VirtualDisplay
from tests.e2e.person import Person, centre_of, find_on_screen, geometry, typed_values


def wait_for(condition: Callable[[], bool], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up waiting for {what}")
        time.sleep(0.2)


def topmost(display: VirtualDisplay, text: str, within: str) -> tuple[int, int]:
    """Where ``text`` is highest in the window: the toolbar's button, not the guide's words that name it too."""
    import os

    from deskpilot.geometry import Point
    from deskpilot.platform import backend
    from deskpilot.vision.tesseract import TesseractOcr
    from deskpilot.vision.text import find_phrases

    os.environ["DISPLAY"] = display.name
    region = X11Windows(display.name).find(within)[0].rect
    words = TesseractOcr().words(backend().screen().grab().crop(region)[0], Point(region.x, region.y), "eng")
    found = [p for p in find_phrases(words, text) if p.similarity >= 0.9]
    assert found, f"{text!r} is not on the screen; seen: {' '.join(w.text for w in words)[:300]}"
    box = min(found, key=lambda p: p.box.y).box
    return box.center.x, box.center.y


def text_of(display: VirtualDisplay, within: str) -> str:
    """What a person reads in the window: its words, read off the screen, in reading order."""
    import os

    from deskpilot.geometry import Point
    from deskpilot.platform import backend
    from deskpilot.vision.tesseract import TesseractOcr

    os.environ["DISPLAY"] = display.name
    region = X11Windows(display.name).find(within)[0].rect
    words = TesseractOcr().words(backend().screen().grab().crop(region)[0], Point(region.x, region.y), "eng")
    return " ".join(w.text for w in words)


def test_record_in_the_gui_then_play_it(xdisplay: VirtualDisplay, demo_app: Callable, tmp_path: Path) -> None:
    library = tmp_path / "library"
    library.mkdir()
    env = {k: v for k, v in xdisplay.env().items() if k != "QT_QPA_PLATFORM"} | {
        "XDG_CONFIG_HOME": str(tmp_path / "config"), "XDG_DATA_HOME": str(tmp_path / "data")}
    gui = subprocess.Popen([sys.executable, "-m", "deskpilot.cli", "gui", "--library", str(library)], env=env,
                           cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        subprocess.run(["xdotool", "search", "--sync", "--onlyvisible", "--name", "^DeskPilot$"], env=env,
                       timeout=30, check=True, capture_output=True)
        time.sleep(1.0)
        person = Person(xdisplay, pace=0.4)
        find_on_screen(xdisplay, "Start here", within="^DeskPilot$")  # nothing open yet: the window shows the guide
        person.click(*topmost(xdisplay, "Record", within="^DeskPilot$"))  # no name given: the window asks for one
        subprocess.run(["xdotool", "search", "--sync", "--onlyvisible", "--name", "^New recording$"], env=env,
                       timeout=30, check=True, capture_output=True)
        time.sleep(0.5)
        find_on_screen(xdisplay, "recording-1", within="^New recording$")  # a free name suggested, selected
        person.type("from-gui")  # typing replaces the suggestion
        person.key("Return")
        subprocess.run(["xdotool", "search", "--sync", "--onlyvisible", "--name", "DeskPilot recording"], env=env,
                       timeout=30, check=True, capture_output=True)
        app = demo_app("--geometry-out", str(tmp_path / "geo.json"))  # the clerk opens the application to record
        time.sleep(1.0)  # the hooks attach after the bar shows
        geo = geometry(tmp_path / "geo.json")
        fields = {f["name"]: f["rect"] for f in geo["fields"]}
        for key, value in (("customer_id", "G-1"), ("company", "Gui Werke"), ("city", "Graz")):
            person.click(*centre_of(fields[key]))
            person.type(value)
        person.click(*centre_of({b["text"]: b["rect"] for b in geo["buttons"]}["Save"]))
        time.sleep(1.0)
        # the last click is on the bar at once, pending: the recorder makes it a step only once it knows what follows
        assert "(being recorded)" in text_of(xdisplay, "DeskPilot recording")
        bar = X11Windows(xdisplay.name).find("DeskPilot recording")[0].rect
        assert bar.x > 640 and bar.y > 400, bar  # bottom-right, away from the form it records
        person.click(*find_on_screen(xdisplay, "Stop", within="DeskPilot recording"))
        wait_for(lambda: (library / "from-gui" / "routine.yaml").exists(), 90, "the recording to be written")
        routine = load_routine(library / "from-gui").routine
        assert typed_values(routine) == ["G-1", "Gui Werke", "Graz"]
        assert sum(s.kind == "click" for s in routine.steps) == 4  # three fields and Save; not the Stop button
        final = routine.final_check()  # the application's own confirmation, not a word of DeskPilot's own bar
        assert final is not None and "Saved" in final.describe() and "Recording" not in final.describe(), final
        assert app.records()[0]["customer_id"] == "G-1"
        app.stop()

        time.sleep(1.0)
        find_on_screen(xdisplay, "Click the field", within="^from-gui", min_similarity=0.85)  # the steps are in the GUI's list
        fresh = demo_app(name="played.jsonl")
        subprocess.run(["xdotool", "search", "--onlyvisible", "--name", "^from-gui", "windowactivate", "--sync"],
                       env=env, timeout=30, check=True, capture_output=True)
        person.key("F5")
        # the run bar shows the run in the bottom-right corner, clear of the application it drives
        wait_for(lambda: bool(X11Windows(xdisplay.name).find("^DeskPilot run$")), 30, "the run bar")
        bar = X11Windows(xdisplay.name).find("^DeskPilot run$")[0].rect
        form = X11Windows(xdisplay.name).find("^Customer Master")[0].rect
        assert form.intersect(bar) is None, (form, bar)
        wait_for(lambda: bool(fresh.records()), 90, "the played record to be saved")
        assert {k: v for k, v in fresh.records()[0].items() if v} == {"customer_id": "G-1", "company": "Gui Werke",
                                                                      "city": "Graz"}
    finally:
        gui.terminate()
        gui.wait(timeout=10)


def test_a_failed_run_says_why_with_a_picture_that_does_not_show_deskpilot(
        xdisplay: VirtualDisplay, demo_app: Callable, tmp_path: Path) -> None:
    import shutil

    import numpy as np

    from deskpilot.images import read_png

    library = tmp_path / "library"
    shutil.copytree(Path(__file__).resolve().parents[2] / "recordings" / "demo", library / "demo")
    (tmp_path / "config" / "DeskPilot").mkdir(parents=True)
    (tmp_path / "config" / "DeskPilot" / "DeskPilot.conf").write_text("[General]\ntimeout=3\n", encoding="utf-8")
    # another application is open where the run bar goes; the one the recording needs is not
    demo_app("--screen", "expense", "--x", "560", "--y", "360", "--width", "700", "--height", "420",
             name="claims.jsonl", title="Expense Claims - ACME ERP")
    env = {k: v for k, v in xdisplay.env().items() if k != "QT_QPA_PLATFORM"} | {
        "XDG_CONFIG_HOME": str(tmp_path / "config"), "XDG_DATA_HOME": str(tmp_path / "data")}
    gui = subprocess.Popen([sys.executable, "-m", "deskpilot.cli", "gui", "--library", str(library),
                            str(library / "demo" / "routine.yaml")], env=env, cwd=tmp_path,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        subprocess.run(["xdotool", "search", "--sync", "--onlyvisible", "--name", "^Enter a customer",
                        "windowactivate", "--sync"], env=env, timeout=30, check=True, capture_output=True)
        time.sleep(1.0)
        Person(xdisplay).key("F5")
        wait_for(lambda: bool(X11Windows(xdisplay.name).find("^DeskPilot run$")), 30, "the run bar")
        bar = X11Windows(xdisplay.name).find("^DeskPilot run$")[0].rect
        subprocess.run(["xdotool", "search", "--sync", "--onlyvisible", "--name", "^Run result$"], env=env,
                       timeout=60, check=True, capture_output=True)
        time.sleep(1.0)
        said = text_of(xdisplay, "^Run result$")
        assert "Failed at step 1" in said and "Customer Master" in said and "is not open" in said, said
        assert "--" not in said
        shot = next((tmp_path / "data" / "deskpilot" / "reports").glob("*/step-001.png"))
        pixels = read_png(shot)
        assert pixels is not None
        inner = pixels[bar.y + 2:bar.bottom - 2, bar.x + 2:bar.right - 2]
        beside = pixels[bar.y + 2:bar.bottom - 2, bar.x - 60:bar.x - 10]  # the application under it, left of it
        black = float(np.mean(inner.max(axis=2) == 0))  # painted over; the report draws its searched outlines on top
        assert black > 0.97, f"the run bar is in the player's picture ({black:.2f} of its place black)"
        assert float(np.mean(beside)) > 100, "the application around the bar is missing from the picture"
    finally:
        gui.terminate()
        gui.wait(timeout=10)
