"""Real Tesseract on rendered form screens: every label found where it was drawn, light and dark, any size."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from deskpilot import model as m
from deskpilot.errors import TesseractMissing
from deskpilot.geometry import Point
from deskpilot.vision.locate import decide, text_candidates
from deskpilot.vision.tesseract import TesseractOcr
from deskpilot.vision.text import find_phrases
from tests.unit.vision.render import DARK, LIGHT, Theme, render_form

LABELS = ["Customer ID:", "Company:", "Contact person:", "Street:", "City:", "Postcode:", "Country:", "Phone:",
          "Credit limit:"]


@pytest.mark.parametrize("theme", [LIGHT, DARK], ids=["light", "dark"])
@pytest.mark.parametrize("size", [13, 16, 20])
def test_every_label_is_found_at_its_place(theme: Theme, size: int) -> None:
    pixels, boxes = render_form(LABELS, size=size, theme=theme)
    words = TesseractOcr().words(pixels, Point(100, 50), "eng")  # origin: the crop sat at (100, 50) on screen
    for label, drawn in boxes.items():
        matches = [m for m in find_phrases(words, label) if m.similarity >= 0.95]
        assert len(matches) == 1, (label, [w.text for w in words])
        got = matches[0].box
        assert abs(got.x - (drawn.x + 100)) <= 3 and abs(got.y - (drawn.y + 50)) <= 4, (label, got, drawn)
        assert abs(got.right - (drawn.right + 100)) <= 10  # OCR may leave out the colon's width
        res = decide(text_candidates(m.TextAnchor(text=label, offset_em=(4, 0)), 0, words))
        assert res.found and res.best is not None, res.reason
        assert abs(res.best.point.x - (got.center.x + 4 * got.h)) <= 1 and abs(res.best.point.y - got.center.y) <= 1


def test_chinese_labels_are_found_with_chi_sim() -> None:
    labels = ["客户名称:", "联系人:", "电话:"]
    pixels, boxes = render_form(labels, size=20, family="Noto Sans CJK SC")
    words = TesseractOcr().words(pixels, Point(0, 0), "eng+chi_sim")
    for label, drawn in boxes.items():
        best = max(find_phrases(words, label), key=lambda m: m.similarity, default=None)
        assert best is not None and best.similarity >= 0.9, (label, [w.text for w in words])
        assert abs(best.box.center.y - drawn.center.y) <= 5


@pytest.mark.parametrize("theme", [LIGHT, DARK], ids=["light", "dark"])
def test_a_chinese_screen_is_read_twice_and_every_label_found_once_with_a_tight_box(theme: Theme) -> None:
    """The sparse reading alone misses 就绪 here; the block reading in chi_sim adds it. No label is found twice,
    and no label's box grows past its own text (the block reading's frame lines are left out)."""
    labels = ["报销人：", "日期：", "类别：", "金额：", "说明：", "保存", "清空", "查询", "城市：", "客户编号：", "就绪"]
    pixels, boxes = render_form(labels, size=16, theme=theme, family="Noto Sans CJK SC")
    words = TesseractOcr().words(pixels, Point(0, 0), "chi_sim+eng")
    for label, drawn in boxes.items():
        found = [m for m in find_phrases(words, label) if m.similarity >= 0.8]
        assert len(found) == 1, (label, [w.text for w in words])
        assert found[0].box.h <= drawn.h + 2 and abs(found[0].box.center.y - drawn.center.y) <= 5, (label, found)
    assert any(w.line[0] >= 10_000 for w in words) and any(w.line[0] < 10_000 for w in words)
    english, _ = render_form(LABELS[:3], size=16, theme=theme)
    assert all(w.line[0] < 10_000 for w in TesseractOcr().words(english, Point(0, 0), "eng"))


def test_read_text_reads_a_region() -> None:
    pixels, _ = render_form(["Total: 1,234.50"], size=16)
    assert TesseractOcr().read_text(pixels, "eng") == "Total: 1,234.50"


def test_a_missing_tesseract_says_how_to_install_it(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import pytesseract

    monkeypatch.setattr(pytesseract.pytesseract, "tesseract_cmd", str(tmp_path / "no-tesseract-here"))
    with pytest.raises(TesseractMissing) as err:
        TesseractOcr().words(np.full((20, 40, 3), 255, np.uint8), Point(0, 0), "eng")
    assert str(err.value) == ("Tesseract OCR is not installed: sudo apt-get install tesseract-ocr "
                              "(and tesseract-ocr-chi-sim for Chinese)")


def test_a_missing_language_pack_names_its_package() -> None:
    # Tesseract itself reads "eng+klingon_tlh" as English alone without a word; we refuse instead
    with pytest.raises(TesseractMissing) as err:
        TesseractOcr().read_text(np.full((20, 40, 3), 255, np.uint8), "eng+klingon_tlh")
    assert str(err.value) == ("Tesseract language klingon_tlh is not installed: "
                              "sudo apt-get install tesseract-ocr-klingon-tlh")
