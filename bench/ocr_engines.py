"""Benchmark: the two ways of running Tesseract, side by side in one run.

pytesseract starts a ``tesseract`` process and loads the language model on every call;
tesserocr keeps one warm engine in this process (``deskpilot.vision.engines``). This measures
what that saves where a person waits (a step found by its text after a font change: goal a
median ≤ 50 ms in-process), what one OCR call costs per engine, and that both read as well
(label recall). Engines alternate repeat by repeat, first one then the other, on the same
display, app instances and pixels, so load from elsewhere on the machine hits both alike.

    python -m bench.ocr_engines [--repeats N]     (its own 1920x1080 Xvfb)
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from deskpilot.vision import engines

ENGINES = ("pytesseract", "tesserocr")
SCENARIOS = {"unchanged": [], "font x1.25": ["--font-scale", "1.25"]}
GOAL_S = 0.050  # tesserocr, font x1.25, median per step
LANGS = ("eng", "eng+chi_sim")
THEMES = {"light": [], "dark": ["--dark"]}
Recall = dict[tuple[str, float], tuple[int, int, list[str]]]


@dataclass
class Timing:
    """Resolutions of one scenario by one engine."""

    samples: list[float] = field(default_factory=list)
    found: int = 0
    total: int = 0
    how: dict[str, int] = field(default_factory=dict)
    ocr_calls: int = 0
    ocr_s: float = 0.0


@dataclass
class Calls:
    """OCR calls on one crop by one engine: the first after the engine was chosen, and the next ones."""

    first: list[float] = field(default_factory=list)
    samples: list[float] = field(default_factory=list)
    words: list[tuple[str, tuple[int, int, int, int]]] = field(default_factory=list)


def use(name: str) -> None:
    """Make ``name`` the engine every TesseractOcr reads with, as DESKPILOT_OCR does for a fresh process.

    A silent fallback (tesserocr not loading) would compare pytesseract with itself: fail instead.
    """
    os.environ[engines.CHOICE] = name
    engines.reset()
    chosen = engines.engine()
    want = engines.Tesserocr if name == "tesserocr" else engines.Pytesseract
    if not isinstance(chosen, want):
        raise RuntimeError(f"{engines.CHOICE}={name} gave {chosen.name}: see the log for why")


def order(repeat: int) -> tuple[str, ...]:
    """Who goes first alternates, so neither always runs right after an app start."""
    return ENGINES if repeat % 2 == 0 else ENGINES[::-1]


def warm(window: Any, langs: tuple[str, ...]) -> None:
    """One untimed read per language: tesserocr loads its model on the first call after ``use``,
    which a player pays once per run, not per step."""
    from deskpilot.geometry import Point
    from deskpilot.platform import backend
    from deskpilot.vision.tesseract import TesseractOcr

    pixels, clipped = backend().screen().grab().crop(window.rect)
    for lang in langs:
        TesseractOcr().words(pixels, Point(clipped.x, clipped.y), lang)


def resolution(targets: list[Any], folder: Path, display: str, repeats: int) -> dict[tuple[str, str], Timing]:
    """bench.run.measure with the engines alternating on each scenario's one app instance."""
    from deskpilot.demoapp.launch import launch
    from deskpilot.platform import backend
    from deskpilot.vision.resolve import Resolver
    from deskpilot.vision.tesseract import TesseractOcr

    class TimedOcr(TesseractOcr):
        """The product's OCR, its own time counted: how much of a step is Tesseract, how much the rest."""

        spent = 0.0

        def words(self, pixels: Any, origin: Any, lang: str) -> Any:
            return self._timed(super().words, pixels, origin, lang)

        def words_without_lines(self, pixels: Any, origin: Any, lang: str) -> Any:
            return self._timed(super().words_without_lines, pixels, origin, lang)

        def read_text(self, pixels: Any, lang: str, *, line: bool = False) -> str:
            return str(self._timed(super().read_text, pixels, lang, line=line))

        def _timed(self, read: Any, *args: Any, **kwargs: Any) -> Any:
            t0 = time.perf_counter()
            try:
                return read(*args, **kwargs)
            finally:
                self.spent += time.perf_counter() - t0

    screen, windows, ocr = backend().screen(), backend().windows(), TimedOcr()
    out: dict[tuple[str, str], Timing] = {}
    for scenario, args in SCENARIOS.items():
        app = launch(folder / f"engines-{len(args)}.jsonl", *args, display=display)
        try:
            for r in range(repeats):
                for name in order(r):
                    use(name)
                    warm(app.window, ("eng",))
                    row = out.setdefault((scenario, name), Timing())
                    for target in targets:
                        resolver = Resolver(screen, ocr, windows, folder)  # a fresh cache: nothing read before
                        spent, t0 = ocr.spent, time.perf_counter()
                        res = resolver.resolve(target, screen.grab())
                        row.samples.append(time.perf_counter() - t0)
                        row.ocr_s += ocr.spent - spent
                        row.ocr_calls += resolver.ocr_calls
                        row.total += 1
                        if res.found and res.best is not None:
                            row.found += 1
                            row.how[res.best.how] = row.how.get(res.best.how, 0) + 1
        finally:
            app.stop()
    return out


