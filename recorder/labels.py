"""Which text names a clicked place: text a person would read, never OCR's noise.

Toolbar icons, tree expanders and grid lines read as words ("aE", "cl", "PRRERERR"),
and the same noise is read again on the same frame, so a self-check cannot catch it.
So a word must look like a word (enough letters or digits, fair confidence), and the
chosen phrase must read the same under a second, different reading (another scale,
black and white). The clicked control's own caption comes first: a button, a key, a
tab, a menu item or a list row is named by its own text, a field by its label.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from deskpilot.geometry import Point, Rect
from deskpilot.ports import Frame, Ocr, WindowList, Word
from deskpilot.vision.field import Box, changed_regions, ink_box, same_lines
from deskpilot.vision.second_reading import ByScript, has_cjk
from deskpilot.vision.text import caption_matches, fold, group_lines, phrase_text, similarity, union, wordlike

if TYPE_CHECKING:
    from deskpilot.vision.resolve import Resolver

SECOND_READING_AGREES = 0.8
CAPTION_BOX = (420, 90)  # a control this size or smaller is named by its own text
LABEL_REACH = (400, 120)  # a label is at most this far left of, or above, its field
ABOVE_HEIGHTS = 4  # and at most this many of its text heights above it


@dataclass(frozen=True)
class Phrase:
    words: tuple[Word, ...]
    own: bool  # the control's own caption (or the text under the click), not a label beside it

    @property
    def text(self) -> str:
        return phrase_text(self.words)

    @property
    def box(self) -> Rect:
        return union([w.box for w in self.words])


def readable(words: Sequence[Word]) -> list[Word]:
    """Words that look like words: letters or digits, mostly, read with some confidence."""
    return [w for w in words if wordlike(w)]


def read_twice(frame: Frame, phrase: Sequence[Word], second: Ocr | None, lang: str) -> bool:
    """Whether a second, different reading of the phrase's place reads the same text.

    A second reading ``ByScript`` chooses by the phrase: RapidOCR reads Chinese text again, where
    Tesseract's chi_sim read twice would often fail a real label or pass the same misreading.
    """
    if second is None:
        return True
    text = phrase_text(phrase)
    if isinstance(second, ByScript):
        second = second.for_text(text)
    box = union([w.box for w in phrase])
    region = frame.rect.intersect(box.grow(max(4, box.h // 2)))
    if region is None:
        return False
    pixels, region = frame.crop(region)
    again = phrase_text(second.words(pixels, Point(region.x, region.y), lang))
    return similarity(again, text) >= SECOND_READING_AGREES or (len(fold(text)) >= 3 and fold(text) in fold(again))


def caption(frame: Frame, box: Box | None, words: Sequence[Word], second: Ocr | None, lang: str,
            typed: Collection[str] = (), first: Ocr | None = None, point: Point | None = None) -> Phrase | None:
    """The text inside the clicked control's box: its caption. Read again alone when the window's reading missed it.

    A calculator key's "7" is often not read among a whole window of keys, but reads at once alone.
    Text the person typed (a spreadsheet cell's value) is data, never a caption.
    """
    if box is None or box.rect.w > CAPTION_BOX[0] or box.rect.h > CAPTION_BOX[1]:
        return None
    inside = [w for w in words if box.rect.contains(w.box.center)]
    nearest = _nearest_phrase(inside, point or box.rect.center)
    if nearest and read_twice(frame, nearest, second, lang):
        found = Phrase(tuple(nearest), own=True)
        return None if was_typed(found.text, typed) else found
    if second is None or inside or first is None:
        return None
    return _caption_alone(frame, box, first, second, lang, typed, point or box.rect.center)


def _caption_alone(frame: Frame, box: Box, first: Ocr, second: Ocr, lang: str, typed: Collection[str],
                   point: Point) -> Phrase | None:
    """The control read on its own: its words (a highlighted menu item reads only alone), the phrase nearest the
    click (not the item's shortcut); a key's one character read three times, two ways and two crops, kept when
    two readings agree ("5" and "S" do, under OCR's usual confusions). A key's "*" or "." is its own caption."""
    ink = ink_box(frame, box.inner(1))
    if ink is None:
        return None
    pixels, region = frame.crop(box.inner(1))
    alone = readable(first.words(pixels, Point(region.x, region.y), lang))
    nearest = _nearest_phrase(alone, point)
    if nearest:
        found = Phrase(tuple(nearest), own=True)
        return found if read_twice(frame, nearest, second, lang) and not was_typed(found.text, typed) else None
    reads = [_read_line(first, frame, box.inner(1), lang), _read_line(second, frame, box.inner(1), lang),
             _read_line(first, frame, ink.grow(6).intersect(box.rect) or ink, lang)]
    for i, read in enumerate(reads):
        if read and len(read) <= 24 and not was_typed(read, typed) and any(
                caption_matches(other, read) for j, other in enumerate(reads) if j != i):
            return Phrase((Word(read, ink, 0.9, (0, 0, 0)),), own=True)
    return None


def _read_line(ocr: Ocr, frame: Frame, region: Rect, lang: str) -> str:
    pixels, _ = frame.crop(region)
    return str(ocr.read_text(pixels, lang, line=True)).strip()  # type: ignore[attr-defined]


def _nearest_phrase(words: Sequence[Word], point: Point) -> list[Word]:
    """Of the phrases in a control (a menu item's text and its shortcut, far right), the one nearest the click."""
    phrases = [_phrase_around(line, i) for line in group_lines(words) for i in range(len(line))]
    unique = {tuple(id(w) for w in p): p for p in phrases}
    return min(unique.values(), key=lambda p: union([w.box for w in p]).center.distance(point), default=[])


def was_typed(text: str, typed: Collection[str]) -> bool:
    """Whether a text on screen is (part of) something the person typed: data, not a label."""
    key = fold(text)
    return bool(key) and any(key == v or (len(v) >= 4 and v in key) or (len(key) >= 4 and key in v) for v in typed)


def label_for(frame: Frame, words: Sequence[Word], point: Point, *, text_field: bool, second: Ocr | None,
              lang: str, typed: Collection[str] = ()) -> Phrase | None:
    """The text under the click (not in a text field: that is its value), else the nearest label left, else above.

    Each candidate must survive the second reading and be no text the person typed earlier
    (a value is no label: the next row will show another one); the first that passes names the place.
    """
    finders = ([] if text_field else [phrase_under]) + [_left_of, _above]
    cjk = second.cjk() if isinstance(second, ByScript) and reads_cjk(lang) else None
    again: list[Word] | None = None
    for find in finders:
        for phrase in find(words, point):
            text = phrase_text(phrase)
            if not was_typed(text, typed) and read_twice(frame, phrase, second, lang):
                return Phrase(tuple(phrase), own=find is phrase_under)
        if cjk is not None:  # before a label farther away: the near one Tesseract misread ("BA" for 报销人)
            again = _read_band(cjk, frame, point, lang) if again is None else again
            for phrase in find(again, point):
                if has_cjk(phrase_text(phrase)) and not was_typed(phrase_text(phrase), typed):
                    return Phrase(tuple(phrase), own=find is phrase_under)
    return None


def reads_cjk(lang: str) -> bool:
    """A routine that reads Chinese, Japanese or Korean screens."""
    return any(code in ("chi_sim", "chi_tra", "jpn", "kor") or code.startswith(("chi_", "jpn_", "kor_"))
               for code in lang.split("+"))


def _read_band(cjk: Ocr, frame: Frame, point: Point, lang: str) -> list[Word]:
    """RapidOCR's reading of where a label of the point can be (left of it and above it): chi_sim misreads
    small Chinese labels ("报销人" as "BA"), and the label farther away would be taken instead."""
    band = frame.rect.intersect(Rect(point.x - LABEL_REACH[0], point.y - LABEL_REACH[1], LABEL_REACH[0] + 60,
                                     LABEL_REACH[1] + 30))
    if band is None:
        return []
    pixels, band = frame.crop(band)
    return readable(cjk.words(pixels, Point(band.x, band.y), lang))


def nearby(words: Sequence[Word], point: Point, reach: int = 300) -> tuple[str, str] | None:
    """The readable phrase nearest the point and where the point is from it: for naming an icon."""
    best: tuple[float, list[Word]] | None = None
    for line in group_lines(words):
        for i in range(len(line)):
            phrase = _phrase_around(line, i)
            box = union([w.box for w in phrase])
            distance = box.center.distance(point)
            if distance <= reach and (best is None or distance < best[0]):
                best = (distance, phrase)
    if best is None:
        return None
    box = union([w.box for w in best[1]])
    dx, dy = point.x - box.center.x, point.y - box.center.y
    side = ("right of" if dx > 0 else "left of") if abs(dx) >= abs(dy) else ("below" if dy > 0 else "above")
    return side, phrase_text(best[1])


# --- where labels sit ------------------------------------------------------------------------------


def phrase_under(words: Sequence[Word], p: Point) -> list[list[Word]]:
    for line in group_lines(words):
        for i, w in enumerate(line):
            if w.box.grow(3).contains(p):
                return [_phrase_around(line, i)]
    return []


def _left_of(words: Sequence[Word], p: Point) -> list[list[Word]]:
    found: list[tuple[float, list[Word]]] = []
    for line in group_lines(words):
        left = [i for i, w in enumerate(line) if w.box.right <= p.x and abs(w.box.center.y - p.y) <= max(w.box.h, 10)]
        if left:
            i = left[-1]
            distance = p.x - line[i].box.right
            if distance <= LABEL_REACH[0]:
                found.append((distance, _phrase_ending(line, i)))
    return [phrase for _, phrase in sorted(found, key=lambda f: f[0])]


def _above(words: Sequence[Word], p: Point) -> list[list[Word]]:
    found: list[tuple[float, list[Word]]] = []
    for line in group_lines(words):
        for i, w in enumerate(line):
            if w.box.bottom <= p.y and w.box.x - 40 <= p.x <= w.box.right + 200:
                distance = p.y - w.box.bottom
                if distance <= min(LABEL_REACH[1], ABOVE_HEIGHTS * w.box.h):  # a label sits just over its field
                    found.append((distance, _phrase_ending(line, i)))
    return [phrase for _, phrase in sorted(found, key=lambda f: f[0])]


PHRASE_GAP = 0.9  # text heights: wider than a space between words, narrower than between two menu items


def _gap_ok(a: Word, b: Word) -> bool:
    return b.box.x - a.box.right <= PHRASE_GAP * max(a.box.h, b.box.h)


def _phrase_ending(line: list[Word], i: int) -> list[Word]:
    """The label ending at word i: the words before it that sit close together ("Customer ID:")."""
    start = i
    while start > 0 and _gap_ok(line[start - 1], line[start]) and not line[start - 1].text.endswith(":"):
        start -= 1
    return line[start : i + 1]


def _phrase_around(line: list[Word], i: int) -> list[Word]:
    start, end = i, i
    while start > 0 and _gap_ok(line[start - 1], line[start]) and not line[start - 1].text.endswith(":"):
        start -= 1
    while end + 1 < len(line) and _gap_ok(line[end], line[end + 1]) and not line[end].text.endswith(":"):
        end += 1
    return line[start : end + 1]


def label_of_change(before: Frame, after: Frame, resolver: Resolver, windows: WindowList | None, *,
                    second: Ocr | None = None, typed: Collection[str] = ()) -> Phrase | None:
    """The label of the field typing reached without a click (Tab, a key): the field is where the text
    appeared, its label the phrase left of or above it; the typed text itself is no label."""
    changed = same_lines(changed_regions(before, after))
    if not changed:
        return None
    where = changed[0]
    window = windows.at(where.center) if windows is not None else None
    area = (after.rect.intersect(window.rect) if window is not None else None) or after.rect
    words = readable(resolver.words(after, area))
    outside = [w for w in words if not where.grow(2).contains(w.box.center)]
    return label_for(after, outside, Point(where.x, where.center.y), text_field=True, second=second,
                     lang=resolver.lang, typed=typed)

