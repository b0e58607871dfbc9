"""Chinese label recall: Tesseract chi_sim against RapidOCR, on the same window crops, and English per engine.

Ground truth is the demo app's own widget geometry (``--geometry-out``): every label's text and
rectangle, and every button's caption and rectangle. A text counts as found when a phrase reading
like it (``find_phrases``, similarity >= 0.8, as bench.ocr_recall counts) lies on its rectangle.
Cells: the Chinese screens (``--lang zh``: expense, customer) and the English ones (customer,
expense, terminal, reports), light and dark, font scale 1.0 / 1.25 / 1.5. Each window is grabbed
once; both engines read that same crop, in turn, ``repeats`` times (the median is one call's time).
Tesseract reads in-process (tesserocr) as the resolver does: ``chi_sim+eng`` on Chinese screens,
``eng`` on English ones. RapidOCR ignores the language: its models read both.

    python -m bench.chinese_ocr [--repeats N]       (its own 1920x1080 Xvfb)

``measure(display)`` gives the rows, ``markdown(rows)`` the table, ``run(display)`` its lines for bench/run.py.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.ocr_recall import SCALES, THEMES

SCREENS = {"zh": ("expense", "customer"), "en": ("customer", "expense", "terminal", "reports")}
ENGINES = ("tesseract", "rapidocr")
LANG = {"zh": "chi_sim+eng", "en": "eng"}  # what Tesseract reads with: the resolver's languages for the screen
GOAL = 0.99
GEOMETRY_WAIT = 5.0  # seconds for the app's geometry dump after its window appears


@dataclass
class Row:
    """One engine on one cell (screen language, theme, font scale), over that cell's screens."""

    lang: str
    theme: str
    scale: float
    engine: str
    found: int = 0
    total: int = 0
    samples: list[float] = field(default_factory=list)  # seconds per call
    missed: list[str] = field(default_factory=list)
    heights: list[float] = field(default_factory=list)  # found box height / the text's own height

    @property
    def recall(self) -> float:
        return self.found / self.total if self.total else 0.0

    @property
    def median_ms(self) -> float:
        return statistics.median(self.samples) * 1000 if self.samples else 0.0


@dataclass
class Crop:
    screen: str
    pixels: Any
    origin: Any
    truth: list[tuple[str, Any]]  # (text, rectangle on the screen)


def use_tesserocr() -> None:
    """Tesseract in-process for this run, or fail: a silent fallback to a process per call would time that."""
    from deskpilot.vision import engines

    os.environ[engines.CHOICE] = "tesserocr"
    engines.reset()
    if not isinstance(engines.engine(), engines.Tesserocr):
        raise RuntimeError(f"DESKPILOT_OCR=tesserocr gave {engines.engine().name}: see the log for why")


def truth(geo: dict[str, Any]) -> list[tuple[str, Any]]:
    """Every text a person reads on the screen: labels (split at runs of spaces, as bench.ocr_recall) and captions."""
    from deskpilot.geometry import Rect

    out = []
    for item in geo["labels"] + geo["buttons"]:
        rect = Rect(*item["rect"])
        for part in re.split(r"\s{2,}", item["text"].replace("&", "").strip()):
            if any(ch.isalnum() for ch in part):  # dot leaders (". . :") are no text to find
                out.append((" ".join(part.split()), rect))
    return out


def grab(display: str, work: Path, lang: str, screen: str, theme: str, scale: float) -> Crop:
    """One window of the demo app, as the resolver reads it, with its ground truth."""
    from deskpilot.demoapp.launch import launch
    from deskpilot.demoapp.options import title_of
    from deskpilot.geometry import Point
    from deskpilot.platform import backend

    geo_path = work / f"{lang}-{screen}-{theme}-{scale}.json"
    args = ["--screen", screen, "--font-scale", str(scale), "--geometry-out", str(geo_path), "--height", "760",
            *(["--lang", lang] if lang != "en" else []), *(["--dark"] if theme == "dark" else [])]
    app = launch(work / f"{screen}.jsonl", *args, display=display, title=title_of(screen, lang))
    try:
        deadline = time.monotonic() + GEOMETRY_WAIT
        while not geo_path.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(0.5)  # the dump follows the first paint; a later one may follow a relayout
        geo = json.loads(geo_path.read_text(encoding="utf-8"))
        assert app.window is not None
        pixels, clipped = backend().screen().grab().crop(app.window.rect)
    finally:
        app.stop()
    return Crop(screen, pixels.copy(), Point(clipped.x, clipped.y), truth(geo))


def score(row: Row, crop: Crop, words: list[Any]) -> None:
    """Count the crop's texts found in ``words`` into the row."""
    from deskpilot.vision.text import find_phrases

    for text, rect in crop.truth:
        hits = [p for p in find_phrases(words, text) if p.similarity >= 0.8 and rect.grow(6).intersect(p.box)]
        row.total += 1
        if hits:
            row.found += 1
            row.heights.append(max(hits, key=lambda p: p.similarity).box.h / max(1, rect.h))
        else:
            row.missed.append(f"{crop.screen}: {text}")


