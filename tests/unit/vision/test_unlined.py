"""The second OCR reading: frames and grid lines removed, so a label hugged by a focus frame reads."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from deskpilot import model as m
from deskpilot.geometry import Point, Rect
from deskpilot.ports import Frame, Word
from deskpilot.vision.resolve import Resolver
from deskpilot.vision.tesseract import TesseractOcr, prepare, remove_lines
from tests.unit.vision.render import font_path


def framed_buttons() -> np.ndarray:
    """A dialog's two buttons: the default one with a tight dark focus frame, as Fusion draws it."""
    img = Image.new("RGB", (200, 60), (239, 239, 239))
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype(font_path("DejaVu Sans"), 15)
    for x, label, edge in ((14, "Yes", (48, 90, 140)), (110, "No", (150, 150, 150))):
        draw.rectangle([x, 14, x + 80, 40], outline=edge, width=2 if label == "Yes" else 1, fill=(246, 246, 246))
        draw.text((x + 26, 18), label, font=font, fill=(0, 0, 0))
    return np.asarray(img)[:, :, ::-1].copy()


def test_lines_are_painted_over_and_letters_stay() -> None:
    grey = prepare(framed_buttons())
    cleaned = remove_lines(grey)
    assert (grey[30, :] < 128).sum() > 50 and (cleaned[28:32, 20:180] < 128).sum() == 0  # the frames' top edges
    text = [w.text for w in TesseractOcr().words_without_lines(framed_buttons(), Point(0, 0), "eng")]
    assert "Yes" in text and "No" in text


class MissesFramedText:
    """An OCR whose first reading misses "Yes" (as Tesseract does beside a focus frame); the second finds it."""

    def __init__(self) -> None:
        self.calls: list[str] = []

    def words(self, pixels: np.ndarray, origin: Point, lang: str) -> list[Word]:
        self.calls.append("words")
        return [Word("No", Rect(origin.x + 120, origin.y + 20, 20, 12), 0.9)]

    def words_without_lines(self, pixels: np.ndarray, origin: Point, lang: str) -> list[Word]:
        self.calls.append("without_lines")
        return [Word("No", Rect(origin.x + 120, origin.y + 20, 20, 12), 0.9),
                Word("Yes", Rect(origin.x + 30, origin.y + 20, 30, 12), 0.9)]


def test_the_resolver_reads_again_without_lines_only_when_the_text_was_not_found() -> None:
    ocr = MissesFramedText()
    resolver = Resolver(None, ocr, None, Path("."))  # type: ignore[arg-type]
    frame = Frame(np.full((60, 200, 3), 239, np.uint8))
    target = m.Target(anchors=(m.TextAnchor(text="Yes"),))
    first = resolver.resolve(target, frame)  # pixels never seen: the screen may still be drawing, look again soon
    assert not first.found and "without_lines" not in ocr.calls
    res = resolver.resolve(target, frame)  # the same pixels again: held still, worth the second reading
    assert res.found and res.best is not None and res.best.point == Point(45, 26)
    assert ocr.calls[-1] == "without_lines"
    ocr.calls.clear()
    assert resolver.resolve(m.Target(anchors=(m.TextAnchor(text="No"),)), frame).found
    assert "without_lines" not in ocr.calls


def test_the_last_look_reads_without_lines_even_on_pixels_never_seen() -> None:
    ocr = MissesFramedText()
    resolver = Resolver(None, ocr, None, Path("."))  # type: ignore[arg-type]
    frame = Frame(np.full((60, 200, 3), 239, np.uint8))
    res = resolver.resolve(m.Target(anchors=(m.TextAnchor(text="Yes"),)), frame, thorough=True)
    assert res.found and ocr.calls[-1] == "without_lines"
