"""Render form-like screens with real fonts, so OCR tests read pixels a toolkit would draw."""

from __future__ import annotations

import subprocess
from functools import lru_cache

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from deskpilot.geometry import Rect

LIGHT = ((240, 240, 240), (20, 20, 20))
DARK = ((43, 43, 43), (230, 230, 230))


@lru_cache(maxsize=None)
def font_path(family: str) -> str:
    """A system font file found by fontconfig (fonts-dejavu-core, fonts-noto-cjk)."""
    out = subprocess.run(["fc-match", "-f", "%{file}", family], capture_output=True, text=True, check=True).stdout
    assert out, f"fontconfig found no font for {family}: sudo apt-get install fonts-dejavu-core fonts-noto-cjk"
    return out


def render_form(labels: list[str], *, size: int = 16, theme: tuple = LIGHT, family: str = "DejaVu Sans",
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
        boxes[label] = Rect(l, t, r - l, b - t)
        draw.rectangle([int(size * 9), y - 4, int(size * 9) + 220, y + size + 4], outline=fg)
    return np.asarray(img)[:, :, ::-1].copy(), boxes
