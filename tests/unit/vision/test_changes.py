"""Reading less: a caret's blink from the cache once seen both ways, a changed line re-read alone -- and
never a typed letter hidden, never a value read from anything but its own pixels."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest

from deskpilot.geometry import Point, Rect
from deskpilot.ports import Frame, Word
from deskpilot.vision.changes import REREAD_SHARE, WordCache, merge_words, reread_bands, thin_bar
from deskpilot.vision.resolve import Resolver

W, H = 480, 240
FIELD = Rect(120, 100, 220, 26)  # the field typed into: a white box on the grey window
CARET_Y = (FIELD.y + 4, FIELD.y + 22)  # the caret: as tall as the field's line of text
FONT = cv2.FONT_HERSHEY_SIMPLEX  # its 'l' and '|' are one-pixel bars: the worst case for a caret mask


class Scene:
    """A window as a test draws it: labels and a field's value with a caret, rendered to real pixels."""

    def __init__(self) -> None:
        self.labels: dict[str, tuple[int, int]] = {"Name:": (20, 60), "Company:": (20, 118), "City:": (20, 180)}
        self.value = "Smit"
        self.caret: int | None = None  # the caret's column, None: blinked out

    def end(self) -> int:
        """Where the value ends: the caret's place."""
        (w, _), _ = cv2.getTextSize(self.value, FONT, 0.5, 1)
        return FIELD.x + 6 + w + 1

    def pixels(self) -> np.ndarray:
        px = np.full((H, W, 3), 236, np.uint8)
        cv2.rectangle(px, (FIELD.x, FIELD.y), (FIELD.right, FIELD.bottom), (120, 120, 120), 1)
        px[FIELD.y + 1 : FIELD.bottom, FIELD.x + 1 : FIELD.right] = 255
        for text, (x, y) in self.labels.items():
            cv2.putText(px, text, (x, y), FONT, 0.5, (20, 20, 20), 1, cv2.LINE_8)
        cv2.putText(px, self.value, (FIELD.x + 6, FIELD.y + 18), FONT, 0.5, (20, 20, 20), 1, cv2.LINE_8)
        if self.caret is not None:
            px[CARET_Y[0] : CARET_Y[1], self.caret] = (20, 20, 20)
        return px

    def words(self) -> list[Word]:
        """What a perfect OCR reads: each label, and the value."""
        out = [Word(t, Rect(x, y - 10, 9 * len(t), 12), 0.95, (i + 1, 1, 1))
               for i, (t, (x, y)) in enumerate(self.labels.items())]
        return [*out, Word(self.value, Rect(FIELD.x + 6, FIELD.y + 7, self.end() - FIELD.x - 7, 12), 0.95, (9, 1, 1))]


class SceneOcr:
    """Reads the scene's words that lie wholly in the pixels it is given, and records each region it read."""

    def __init__(self, scene: Scene) -> None:
        self.scene = scene
        self.calls: list[Rect] = []

    def words(self, pixels: np.ndarray, origin: Point, lang: str) -> list[Word]:
        region = Rect(origin.x, origin.y, pixels.shape[1], pixels.shape[0])
        self.calls.append(region)
        return [w for w in self.scene.words() if region.intersect(w.box) == w.box]


WINDOW = Rect(0, 0, W, H)


def setup() -> tuple[Scene, SceneOcr, Resolver]:
    scene = Scene()
    ocr = SceneOcr(scene)
    return scene, ocr, Resolver(None, ocr, None, Path("."))  # type: ignore[arg-type]  # no screen: frames given


def look(r: Resolver, scene: Scene) -> list[str]:
    """One poll of the search: the window's words, as the search reads them."""
    return sorted(w.text for w in r.words(Frame(scene.pixels()), WINDOW, reuse=True))


def blink(r: Resolver, scene: Scene, times: int = 2) -> None:
    """The caret at the value's end going out and coming back, each state looked at."""
    for _ in range(times):
        for state in (None, scene.end()):
            scene.caret = state
            look(r, scene)


def test_a_blinking_caret_costs_one_line_then_nothing() -> None:
    scene, ocr, r = setup()
    scene.caret = scene.end()
    assert look(r, scene) == ["City:", "Company:", "Name:", "Smit"]
    blink(r, scene, times=5)
    assert len(ocr.calls) == 2  # the whole window, then the caret's line once: every later blink is a known picture
    line = ocr.calls[1]
    assert line.w == W and line.y <= CARET_Y[0] and line.bottom >= CARET_Y[1] and line.h < H / 4


def test_a_blink_seen_both_ways_is_served_from_the_cache_after_a_change_elsewhere() -> None:
    scene, ocr, r = setup()
    scene.caret = scene.end()
    look(r, scene)
    blink(r, scene)
    scene.labels["Saved"] = (20, 220)  # the status line changes while the caret blinks on
    assert "Saved" in look(r, scene)
    calls = len(ocr.calls)
    scene.caret = None  # a picture never seen: the status line new, the caret out
    assert look(r, scene) == ["City:", "Company:", "Name:", "Saved", "Smit"]
    assert len(ocr.calls) == calls and r.cache.blink_hits == 1


