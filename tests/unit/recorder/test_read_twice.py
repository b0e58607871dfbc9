"""The record-time check of a label: a phrase with Chinese characters is read again by RapidOCR, others by Tesseract."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import pytest

from deskpilot.geometry import Point, Rect
from deskpilot.ports import Frame, Word
from deskpilot.recorder.labels import read_twice
from deskpilot.vision import second_reading
from deskpilot.vision.second_reading import ByScript
from deskpilot.vision.tesseract import SECOND_READING, TesseractOcr
from tests.unit.vision.render import render_form


class Reads:
    """Reads ``text`` wherever it is asked, and counts how often."""

    def __init__(self, text: str) -> None:
        self.text, self.calls = text, 0

    def words(self, pixels: np.ndarray, origin: Point, lang: str) -> list[Word]:
        self.calls += 1
        return [Word(self.text, Rect(origin.x, origin.y, 40, 14), 0.9, (1, 1, 1))]


@pytest.fixture(autouse=True)
def auto_choice(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.delenv(second_reading.CHOICE, raising=False)
    second_reading.reset()
    yield
    second_reading.reset()


FRAME = Frame(np.full((100, 300, 3), 240, np.uint8))


def test_a_chinese_phrase_is_checked_by_the_cjk_reading_a_latin_one_by_tesseract() -> None:
    tesseract, rapid = Reads("Amount:"), Reads("金额：")
    second = ByScript(tesseract, lambda: rapid)
    assert read_twice(FRAME, [Word("金额", Rect(20, 20, 28, 14), 0.9), Word(":", Rect(50, 20, 3, 14), 0.8)],
                      second, "chi_sim+eng")
    assert (rapid.calls, tesseract.calls) == (1, 0)
    assert read_twice(FRAME, [Word("Amount:", Rect(20, 50, 50, 14), 0.9)], second, "chi_sim+eng")
    assert (rapid.calls, tesseract.calls) == (1, 1)


def test_without_a_cjk_reading_tesseract_checks_chinese_too() -> None:
    tesseract = Reads("金额：")
    assert read_twice(FRAME, [Word("金额：", Rect(20, 20, 40, 14), 0.9)], ByScript(tesseract, lambda: None), "chi_sim")
    assert tesseract.calls == 1


def test_rapidocr_passes_a_real_chinese_label_and_refuses_a_misreading() -> None:
    pixels, drawn = render_form(["报销人：", "金额："], size=14, family="Noto Sans CJK SC")
    frame = Frame(pixels, Point(0, 0))
    second = ByScript(TesseractOcr(**SECOND_READING))  # the recorder's: RapidOCR for CJK where it loads
    assert isinstance(second.for_text("报销人"), second_reading.rapid.RapidOcr)
    label = drawn["报销人："]
    first = [Word("报销", Rect(label.x, label.y, 26, label.h), 0.9),  # as Tesseract's chi_sim splits it
             Word("人", Rect(label.x + 28, label.y, 13, label.h), 0.9),
             Word(":", Rect(label.x + 44, label.y, 4, label.h), 0.7)]
    assert read_twice(frame, first, second, "chi_sim+eng")
    misread = [Word("报销入:", label, 0.9)]  # Tesseract's "入" for "人": a second Tesseract reading may agree
    assert not read_twice(frame, misread, second, "chi_sim+eng")


class Fixed:
    """Reads the same words wherever it is asked (positions are the screen's)."""

    def __init__(self, words: list[Word]) -> None:
        self.fixed, self.calls = words, 0

    def words(self, pixels: np.ndarray, origin: Point, lang: str) -> list[Word]:
        self.calls += 1
        return list(self.fixed)


def test_a_chinese_label_tesseract_misread_is_taken_from_rapidocr_before_the_heading_above() -> None:
    from deskpilot.recorder.labels import label_for

    heading = [Word("报销", Rect(12, 10, 28, 19), 0.93, (1, 1, 1)), Word("单", Rect(40, 10, 14, 19), 0.9, (1, 1, 1))]
    misread = [Word("BA", Rect(12, 46, 44, 15), 0.9, (2, 1, 1))]  # chi_sim's reading of 报销人
    rapid = Fixed([Word(ch, Rect(12 + 14 * i, 46, 13, 15), 0.95, (2, 1, 1)) for i, ch in enumerate("报销人")])
    second = ByScript(Fixed(heading), cjk=lambda: rapid)  # Tesseract's second reading agrees with the heading only
    got = label_for(FRAME, heading + misread, Point(120, 53), text_field=True, second=second, lang="chi_sim+eng")
    assert got is not None and got.text == "报销人" and rapid.calls == 1
    # an English routine never takes a label from RapidOCR's reading of the band
    english = label_for(FRAME, heading + misread, Point(120, 53), text_field=True, second=second, lang="eng")
    assert english is None
