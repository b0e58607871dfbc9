"""read_table's grouping: rows by height, cells by wide gaps, the header skipped; and on real OCR of a list."""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from deskpilot.geometry import Point, Rect
from deskpilot.ports import Word
from deskpilot.vision.table import table_rows
from deskpilot.vision.tesseract import TesseractOcr
from tests.unit.vision.render import font_path

COLUMNS = ["Invoice", "Customer", "Amount"]
ROWS = [("INV-1001", "Acme Corp", "1,234.50"), ("INV-1004", "Baltic Trading", "310.00"),
        ("INV-1009", "Nordic Tools", "2,045.75")]


def word(text: str, x: int, y: int, w: int | None = None, line: int = 0) -> Word:
    return Word(text, Rect(x, y, w or 8 * len(text), 12), 0.9, (line, 0, 0))


def test_rows_come_from_height_and_cells_from_wide_gaps_whatever_ocr_lines_say() -> None:
    words = [word("Invoice", 20, 10), word("Customer", 200, 10), word("Amount", 420, 10),
             word("INV-1001", 20, 40, line=1), word("Acme", 200, 41, line=2), word("Corp", 240, 41, line=2),
             word("1,234.50", 420, 39, line=3), word("|", 190, 40),  # a grid line read as a bar
             word("INV-1004", 20, 70, line=4), word("Baltic", 200, 70, line=4), word("Trading", 256, 70, line=4),
             word("310.00", 436, 70, line=5), word("Total", 20, 110), word("1,544.50", 420, 110)]
    assert table_rows(words, COLUMNS) == [
        {"Invoice": "INV-1001", "Customer": "Acme Corp", "Amount": "1,234.50"},
        {"Invoice": "INV-1004", "Customer": "Baltic Trading", "Amount": "310.00"},
        {"Invoice": "Total", "Customer": "1,544.50", "Amount": ""},  # cells fill columns in order, left to right
    ]


def test_a_rendered_list_reads_back_with_real_tesseract() -> None:
    font = ImageFont.truetype(font_path("DejaVu Sans"), 16)
    img = Image.new("RGB", (640, 200), (255, 255, 255))
    draw = ImageDraw.Draw(img)
    xs = (20, 160, 520)
    for j, name in enumerate(COLUMNS):
        draw.text((xs[j], 10), name, font=font, fill=(0, 0, 0))
    for i, row in enumerate(ROWS):
        for j, cell in enumerate(row):
            draw.text((xs[j], 50 + 34 * i), cell, font=font, fill=(0, 0, 0))
    pixels = np.asarray(img)[:, :, ::-1].copy()
    words = TesseractOcr().words(pixels, Point(0, 0), "eng")
    assert table_rows(words, COLUMNS) == [dict(zip(COLUMNS, row)) for row in ROWS]
