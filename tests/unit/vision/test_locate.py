"""Candidates and the decision, on plain data: offsets that scale, disambiguation, never a guess."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from deskpilot import model as m
from deskpilot.geometry import Point, Rect
from deskpilot.ports import Frame, Window, Word
from deskpilot.result import Candidate
from deskpilot.vision.locate import (
    corroborate,
    decide,
    image_candidates,
    point_candidate,
    text_candidates,
    window_candidates,
)
from deskpilot.vision.resolve import Resolver


def word(text: str, x: int, y: int, h: int = 12, conf: float = 0.95, line: int | None = None) -> Word:
    return Word(text, Rect(x, y, 8 * len(text), h), conf, (1, 1, line if line is not None else y))


def test_offset_in_text_heights_grows_with_the_font() -> None:
    anchor = m.TextAnchor(text="City:", offset=(100, 0), offset_em=(10, 0))
    small = text_candidates(anchor, 0, [word("City:", 50, 100, h=12)])[0]
    large = text_candidates(anchor, 0, [word("City:", 50, 100, h=18)])[0]
    assert small.point == Point(50 + 20 + 120, 106)
    assert large.point == Point(50 + 20 + 180, 109)
    pixels_only = text_candidates(m.TextAnchor(text="City:", offset=(100, 0)), 0, [word("City:", 50, 100, h=18)])[0]
    assert pixels_only.point == Point(170, 109)


def test_two_equal_labels_are_ambiguous_without_a_hint() -> None:
    words = [word("Amount:", 10, 100), word("Amount:", 10, 300)]
    res = decide(text_candidates(m.TextAnchor(text="Amount:"), 0, words))
    assert res.status == "ambiguous" and res.reason.startswith("2 places match equally well")


def test_occurrence_and_near_pick_one_of_equal_labels() -> None:
    words = [word("Amount:", 10, 300), word("Amount:", 10, 100)]
    second = decide(text_candidates(m.TextAnchor(text="Amount:", occurrence=2), 0, words))
    assert second.found and second.best is not None and second.best.box == Rect(10, 300, 56, 12)
    near = decide(text_candidates(m.TextAnchor(text="Amount:", near=(40, 110)), 0, words))
    assert near.found and near.best is not None and near.best.box == Rect(10, 100, 56, 12)


def test_occurrence_counts_in_reading_order_rows_first() -> None:
    words = [word("Qty", 300, 52, line=2), word("Qty", 20, 50, line=1), word("Qty", 20, 200, line=3)]
    picks = [decide(text_candidates(m.TextAnchor(text="Qty", occurrence=n), 0, words)).best for n in (1, 2, 3)]
    assert [(c.box.x, c.box.y) for c in picks if c and c.box] == [(20, 50), (300, 52), (20, 200)]
    assert text_candidates(m.TextAnchor(text="Qty", occurrence=4), 0, words) == []


def test_near_breaks_ties_but_never_beats_a_clearly_better_match() -> None:
    words = [word("Amount:", 10, 100, conf=0.95), word("Amourt:", 10, 300, conf=0.95)]
    anchor = m.TextAnchor(text="Amount:", near=(40, 300))  # recorded next to the weaker reading
    res = decide(text_candidates(anchor, 0, words))
    assert res.found and res.best is not None and res.best.box is not None and res.best.box.y == 100


def test_a_poor_match_is_not_found_and_says_what_was_seen() -> None:
    res = decide(text_candidates(m.TextAnchor(text="Customer ID:"), 0, [word("Custonner ID", 10, 10, conf=0.6)]))
    assert res.status == "not_found" and res.best is None
    assert res.reason.startswith('best match "Custonner ID" (0.') and "< 0.80) at (" in res.reason


def test_anchors_that_agree_support_each_other() -> None:
    text = text_candidates(m.TextAnchor(text="Save"), 0, [word("Save", 100, 100)])
    window = window_candidates(m.WindowAnchor(window="x", point=(116, 106)), 1,
                               [Window(1, "x", Rect(0, 0, 400, 300))], alone=False)
    res = decide(text + window)
    assert res.found and res.best is not None and res.best.how == "text"


def test_an_image_and_a_text_anchor_agreeing_on_one_point_are_not_rivals() -> None:
    text = text_candidates(m.TextAnchor(text="Save", offset=(0, 0)), 0, [word("Save", 100, 100)])
    image = image_candidates(m.ImageAnchor(image="save.png", point=(14, 8)), 1, [(Rect(103, 99, 30, 16), 0.93, 1.0)],
                             (30, 16))
    assert text[0].point == Point(116, 106) and image[0].point == Point(117, 107)
    res = decide(text + image)
    assert res.found and res.best is not None and res.best.how == "text" and len(res.candidates) == 2


def test_an_image_point_scales_with_the_match_and_the_recorded_point_scores_half() -> None:
    anchor = m.ImageAnchor(image="x.png", point=(10, 4))
    big = image_candidates(anchor, 2, [(Rect(200, 100, 75, 30), 0.9, 1.5)], (50, 20))[0]
    assert big.point == Point(215, 106) and big.scale == 1.5 and big.anchor_index == 2
    centre = image_candidates(m.ImageAnchor(image="x.png"), 0, [(Rect(200, 100, 50, 20), 0.9, 1.0)], (50, 20))[0]
    assert centre.point == Point(225, 110)
    last = point_candidate(m.PointAnchor(at=(5, 6)), 3)
    assert (last.point, last.score, last.how, last.anchor_index) == (Point(5, 6), 0.5, "point", 3)


def test_nothing_at_all_is_not_found_with_a_reason() -> None:
    res = decide([])
    assert res.status == "not_found" and res.best is None and res.reason


def test_a_window_anchor_alone_is_trusted_but_two_windows_are_ambiguous() -> None:
    anchor = m.WindowAnchor(window="x", point=(10, 10))
    one = decide(window_candidates(anchor, 0, [Window(1, "x", Rect(100, 100, 50, 50))], alone=True))
    assert one.found and one.best is not None and one.best.point == Point(110, 110)
    two = decide(window_candidates(anchor, 0, [Window(1, "x", Rect(100, 100, 50, 50)),
                                               Window(2, "x", Rect(300, 100, 50, 50))], alone=True))
    assert two.status == "ambiguous"


class CountingOcr:
    def __init__(self, words: list[Word]) -> None:
        self.calls: list[tuple[int, int, int, int]] = []
        self.found = words

    def words(self, pixels: np.ndarray, origin: Point, lang: str) -> list[Word]:
        self.calls.append((origin.x, origin.y, pixels.shape[1], pixels.shape[0]))
        return self.found


class OneWindow:
    def __init__(self, rect: Rect) -> None:
        self.rect = rect

    def find(self, pattern: str) -> list[Window]:
        return [Window(1, "Form", self.rect)] if pattern == "^Form" else []

    def at(self, point: Point) -> Window | None:
        return None

    def all(self) -> list[Window]:
        return [Window(1, "Form", self.rect), Window(2, "Other", Rect(500, 0, 100, 100))]


def test_the_resolver_reads_only_the_targets_window_and_reads_an_unchanged_screen_once() -> None:
    ocr = CountingOcr([word("Save", 120, 140)])
    resolver = Resolver(None, ocr, OneWindow(Rect(100, 100, 300, 200)), Path("."))  # type: ignore[arg-type]
    target = m.Target(anchors=(m.TextAnchor(text="Save"), m.WindowAnchor(window="^Form", point=(36, 46))))
    pixels = np.zeros((600, 800, 3), np.uint8)
    first = resolver.resolve(target, Frame(pixels))
    second = resolver.resolve(target, Frame(pixels.copy()))  # a new frame, same pixels
    assert first.found and second.found and first.best is not None and first.best.point == Point(136, 146)
    assert ocr.calls == [(100, 100, 300, 200)]
    pixels[150, 150] = 255  # the window changed: read again
    resolver.resolve(target, Frame(pixels))
    assert len(ocr.calls) == 2


def test_without_a_window_anchor_each_window_is_read_on_its_own() -> None:
    ocr = CountingOcr([])
    resolver = Resolver(None, ocr, OneWindow(Rect(100, 100, 300, 200)), Path("."))  # type: ignore[arg-type]
    res = resolver.resolve(m.Target(anchors=(m.TextAnchor(text="Saved"),)), Frame(np.zeros((600, 800, 3), np.uint8)))
    assert res.status == "not_found"
    assert ocr.calls == [(100, 100, 300, 200), (500, 0, 100, 100)]
    assert res.searched == (Rect(100, 100, 300, 200), Rect(500, 0, 100, 100))


# --- a found place must be backed by another anchor ------------------------------------------------

LABEL_TARGET = m.Target(anchors=(m.TextAnchor(text="Amount:", offset=(100, 0), height=14),
                                 m.WindowAnchor(window="Claims", point=(180, 200), size=(640, 480)),
                                 m.PointAnchor(at=(220, 260))))
CLAIMS = Window(1, "Claims", Rect(40, 60, 640, 480))


def text_at(x: int, y: int, h: int = 14, text: str = "Amount:") -> Candidate:
    return Candidate(point=Point(x, y), score=0.97, anchor_index=0, how="text", box=Rect(x - 130, y - h // 2, 60, h),
                     found_text=text)


def test_a_strong_text_match_far_from_where_its_window_puts_it_is_not_accepted() -> None:
    """Dark theme: the label itself is not read, another text sharing its words is (0.97) -- hundreds of px away."""
    window = window_candidates(LABEL_TARGET.anchors[1], 1, [CLAIMS], alone=False)  # type: ignore[arg-type]
    wrong = [text_at(620, 470, text="Total amount:")] + window
    res = corroborate(decide(wrong), wrong, LABEL_TARGET)
    assert res.status == "ambiguous" and "window anchor expects it near (220, 260)" in res.reason
    right = [text_at(222, 262)] + window
    assert corroborate(decide(right), right, LABEL_TARGET).found


def test_a_larger_font_or_a_resized_window_still_agrees_with_the_window_anchor() -> None:
    grown = window_candidates(LABEL_TARGET.anchors[1], 1, [Window(1, "Claims", Rect(40, 60, 800, 600))], alone=False)  # type: ignore[arg-type]
    scaled = [text_at(40 + round(180 * 1.5), 60 + round(200 * 1.5), h=21)] + grown  # font x1.5: the layout grows
    assert corroborate(decide(scaled), scaled, LABEL_TARGET).found


def test_an_image_of_the_same_place_backs_a_text_match_and_a_lone_hand_written_anchor_is_taken_as_written() -> None:
    image = Candidate(point=Point(623, 468), score=0.9, anchor_index=1, how="image")
    target = m.Target(anchors=(m.TextAnchor(text="Amount:"), m.ImageAnchor(image="a.png")))
    backed = [text_at(620, 470), image]
    assert corroborate(decide(backed), backed, target).found
    alone = [text_at(620, 470)]
    assert corroborate(decide(alone), alone, m.Target(anchors=(m.TextAnchor(text="Amount:"),))).found
    unbacked = corroborate(decide(alone), alone, target)
    assert unbacked.status == "ambiguous" and "not accepted on its score alone" in unbacked.reason


def test_without_a_window_list_a_window_anchor_neither_backs_nor_blocks_but_an_image_still_must_agree() -> None:
    """A remote desktop (VNC) is one picture: no window to put the label in, so the window anchor is absent."""
    found = [text_at(620, 470)]
    assert not corroborate(decide(found), found, LABEL_TARGET).found  # with windows: nothing backs it
    assert corroborate(decide(found), found, LABEL_TARGET, window_list=False).found
    with_image = m.Target(anchors=(*LABEL_TARGET.anchors, m.ImageAnchor(image="a.png")))
    elsewhere = found + [Candidate(point=Point(300, 120), score=0.9, anchor_index=3, how="image")]
    assert not corroborate(decide(elsewhere), elsewhere, with_image, window_list=False).found
