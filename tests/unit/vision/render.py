"""Render form-like screens with real fonts, so OCR tests read pixels a toolkit would draw."""

from __future__ import annotations

import subprocess
from functools import cache

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from deskpilot.geometry import Rect

Theme = tuple[tuple[int, int, int], tuple[int, int, int]]  # background, text
LIGHT: Theme = ((240, 240, 240), (20, 20, 20))
DARK: Theme = ((43, 43, 43), (230, 230, 230))


@cache
def font_path(family: str) -> str:
    """A system font file found by fontconfig (fonts-dejavu-core, fonts-noto-cjk); never a silent substitute."""
    out = subprocess.run(["fc-match", "-f", "%{family}|%{file}", family], capture_output=True, text=True,
                         check=True).stdout
    found, _, path = out.partition("|")
    assert family in found.split(",") and path, (
        f"fontconfig has no {family!r} (got {found!r}): sudo apt-get install fonts-dejavu-core fonts-noto-cjk")
    return path


def render_form(labels: list[str], *, size: int = 16, theme: Theme = LIGHT, family: str = "DejaVu Sans",
                width: int = 640) -> tuple[np.ndarray, dict[str, Rect]]:
    """A form with one label per row and an empty field to its right; returns BGR pixels and the label boxes."""
    bg, fg = theme
    row = int(size * 2.2)
    img = Image.new("RGB", (width, row * (len(labels) + 1)), bg)
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype(font_path(family), size)
    boxes: dict[str, Rect] = {}
    for i, label in enumerate(labels):
        y = row // 2 + i * row
        draw.text((20, y), label, font=font, fill=fg)
        l, t, r, b = draw.textbbox((20, y), label, font=font)
        boxes[label] = Rect(int(l), int(t), int(r - l), int(b - t))
        draw.rectangle([int(size * 9), y - 4, int(size * 9) + 220, y + size + 4], outline=fg)
    return np.asarray(img)[:, :, ::-1].copy(), boxes