@pytest.mark.parametrize("letter", ["l", "I", "1", "|", "i", "!"])
@pytest.mark.parametrize("before, after", [(False, False), (True, False), (False, True), (True, True)],
                         ids=["out-out", "on-out", "out-on", "on-on"])
def test_a_letter_typed_at_a_blinking_caret_is_read_whatever_the_caret_showed(letter: str, before: bool,
                                                                              after: bool) -> None:
    scene, ocr, r = setup()
    scene.caret = scene.end()
    look(r, scene)
    blink(r, scene, times=3)  # the blink is well known here: a mask would take it
    scene.caret = scene.end() if before else None
    look(r, scene)
    calls = len(ocr.calls)
    scene.value += letter  # typed: the letter where the caret was, the caret one place on
    scene.caret = scene.end() if after else None
    assert "Smit" + letter in look(r, scene)
    assert len(ocr.calls) == calls + 1 and ocr.calls[-1].intersect(FIELD) is not None
    assert r.cache.blink_hits == 0


def test_a_typed_l_and_a_caret_are_one_thin_bar_apart_only_in_the_pixels_never_in_the_cache() -> None:
    """The worst case, checked in the pixels themselves: an 'l' typed while the caret is out changes one
    thin bar, exactly as a blink does -- and it is still read, because that bar never went and came back."""
    scene, ocr, r = setup()
    look(r, scene)  # the caret out
    before = scene.pixels()
    scene.value += "l"
    after = scene.pixels()
    bar = thin_bar(np.any(before != after, axis=2))
    assert bar is not None and bar.w <= 2  # the mask alone could not tell this from a blink
    assert "Smitl" in look(r, scene) and r.cache.blink_hits == 0 and len(ocr.calls) == 2


def test_a_caret_that_moved_is_read_again() -> None:
    scene, ocr, r = setup()
    scene.caret = scene.end()
    look(r, scene)
    blink(r, scene)
    scene.caret = scene.end() + 4  # a space typed: nothing drawn, the caret one place on
    look(r, scene)
    assert len(ocr.calls) == 3 and ocr.calls[-1].intersect(FIELD) is not None and r.cache.blink_hits == 0


def test_a_change_in_one_field_reads_that_line_across_the_window_and_keeps_the_other_words() -> None:
    scene, ocr, r = setup()
    look(r, scene)
    scene.value = "Smith & Sons"
    assert look(r, scene) == ["City:", "Company:", "Name:", "Smith & Sons"]
    line = ocr.calls[-1]
    assert len(ocr.calls) == 2 and line.x == 0 and line.w == W and line.h < REREAD_SHARE * H
    assert line.y <= FIELD.y + 7 and line.bottom >= FIELD.y + 19  # the whole line of text, a margin around


def test_a_large_change_reads_the_window_whole() -> None:
    scene, ocr, r = setup()
    look(r, scene)
    scene.labels = {"Are you sure?": (20, 30), "Yes": (20, 90), "No": (20, 150), "Cancel": (20, 210)}
    assert look(r, scene) == ["Are you sure?", "Cancel", "No", "Smit", "Yes"]
    assert ocr.calls[-1] == WINDOW


def test_values_are_read_from_their_own_pixels_only() -> None:
    """read_table, the recorder and healing ask without ``reuse``; a field's read-back never goes through the cache."""
    scene, ocr, r = setup()
    scene.caret = scene.end()
    look(r, scene)
    blink(r, scene, times=3)
    scene.labels["Saved"] = (20, 220)
    look(r, scene)
    scene.caret = None
    calls = len(ocr.calls)
    frame = Frame(scene.pixels())
    assert "Saved" in [w.text for w in r.words(frame, WINDOW)]
    assert ocr.calls[calls:] == [WINDOW]  # read whole, though a masked reading of these pixels was at hand
    r.read_region(frame, FIELD, line=True)
    r.read_region(frame, FIELD, line=True)
    assert ocr.calls[calls + 1 :] == [FIELD, FIELD]  # read each time: no cache at all


def test_the_feature_can_be_turned_off() -> None:
    scene, ocr, _ = setup()
    r = Resolver(None, ocr, None, Path("."), reuse=False)  # type: ignore[arg-type]
    look(r, scene)
    scene.value = "Smith"
    look(r, scene)
    assert ocr.calls == [WINDOW, WINDOW]


# --- the pieces ------------------------------------------------------------------------------------


