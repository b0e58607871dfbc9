"""The drift table: structural anchors (the accessibility tree) against visual anchors alone, on the same recording.

    python -m bench.drift [RUNS] [--apps homebank,galculator,featherpad]

Each application that exposes an AT-SPI tree is recorded once by `deskpilot record` while the zoo's
person works (the tree on, so steps get element anchors), then replayed unedited on fresh instances
after drift: half size, toolbar hidden, font x1.25, dark. Every cell is played twice from the same
recording: once as the player comes (structural: the tree first), once with DESKPILOT_ACCESSIBILITY=off
(visual: text and image anchors only). The verdict is what the application saved, never the report.
Prints markdown for bench/RESULTS.md and returns its lines to bench/run.py.
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from deskpilot import model as m
from deskpilot.format import load_routine
from deskpilot.platform.x11.xvfb import VirtualDisplay
from tests.zoo.base import Variant
from tests.zoo.check import load
from tests.zoo.replay import Outcome, record, replay

APPS = ("homebank", "galculator", "featherpad")
# the player's environment per mode; the applications expose their tree in both, only the player looks or not
MODES: dict[str, dict[str, str]] = {"structural": {}, "visual": {"DESKPILOT_ACCESSIBILITY": "off"}}


@dataclass(frozen=True)
class Run:
    """One replay and what its report.json says about its steps."""

    outcome: Outcome
    step_seconds: tuple[float, ...]  # the steps that ran to "ok"
    found_by: tuple[str, ...]  # how each step with a target was found
    not_by_element: tuple[str, ...]  # steps recorded with an element anchor but found some other way


@dataclass
class Cell:
    app: str
    variant: str
    runs: dict[str, list[Run]] = field(default_factory=lambda: {mode: [] for mode in MODES})


@dataclass
class Recorded:
    """An application's recording: its steps, and which of them carry an element anchor (by report key)."""

    app: str
    steps: int = 0
    with_element: dict[str, str] = field(default_factory=dict)  # "3" -> the step's description
    error: str = ""  # the recording itself failed (then no cells)


def main(argv: list[str] | None = None) -> list[str]:
    """Record each application once, replay every drift cell in both modes; print and return the table."""
    import argparse

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("runs", nargs="?", type=int, default=2)
    parser.add_argument("--apps", default=",".join(APPS))
    parser.add_argument("--keep", type=Path, help="keep recordings, reports and homes here (default: removed)")
    args = parser.parse_args(argv)
    cells: list[Cell] = []
    recorded: list[Recorded] = []
    with tempfile.TemporaryDirectory(prefix="drift-") as tmp, VirtualDisplay(1280, 800) as display:
        for name in args.apps.split(","):
            app = load(name)
            work = (args.keep or Path(tmp)) / name
            work.mkdir(parents=True)
            try:
                recording, _ = record(app, display, work)
            except AssertionError as exc:  # the person's own entry or the recorder failed: no cells to replay
                recorded.append(Recorded(name, error=str(exc).splitlines()[0][:200]))
                continue
            rec = describe_recording(name, recording)
            recorded.append(rec)
            for variant in drift_of(app):
                cell = Cell(name, variant.name)
                cells.append(cell)
                for i in range(1, args.runs + 1):
                    for mode, env in MODES.items():  # alternating: both modes see the machine in the same state
                        outcome = replay(app, display, recording, variant, work / mode, i, env=env)
                        cell.runs[mode].append(read_run(outcome, rec))
                        print(f"{name} {variant.name} {mode} #{i}: {outcome.status} {outcome.seconds:.1f} s "
                              f"{outcome.detail[:160]}", file=sys.stderr, flush=True)
    lines = render(cells, recorded, args.runs, args.apps.split(","))
    print("\n".join(lines))
    return lines


def drift_of(app: Any) -> tuple[Variant, ...]:
    """The drift variants an application can show (its ``drift``); none when it declares none."""
    return tuple(getattr(app, "drift", ()))


def describe_recording(name: str, recording: Path) -> Recorded:
    rec = Recorded(name)
    for key, step in _numbered(load_routine(recording).routine.steps):
        rec.steps += 1
        targets = [t for t in (getattr(step, k, None) for k in ("target", "source", "dest")) if t is not None]
        if any(isinstance(a, m.ElementAnchor) for t in targets for a in t.anchors):
            rec.with_element[key] = str(getattr(step, "description", "") or type(step).__name__)
    return rec


def _numbered(steps: Iterable[m.Step], prefix: str = "") -> Iterator[tuple[str, m.Step]]:
    """Steps with the key report.json gives them: "3" at the top level, "4.1" inside step 4."""
    for i, step in enumerate(steps, start=1):
        key = f"{prefix}{i}"
        yield key, step
        yield from _numbered(getattr(step, "steps", ()) or (), key + ".")


