"""Benchmark: OCR reads less -- a window read whole against a caret's blink and one typed field re-read
in its line (``deskpilot.vision.changes``); and what an if_visible whose dialog never comes costs.

On the real demo app on its own Xvfb: the Customer Master window is grabbed as the player grabs it,
a field is clicked and typed into with xdotool, and frames are grabbed until its caret blinks (Qt
draws and removes a one-pixel bar every half second). Each reading is timed with a fresh cache
warmed by the frames before it, median of N. The if_visible rows play a one-step routine through the
real player (real screen, OCR, clock) on that window, its caret blinking: as before (the whole timeout
waited) and now (ended once the screen settled).

    python -m bench.reread [--repeats N]     (its own 1920x1080 Xvfb)
"""

from __future__ import annotations

import argparse
import contextlib
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from unittest import mock

import numpy as np

from deskpilot import model as m
from deskpilot.geometry import Point, Rect
from deskpilot.ports import Frame

FIELD, VALUE = "Company:", "ACME Trading Ltd"
LABELS = ["Customer ID:", "Company:", "Contact:", "Street:", "City:", "Postcode:", "Country:", "Phone:"]
DIALOG = "Overwrite the existing customer?"


@dataclass
class Shots:
    """The window's frames: before the click, the caret on and off in the clicked field, after typing."""

    window: Rect
    before: Frame
    caret_on: Frame
    caret_off: Frame
    typed: Frame


def _xdo(display: str, *args: str) -> None:
    subprocess.run(["xdotool", *args], env={**os.environ, "DISPLAY": display}, check=True, capture_output=True)


def shoot(display: str, window: Rect) -> Shots:
    """Click into the Company field, catch its caret both ways, type into it."""
    from deskpilot.platform import backend
    from deskpilot.vision.changes import difference, thin_bar
    from deskpilot.vision.tesseract import TesseractOcr
    from deskpilot.vision.text import find_phrases

    screen = backend().screen()
    before = screen.grab()
    words = TesseractOcr().words(before.crop(window)[0], Point(window.x, window.y), "eng")
    label = max(find_phrases(words, FIELD), key=lambda p: p.similarity).box
    _xdo(display, "mousemove", str(label.right + 120), str(label.center.y), "click", "1")
    time.sleep(0.3)
    frames = [screen.grab()]
    deadline = time.monotonic() + 5.0
    while time.monotonic() < deadline:
        time.sleep(0.05)
        frames.append(screen.grab())
        a, b = frames[-2].crop(window)[0], frames[-1].crop(window)[0]
        if thin_bar(difference(a, b)) is not None:  # the caret went on or off, nothing else changed
            on, off = (frames[-1], frames[-2]) if _ink(b) > _ink(a) else (frames[-2], frames[-1])
            _xdo(display, "type", "--delay", "40", VALUE)
            time.sleep(0.5)
            return Shots(window, before, on, off, screen.grab())
    raise RuntimeError("the caret did not blink within 5 s")


def _ink(pixels: np.ndarray) -> int:
    return int(np.count_nonzero(pixels.min(axis=2) < 100))


def with_patch(frame: Frame, window: Rect) -> Frame:
    """The frame with a small change far from the field (a status text appearing at the window's foot)."""
    px = frame.pixels.copy()
    x, y = window.x - frame.origin.x + 20, window.bottom - frame.origin.y - 18
    px[y : y + 10, x : x + 60] = 40
    return Frame(px, frame.origin)


