"""Real Tesseract on rendered form screens: every label found where it was drawn, light and dark, any size."""

from __future__ import annotations

import pytest

from deskpilot.geometry import Point
from deskpilot.vision.tesseract import TesseractOcr
from deskpilot.vision.text import find_phrases
from tests.unit.vision.render import DARK, LIGHT, render_form

LABELS = ["Customer ID:", "Company:", "Contact person:", "Street:", "City:", "Postcode:", "Country:", "Phone:",
          "Credit limit:"]


@pytest.mark.parametrize("theme", [LIGHT, DARK], ids=["light", "dark"])
@pytest.mark.parametrize("size", [13, 16, 20])
def test_every_label_is_found_at_its_place(theme: tuple, size: int) -> None:
    pixels, boxes = render_form(LABELS, size=size, theme=theme)
    words = TesseractOcr().words(pixels, Point(100, 50), "eng")  # origin: the crop sat at (100, 50) on screen
    for label, drawn in boxes.items():
        matches = [m for m in find_phrases(words, label) if m.similarity >= 0.95]
        assert len(matches) == 1, (label, [w.text for w in words])
        got = matches[0].box
        assert abs(got.x - (drawn.x + 100)) <= 3 and abs(got.y - (drawn.y + 50)) <= 4, (label, got, drawn)
        assert abs(got.right - (drawn.right + 100)) <= 10  # OCR may leave out the colon's width


def test_chinese_labels_are_found_with_chi_sim() -> None:
    labels = ["客户名称:", "联系人:", "电话:"]
    pixels, boxes = render_form(labels, size=20, family="Noto Sans CJK SC")
    words = TesseractOcr().words(pixels, Point(0, 0), "eng+chi_sim")
    for label, drawn in boxes.items():
        best = max(find_phrases(words, label), key=lambda m: m.similarity, default=None)
        assert best is not None and best.similarity >= 0.9, (label, [w.text for w in words])
        assert abs(best.box.center.y - drawn.center.y) <= 5


def test_read_text_reads_a_region() -> None:
    pixels, boxes = render_form(["Total: 1,234.50"], size=16)
    assert TesseractOcr().read_text(pixels, "eng") == "Total: 1,234.50"