def measure(display: str, repeats: int = 3, work: Path | None = None) -> list[Row]:
    """Every cell, both engines on the same crops; DESKPILOT_OCR is left as it was found."""
    from deskpilot.vision import engines
    from deskpilot.vision.rapid import RapidOcr
    from deskpilot.vision.tesseract import TesseractOcr

    before = os.environ.get(engines.CHOICE)
    readers = {"tesseract": TesseractOcr(), "rapidocr": RapidOcr()}
    rows: list[Row] = []
    try:
        use_tesserocr()
        with tempfile.TemporaryDirectory() as tmp:
            folder = work or Path(tmp)
            warm = True
            for lang, screens in SCREENS.items():
                for theme in THEMES:
                    for scale in SCALES:
                        cell = {name: Row(lang, theme, scale, name) for name in ENGINES}
                        for screen in screens:
                            crop = grab(display, folder, lang, screen, theme, scale)
                            if warm:  # the models load on the first call: a run pays that once, not per step
                                for name, ocr in readers.items():
                                    ocr.words(crop.pixels, crop.origin, LANG[lang])
                                warm = False
                            for r in range(repeats):
                                for name in ENGINES if r % 2 == 0 else ENGINES[::-1]:  # who goes first alternates
                                    t0 = time.perf_counter()
                                    words = readers[name].words(crop.pixels, crop.origin, LANG[lang])
                                    cell[name].samples.append(time.perf_counter() - t0)
                                    if r == 0:
                                        score(cell[name], crop, words)
                        rows += cell.values()
    finally:
        if before is None:
            os.environ.pop(engines.CHOICE, None)
        else:
            os.environ[engines.CHOICE] = before
        engines.reset()
    return rows


def markdown(rows: list[Row]) -> str:
    """The rows as one markdown table, engines side by side, then what each missed and the goal."""
    by = {(r.lang, r.theme, r.scale, r.engine): r for r in rows}
    lines = ["| screens | theme | font | Tesseract chi_sim found | ms | box h | RapidOCR found | ms | box h |",
             "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    cells = sorted({(r.lang, r.theme, r.scale) for r in rows}, key=lambda c: (c[0] != "zh", THEMES.index(c[1]), c[2]))
    for lang, theme, scale in cells:
        out = [f"| {'Chinese' if lang == 'zh' else 'English'} | {theme} | x{scale:g}"]
        for name in ENGINES:
            r = by[(lang, theme, scale, name)]
            h = f"{statistics.median(r.heights):.2f}" if r.heights else "-"
            out.append(f"{r.found}/{r.total} ({r.recall:.0%}) | {r.median_ms:.0f} | {h}")
        lines.append(" | ".join(out) + " |")
    lines.append("")
    for name, title in (("tesseract", "Tesseract"), ("rapidocr", "RapidOCR")):
        missed = [f"{r.lang} {r.theme} x{r.scale:g} {m}" for r in rows if r.engine == name for m in r.missed]
        lines.append(f"- Missed by {title}: {'; '.join(missed) if missed else 'none'}.")
    for name, title in (("tesseract", "Tesseract chi_sim"), ("rapidocr", "RapidOCR")):
        zh = [r for r in rows if r.engine == name and r.lang == "zh"]
        worst = min(zh, key=lambda r: r.recall, default=None)
        met = worst is not None and worst.recall >= GOAL
        lines.append(f"- Goal ≥ {GOAL:.0%} on the Chinese screens in every cell, {title}: "
                     f"{'met' if met else 'not met'}" + (f" (worst {worst.theme} x{worst.scale:g}: "
                                                         f"{worst.recall:.1%})" if worst else "") + ".")
    return "\n".join(lines)


def run(display: str, repeats: int = 3) -> list[str]:
    """The section for bench/RESULTS.md."""
    from deskpilot.vision.engines import tessdata
    from deskpilot.vision.rapid import THREADS, version

    load, start = os.getloadavg()[0], time.monotonic()
    rows = measure(display, repeats)
    return ["## Chinese OCR: Tesseract chi_sim against RapidOCR (same crops)", "",
            (f"{platform.machine()}, {os.cpu_count()} cores (load average {load:.2f} at the start), Xvfb 1920x1080. "
             f"Tesseract in-process (tesserocr), data `{tessdata()}`; {version()}, {THREADS} threads. "
             f"Texts: the labels and button captions of the demo screens (ground truth: the app's geometry); "
             f"one window crop per screen and cell, read by both engines {repeats} times in turn; ms: median of "
             "one call; box h: the found box's height over the text's own (an anchor's offset in text heights "
             "scales with it)."), "", markdown(rows), "",
            f"This section took {time.monotonic() - start:.0f} s.", ""]


def main(argv: list[str] | None = None) -> int:
    from deskpilot.platform.x11.xvfb import VirtualDisplay

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeats", type=int, default=3, help="calls per engine on each crop (timing)")
    args = parser.parse_args(argv)
    with VirtualDisplay(1920, 1080, accessibility=False) as vd:
        os.environ["DISPLAY"] = vd.name
        print("\n".join(run(vd.name, args.repeats)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