def ocr_calls(folder: Path, display: str, repeats: int) -> tuple[dict[tuple[str, str, str], Calls], tuple[int, int]]:
    """One window crop of the customer form per theme, read by each engine in each language set."""
    from deskpilot.demoapp.launch import launch
    from deskpilot.geometry import Point
    from deskpilot.platform import backend
    from deskpilot.vision.tesseract import TesseractOcr

    out: dict[tuple[str, str, str], Calls] = {}
    size = (0, 0)
    for theme, args in THEMES.items():
        app = launch(folder / f"crop-{theme}.jsonl", *args, display=display)
        try:
            assert app.window is not None
            pixels, clipped = backend().screen().grab().crop(app.window.rect)
        finally:
            app.stop()
        origin, size = Point(clipped.x, clipped.y), (clipped.w, clipped.h)
        for r in range(repeats):
            for name in order(r):
                use(name)
                for lang in LANGS:
                    cell = out.setdefault((theme, lang, name), Calls())
                    for samples in (cell.first, cell.samples):
                        t0 = time.perf_counter()
                        words = TesseractOcr().words(pixels, origin, lang)
                        samples.append(time.perf_counter() - t0)
                    cell.words = [(w.text, (w.box.x, w.box.y, w.box.w, w.box.h)) for w in words]
    return out, size


def recall_per_engine(display: str, work: Path) -> dict[str, Recall]:
    """bench.ocr_recall.recall once per engine (it launches its own apps, the same for both)."""
    from bench.ocr_recall import recall

    out: dict[str, Recall] = {}
    for name in ENGINES:
        use(name)
        (work / name).mkdir()
        out[name] = recall(display, work / name)
    return out


def run(display: str, repeats: int = 5) -> list[str]:
    """All three measures on ``display``; DESKPILOT_OCR is left as it was found."""
    from bench.run import record_targets

    before = os.environ.get(engines.CHOICE)
    load, start = os.getloadavg()[0], time.monotonic()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            recorded_with = engines.engine().name
            targets = record_targets(folder, display)
            steps = resolution(targets, folder, display, repeats)
            calls, size = ocr_calls(folder, display, repeats)
            recalls = recall_per_engine(display, folder)
    finally:
        if before is None:
            os.environ.pop(engines.CHOICE, None)
        else:
            os.environ[engines.CHOICE] = before
        engines.reset()
    lines = [*header(repeats, load, recorded_with), *render_steps(steps), *render_calls(calls, size),
             *render_recall(recalls), f"This section took {time.monotonic() - start:.0f} s.", ""]
    return lines


def header(repeats: int, load: float, recorded_with: str) -> list[str]:
    return [
        "## OCR engines: pytesseract (a process per call) vs tesserocr (in-process)", "",
        (f"{platform.machine()}, {os.cpu_count()} cores (load average {load:.2f} at the start), Xvfb 1920x1080. "
        f"System binary: `{_binary_version()}`; tesserocr: `{_tesserocr_version()}`; language data "
        f"`{engines.tessdata()}`. {repeats} repeats; the engines alternate repeat by repeat (who goes first "
        "too) on the same app instances, tesserocr warmed by one untimed read after each switch. "
        f"Targets recorded with {recorded_with}."), "",
    ]


def render_steps(steps: dict[tuple[str, str], Timing]) -> list[str]:
    lines = ["### Per-step target resolution (8 demo form fields, fresh Resolver per resolution)", "",
             ("| scenario | pytesseract median / p90 ms | tesserocr median / p90 ms | ratio (medians) | "
              "found (pytesseract / tesserocr) | found by (pytesseract; tesserocr) | "
              "OCR calls, ms per step (pytesseract; tesserocr) |"),
             "| --- | ---: | ---: | ---: | ---: | --- | --- |"]
    for scenario in SCENARIOS:
        slow, fast = steps[(scenario, "pytesseract")], steps[(scenario, "tesserocr")]
        lines.append(f"| {scenario} | {_ms(slow.samples)} | {_ms(fast.samples)} | "
                     f"{statistics.median(slow.samples) / statistics.median(fast.samples):.1f}x | "
                     f"{slow.found}/{slow.total} / {fast.found}/{fast.total} | {_how(slow)}; {_how(fast)} | "
                     f"{_ocr(slow)}; {_ocr(fast)} |")
    fast = steps[("font x1.25", "tesserocr")]
    med = statistics.median(fast.samples)
    met = med <= GOAL_S and fast.found == fast.total
    lines += ["", (f"Goal: tesserocr median ≤ {GOAL_S * 1000:.0f} ms per step after the font change, every "
                   f"target found: {'met' if met else 'not met'} ({med * 1000:.0f} ms, {fast.found}/{fast.total})."),
              ""]
    return lines


