"""The zoo table: third-party applications recorded once by `deskpilot record`, replayed unedited per variant.

    python -m bench.zoo [RUNS] [--apps homebank,gnumeric]

Prints markdown (for bench/RESULTS.md): per application and variant, right/runs, wrong entries
apart (a run or row that reported success while the application saved something else), and the
reason a cell fails; then the share of recorded text anchors that are words of the application's
own (strings of its program and toolkit), and what the typing checks cost per step on the demo app.
"""

from __future__ import annotations

import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path

from deskpilot.format import load_routine
from deskpilot.vision.text import fold
from deskpilot.platform.x11.xvfb import VirtualDisplay
from tests.zoo.check import load
from tests.zoo.replay import Outcome, record, replay, replay_rows

APPS = ("homebank", "gnumeric", "galculator", "featherpad", "nedit", "whiptail")
PROGRAMS = {"homebank": "homebank", "gnumeric": "gnumeric", "galculator": "galculator", "featherpad": "featherpad",
            "nedit": "nedit", "whiptail": "whiptail"}
TOOLKIT_LIBS = re.compile(r"libgtk-3|libgdk-3|libXm|libQt5Widgets|libQt5Gui|libnewt|libgoffice|libspreadsheet")


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser()
    parser.add_argument("runs", nargs="?", type=int, default=5)
    parser.add_argument("--apps", default=",".join(APPS))
    args = parser.parse_args(argv)
    cells: list[tuple[str, str, list[Outcome]]] = []
    anchors: list[tuple[str, int, int, list[str]]] = []
    with tempfile.TemporaryDirectory() as tmp, VirtualDisplay(1280, 800) as display:
        for name in args.apps.split(","):
            app = load(name)
            work = Path(tmp) / name
            work.mkdir()
            recording, _ = record(app, display, work)
            real, total, odd = real_anchor_words(recording, name, app.values)
            anchors.append((name, real, total, odd))
            for variant in app.variants:
                outcomes = [replay(app, display, recording, variant, work, i) for i in range(1, args.runs + 1)]
                cells.append((name, variant.name, outcomes))
                print(f"{name} {variant.name}: {[o.status for o in outcomes]}", file=sys.stderr, flush=True)
            if app.rows:
                outcomes = [replay_rows(app, display, recording, work, i) for i in range(1, args.runs + 1)]
                cells.append((name, outcomes[0].variant, outcomes))
                print(f"{name} rows: {[(o.status, o.rows) for o in outcomes]}", file=sys.stderr, flush=True)
    print("\n".join(render(cells, anchors, args.runs)))
    return 0


def render(cells: list[tuple[str, str, list[Outcome]]], anchors: list[tuple[str, int, int, list[str]]],
           runs: int) -> list[str]:
    wrong_total = sum(o.status == "wrong" for _, _, outs in cells for o in outs)
    lines = ["## The zoo: third-party applications, recorded once and replayed unedited", "",
             f"`python -m bench.zoo {runs}`: each application recorded by `deskpilot record` while a scripted person "
             "works (xdotool, a gliding pointer, a person's pace), then replayed on fresh instances; a cell counts "
             "runs whose saved result (read from the application's own file or clipboard) equals the person's. "
             "**Wrong** counts runs or rows that reported success while the application saved something else.", "",
             "| application | toolkit | variant | right | wrong | seconds per run (median) | why a run failed |",
             "| --- | --- | --- | ---: | ---: | ---: | --- |"]
    for name, variant, outs in cells:
        app = load(name)
        right = sum(o.status == "right" for o in outs)
        wrong = sum(o.status == "wrong" for o in outs)
        if outs[0].rows is not None:
            rows = [o.rows for o in outs if o.rows]
            right_rows, wrong_rows = sum(r[0] for r in rows), sum(r[1] for r in rows)
            score = f"{right}/{len(outs)} ({right_rows}/{5 * len(outs)} rows)"
            wrong = wrong_rows
        else:
            score = f"{right}/{len(outs)}"
        why = "; ".join(sorted({o.detail for o in outs if o.status != "right" and o.detail}))[:220]
        seconds = statistics.median(o.seconds for o in outs)
        lines.append(f"| {name} | {app.toolkit} | {variant} | {score} | {wrong} | {seconds:.1f} | {why} |")
    lines += ["", f"Wrong entries in all: **{wrong_total}**.", "",
              "### Recorded text anchors that are words of the application", "",
              "A recorded anchor's text counts as real when each of its words is a word of the application's own "
              "strings (its program, its toolkit's libraries, its UI files) or of what the person typed.", "",
              "| application | real | anchors | not found among its strings |", "| --- | ---: | ---: | --- |"]
    for name, real, total, odd in anchors:
        lines.append(f"| {name} | {real} | {total} | {', '.join(repr(o) for o in odd) or '-'} |")
    real_all, total_all = sum(a[1] for a in anchors), sum(a[2] for a in anchors)
    share = 100 * real_all / total_all if total_all else 100.0
    lines += ["", f"Share of real words: **{real_all}/{total_all} ({share:.0f} %)**, goal 100 %.", ""]
    return lines


def real_anchor_words(recording: Path, name: str, typed: dict[str, str]) -> tuple[int, int, list[str]]:
    vocabulary = program_words(name) | {w for v in typed.values() for w in _words(v)}
    routine = load_routine(recording).routine
    texts = [a.text for s in _all_steps(routine.steps) for t in _targets(s) for a in t.anchors
             if hasattr(a, "text") and isinstance(getattr(a, "text"), str)]
    texts = [re.sub(r"\{\{\s*\w+\s*\}\}", "", t) for t in texts]
    odd = [t for t in texts if not all(w in vocabulary for w in _words(t))]
    return len(texts) - len(odd), len(texts), odd


def program_words(name: str) -> set[str]:
    """Every word in the strings of the program, its toolkit libraries and its UI files: what it can show."""
    program = shutil.which(PROGRAMS[name])
    files: list[str] = [program] if program else []
    if program:
        ldd = subprocess.run(["ldd", program], capture_output=True, text=True).stdout
        files += [m.group(1) for m in re.finditer(r"=> (\S+)", ldd) if TOOLKIT_LIBS.search(m.group(1))]
    share = Path("/usr/share") / name
    if share.is_dir():
        files += [str(p) for p in share.rglob("*") if p.is_file() and p.stat().st_size < 5_000_000]
    words: set[str] = set()
    for path in files:
        out = subprocess.run(["strings", "-n", "1", path], capture_output=True, text=True, errors="replace").stdout
        words |= set(_words(out))
    return words


def _words(text: str) -> Iterable[str]:
    for token in re.findall(r"\w+|[^\w\s]", text):
        key = fold(token) or token
        if key:
            yield key


def _all_steps(steps: Iterable[object]) -> Iterable[object]:
    for step in steps:
        yield step
        yield from _all_steps(getattr(step, "steps", ()) or ())


def _targets(step: object) -> list[object]:
    return [t for t in (getattr(step, k, None) for k in ("target", "source", "dest")) if t is not None]


if __name__ == "__main__":
    started = time.monotonic()
    code = main()
    print(f"(zoo: {time.monotonic() - started:.0f} s)", file=sys.stderr)
    sys.exit(code)