def read_run(outcome: Outcome, rec: Recorded) -> Run:
    """The per-step seconds and ways of finding from the run's report.json (nothing when it wrote none)."""
    path = outcome.report / "report.json" if outcome.report is not None else None
    if path is None or not path.is_file():
        return Run(outcome, (), (), ())
    steps = json.loads(path.read_text(encoding="utf-8")).get("steps", [])
    seconds = tuple(float(s.get("seconds", 0.0)) for s in steps if s.get("status") == "ok")
    found = tuple(str(s["found_by"]) for s in steps if s.get("found_by"))
    odd = tuple(f"step {key} ({s.get('description', '')[:60]}) by {s['found_by']}" for s in steps
                if s.get("found_by") and s["found_by"] != "element"
                and (key := s.get("path") or str(s.get("index"))) in rec.with_element)
    return Run(outcome, seconds, found, odd)


# --- the table ------------------------------------------------------------------------------------------


def render(cells: list[Cell], recorded: list[Recorded], runs: int, apps: list[str]) -> list[str]:
    intro = (f"`python -m bench.drift {runs} --apps {','.join(apps)}`: each application recorded once by "
             "`deskpilot record` with its accessibility tree on the display's AT-SPI bus, then replayed unedited "
             "on fresh instances after drift, once as the player comes (**structural**: element anchors from the "
             "tree first) and once with `DESKPILOT_ACCESSIBILITY=off` (**visual**: text and image anchors only). "
             "A run is right when the application saved what the person saved; **wrong** counts runs that "
             "reported success while it saved something else. Seconds per step: the median of report.json's "
             "per-step `seconds` over the steps that ran to ok, all runs of the cell. *By element*: steps "
             "with a target found through the tree, of all steps with a target, over the structural runs.")
    lines = ["## Drift: structural anchors against visual anchors, one recording per application", "", intro, "",
             "| application | drift | structural right | wrong | s/step | by element | visual right | wrong | s/step |",
             "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for cell in cells:
        s, v = cell.runs["structural"], cell.runs["visual"]
        by = [f for r in s for f in r.found_by]
        lines.append(f"| {cell.app} | {cell.variant} | {_score(s)} | {_wrong(s)} | {_per_step(s)} | "
                     f"{sum(f == 'element' for f in by)}/{len(by)} | {_score(v)} | {_wrong(v)} | {_per_step(v)} |")
    lines += ["", *summary(cells), "", "Recordings and drift per application:", ""]
    for rec in recorded:
        if rec.error:
            lines.append(f"- {rec.app}: not recorded ({rec.error}); no cells")
        else:
            lines.append(f"- {rec.app}: {rec.steps} steps, {len(rec.with_element)} with an element anchor")
        app = load(rec.app)
        for variant, means in getattr(app, "drift_means", {}).items():
            lines.append(f"- {rec.app}, {variant}: {means}")
        for variant, why in getattr(app, "drift_left_out", {}).items():
            lines.append(f"- {rec.app}, {variant}: left out: {why}")
    why = list(failures(cells))
    if why:
        lines += ["", "Why a run was not right:", "", *why]
    odd = [f"- {c.app}, {c.variant}, structural run {i}: {o}" for c in cells
           for i, r in enumerate(c.runs["structural"], start=1) for o in r.not_by_element]
    if odd:
        lines += ["", "Steps recorded with an element anchor but found otherwise in a structural run:", "", *odd]
    return lines + [""]


def summary(cells: list[Cell]) -> list[str]:
    """The product's goal, checked: structural right in every cell, no wrong entries, no slower per step."""
    s = [r for c in cells for r in c.runs["structural"]]
    v = [r for c in cells for r in c.runs["visual"]]
    slower = []
    for c in cells:
        structural, visual = _median(c.runs["structural"]), _median(c.runs["visual"])
        if structural is not None and visual is not None and structural > visual:
            slower.append(f"{c.app} {c.variant} ({structural:.2f} > {visual:.2f} s)")
    return [(f"Structural right **{_score(s)}**, visual right **{_score(v)}**; wrong entries: structural "
             f"**{_wrong(s)}**, visual **{_wrong(v)}**. Cells where structural is slower per step than visual: "
             f"{', '.join(slower) or 'none'}.")]


def failures(cells: list[Cell]) -> Iterator[str]:
    for cell in cells:
        for mode, runs in cell.runs.items():
            for i, run in enumerate(runs, start=1):
                if run.outcome.status != "right":  # a failure's detail names itself ("failed: step 6 ...")
                    detail = run.outcome.detail.removeprefix(f"{run.outcome.status}: ")
                    yield f"- {cell.app}, {cell.variant}, {mode} run {i}: {run.outcome.status}: {detail}"


def _score(runs: list[Run]) -> str:
    return f"{sum(r.outcome.status == 'right' for r in runs)}/{len(runs)}"


def _wrong(runs: list[Run]) -> int:
    return sum(r.outcome.status == "wrong" for r in runs)


def _median(runs: list[Run]) -> float | None:
    seconds = [s for r in runs for s in r.step_seconds]
    return statistics.median(seconds) if seconds else None


def _per_step(runs: list[Run]) -> str:
    med = _median(runs)
    return "-" if med is None else f"{med:.2f}"


if __name__ == "__main__":
    started = time.monotonic()
    main()
    print(f"(drift: {time.monotonic() - started:.0f} s)", file=sys.stderr)