def readings(shots: Shots, repeats: int) -> dict[str, tuple[list[float], int, int]]:
    """Per case: the times of its last reading, its OCR calls and pixels read (the last repeat's)."""
    from deskpilot.vision.resolve import Resolver
    from deskpilot.vision.tesseract import TesseractOcr

    ocr, win = TesseractOcr(), shots.window
    patched_on, patched_off = with_patch(shots.caret_on, win), with_patch(shots.caret_off, win)
    cases: dict[str, tuple[list[Frame], Frame]] = {  # warmed with the first frames, then the timed one
        "whole window, nothing cached": ([], shots.typed),
        "the same pixels again": ([shots.typed], shots.typed),
        "caret blink, first seen: its line re-read": ([shots.caret_on], shots.caret_off),
        "caret blink, seen both ways: from the cache": (
            [shots.caret_on, shots.caret_off, shots.caret_on, patched_on], patched_off),
        "one field typed into: its line re-read": ([shots.caret_on], shots.typed),
        "one field typed into, reuse off: read whole": ([shots.caret_on], shots.typed),
    }
    out: dict[str, tuple[list[float], int, int]] = {name: ([], 0, 0) for name in cases}
    for _ in range(repeats):  # the cases interleaved, so the machine's drift hits them alike
        for name, (warm, timed) in cases.items():
            r = Resolver(None, ocr, None, Path("."), reuse="reuse off" not in name)  # type: ignore[arg-type]
            for frame in warm:
                r.words(frame, win, reuse=True)
            calls, pixels = r.ocr_calls, r.cache.pixels_read
            t0 = time.perf_counter()
            r.words(timed, win, reuse=True)
            out[name][0].append(time.perf_counter() - t0)
            out[name] = (out[name][0], r.ocr_calls - calls, r.cache.pixels_read - pixels)
    return out


def agreement(shots: Shots) -> tuple[int, int, list[str]]:
    """Labels and the typed value found where a whole reading of the typed window finds them (±2 px); and
    how the others read, each way."""
    from deskpilot.vision.resolve import Resolver
    from deskpilot.vision.tesseract import TesseractOcr
    from deskpilot.vision.text import find_phrases, phrase_text

    r = Resolver(None, TesseractOcr(), None, Path("."))  # type: ignore[arg-type]
    r.words(shots.caret_on, shots.window, reuse=True)
    merged = r.words(shots.typed, shots.window, reuse=True)
    whole = TesseractOcr().words(shots.typed.crop(shots.window)[0], Point(shots.window.x, shots.window.y), "eng")
    same, notes = 0, []
    for phrase in [*LABELS, VALUE]:
        a = max(find_phrases(merged, phrase), key=lambda p: p.similarity, default=None)
        b = max(find_phrases(whole, phrase), key=lambda p: p.similarity, default=None)
        if a is not None and b is not None and a.similarity >= 0.9 and b.similarity >= 0.9 and abs(
                a.box.x - b.box.x) <= 2 and abs(a.box.y - b.box.y) <= 2:
            same += 1
            continue
        def shown(p: Any, words: list[Any]) -> str:
            if p is None:
                return "nothing"
            inside = [w for w in words if p.box.intersect(w.box) is not None]
            return f"{phrase_text(sorted(inside, key=lambda w: w.box.x))!r} at ({p.box.x}, {p.box.y})"
        notes.append(f"{phrase!r}: the line reading {shown(a, merged)}, the whole reading {shown(b, whole)}")
    return same, len(LABELS) + 1, notes


def if_visible(folder: Path, repeats: int, window: Rect) -> dict[str, tuple[list[float], list[int], list[float]]]:
    """The real player on the demo window, a dialog that never comes: the step's seconds, its OCR calls and the
    pixels they read (in windows), each run with a cache of its own (its first look reads the screen whole, as
    after the input before it)."""
    from deskpilot.player.runner import Player, PlayOptions
    from deskpilot.player.session import open_session
    from deskpilot.vision.resolve import Resolver
    from deskpilot.vision.tesseract import TesseractOcr

    def routine(timeout: float | None) -> m.Routine:
        step = m.IfVisible(target=m.Target(anchors=(m.TextAnchor(text=DIALOG),)),
                           steps=(m.Click(target=m.Target(anchors=(m.TextAnchor(text="Yes"),))),), timeout=timeout)
        return m.Routine(name="bench", steps=(step,), folder=folder)

    whole = f"the whole IF_VISIBLE_TIMEOUT ({m.IF_VISIBLE_TIMEOUT:g} s)"
    cases: dict[str, tuple[m.Routine, bool, bool]] = {  # routine, OCR reading less, settling
        f"before: {whole}, OCR cache by hash only": (routine(None), False, False),
        f"{whole}, OCR reading less": (routine(None), True, False),
        "now: until the screen settled, OCR reading less": (routine(None), True, True),
    }
    first = open_session(routine(None), PlayOptions()).player
    out: dict[str, tuple[list[float], list[int], list[float]]] = {name: ([], [], []) for name in cases}
    for r in range(repeats):
        for name, (loaded, reuse, settle) in (cases.items() if r % 2 == 0 else reversed(cases.items())):
            resolver = Resolver(first.screen, TesseractOcr(), first.windows, folder, reuse=reuse)
            player = Player(loaded, driver=first.driver, resolver=resolver, screen=first.screen,
                            windows=first.windows, pointer=first.pointer, options=PlayOptions())
            with _settling(settle):
                report = player.run()
            assert report.status == "passed" and "skipped" in report.steps[0].description, report.error
            out[name][0].append(report.steps[0].seconds)
            out[name][1].append(resolver.ocr_calls)
            out[name][2].append(resolver.cache.pixels_read / (window.w * window.h))
    return out


