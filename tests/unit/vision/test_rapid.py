"""RapidOCR behind the Ocr port, and the second reading that uses it only for Chinese (CJK) text.

The real engine reads rendered forms (its model loads once per test session, ~1 s); the choice of
reading and the replay's CJK-only firing are checked with fakes.
"""

from __future__ import annotations

import itertools
import sys
from collections.abc import Iterator

import numpy as np
import pytest

from deskpilot import model as m
from deskpilot.errors import EnvironmentProblem
from deskpilot.geometry import Point, Rect
from deskpilot.ports import Frame, Word
from deskpilot.vision import rapid, second_reading
from deskpilot.vision.locate import decide
from deskpilot.vision.rapid import RapidOcr
from deskpilot.vision.second_reading import ByScript, ReplayReading, recorder_second
from deskpilot.vision.text import find_phrases
from tests.unit.vision.render import DARK, LIGHT, Theme, render_form

LABELS = ["报销人：", "日期：", "类别：", "金额：", "客户编号：", "Customer ID:"]


@pytest.fixture(scope="session")
def ocr() -> RapidOcr:
    """The warm engine, loaded once for the session (a missing RapidOCR fails here with the install command)."""
    rapid.engine()
    return RapidOcr()


@pytest.fixture(autouse=True)
def fresh_choice(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.delenv(second_reading.CHOICE, raising=False)
    second_reading.reset()
    yield
    second_reading.reset()


# --- the real engine -------------------------------------------------------------------------------


@pytest.mark.parametrize("theme, size", [(LIGHT, 13), (DARK, 18)], ids=["light-13", "dark-18"])
def test_every_label_is_read_at_its_place_on_the_screen(ocr: RapidOcr, theme: Theme, size: int) -> None:
    pixels, drawn = render_form(LABELS, size=size, theme=theme, family="Noto Sans CJK SC")
    words = ocr.words(pixels, Point(100, 50), "chi_sim+eng")  # the crop sat at (100, 50) on the screen
    for label, box in drawn.items():
        best = max(find_phrases(words, label), key=lambda p: p.similarity, default=None)
        assert best is not None and best.similarity >= 0.95, (label, [w.text for w in words])
        got = best.box
        assert abs(got.x - (box.x + 100)) <= 3 and abs(got.y - (box.y + 50)) <= 3, (label, got, box)
        assert abs(got.h - box.h) <= 3, (label, got, box)  # the glyphs' own height, not the detector's padded box
        # a full-width colon's dots sit in the left half of its cell: the ink ends before the drawn advance
        assert box.right + 100 - 0.6 * size <= got.right <= box.right + 100 + 2, (label, got, box)


def test_a_chinese_line_is_a_word_per_character_so_part_of_a_label_is_found_too(ocr: RapidOcr) -> None:
    pixels, drawn = render_form(["客户编号："], size=16, family="Noto Sans CJK SC")
    words = ocr.words(pixels, Point(0, 0), "chi_sim+eng")
    line = [w for w in words if drawn["客户编号："].grow(4).contains(w.box.center)]
    assert [w.text for w in line] == ["客", "户", "编", "号", "："]
    assert len({w.line for w in line}) == 1
    assert all(a.box.right <= b.box.x for a, b in itertools.pairwise(line))  # boxes of their own, left to right
    part = find_phrases(words, "客户")
    assert len(part) == 1 and 0.8 <= part[0].similarity < 0.9  # part of a longer phrase, as with Tesseract


def test_read_text_gives_the_lines(ocr: RapidOcr) -> None:
    pixels, _ = render_form(["报销人：", "金额："], size=16, family="Noto Sans CJK SC")
    assert ocr.read_text(pixels, "chi_sim") == "报销人：\n金额："


def test_replay_reading_finds_a_chinese_anchor_where_it_is(ocr: RapidOcr) -> None:
    pixels, drawn = render_form(LABELS, size=15, family="Noto Sans CJK SC")
    frame = Frame(pixels, Point(300, 200))
    target = m.Target(anchors=(m.TextAnchor(text="金额：", offset=(160.0, 0.0)),))
    reading = ReplayReading(lambda: ocr)
    res = decide(reading.candidates(target, frame, [frame.rect]))
    label = drawn["金额："]
    assert res.found and res.best is not None, res.reason
    assert abs(res.best.point.x - (300 + label.x + label.w // 2 + 160)) <= 5
    assert abs(res.best.point.y - (200 + label.y + label.h // 2)) <= 3


# --- the word split, without the model --------------------------------------------------------------


def test_split_gives_each_word_its_own_ink_and_leaves_a_caret_out() -> None:
    grey = np.full((30, 120), 240, np.uint8)
    for x0, x1 in ((10, 22), (25, 37), (41, 44)):  # two glyphs and a colon's dots
        grey[8:22, x0:x1] = 20
    grey[5:25, 60] = 0  # the caret of the field to the right, inside the detector's box
    det = rapid._Detection("报销：", Rect(4, 2, 62, 26), 0.99,
                           [("报", 8, 23, 0.99), ("销", 23, 39, 0.99), ("：", 39, 55, 0.98)])
    words = rapid._split(det, 3, grey, Point(1000, 500))
    assert [(w.text, w.box) for w in words] == [("报", Rect(1010, 508, 12, 14)), ("销", Rect(1025, 508, 12, 14)),
                                                ("：", Rect(1041, 508, 3, 14))]
    assert {w.line for w in words} == {(3, 1, 1)} and words[2].conf == 0.98


def test_latin_text_is_split_at_spaces_and_wide_characters_stand_alone() -> None:
    chars = [(c, i * 8, i * 8 + 8, 0.9) for i, c in enumerate("Total 金额:12")]
    assert ["".join(c[0] for c in t) for t in rapid._tokens(chars)] == ["Total", "金", "额", ":12"]


def test_a_frame_edge_across_the_box_is_no_ink() -> None:
    grey = np.full((24, 100), 250, np.uint8)
    grey[1, :] = 90  # a button's top edge inside the detector's box
    grey[6:18, 30:42] = 10
    det = rapid._Detection("存", Rect(0, 0, 100, 24), 0.99, [("存", 26, 46, 0.99)])
    assert [w.box for w in rapid._split(det, 1, grey, Point(0, 0))] == [Rect(30, 6, 12, 12)]


# --- where the second reading fires, and the choice ----------------------------------------------------


class CountingOcr:
    def __init__(self, words: list[Word]) -> None:
        self.found, self.calls = words, 0

    def words(self, pixels: np.ndarray, origin: Point, lang: str) -> list[Word]:
        self.calls += 1
        return self.found


def test_the_replay_reading_fires_only_for_anchors_with_chinese_text() -> None:
    fake = CountingOcr([Word("金", Rect(10, 10, 14, 14), 0.99, (1, 1, 1)), Word("额", Rect(26, 10, 14, 14), 0.99,
                                                                               (1, 1, 1))])
    reading = ReplayReading(lambda: fake)
    frame = Frame(np.zeros((100, 200, 3), np.uint8))
    latin = m.Target(anchors=(m.TextAnchor(text="Amount:"), m.ImageAnchor(image="a.png")))
    assert reading.candidates(latin, frame, [frame.rect]) == [] and fake.calls == 0
    chinese = m.Target(anchors=(m.TextAnchor(text="Amount:"), m.TextAnchor(text="金额", offset=(50.0, 0.0))))
    cands = reading.candidates(chinese, frame, [frame.rect])
    assert [(c.anchor_index, c.point) for c in cands] == [(1, Point(75, 17))] and fake.calls == 1
    reading.candidates(chinese, frame, [frame.rect])  # an unchanged screen is not read again
    assert fake.calls == 1 and reading.calls == 1


def test_without_rapidocr_the_replay_reading_adds_nothing() -> None:
    frame = Frame(np.zeros((50, 50, 3), np.uint8))
    target = m.Target(anchors=(m.TextAnchor(text="金额："),))
    assert ReplayReading(lambda: None).candidates(target, frame, [frame.rect]) == []


def test_the_choice_is_checked(monkeypatch: pytest.MonkeyPatch) -> None:
    assert second_reading.choice() == "auto"
    monkeypatch.setenv(second_reading.CHOICE, "RapidOCR")
    assert second_reading.choice() == "rapidocr"
    monkeypatch.setenv(second_reading.CHOICE, "rapid")
    with pytest.raises(EnvironmentProblem, match="DESKPILOT_OCR_SECOND='rapid' is not one of auto, rapidocr"):
        second_reading.choice()


@pytest.mark.parametrize("choice, installed, expect", [
    ("off", True, "none"), ("tesseract", True, "tesseract"), ("auto", False, "tesseract"),
    ("auto", True, "by script"), ("rapidocr", True, "by script"),
])
def test_the_recorder_second_reading_follows_the_choice(monkeypatch: pytest.MonkeyPatch, choice: str,
                                                        installed: bool, expect: str) -> None:
    monkeypatch.setenv(second_reading.CHOICE, choice)
    monkeypatch.setattr(rapid, "available", lambda: installed)
    tesseract = CountingOcr([])
    got = recorder_second(tesseract)
    kinds = {"none": got is None, "tesseract": got is tesseract,
             "by script": isinstance(got, ByScript) and got.latin is tesseract}
    assert kinds[expect], got


def test_rapidocr_chosen_but_missing_is_an_error_and_auto_falls_back(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(rapid, "available", lambda: False)
    monkeypatch.setattr(rapid, "_engine", None)
    monkeypatch.setitem(sys.modules, "rapidocr_onnxruntime", None)  # the import fails as if not installed
    monkeypatch.setenv(second_reading.CHOICE, "rapidocr")
    with pytest.raises(rapid.RapidOcrMissing, match="not installed: .venv/bin/pip install --no-deps"):
        recorder_second(CountingOcr([]))
    with pytest.raises(rapid.RapidOcrMissing, match=r"RapidOCR does not load .*pip install --no-deps"):
        second_reading.cjk_reader()
    monkeypatch.setenv(second_reading.CHOICE, "auto")
    second_reading.reset()
    assert second_reading.cjk_reader() is None
    assert "not installed" in second_reading.role()


def test_tesseract_or_off_never_loads_rapidocr(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse() -> None:
        raise AssertionError("RapidOCR loaded")

    monkeypatch.setattr(rapid, "engine", refuse)
    for choice in ("tesseract", "off"):
        monkeypatch.setenv(second_reading.CHOICE, choice)
        second_reading.reset()
        assert second_reading.cjk_reader() is None
        assert choice in second_reading.role()