def render_calls(calls: dict[tuple[str, str, str], Calls], size: tuple[int, int]) -> list[str]:
    lines = [f"### One OCR call on the customer form window ({size[0]}x{size[1]} px, `TesseractOcr().words`)", "",
             ("| theme | languages | pytesseract median ms | tesserocr median ms | ratio | "
              "tesserocr first call ms (model load) | words (pytesseract / tesserocr) |"),
             "| --- | --- | ---: | ---: | ---: | ---: | --- |"]
    for theme in THEMES:
        for lang in LANGS:
            slow, fast = calls[(theme, lang, "pytesseract")], calls[(theme, lang, "tesserocr")]
            a, b = statistics.median(slow.samples), statistics.median(fast.samples)
            same = "same" if slow.words == fast.words else "differ"
            lines.append(f"| {theme} | {lang} | {a * 1000:.0f} | {b * 1000:.0f} | {a / b:.1f}x | "
                         f"{statistics.median(fast.first) * 1000:.0f} | {len(slow.words)} / {len(fast.words)}, "
                         f"{same} |")
    lines += ["", "Words compared with their boxes, as each engine read them on its last call."]
    for theme in THEMES:
        for lang in LANGS:
            slow, fast = calls[(theme, lang, "pytesseract")], calls[(theme, lang, "tesserocr")]
            if slow.words != fast.words:
                only_slow = sorted({t for t, _ in slow.words} - {t for t, _ in fast.words})
                only_fast = sorted({t for t, _ in fast.words} - {t for t, _ in slow.words})
                lines.append(f"{theme} {lang}: only pytesseract read {only_slow or 'no other text'}, "
                             f"only tesserocr {only_fast or 'no other text'}.")
    return [*lines, ""]


def render_recall(recalls: dict[str, Recall]) -> list[str]:
    from bench.ocr_recall import SCALES
    from bench.ocr_recall import THEMES as RECALL_THEMES

    lines = ["### Label recall per engine (bench.ocr_recall, 4 demo screens)", "",
             "| theme | engine | " + " | ".join(f"font x{s:g}" for s in SCALES) + " |",
             "| --- | --- |" + " ---: |" * len(SCALES)]
    missed: dict[str, set[str]] = {name: set() for name in ENGINES}
    for theme in RECALL_THEMES:
        for name in ENGINES:
            cells = []
            for scale in SCALES:
                found, total, miss = recalls[name][(theme, scale)]
                cells.append(f"{found}/{total} ({found / total:.0%})")
                missed[name] |= {f"{theme} x{scale:g} {m}" for m in miss}
            lines.append(f"| {theme} | {name} | " + " | ".join(cells) + " |")
    lines.append("")
    both = missed["pytesseract"] & missed["tesserocr"]
    for label, texts in (("Missed by pytesseract only", missed["pytesseract"] - both),
                         ("Missed by tesserocr only", missed["tesserocr"] - both), ("Missed by both", both)):
        lines.append(f"- {label}: {'; '.join(sorted(texts)) if texts else 'none'}.")
    return [*lines, ""]


def _ms(samples: list[float]) -> str:
    p90 = statistics.quantiles(samples, n=10)[-1] if len(samples) >= 10 else max(samples)
    return f"{statistics.median(samples) * 1000:.0f} / {p90 * 1000:.0f}"


def _ocr(row: Timing) -> str:
    """Mean OCR calls and OCR milliseconds per step (means: most steps read nothing or the same)."""
    return f"{row.ocr_calls / row.total:.1f}, {row.ocr_s / row.total * 1000:.0f}"


def _how(row: Timing) -> str:
    return ", ".join(f"{k} {v}" for k, v in sorted(row.how.items())) or "-"


def _binary_version() -> str:
    """The first line of ``tesseract --version`` (stdout since 4.x, stderr before)."""
    import pytesseract

    done = subprocess.run([str(pytesseract.pytesseract.tesseract_cmd), "--version"], capture_output=True, text=True,
                          check=False)
    return (done.stdout or done.stderr).splitlines()[0].strip()


def _tesserocr_version() -> str:
    import tesserocr

    return str(tesserocr.tesseract_version()).splitlines()[0].strip()


def main(argv: list[str] | None = None) -> int:
    from deskpilot.platform.x11.xvfb import VirtualDisplay

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeats", type=int, default=5,
                        help="repeats per engine: 8 resolutions per scenario, one call per crop and languages")
    args = parser.parse_args(argv)
    with VirtualDisplay(1920, 1080) as vd:
        os.environ["DISPLAY"] = vd.name
        print("\n".join(run(vd.name, args.repeats)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
