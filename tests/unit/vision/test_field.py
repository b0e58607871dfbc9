"""Finding a control from its pixels: closed boxes, underlined fields, what changed, whether a field is empty."""

from __future__ import annotations

import numpy as np

from deskpilot.geometry import Point, Rect
from deskpilot.ports import Frame
from deskpilot.vision.field import box_at, changed_regions, holds_ink, underlined_field

BG, FIELD, INK = 238, 255, 30


def form(values: dict[int, str] | None = None) -> np.ndarray:
    """A grey window with three bordered white fields (rows 40, 80, 120) and "text" as ink blocks."""
    px = np.full((200, 400, 3), BG, np.uint8)
    for y in (40, 80, 120):
        px[y - 1:y + 25, 99:301] = 150  # the border
        px[y:y + 24, 100:300] = FIELD
    for y, text in (values or {}).items():
        for i, _ in enumerate(text):
            px[y + 6:y + 18, 104 + 9 * i:110 + 9 * i] = INK  # one glyph per character
    return px


def test_the_box_around_a_point_is_the_field_it_lies_in_even_on_a_glyph() -> None:
    frame = Frame(form({80: "C-1001"}))
    assert box_at(frame, Point(200, 92)).rect == Rect(100, 80, 200, 24)  # type: ignore[union-attr]
    on_glyph = box_at(frame, Point(106, 90))  # the point sits on the first glyph's ink
    assert on_glyph is not None and on_glyph.rect == Rect(100, 80, 200, 24)


def test_a_point_on_the_window_background_is_in_no_box() -> None:
    assert box_at(Frame(form()), Point(50, 60)) is None


def test_an_empty_field_or_one_with_only_a_caret_holds_no_ink() -> None:
    px = form({40: "abc"})
    px[86:102, 104] = INK  # a caret in the second field
    frame = Frame(px)
    assert holds_ink(frame, Rect(102, 42, 196, 20))
    assert not holds_ink(frame, Rect(102, 82, 196, 20))
    assert not holds_ink(frame, Rect(102, 122, 196, 20))


def test_an_underlined_field_is_the_line_above_its_underline() -> None:
    px = np.zeros((100, 500, 3), np.uint8)  # a green-screen form: black, a label, a field drawn as an underline
    px[40:52, 20:90] = (51, 255, 51)  # the label's text
    px[55, 150:450] = (51, 255, 51)  # the underline
    field = underlined_field(Frame(px), Rect(20, 40, 70, 12), Point(300, 46))
    assert field is not None and field.x == 150 and field.right == 450 and field.y <= 40 and field.bottom <= 56


def test_what_changed_between_two_frames_is_found_in_desktop_coordinates() -> None:
    before, after = form(), form({80: "xyz"})
    regions = changed_regions(Frame(before, Point(1000, 0)), Frame(after, Point(1000, 0)))
    assert len(regions) == 1 and regions[0].x >= 1100 and 80 <= regions[0].y <= 90
    assert changed_regions(Frame(before), Frame(before.copy())) == []


def _typed_into_a_field(text: str) -> tuple[Frame, Frame]:
    """A bordered field before and after ``text`` was typed into it (a caret after the text)."""
    from PIL import Image, ImageDraw, ImageFont

    from tests.unit.vision.render import font_path

    def draw(content: str) -> np.ndarray:
        img = Image.new("RGB", (300, 40), (240, 240, 240))
        pen = ImageDraw.Draw(img)
        pen.rectangle((20, 6, 260, 32), fill=(255, 255, 255), outline=(120, 120, 120))
        font = ImageFont.truetype(font_path("DejaVu Sans"), 15)
        pen.text((26, 10), content, font=font, fill=(20, 20, 20))
        width = int(pen.textlength(content, font=font))
        pen.line((27 + width, 9, 27 + width, 29), fill=(20, 20, 20))
        return np.asarray(img)[:, :, ::-1].copy()

    return Frame(draw(""), Point(0, 0)), Frame(draw(text), Point(0, 0))


def test_a_row_of_dots_is_masked_typing() -> None:
    from deskpilot.vision.field import masked_typing

    before, after = _typed_into_a_field("\u2022" * 7)
    assert masked_typing(before, after, 7)


def test_an_id_of_digits_is_not_masked_typing_though_digits_share_a_size() -> None:
    from deskpilot.vision.field import masked_typing

    for text in ("C-7001", "28195", "4711", "Kai 4"):
        before, after = _typed_into_a_field(text)
        assert not masked_typing(before, after, len(text)), text
