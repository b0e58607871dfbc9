"""The perturbation matrix: one real recording replayed on changed screens, DeskPilot against coordinates.

A person (xdotool) fills the demo form while `deskpilot record` runs, on 1920x1080.
Each column changes something between recording and replay; each cell replays on a
fresh app instance several times and counts the runs whose saved record equals the
person's. The baseline row replays the same recorded clicks and keys at their
recorded coordinates with fixed pauses, as pynput/pyautogui macro recorders do.
A DeskPilot run that cannot succeed must stop with its report; a run that saved a
wrong record is counted apart ("wrong"), since that is the failure that hurts.

    python -m bench.matrix [RUNS]        (its own Xvfb displays)
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.recording import ENTERED, record_form

COVER_TITLE = "Notes - Scratch"
NOTE = ("\"Window over the form\" cannot succeed by design (a second application hides the fields): DeskPilot "
        "stops at step 1 after its 8 s wait, naming the covering window, and types nothing (no wrong record). The "
        "coordinate replay succeeds where nothing it clicks has moved: the same place on the 1280x800 screen, and a "
        "slow app whose form never changes between steps.")


@dataclass(frozen=True)
class Perturbation:
    name: str
    args: tuple[str, ...] = ()
    screen: tuple[int, int] = (1920, 1080)
    cover: bool = False  # a second application's window over the right half of the form
    dialog: bool = False  # the app asks "Are you sure?"; the routine gets an if_visible step after Save for it


COLUMNS = (
    Perturbation("as recorded"),
    Perturbation("moved (+300, +150)", ("--x", "340", "--y", "190")),
    Perturbation("font x1.25", ("--font-scale", "1.25")),
    Perturbation("font x1.5", ("--font-scale", "1.5")),
    Perturbation("dark theme", ("--dark",)),
    Perturbation("extra field above", ("--extra-field",)),
    Perturbation("screen 1280x800", screen=(1280, 800)),
    Perturbation("app 2 s slow", ("--slow", "2")),
    Perturbation("unexpected dialog", ("--confirm",), dialog=True),
    Perturbation("window over the form", cover=True),
    Perturbation("two identical labels", ("--twin-labels",)),
)


@dataclass
class Cell:
    ok: int = 0
    wrong: int = 0
    runs: int = 0
    step_seconds: list[float] = field(default_factory=list)


def expected(p: Perturbation) -> dict[str, Any]:
    from deskpilot.demoapp.records import FIELDS

    record = {key: ENTERED.get(key, "") for key, _ in FIELDS}
    return ({"reference": ""} | record) if "--extra-field" in p.args else record


def deskpilot_run(routine: Any, display: str) -> tuple[bool, list[float]]:
    from deskpilot.player.runner import PlayOptions
    from deskpilot.player.session import open_session

    session = open_session(routine, PlayOptions(timeout=8))
    report = session.player.run()
    return report.status == "passed", [s.seconds for s in report.steps if not s.path and s.status in ("ok", "failed")]


def coordinate_run(routine: Any, display: str) -> tuple[bool, list[float]]:
    """The recorded clicks at their recorded coordinates, keys as typed, a fixed pause after each action."""
    from deskpilot import model as m
    from deskpilot.geometry import Point
    from deskpilot.platform import backend
    from deskpilot.variables import substitute

    driver = backend().input()
    times = []
    for step in routine.steps:
        t0 = time.perf_counter()
        target = getattr(step, "target", None)
        at = next((a.at for a in getattr(target, "anchors", ()) if isinstance(a, m.PointAnchor)), None)
        if isinstance(step, m.Click) and at is not None:
            driver.click(Point(*at), button=step.button, clicks=step.clicks, modifiers=step.modifiers)
        elif isinstance(step, m.Type):
            driver.type_text(substitute(step.text, routine.variables))  # the recorded values, as a macro has them
        elif isinstance(step, m.Press):
            driver.press(step.key, step.count)
        elif isinstance(step, m.Hotkey):
            driver.hotkey(step.keys)
        time.sleep(0.3)  # what a macro recorder replays instead of waiting for the screen
        times.append(time.perf_counter() - t0)
    return True, times


def play_cell(p: Perturbation, routine: Any, display: str, runs: int, work: Path,
              play: Callable[[Any, str], tuple[bool, list[float]]]) -> Cell:
    from deskpilot.demoapp.launch import launch

    cell = Cell()
    for n in range(runs):
        out = work / f"{play.__name__}-{p.name}-{n}.jsonl".replace(" ", "_")
        app = launch(out, *p.args, display=display, wait=30)
        cover = None
        if p.cover:
            cover = launch(work / f"cover-{n}.jsonl", "--screen", "expense", "--title", COVER_TITLE, "--x", "230",
                           "--y", "90", display=display, title=COVER_TITLE)
        try:
            _, step_times = play(routine, display)  # success is judged by what the app saved
            time.sleep(0.5 if "--slow" not in p.args else 3.0)  # a save the app still writes
            records = app.records()
        finally:
            app.stop()
            if cover is not None:
                cover.stop()
        cell.runs += 1
        cell.step_seconds += step_times
        if records == [expected(p)]:
            cell.ok += 1
        elif records:
            cell.wrong += 1
    return cell


def record(display: str, work: Path) -> Path:
    from deskpilot.demoapp.launch import launch

    env = {**os.environ, "DISPLAY": display}
    app = launch(work / "recorded.jsonl", "--geometry-out", str(work / "geo.json"), display=display)
    try:
        time.sleep(1.0)
        return record_form(env, work / "geo.json", work / "library")
    finally:
        app.stop()


def with_dialog_step(routine: Any) -> Any:
    """The recording as a person would edit it for an occasional dialog: if_visible "Are you sure?" after Save."""
    import dataclasses

    from deskpilot import model as m

    steps = list(routine.steps)
    last_click = max(i for i, s in enumerate(steps) if isinstance(s, m.Click))
    yes = m.Click(target=m.Target(anchors=(m.TextAnchor(text="Yes"),)))
    steps.insert(last_click + 1, m.IfVisible(target=m.Target(anchors=(m.TextAnchor(text="Are you sure?"),)),
                                             steps=(yes,), timeout=1.0))
    return dataclasses.replace(routine, steps=tuple(steps))


def column(p: Perturbation, recording: Path, display: str, runs: int, work: Path) -> dict[str, Cell]:
    from deskpilot.format import load_routine

    routine = load_routine(recording).routine
    if p.dialog:
        routine = with_dialog_step(routine)
    return {label: play_cell(p, routine, display, runs, work, play)
            for label, play in (("DeskPilot", deskpilot_run), ("coordinates", coordinate_run))}


def column_elsewhere(p: Perturbation, recording: Path, runs: int) -> dict[str, Cell]:
    """A column on another screen size, in a process of its own: pyautogui binds to one display at import."""
    import json
    import subprocess

    out = subprocess.run([sys.executable, "-m", "bench.matrix", "--column", p.name, "--recording", str(recording),
                          "--runs", str(runs)], capture_output=True, text=True, check=True, timeout=1800)
    data = json.loads(out.stdout.strip().splitlines()[-1])
    return {label: Cell(**cell) for label, cell in data.items()}


def run(runs: int = 5) -> list[str]:
    from deskpilot.platform.x11.xvfb import VirtualDisplay

    cells: dict[tuple[str, str], Cell] = {}
    with tempfile.TemporaryDirectory() as tmp, VirtualDisplay(1920, 1080) as main_display:
        work = Path(tmp)
        os.environ["DISPLAY"] = main_display.name
        recording = record(main_display.name, work)
        for p in COLUMNS:
            found = (column(p, recording, main_display.name, runs, work) if p.screen == (1920, 1080)
                     else column_elsewhere(p, recording, runs))
            for label, cell in found.items():
                cells[(label, p.name)] = cell
                print(f"{label:12} {p.name:22} {cell.ok}/{cell.runs}", file=sys.stderr)
        steps = len(__import__("deskpilot.format", fromlist=["load_routine"]).load_routine(recording).routine.steps)
    return render(cells, runs, steps)


def render(cells: dict[tuple[str, str], Cell], runs: int, steps: int) -> list[str]:
    names = [p.name for p in COLUMNS]
    lines = ["## Replays on changed screens (issue 6 matrix)", "",
             f"One recording ({steps} steps: four form fields and Save, recorded by `deskpilot record` while xdotool "
             f"typed, on 1920x1080), replayed {runs} times per cell on fresh app instances. Cells: runs whose saved "
             "record equals the person's / runs; \"wrong\" counts runs that saved a different record; then the "
             "median seconds per step.", "",
             "| replay | " + " | ".join(names) + " |", "| --- |" + " :---: |" * len(names)]
    for label in ("DeskPilot", "coordinates"):
        row = []
        for name in names:
            c = cells[(label, name)]
            wrong = f", {c.wrong} wrong" if c.wrong else ""
            median = statistics.median(c.step_seconds) if c.step_seconds else 0.0
            row.append(f"{c.ok}/{c.runs}{wrong}<br>{median:.2f} s")
        lines.append(f"| {label} | " + " | ".join(row) + " |")
    return lines + ["", NOTE, ""]


def main() -> int:
    import argparse
    import dataclasses
    import json

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("runs", nargs="?", type=int, default=5)
    parser.add_argument("--runs", dest="runs_opt", type=int)
    parser.add_argument("--column", help="(internal) one column, on its own display, printed as JSON")
    parser.add_argument("--recording", type=Path)
    args = parser.parse_args()
    runs = args.runs_opt or args.runs
    if args.column:
        from deskpilot.platform.x11.xvfb import VirtualDisplay

        p = next(c for c in COLUMNS if c.name == args.column)
        with tempfile.TemporaryDirectory() as tmp, VirtualDisplay(*p.screen) as display:
            os.environ["DISPLAY"] = display.name
            found = column(p, args.recording, display.name, runs, Path(tmp))
        print(json.dumps({label: dataclasses.asdict(cell) for label, cell in found.items()}))
        return 0
    print("\n".join(run(runs)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
