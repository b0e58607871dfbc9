"""The resolver with fake ports: cheapest search first, each screen region read once, every anchor kind pooled."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest

from deskpilot import model as m
from deskpilot.geometry import Point, Rect
from deskpilot.ports import Frame, Window, Word
from deskpilot.vision.resolve import Resolver

W, H = 1280, 800


def word(text: str, x: int, y: int, line: int = 1) -> Word:
    return Word(text, Rect(x, y, 8 * len(text), 14), 0.93, (line, 1, 1))


class SceneOcr:
    """Reads only the words that lie inside the region it is given, and records each region."""

    def __init__(self, words: list[Word]) -> None:
        self.scene = words
        self.calls: list[Rect] = []

    def words(self, pixels: np.ndarray, origin: Point, lang: str) -> list[Word]:
        region = Rect(origin.x, origin.y, pixels.shape[1], pixels.shape[0])
        self.calls.append(region)
        return [w for w in self.scene if region.intersect(w.box) == w.box]


class StillScreen:
    """A screen whose pixels never change: every grab is a new frame with the same pixels."""

    def __init__(self, pixels: np.ndarray | None = None) -> None:
        self.pixels = pixels if pixels is not None else np.full((H, W, 3), 240, np.uint8)
        self.grabs = 0

    def grab(self, region: Rect | None = None) -> Frame:
        self.grabs += 1
        return Frame(self.pixels.copy())

    def bounds(self) -> Rect:
        return Rect(0, 0, W, H)


class Desktop:
    def __init__(self, *windows: Window) -> None:
        self.windows = list(windows)

    def find(self, pattern: str) -> list[Window]:
        return [w for w in self.windows if w.title.startswith(pattern.lstrip("^"))]

    def at(self, point: Point) -> Window | None:
        return next((w for w in reversed(self.windows) if w.rect.contains(point)), None)

    def all(self) -> list[Window]:
        return list(self.windows)


def resolver(ocr: SceneOcr, screen: StillScreen | None = None, windows: Desktop | None = None,
             folder: Path = Path("."), cache_size: int = 32) -> Resolver:
    return Resolver(screen or StillScreen(), ocr, windows, folder, cache_size=cache_size)


def test_an_unchanged_screen_is_read_once_across_polls() -> None:
    ocr = SceneOcr([word("Company:", 40, 300)])
    screen = StillScreen()
    r = resolver(ocr, screen)
    target = m.Target(anchors=(m.TextAnchor(text="Company:"),))
    first, second = r.resolve(target), r.resolve(target)
    assert screen.grabs == 2 and first.found and second.found
    assert ocr.calls == [Rect(0, 0, W, H)] and first.searched == (Rect(0, 0, W, H),)


def test_the_row_near_the_recorded_place_is_read_before_the_whole_screen() -> None:
    ocr = SceneOcr([word("Company:", 40, 300)])
    res = resolver(ocr).resolve(m.Target(anchors=(m.TextAnchor(text="Company:", offset=(120, 0), near=(70, 305)),)))
    assert res.found and res.best is not None and res.best.point == Point(40 + 32 + 120, 307)
    assert len(ocr.calls) == 1 and ocr.calls[0].h < H / 4 and ocr.calls[0].intersect(Rect(0, 300, W, 14))


def test_a_label_that_moved_is_found_by_the_wider_search_after_the_near_one() -> None:
    ocr = SceneOcr([word("Company:", 40, 650)])
    res = resolver(ocr).resolve(m.Target(anchors=(m.TextAnchor(text="Company:", near=(70, 305)),)))
    assert res.found and res.best is not None and res.best.box == Rect(40, 650, 64, 14)
    assert ocr.calls[0].h < H / 4 and ocr.calls[-1] == Rect(0, 0, W, H)
    assert res.searched == tuple(ocr.calls)


def test_the_window_under_the_recorded_place_is_read_before_the_others() -> None:
    form, other = Window(1, "Form", Rect(0, 0, 600, 700)), Window(2, "Mail", Rect(700, 0, 580, 700))
    ocr = SceneOcr([word("Company:", 40, 650), word("Company:", 740, 300)])
    res = resolver(ocr, windows=Desktop(form, other)).resolve(
        m.Target(anchors=(m.TextAnchor(text="Company:", near=(70, 305)),)))
    assert res.found and res.best is not None and res.best.box == Rect(40, 650, 64, 14)
    # the row band of the form (not the mail window's same row), then the whole form; the mail window is never read
    assert ocr.calls == [Rect(0, 225, 600, 160), form.rect]


def test_the_cache_forgets_the_oldest_screen() -> None:
    ocr = SceneOcr([])
    r = resolver(ocr, cache_size=2)
    frames = [np.full((100, 100, 3), v, np.uint8) for v in (10, 20, 30)]
    for pixels in frames + frames[2:] + frames[:1]:
        r.words(Frame(pixels), Rect(0, 0, 100, 100))
    assert len(ocr.calls) == 4  # 10, 20, 30 read; 30 again from the cache; 10 was dropped and read again


def test_different_languages_do_not_share_cached_words() -> None:
    ocr = SceneOcr([])
    eng, chi = resolver(ocr), Resolver(StillScreen(), ocr, None, Path("."), lang="eng+chi_sim")
    frame = Frame(np.zeros((50, 50, 3), np.uint8))
    eng.words(frame, frame.rect)
    chi.words(frame, frame.rect)
    assert len(ocr.calls) == 2


def draw_icon(pixels: np.ndarray, x: int, y: int, scale: float = 1.0) -> np.ndarray:
    icon = np.full((30, 30, 3), 250, np.uint8)
    cv2.rectangle(icon, (3, 3), (26, 26), (30, 90, 200), 2)
    cv2.line(icon, (8, 20), (22, 8), (20, 20, 20), 3)
    scaled = cv2.resize(icon, None, fx=scale, fy=scale, interpolation=cv2.INTER_CUBIC) if scale != 1.0 else icon
    pixels[y : y + scaled.shape[0], x : x + scaled.shape[1]] = scaled
    return icon


def test_an_image_near_its_recorded_place_is_found_without_any_ocr(tmp_path: Path) -> None:
    pixels = np.full((H, W, 3), 240, np.uint8)
    icon = draw_icon(pixels, 500, 400)
    cv2.imwrite(str(tmp_path / "save.png"), icon)
    ocr = SceneOcr([])
    target = m.Target(anchors=(m.ImageAnchor(image="save.png", point=(5, 6), near=(520, 380)), m.TextAnchor(text="Save")))
    res = resolver(ocr, StillScreen(pixels), folder=tmp_path).resolve(target)
    assert res.found and res.best is not None and res.best.how == "image" and res.best.point == Point(505, 406)
    assert ocr.calls == [] and len(res.searched) == 1 and res.searched[0].w * res.searched[0].h < 400 * 300


def test_an_image_on_a_larger_scale_screen_is_found_by_the_wide_search(tmp_path: Path) -> None:
    pixels = np.full((H, W, 3), 240, np.uint8)
    cv2.imwrite(str(tmp_path / "save.png"), draw_icon(pixels, 900, 100, scale=1.25))
    target = m.Target(anchors=(m.ImageAnchor(image="save.png", point=(8, 8), near=(200, 600)),))
    res = resolver(SceneOcr([]), StillScreen(pixels), folder=tmp_path).resolve(target)
    assert res.found and res.best is not None and res.best.scale == pytest.approx(1.25)
    assert res.best.point == Point(910, 110)


def test_the_recorded_point_is_used_only_when_allowed() -> None:
    target = m.Target(anchors=(m.TextAnchor(text="Gone"), m.PointAnchor(at=(300, 200))))
    r = resolver(SceneOcr([word("Here", 10, 10)]))
    refused = r.resolve(target)
    assert refused.status == "not_found" and refused.best is None
    allowed = r.resolve(target, allow_point=True)
    assert allowed.found and allowed.best is not None and allowed.best.how == "point"
    assert allowed.best.point == Point(300, 200) and allowed.best.score == 0.5 and allowed.best.anchor_index == 1
    twice = resolver(SceneOcr([word("Gone", 10, 10), word("Gone", 10, 500, line=2)]))
    assert twice.resolve(target, allow_point=True).status == "ambiguous"  # two real places: the point would be a guess


def test_a_window_anchor_limits_the_text_search_to_its_window() -> None:
    form = Window(1, "Form", Rect(200, 100, 500, 400))
    ocr = SceneOcr([word("City:", 240, 300), word("City:", 900, 300)])
    target = m.Target(anchors=(m.TextAnchor(text="City:", offset=(100, 0)), m.WindowAnchor(window="^Form", point=(160, 207))))
    res = resolver(ocr, windows=Desktop(form, Window(2, "Other", Rect(800, 0, 400, 600)))).resolve(target)
    assert res.found and res.best is not None and res.best.point == Point(360, 307)
    assert all(form.rect.intersect(c) == c for c in ocr.calls)


def test_find_text_and_read_region() -> None:
    ocr = SceneOcr([word("Total:", 10, 10), word("1,234.50", 70, 10), word("Total:", 10, 500, line=2)])
    r = resolver(ocr)
    frame = Frame(np.zeros((H, W, 3), np.uint8))
    found = r.find_text(frame, "total")
    assert sorted((c.box.x, c.box.y) for c in found if c.box) == [(10, 10), (10, 500)]
    assert all(c.text_similarity == 1.0 and c.how == "text" for c in found)
    assert r.read_region(frame, Rect(0, 0, 200, 40)) == "Total: 1,234.50"


def test_near_chooses_between_equal_labels_in_different_windows() -> None:
    form, mail = Window(1, "Form", Rect(0, 0, 600, 700)), Window(2, "Mail", Rect(700, 0, 580, 700))
    ocr = SceneOcr([word("Company:", 40, 650), word("Company:", 740, 300)])
    r = resolver(ocr, windows=Desktop(form, mail))
    near = r.resolve(m.Target(anchors=(m.TextAnchor(text="Company:", near=(650, 100)),)))  # between the windows
    assert near.found and near.best is not None and near.best.box == Rect(740, 300, 64, 14)
    assert r.resolve(m.Target(anchors=(m.TextAnchor(text="Company:"),))).status == "ambiguous"


def test_occurrence_counts_over_the_whole_screen_not_the_row_band() -> None:
    ocr = SceneOcr([word("Qty", 40, 100), word("Qty", 40, 300, line=2), word("Qty", 40, 330, line=3)])
    res = resolver(ocr).resolve(m.Target(anchors=(m.TextAnchor(text="Qty", occurrence=2, near=(50, 320)),)))
    assert res.found and res.best is not None and res.best.box is not None and res.best.box.y == 300


def test_a_place_under_another_window_is_not_found_and_the_window_is_named() -> None:
    form = Window(id=1, title="Customer Master - ACME ERP", rect=Rect(40, 40, 640, 600))
    other = Window(id=2, title="Notes", rect=Rect(250, 60, 400, 300))
    target = m.Target(anchors=(m.TextAnchor(text="Company:", offset=(150.0, 0.0)),
                               m.WindowAnchor(window="^Customer Master", point=(250, 90))))
    ocr = SceneOcr([word("Company:", 100, 123)])
    covered = resolver(ocr, windows=Desktop(form, other)).resolve(target)
    assert covered.status == "not_found" and "covered by the window 'Notes'" in covered.reason
    clear = resolver(ocr, windows=Desktop(other, form)).resolve(target)  # the form on top: clickable
    assert clear.found and clear.best is not None and clear.best.point == Point(282, 130)


def test_a_caption_with_one_word_garbled_by_an_icon_is_its_own_but_another_word_is_another_control() -> None:
    from deskpilot.vision.resolve import _one_word_garbled

    assert _one_word_garbled("cs a Display Value : “", "Copy Display Value")
    assert not _one_word_garbled("Paste Display Value", "Copy Display Value")  # the item below it
    assert not _one_word_garbled("Value", "Copy Display Value") and not _one_word_garbled("8", "5")
