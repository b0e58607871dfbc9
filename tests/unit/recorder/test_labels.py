"""Record-time text: words a person reads, a control's own caption first, labels both readings agree on."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from deskpilot import model as m
from deskpilot.geometry import Point, Rect
from deskpilot.ports import Frame, Window, Word
from deskpilot.vision.resolve import Resolver
from deskpilot.recorder.anchors import Clicked, build_target, title_pattern
from deskpilot.recorder.labels import label_for, readable


def word(text: str, x: int, y: int, conf: float = 0.92, h: int = 14, line: int = 1) -> Word:
    return Word(text, Rect(x, y, 8 * len(text), h), conf, (line, 1, 1))


class SceneOcr:
    """Reads the words of its scene that lie inside the region it is given; a control alone reads ``alone``."""

    def __init__(self, words: list[Word], alone: str = "") -> None:
        self.scene, self.alone = words, alone

    def read_text(self, pixels: np.ndarray, lang: str, *, line: bool = False) -> str:
        return self.alone

    def words(self, pixels: np.ndarray, origin: Point, lang: str) -> list[Word]:
        region = Rect(origin.x, origin.y, pixels.shape[1], pixels.shape[0])
        return [w for w in self.scene if region.contains(w.box.center)]


class OneWindow:
    def __init__(self, rect: Rect, title: str = "Calculator", app: str = "galculator") -> None:
        self.window = Window(7, title, rect, app=app)

    def find(self, pattern: str) -> list[Window]:
        return [self.window]

    def at(self, point: Point) -> Window | None:
        return self.window if self.window.rect.contains(point) else None

    def all(self) -> list[Window]:
        return [self.window]


def keypad() -> np.ndarray:
    """A grey window with a row of bordered keys at x 20, 80, 140, 200 (each 50 x 40, at y 40)."""
    px = np.full((200, 300, 3), 230, np.uint8)
    for x in (20, 80, 140, 200):
        px[39:81, x - 1:x + 51] = 120
        px[40:80, x:x + 50] = 245
        px[52:68, x + 22:x + 28] = 20  # its caption's ink
    return px


def test_noise_from_icons_and_grid_lines_is_no_word() -> None:
    words = [word("PRRERERR", 10, 10, conf=0.31), word("v]", 90, 10, conf=0.6), word("[...", 120, 10),
             word("cl", 160, 10, conf=0.2), word("Description", 10, 40), word("Total:", 10, 70)]
    assert [w.text for w in readable(words)] == ["Description", "Total:"]


def test_a_label_the_second_reading_does_not_confirm_is_passed_over() -> None:
    frame = Frame(np.full((200, 400, 3), 240, np.uint8))
    words = [word("aE", 40, 100), word("Amount", 100, 60)]  # "aE": an icon left of the field, read as letters
    second = SceneOcr([word("Amount", 100, 60)])  # another reading sees no letters there at all
    phrase = label_for(frame, words, Point(180, 106), text_field=True, second=second, lang="eng")
    assert phrase is not None and phrase.text == "Amount"
    assert label_for(frame, words, Point(180, 106), text_field=True, second=None, lang="eng").text == "aE"  # type: ignore[union-attr]


def test_a_key_is_named_by_its_own_caption_even_when_the_window_reading_missed_it(tmp_path: Path) -> None:
    """A calculator: the whole-window reading has only the neighbour key's "4"; the clicked key reads "7" alone."""
    frame = Frame(keypad())
    window_words = [word("4", 101, 53)]  # inside the key at x 80
    second = SceneOcr([], alone="7")  # the clicked key read on its own, the second way
    resolver = Resolver(None, SceneOcr(window_words, alone="7"), None, tmp_path)  # type: ignore[arg-type]
    built = build_target(frame, Point(165, 60), resolver=resolver, windows=OneWindow(Rect(0, 0, 300, 200)),
                         folder=tmp_path, image_name="anchors/001.png", screen=(300, 200),
                         clicked=Clicked(cursor="arrow", second=second))
    assert built.label == "7" and built.own
    text = built.target.anchors[0]
    assert isinstance(text, m.TextAnchor) and abs(text.offset[0]) < 10  # on the key itself, not "right of 4"


def test_where_no_readable_text_names_the_place_its_picture_is_named_after_what_is_near(tmp_path: Path) -> None:
    px = np.full((200, 400, 3), 235, np.uint8)
    px[95:111, 40:56] = (40, 90, 200)  # an icon, no caption
    words = [word("Description", 70, 96), word("%#", 20, 96, conf=0.3)]
    resolver = Resolver(None, SceneOcr(words), None, tmp_path)  # type: ignore[arg-type]
    built = build_target(Frame(px), Point(48, 103), resolver=resolver, windows=None, folder=tmp_path,
                         image_name="anchors/001.png", screen=(400, 200), clicked=Clicked(second=SceneOcr([])))
    assert built.label is None
    image = next(a for a in built.target.anchors if isinstance(a, m.ImageAnchor))
    assert image.label == "the icon left of 'Description'"
    assert m.Click(target=built.target).describe() == "click the icon left of 'Description'"


def test_window_titles_keep_what_tells_windows_apart_and_drop_document_names() -> None:
    assert title_pattern("Checking - HomeBank") == r"^Checking\ \-\ HomeBank$"
    assert title_pattern("*book.xhb - Household - HomeBank") == r"^.*\ \-\ Household\ \-\ HomeBank$"
    assert title_pattern("note.txt - Mousepad") == r"^.*\ \-\ Mousepad$"