def test_a_bar_is_thin_unbroken_and_a_line_tall() -> None:
    mask = np.zeros((60, 60), bool)
    mask[10:26, 30] = True
    assert thin_bar(mask) == Rect(30, 10, 1, 16)
    mask[17, 30] = False  # broken: an 'i' or a '!'
    assert thin_bar(mask) is None
    mask[10:26, 30:34] = True  # four columns: a letter
    assert thin_bar(mask) is None
    short = np.zeros((60, 60), bool)
    short[10:13, 30] = True  # three rows: a hyphen's end, an accent
    assert thin_bar(short) is None


def test_a_band_grows_over_every_word_it_touches_and_bands_that_meet_join() -> None:
    mask = np.zeros((300, 200), bool)
    mask[100:110, 50:60] = True
    assert reread_bands(mask, []) == [(94, 116)]
    tall = Rect(0, 112, 40, 30)  # a cached word reaching into the band from below
    above = Rect(80, 70, 40, 26)  # and one from above, which reaches no further
    assert reread_bands(mask, [tall, above, Rect(0, 200, 40, 12)]) == [(70, 142)]
    mask[146:148, 0:10] = True  # a second change below, close enough to join once grown
    assert reread_bands(mask, [tall]) == [(94, 154)]
    mask[200:202, 0:10] = True  # a third, too far: a band of its own
    assert reread_bands(mask, [tall]) == [(94, 154), (194, 208)]


def test_merged_words_keep_their_lines_apart() -> None:
    kept = [Word("Name:", Rect(0, 10, 40, 12), 0.9, (1, 1, 1)), Word("Old", Rect(0, 50, 30, 12), 0.9, (2, 1, 1))]
    fresh = [[Word("New", Rect(0, 50, 30, 12), 0.9, (1, 1, 1)), Word("value", Rect(40, 50, 40, 12), 0.9, (1, 1, 1))]]
    merged = merge_words(kept, [(44, 68)], fresh)
    assert [w.text for w in merged] == ["Name:", "New", "value"]
    assert merged[0].line != merged[1].line == merged[2].line  # block 1 of each reading is not one line


def test_the_cache_keeps_a_limited_number_of_places() -> None:
    cache = WordCache(size=4, places=2)
    read_count = []

    def read(px: np.ndarray, at: Point) -> list[Word]:
        read_count.append(at)
        return []

    for x in range(5):
        cache.words(np.zeros((10, 10, 3), np.uint8), Rect(x, 0, 10, 10), ("eng", False), read, reuse=True)
    assert len(cache._last) == 2 and len(read_count) == 5


# --- real Tesseract ----------------------------------------------------------------------------------

FORM = ["Customer ID:", "Company:", "Contact:", "Street:", "City:", "Postcode:", "Country:", "Phone:"]


@pytest.mark.parametrize("label, value", [("Customer ID:", "C-1001"), ("City:", "Springfield"),
                                          ("Country:", "United Kingdom")])
def test_a_typed_field_re_read_in_its_line_reads_as_the_whole_form_does(label: str, value: str) -> None:
    """Rendered with a real font, read by real Tesseract: after typing into one field, the form read in that
    line alone and merged finds every label and the value where a whole reading finds them, each once.

    Not word for word: Tesseract reads a page in its context, so even two whole readings of the form, before
    and after typing, differ in a line nobody touched ("ID" and "ID:"); the merge keeps the reading before.
    """
    from PIL import Image, ImageDraw, ImageFont

    from deskpilot.vision.tesseract import TesseractOcr
    from deskpilot.vision.text import find_phrases
    from tests.unit.vision.render import LIGHT, font_path, render_form

    size = 16
    empty, _ = render_form(FORM, size=size)
    image = Image.fromarray(empty[:, :, ::-1].copy())
    row = int(size * 2.2)
    ImageDraw.Draw(image).text((size * 9 + 6, row // 2 + FORM.index(label) * row), value, fill=LIGHT[1],
                               font=ImageFont.truetype(font_path("DejaVu Sans"), size))
    typed = np.asarray(image)[:, :, ::-1].copy()
    region = Rect(100, 50, typed.shape[1], typed.shape[0])  # the window's place on the screen
    r = Resolver(None, TesseractOcr(), None, Path("."))  # type: ignore[arg-type]
    r.words(Frame(empty, origin=Point(100, 50)), region, reuse=True)
    merged = r.words(Frame(typed, origin=Point(100, 50)), region, reuse=True)
    whole = TesseractOcr().words(typed, Point(100, 50), "eng")
    assert r.ocr_calls == 2 and r.cache.line_reads == 1 and r.cache.pixels_read < 1.3 * typed.shape[0] * typed.shape[1]
    for phrase in [*FORM, value]:
        found = [p for p in find_phrases(merged, phrase) if p.similarity >= 0.9]
        want = [p for p in find_phrases(whole, phrase) if p.similarity >= 0.9]
        assert len(found) == len(want) == 1, (phrase, [w.text for w in merged], [w.text for w in whole])
        assert abs(found[0].box.x - want[0].box.x) <= 2 and abs(found[0].box.y - want[0].box.y) <= 2, phrase
