"""Benchmark of a data-driven run: example 1 (expense claims) row by row, and where the time goes.

Rows per minute against the person's time per row, and the share of each row spent
driving input, capturing the screen, in Tesseract, in matching and deciding, and
waiting for the application (what is left). Measured by thin timing wrappers around
the real screen, OCR, resolver and input driver; the rows run through the real
``run_batch``. Side by side in one run: the app as is and the app 0.5 s slow on every
screen and save, each with Tesseract in this process (tesserocr) and a Tesseract process
per call (pytesseract). The saved records must equal the CSV rows.

"Own" is DeskPilot's own work per row (capture, OCR, matching): the part the issue's goal
(≤ 0.6 s a row) is about; typing at a person's key rate and the application's own time are not.

    python -m bench.batch_bench            (its own 1920x1080 Xvfb)
"""

from __future__ import annotations

import csv
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "recordings" / "expense-claims"
SCENARIOS = {"app as is": [], "app 0.5 s slow": ["--slow", "0.5"]}
ENGINES = ("tesserocr", "pytesseract")
OWN_GOAL_S = 0.6  # DeskPilot's own seconds per data row
PARTS = ("input", "capture", "OCR", "matching")


class Clocks:
    """Seconds spent per part; ``own`` nests: OCR inside a resolve is not counted as matching too."""

    def __init__(self) -> None:
        self.spent: dict[str, float] = defaultdict(float)

    def timed(self, part: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        def call(*args: Any, **kw: Any) -> Any:
            t0 = time.perf_counter()
            try:
                return fn(*args, **kw)
            finally:
                self.spent[part] += time.perf_counter() - t0
        return call


class Proxy:
    """Forwards everything; the named methods are timed under a part."""

    def __init__(self, inner: Any, clocks: Clocks, parts: dict[str, str]) -> None:
        self._inner = inner
        for name, part in parts.items():
            setattr(self, name, clocks.timed(part, getattr(inner, name)))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)


