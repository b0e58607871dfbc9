"""Benchmark: per-step target resolution on a 1920x1080 virtual screen, and replay time against a person.

One command (``make bench`` or ``python -m bench.run``); prints a table and writes bench/RESULTS.md.
Targets are "recorded" the way the recorder records them — text, image crop, window point, near —
from a live demo app, then resolved on fresh app instances: unchanged, moved, font x1.25.
Medians of many resolutions, measured side by side in one run.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from deskpilot.images import write_png

from deskpilot import model as m
from deskpilot.geometry import Point, Rect
from deskpilot.platform.x11.xvfb import VirtualDisplay

HERE = Path(__file__).resolve().parent
LABELS = ["Customer ID:", "Company:", "Contact:", "Street:", "City:", "Postcode:", "Country:", "Phone:"]
SCENARIOS = {"unchanged": [], "moved (+150, +90)": ["--x", "190", "--y", "130"], "font x1.25": ["--font-scale", "1.25"]}
GOALS = {"unchanged": 0.060, "moved (+150, +90)": 0.400, "font x1.25": 0.400}


@dataclass
class Row:
    scenario: str
    samples: list[float]
    found: int
    total: int
    how: dict[str, int]


def record_targets(folder: Path, display: str) -> list[m.Target]:
    """Targets as the recorder builds them, cut from the live demo app as it first appears."""
    from deskpilot.demoapp.launch import launch
    from deskpilot.platform import backend
    from deskpilot.vision.tesseract import TesseractOcr
    from deskpilot.vision.text import find_phrases

    app = launch(folder / "rec.jsonl", display=display)
    try:
        assert app.window is not None
        win = app.window.rect
        frame = backend().screen().grab()
        words = TesseractOcr().words(frame.crop(win)[0], Point(win.x, win.y), "eng")
        (folder / "anchors").mkdir(exist_ok=True)
        targets = []
        for i, label in enumerate(LABELS):
            box = max(find_phrases(words, label), key=lambda p: p.similarity).box
            click = Point(box.x + 165, box.center.y)  # inside the field, as in the demo recording
            crop = Rect(box.x - 4, box.y - 8, click.x + 24 - (box.x - 4), box.h + 16)
            pixels, _ = frame.crop(crop)
            name = f"anchors/{i + 1:03d}.png"
            write_png(folder / name, pixels)
            dx, dy = click.x - box.center.x, click.y - box.center.y
            targets.append(m.Target(anchors=(
                m.TextAnchor(text=label, offset=(dx, dy), offset_em=(dx / box.h, dy / box.h), height=box.h,
                             near=(box.center.x, box.center.y)),
                m.ImageAnchor(image=name, point=(click.x - crop.x, click.y - crop.y), near=(click.x, click.y)),
                m.WindowAnchor(window="^Customer Master", point=(click.x - win.x, click.y - win.y)),
            )))
        return targets
    finally:
        app.stop()


def measure(scenario: str, args: list[str], targets: list[m.Target], folder: Path, display: str,
            repeats: int) -> Row:
    from deskpilot.demoapp.launch import launch
    from deskpilot.platform import backend
    from deskpilot.vision.resolve import Resolver
    from deskpilot.vision.tesseract import TesseractOcr

    app = launch(folder / f"{len(args)}.jsonl", *args, display=display)
    screen, ocr, windows = backend().screen(), TesseractOcr(), backend().windows()
    samples, found, how = [], 0, {}
    try:
        for _ in range(repeats):
            for target in targets:
                resolver = Resolver(screen, ocr, windows, folder)  # a fresh cache: every step sees a new screen
                t0 = time.perf_counter()
                res = resolver.resolve(target, screen.grab())
                samples.append(time.perf_counter() - t0)
                if res.found and res.best is not None:
                    found += 1
                    how[res.best.how] = how.get(res.best.how, 0) + 1
    finally:
        app.stop()
    return Row(scenario, samples, found, repeats * len(targets), how)


def replay(display: str, folder: Path) -> tuple[float, float]:
    """Play the demo recording on a fresh app; returns (replay seconds, the person's manual seconds)."""
    from deskpilot.demoapp.launch import launch
    from deskpilot.format import load_routine
    from deskpilot.player.runner import PlayOptions
    from deskpilot.player.session import open_session

    loaded = load_routine(HERE.parent / "recordings" / "demo")
    app = launch(folder / "replay.jsonl", display=display)
    try:
        session = open_session(loaded.routine, PlayOptions())
        report = session.player.run()
        if report.status != "passed":
            raise RuntimeError(f"the demo replay failed: {report.error}")
        return report.seconds, float(loaded.routine.manual_seconds or 0)
    finally:
        app.stop()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeats", type=int, default=3, help="resolutions per target and scenario (8 targets each)")
    parser.add_argument("--out", type=Path, default=HERE / "RESULTS.md")
    parser.add_argument("--batch-rows", type=int, default=10, help="rows of example 1 per scenario")
    parser.add_argument("--matrix-runs", type=int, default=5, help="replays per cell of the perturbation matrix")
    parser.add_argument("--zoo-runs", type=int, default=5, help="replays per cell of the zoo table")
    parser.add_argument("--drift-runs", type=int, default=2, help="replays per cell and mode of the drift table")
    args = parser.parse_args(argv)
    with VirtualDisplay(1920, 1080) as vd, tempfile.TemporaryDirectory() as tmp:
        os.environ["DISPLAY"] = vd.name
        folder = Path(tmp)
        targets = record_targets(folder, vd.name)
        rows = [measure(name, extra, targets, folder, vd.name, args.repeats) for name, extra in SCENARIOS.items()]
        replay_s, manual_s = replay(vd.name, folder)
        from bench.recorder_bench import measure_recorder, render_recorder

        recorder_lines = render_recorder(measure_recorder(vd.name, folder))
        from bench.batch_bench import run as measure_batch

        batch_lines = measure_batch(vd.name, args.batch_rows)
        from bench.ocr_recall import run as measure_recall

        recall_lines = measure_recall(vd.name)
        from bench.ocr_engines import run as measure_engines

        engine_lines = measure_engines(vd.name, args.repeats)
        from bench.chinese_ocr import run as measure_chinese

        chinese_lines = measure_chinese(vd.name, args.repeats)
        from bench.reread import run as measure_reread

        reread_lines = measure_reread(vd.name, repeats=max(3, args.repeats))
        from bench.audit_bench import run as measure_audit

        audit_lines = measure_audit()
        from bench.sealing_bench import run as measure_sealing

        audit_lines += measure_sealing()
    # the matrix in a process of its own: it opens its own displays, and pyautogui binds to one display at import
    import subprocess

    sections = []
    for module, runs in (("bench.matrix", args.matrix_runs), ("bench.checks", args.matrix_runs),
                         ("bench.zoo", args.zoo_runs), ("bench.drift", args.drift_runs)):
        done = subprocess.run([sys.executable, "-m", module, str(runs)], capture_output=True, text=True, check=True,
                              cwd=HERE.parent)
        sections += done.stdout.splitlines()
    text = "\n".join([render(rows, replay_s, manual_s), *recorder_lines, "", *batch_lines, *recall_lines,
                      *engine_lines, *chinese_lines, *reread_lines, *audit_lines, *sections])
    print(text)
    args.out.write_text(text, encoding="utf-8")
    print(f"written to {args.out}", file=sys.stderr)
    return 0


def render(rows: list[Row], replay_s: float, manual_s: float) -> str:
    lines = [
        "# Benchmark results", "",
        f"`make bench` on {dt.date.today().isoformat()}, {platform.machine()}, {os.cpu_count()} cores, "
        "Xvfb 1920x1080 with openbox, Tesseract " + _tesseract_version() + f", OCR by {_engine()}.", "",
        "## Per-step target resolution (8 demo form fields, fresh OCR cache per resolution)", "",
        "| scenario | median ms | p90 ms | found | found by | goal | met |",
        "| --- | ---: | ---: | ---: | --- | ---: | :---: |",
    ]
    for r in rows:
        med = statistics.median(r.samples)
        p90 = statistics.quantiles(r.samples, n=10)[-1] if len(r.samples) >= 10 else max(r.samples)
        by = ", ".join(f"{k} {v}" for k, v in sorted(r.how.items()))
        goal = GOALS[r.scenario]
        lines.append(f"| {r.scenario} | {med * 1000:.0f} | {p90 * 1000:.0f} | {r.found}/{r.total} | {by} | "
                     f"≤ {goal * 1000:.0f} | {'yes' if med <= goal and r.found == r.total else 'no'} |")
    lines += ["", "## Replay against the person", "",
              "| routine | steps | person (manual_seconds) | replay | speed-up |", "| --- | ---: | ---: | ---: | ---: |",
              f"| recordings/demo | 18 | {manual_s:.0f} s | {replay_s:.1f} s | {manual_s / replay_s:.1f}x |", ""]
    return "\n".join(lines)


def _engine() -> str:
    from deskpilot.vision.engines import engine

    return engine().name


def _tesseract_version() -> str:
    import pytesseract

    return str(pytesseract.get_tesseract_version())


if __name__ == "__main__":
    sys.exit(main())
