"""OCR recall on the demo screens: how many of the labels the app itself draws does Tesseract find, and where.

Ground truth is the app's own widget geometry (``--geometry-out``): each label's text
and rectangle. A label counts as found when a phrase reading like it (the resolver's
own comparison, similarity ≥ 0.8) lies on its rectangle. Light and dark theme, font
scale 1.0 to 1.5, every demo screen, each read the way the resolver reads: one window.

    python -m bench.ocr_recall        (its own 1920x1080 Xvfb)
"""

from __future__ import annotations

import json
import os
import re
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

SCREENS = {"customer": "Customer Master - ACME ERP", "expense": "Expense Claims - ACME ERP",
           "terminal": "TERMINAL - CUSTMAINT", "reports": "Sales Report - ACME ERP"}
SCALES = (1.0, 1.25, 1.5)
THEMES = ("light", "dark")


def recall(display: str, work: Path) -> dict[tuple[str, float], tuple[int, int, list[str]]]:
    from deskpilot.demoapp.launch import launch
    from deskpilot.geometry import Point, Rect
    from deskpilot.platform import backend
    from deskpilot.vision.tesseract import TesseractOcr

    out: dict[tuple[str, float], tuple[int, int, list[str]]] = {}
    ocr, screen = TesseractOcr(), backend().screen()
    for theme in THEMES:
        for scale in SCALES:
            found = total = 0
            missed: list[str] = []
            for name, title in SCREENS.items():
                geo_path = work / f"{name}-{theme}-{scale}.json"
                args = ["--screen", name, "--font-scale", str(scale), "--geometry-out", str(geo_path),
                        "--height", "760"] + (["--dark"] if theme == "dark" else [])
                app = launch(work / f"{name}.jsonl", *args, display=display, title=title)
                try:
                    time.sleep(0.8)  # the geometry dump follows the first paint
                    geo = json.loads(geo_path.read_text(encoding="utf-8"))
                    assert app.window is not None
                    win = app.window.rect
                    frame = screen.grab()
                    pixels, clipped = frame.crop(win)
                    words = ocr.words(pixels, Point(clipped.x, clipped.y), "eng")
                finally:
                    app.stop()
                for label in geo["labels"]:
                    rect = Rect(*label["rect"]).grow(6)
                    # a run of spaces separates texts a person sees apart ("F3=Exit  F5=Clear  F10=Save")
                    for part in re.split(r"\s{2,}", label["text"].strip()):
                        if not any(ch.isalnum() for ch in part):
                            continue  # dot leaders (". . :") are no text to find
                        found, total = count(words, " ".join(part.split()), rect, found, total, missed, name)
            out[(theme, scale)] = (found, total, missed)
    return out


def count(words: list[Any], text: str, rect: Any, found: int, total: int, missed: list[str],
          screen: str) -> tuple[int, int]:
    """One ground-truth text: found when a phrase reading like it lies on its rectangle."""
    from deskpilot.vision.text import find_phrases

    hits = [p for p in find_phrases(words, text) if p.similarity >= 0.8 and rect.intersect(p.box)]
    if not hits:
        missed.append(f"{screen}: {text}")
    return found + bool(hits), total + 1


def run(display: str) -> list[str]:
    with tempfile.TemporaryDirectory() as tmp:
        results = recall(display, Path(tmp))
    lines = ["## OCR recall on the demo screens (goal ≥ 99 %)", "",
             "Labels of the customer, expense, terminal and report screens (ground truth: the app's widget "
             "geometry), each window read as the resolver reads it.", "",
             "| theme | " + " | ".join(f"font x{s:g}" for s in SCALES) + " |", "| --- |" + " ---: |" * len(SCALES)]
    missed: list[str] = []
    for theme in THEMES:
        cells = []
        for scale in SCALES:
            found, total, miss = results[(theme, scale)]
            cells.append(f"{found}/{total} ({found / total:.0%})")
            missed += [f"{theme} x{scale:g} {m}" for m in miss]
        lines.append(f"| {theme} | " + " | ".join(cells) + " |")
    lines += ["", "Missed: " + ("; ".join(missed) if missed else "none"), ""]
    return lines


def main() -> int:
    from deskpilot.platform.x11.xvfb import VirtualDisplay

    with VirtualDisplay(1920, 1080) as vd:
        os.environ["DISPLAY"] = vd.name
        print("\n".join(run(vd.name)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