def measure(display: str, extra: list[str], rows: int, work: Path) -> dict[str, Any]:
    from deskpilot.demoapp.launch import launch
    from deskpilot.batch import ResultsFile, pick_rows, read_table
    from deskpilot.format import load_routine
    from deskpilot.platform import backend
    from deskpilot.vision.resolve import Resolver
    from deskpilot.vision.tesseract import TesseractOcr
    from deskpilot.player.batch import FailurePolicy, read_names, routine_id, run_batch
    from deskpilot.player.runner import Player, PlayOptions

    loaded = load_routine(EXAMPLE)
    routine = loaded.routine
    data = work / "claims.csv"
    with open(EXAMPLE / "claims.csv", newline="", encoding="utf-8") as fh:
        picked = list(csv.DictReader(fh))[:rows]
    with open(data, "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(picked[0]))
        writer.writeheader()
        writer.writerows(picked)
    clocks = Clocks()
    screen = Proxy(backend().screen(), clocks, {"grab": "capture"})
    ocr = Proxy(TesseractOcr(), clocks, {"words": "OCR", "read_text": "OCR", "words_without_lines": "OCR"})
    resolver = Resolver(screen, ocr, backend().windows(), routine.folder or EXAMPLE, lang=routine.lang)  # type: ignore[arg-type]
    timed_resolver = Proxy(resolver, clocks, {"resolve": "resolve", "read_region": "resolve", "words": "resolve"})
    driver = Proxy(backend().input(), clocks, {n: "input" for n in ("click", "type_text", "press", "hotkey", "drag",
                                                                    "scroll")})
    per_row: list[dict[str, float]] = []

    def play_row(values: dict[str, str], name: str, committing: Callable[[], None] | None = None) -> Any:
        before = dict(clocks.spent)
        t0 = time.perf_counter()
        player = Player(routine, driver=driver, resolver=timed_resolver, screen=screen,  # type: ignore[arg-type]
                        options=PlayOptions())
        player.on_commit = committing  # the row is marked "committing" before its saving step, as a real run does
        report = player.run(values)
        total = time.perf_counter() - t0
        spent = {k: clocks.spent[k] - before.get(k, 0.0) for k in ("input", "capture", "OCR", "resolve")}
        # resolve includes the OCR (and the grabs) it did itself; matching is what is left of it
        matching = max(0.0, spent["resolve"] - spent["OCR"])
        row = {"total": total, "input": spent["input"], "capture": spent["capture"], "OCR": spent["OCR"],
               "matching": matching}
        row["waiting"] = max(0.0, total - sum(row[p] for p in PARTS))
        per_row.append(row)
        return report

    app = launch(work / "claims.jsonl", "--screen", "expense", *extra, display=display,
                 title="Expense Claims - ACME ERP")
    try:
        table = read_table(data)
        results = ResultsFile.open(work / "claims.results.csv", routine_name=routine.name,
                                   routine_id=routine_id(routine), read_names=read_names(routine.steps))
        summary = run_batch(routine, pick_rows(table, from_row=None, rows=None, done=set()), given={},
                            results=results, play_row=play_row, policy=FailurePolicy("stop"))
        saved = app.records()
    finally:
        app.stop()
    if summary.ok != rows or saved != picked:
        raise SystemExit(f"batch bench: {summary.ok}/{rows} rows ok; the app saved {len(saved)} records"
                         + ("" if saved == picked[:len(saved)] else " that differ from the CSV"))
    totals = sum(r["total"] for r in per_row)
    return {"rows": rows, "median": statistics.median(r["total"] for r in per_row),
            "own": statistics.median(r["capture"] + r["OCR"] + r["matching"] for r in per_row),
            "manual": routine.manual_seconds or 0.0,
            "shares": {p: sum(r[p] for r in per_row) / totals for p in ("waiting", *PARTS)}}


def run(display: str, rows: int = 10) -> list[str]:
    """The markdown section for RESULTS.md (the display must already be running)."""
    import os

    from deskpilot.vision import engines

    measured = {}
    before = os.environ.get(engines.CHOICE)
    try:
        for name, extra in SCENARIOS.items():
            for ocr in ENGINES:  # side by side: the two engines one after the other on each scenario
                os.environ[engines.CHOICE] = ocr
                engines.reset()
                with tempfile.TemporaryDirectory() as tmp:
                    measured[(name, engines.engine().name.split(" ")[0])] = measure(display, extra, rows, Path(tmp))
    finally:
        os.environ.pop(engines.CHOICE, None) if before is None else os.environ.update({engines.CHOICE: before})
        engines.reset()
    lines = ["## Data-driven run (example 1, expense claims)", "",
             "| scenario | OCR engine | rows | median s/row | own s/row (goal ≤ 0.6) | rows/min | person s/row | "
             "speed-up | waiting | input | capture | OCR | matching |",
             "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for (name, ocr), r in measured.items():
        s = r["shares"]
        met = "met" if r["own"] <= OWN_GOAL_S else "not met"
        lines.append(f"| {name} | {ocr} | {r['rows']} | {r['median']:.2f} | {r['own']:.2f} ({met}) | "
                     f"{60 / r['median']:.1f} | {r['manual']:.0f} | "
                     f"{r['manual'] / r['median']:.0f}x | {s['waiting']:.0%} | {s['input']:.0%} | {s['capture']:.0%} | "
                     f"{s['OCR']:.0%} | {s['matching']:.0%} |")
    lines += ["", "Shares are of the whole run. Input: pyautogui clicking and typing (typing has a per-key "
              "interval). Capture, OCR (Tesseract) and matching (resolving minus its OCR: template matching, text "
              "comparison, deciding) are DeskPilot's own work; waiting is the rest: polling while the application "
              "has not yet shown what the next step needs, the 1 s look for the optional 'Are you sure?' dialog "
              "(if_visible), and the app's own delays. The saved records were checked against the CSV.", ""]
    return lines


def main() -> int:
    import os

    from deskpilot.platform.x11.xvfb import VirtualDisplay

    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    with VirtualDisplay(1920, 1080) as vd:
        os.environ["DISPLAY"] = vd.name
        print("\n".join(run(vd.name, rows)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