@contextlib.contextmanager
def _settling(on: bool) -> Iterator[None]:
    """The player as it was before, when ``on`` is False: an if_visible that never gives up before its timeout."""
    if on:
        yield
        return
    from deskpilot.player import nesting

    with mock.patch.object(nesting.Settling, "__call__", lambda self, frame: False):
        yield


def run(display: str, repeats: int = 7) -> list[str]:
    """Both tables on ``display`` (the demo app started and stopped here)."""
    from deskpilot.demoapp.launch import launch

    start = time.monotonic()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        app = launch(folder / "reread.jsonl", display=display)
        try:
            assert app.window is not None
            shots = shoot(display, app.window.rect)
            reads = readings(shots, repeats)
            agree = agreement(shots)
            waits = if_visible(folder, max(3, repeats // 2), shots.window)
        finally:
            app.stop()
    return [*render_reads(reads, agree, shots.window), *render_waits(waits),
            f"This section took {time.monotonic() - start:.0f} s.", ""]


def render_reads(reads: dict[str, tuple[list[float], int, int]], agree: tuple[int, int, list[str]],
                 window: Rect) -> list[str]:
    whole = statistics.median(reads["whole window, nothing cached"][0])
    title = f"## OCR reads less: the demo's Customer Master window ({window.w}x{window.h} px), as the search reads it"
    lines = [title, "",
             "| reading | median ms | vs whole | OCR calls | pixels read |", "| --- | ---: | ---: | ---: | ---: |"]
    for name, (samples, calls, pixels) in reads.items():
        med = statistics.median(samples)
        lines.append(f"| {name} | {med * 1000:.1f} | {med / whole:.0%} | {calls} | "
                     f"{pixels / (window.w * window.h):.0%} |")
    lines += ["", (f"The typed window re-read in its line and merged finds {agree[0]}/{agree[1]} labels and the "
                   "typed value where a whole reading finds them (±2 px)" + (
                       "; " + "; ".join(agree[2]) if agree[2] else "") + ". The blink seen both ways is served "
                   "after a small change elsewhere (a status text): its first frame re-reads that line, the "
                   "timed one is the caret's blink."), ""]
    return lines


def render_waits(waits: dict[str, tuple[list[float], list[int], list[float]]]) -> list[str]:
    lines = ["## if_visible, the dialog never comes (real player, demo window, caret blinking, a fresh cache a run)", "",
             "| if_visible | median s | min–max s | OCR calls | pixels read (windows) |",
             "| --- | ---: | --- | ---: | ---: |"]
    for name, (seconds, calls, pixels) in waits.items():
        lines.append(f"| {name} | {statistics.median(seconds):.2f} | {min(seconds):.2f}–{max(seconds):.2f} | "
                     f"{statistics.median(calls):.0f} | {statistics.median(pixels):.2f} |")
    lines += ["", ("Each look reads the window twice (the words, then the second reading without lines); the caret's "
                   "second look is its line only in the first, the second reading is read whole."), ""]
    return lines


def main(argv: list[str] | None = None) -> int:
    from deskpilot.platform.x11.xvfb import VirtualDisplay

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeats", type=int, default=7, help="timed readings per case (if_visible: half)")
    args = parser.parse_args(argv)
    with VirtualDisplay(1920, 1080) as vd:
        os.environ["DISPLAY"] = vd.name
        print("\n".join(run(vd.name, args.repeats)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
