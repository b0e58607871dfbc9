"""Record a zoo application with `deskpilot record` while the person works, then replay it unedited.

Shared by the zoo's end-to-end tests and the benchmark's zoo table. Each replay runs on a
fresh instance and is judged only by what the application saved:

- right: the run reported success and the application saved what was meant;
- wrong: the run reported success (exit 0, rows "ok"/"entered") and the application saved
  something else -- the worst outcome, counted apart;
- failed: the run stopped with an error (the application may or may not have saved anything).
"""

from __future__ import annotations

import csv
import subprocess
import sys
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from deskpilot.platform.x11.xvfb import VirtualDisplay
from tests.zoo.base import AS_RECORDED, Person, Variant, ZooApp


@dataclass(frozen=True)
class Outcome:
    app: str
    variant: str
    status: str  # "right", "wrong", "failed"
    detail: str  # the failure, or what was saved when it was wrong
    seconds: float
    rows: tuple[int, int, int] | None = None  # a data run's rows: right, wrong, failed
    unconfirmed: bool = False  # the run or a row reported "entered, not confirmed"
    report: Path | None = None  # the run's report folder (report.json: per step, how it was found and how long)


def deskpilot(display: VirtualDisplay, work: Path, *args: str, timeout: float = 600,
              env: Mapping[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """The CLI on the display, in ``work``; ``env`` adds to its environment (DESKPILOT_ACCESSIBILITY=off)."""
    full = {**display.env(), "COLUMNS": "200", "XDG_DATA_HOME": str(work / "dp-data"), **(env or {})}
    return subprocess.run([sys.executable, "-m", "deskpilot.cli", *args], cwd=work, env=full, capture_output=True,
                          text=True, timeout=timeout)


def record(app: ZooApp, display: VirtualDisplay, work: Path, name: str | None = None) -> tuple[Path, str]:
    """The person does the routine once while `deskpilot record` runs; the recording folder and the recorder's output.

    The person's own result must be right (else the harness, not DeskPilot, is broken).
    """
    name = name or f"{app.name}-routine"
    running = app.start(display, work / "rec-home", AS_RECORDED)
    try:
        env = {**display.env(), "XDG_DATA_HOME": str(work / "dp-data")}
        rec = subprocess.Popen([sys.executable, "-m", "deskpilot.cli", "record", name, "--out", str(work)], env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        assert rec.stderr is not None
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            line = rec.stderr.readline()
            if "recording: stop with" in line or not line:
                break
        assert rec.poll() is None, rec.communicate()
        person = Person(display)
        app.perform(person, running, app.values)
        time.sleep(1.0)  # the person looks at the result before stopping
        person.stop_recorder()
        out, err = rec.communicate(timeout=180)
        assert rec.returncode == 0, err
        got, want = app.saved(running), app.expected([app.values])
        assert got == want, f"the person's own entry was not saved right: {got!r} != {want!r}"
    finally:
        running.stop()
    return work / name, out + err


def replay(app: ZooApp, display: VirtualDisplay, recording: Path, variant: Variant, work: Path,
           index: int = 1, env: Mapping[str, str] | None = None) -> Outcome:
    """The recording played unedited on a fresh instance in ``variant``; ``env`` adds to the player's environment
    (not the application's), e.g. DESKPILOT_ACCESSIBILITY=off for a replay by what the screen shows alone."""
    tag = f"{variant.name.replace(' ', '-').replace('+', '-')}-{index}"
    running = app.start(display, work / f"play-{tag}", variant)
    report = work / f"report-{tag}"
    t0 = time.monotonic()
    try:
        proc = deskpilot(display, work, "play", str(recording), "--report", str(report), env=env)
        seconds = time.monotonic() - t0
        saved = _saved(app, running)
    finally:
        running.stop()
    want = app.expected([app.values])
    text = proc.stdout + proc.stderr
    unconfirmed = "entered, not confirmed" in text
    if proc.returncode == 0:
        status = "right" if saved == want else "wrong"
        return Outcome(app.name, variant.name, status, "" if status == "right" else f"saved {saved!r}", seconds,
                       unconfirmed=unconfirmed, report=report)
    return Outcome(app.name, variant.name, "failed", _failure(text), seconds, report=report)


def replay_rows(app: ZooApp, display: VirtualDisplay, recording: Path, work: Path, index: int = 1) -> Outcome:
    """The recording once per row of a CSV of ``app.rows``, on one fresh instance that keeps what it was given."""
    rows = list(app.rows)
    data = work / f"rows-{index}.csv"
    with open(data, "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    results = work / f"rows-{index}.results.csv"
    running = app.start(display, work / f"rows-home-{index}", AS_RECORDED)
    t0 = time.monotonic()
    try:
        proc = deskpilot(display, work, "play", str(recording), "--data", str(data), "--results", str(results),
                         "--report", str(work / f"rows-report-{index}"), timeout=1200)
        seconds = time.monotonic() - t0
        saved = _saved(app, running)
    finally:
        running.stop()
    statuses = _row_statuses(results)
    right = wrong = failed = 0
    for number, row in enumerate(rows, start=1):
        status = statuses.get(number, "not run")
        entered = _contains(saved, app.expected([row]))
        if status in ("ok", "entered"):
            right, wrong = right + entered, wrong + (not entered)
        else:
            failed += 1
    if wrong == 0 and failed == 0 and saved != app.expected(rows):
        wrong = 1  # every row reported done, yet the application holds something else (a row twice, a stray entry)
    status = "wrong" if wrong else ("right" if failed == 0 and proc.returncode == 0 else "failed")
    detail = "" if status == "right" else (f"saved {saved!r}" if wrong else _failure(proc.stdout + proc.stderr))
    unconfirmed = any(s == "entered" for s in statuses.values())
    return Outcome(app.name, "5 rows, form keeps values", status, detail, seconds, (right, wrong, failed), unconfirmed)


def _saved(app: ZooApp, running: Any) -> Any:
    try:
        return app.saved(running)
    except AssertionError as exc:  # nothing written: a failed run often saves nothing
        return f"(nothing saved: {exc})"


def _contains(saved: Any, entries: Any) -> bool:
    if isinstance(saved, list) and isinstance(entries, list):
        return all(saved.count(e) == 1 for e in entries)
    return bool(saved == entries)


def _row_statuses(results: Path) -> dict[int, str]:
    if not results.exists():
        return {}
    with open(results, newline="", encoding="utf-8-sig") as fh:
        return {int(r["row"]): r["status"] for r in csv.DictReader(fh) if r.get("row", "").isdigit()}


def _failure(text: str) -> str:
    lines = [line.strip() for line in text.splitlines() if "failed" in line.lower() or "error" in line.lower()]
    return (lines[-1] if lines else text.strip().splitlines()[-1] if text.strip() else "no output")[:300]


def describe(outcomes: list[Outcome]) -> Mapping[str, int]:
    return {s: sum(o.status == s for o in outcomes) for s in ("right", "wrong", "failed")}


def main() -> int:
    """``python -m tests.zoo.replay homebank [--runs N] [--rows] [--keep DIR]``: record once, replay every variant."""
    import argparse
    import tempfile

    from tests.zoo.check import load

    parser = argparse.ArgumentParser()
    parser.add_argument("name")
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--rows", action="store_true")
    parser.add_argument("--variant", action="append", default=[])
    parser.add_argument("--keep", type=Path)
    args = parser.parse_args()
    app = load(args.name)
    work = args.keep or Path(tempfile.mkdtemp(prefix=f"zoo-{app.name}-"))
    work.mkdir(parents=True, exist_ok=True)
    outcomes: list[Outcome] = []
    with VirtualDisplay(1280, 800) as display:
        t0 = time.monotonic()
        recording, said = record(app, display, work)
        print(said)
        print(f"recorded in {time.monotonic() - t0:.1f} s: {recording}")
        for variant in app.variants:
            if args.variant and variant.name not in args.variant:
                continue
            for i in range(1, args.runs + 1):
                outcome = replay(app, display, recording, variant, work, i)
                outcomes.append(outcome)
                print(f"{variant.name:>16} #{i}: {outcome.status} {outcome.seconds:.1f} s {outcome.detail}", flush=True)
        if args.rows and app.rows:
            for i in range(1, args.runs + 1):
                outcome = replay_rows(app, display, recording, work, i)
                outcomes.append(outcome)
                print(f"{'rows':>16} #{i}: {outcome.status} {outcome.rows} {outcome.seconds:.1f} s {outcome.detail}",
                      flush=True)
    print(dict(describe(outcomes)), "work:", work)
    return 0 if all(o.status == "right" for o in outcomes) else 1


if __name__ == "__main__":
    sys.exit(main())
