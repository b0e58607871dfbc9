"""The desktop app end to end: Record from its button, a person fills the demo app, Stop on the bar, Play."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from deskpilot.format import load_routine
from deskpilot.platform.x11.xvfb import VirtualDisplay
from tests.e2e.person import Person, centre_of, find_on_screen, geometry, typed_values


def wait_for(condition: Callable[[], bool], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up waiting for {what}")
        time.sleep(0.2)


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
        person.click(*find_on_screen(xdisplay, "Name of a new recording", within="^DeskPilot$"))
        person.type("from-gui")
        person.click(*find_on_screen(xdisplay, "Record", within="^DeskPilot$"))
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
        person.click(*find_on_screen(xdisplay, "Stop", within="DeskPilot recording"))
        wait_for(lambda: (library / "from-gui" / "routine.yaml").exists(), 90, "the recording to be written")
        routine = load_routine(library / "from-gui").routine
        assert typed_values(routine) == ["G-1", "Gui Werke", "Graz"]
        assert sum(s.kind == "click" for s in routine.steps) == 4  # three fields and Save; not the Stop button
        assert app.records()[0]["customer_id"] == "G-1"
        app.stop()

        time.sleep(1.0)
        find_on_screen(xdisplay, "click right of", within="^from-gui", min_similarity=0.85)  # the steps are in the GUI's list
        fresh = demo_app(name="played.jsonl")
        subprocess.run(["xdotool", "search", "--onlyvisible", "--name", "^from-gui", "windowactivate", "--sync"],
                       env=env, timeout=30, check=True, capture_output=True)
        person.key("F5")
        wait_for(lambda: bool(fresh.records()), 90, "the played record to be saved")
        assert {k: v for k, v in fresh.records()[0].items() if v} == {"customer_id": "G-1", "company": "Gui Werke",
                                                                      "city": "Graz"}
    finally:
        gui.terminate()
        gui.wait(timeout=10)
