"""Anchors at record time: every way to find the clicked point again, each checked on its own frame.

The frame is the screen just before the press. Text: the clicked control's own
caption (a button, a key, a menu item), else the nearest label left of or above it
(a field) -- text a person reads, never OCR noise (see ``deskpilot.recorder.labels``).
Image: a crop around the point, grown until it is unique. Window: its title and
the point inside it. Then the whole target is resolved on the same frame: it must
lead back to the click, uniquely, or the step is marked weak with the reason.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from pathlib import Path

from deskpilot import model as m
from deskpilot.geometry import Point, Rect
from deskpilot.ports import Accessibility, Element, Frame, Ocr, TextReader, Window, WindowList, Word
from deskpilot.vision.elements import TEXT_ROLES, anchor_of, usable
from deskpilot.vision.field import Box, box_at, click_line, holds_ink, underlined_field
from deskpilot.images import write_png
from deskpilot.vision.crops import unique_crop
from deskpilot.vision.resolve import Resolver
from deskpilot.vision.text import find_phrases, phrase_text, union
from deskpilot.window_kinds import is_spreadsheet, is_terminal
from deskpilot.recorder.labels import CAPTION_BOX, caption, label_for, nearby, phrase_under, readable

BACK_TO_POINT_PX = 4


@dataclass(frozen=True, kw_only=True)
class Built:
    target: m.Target
    label: str | None  # the text the anchor reads, for descriptions and secret detection
    weak: str | None  # why the self-check failed, or None
    words: tuple[Word, ...]  # the readable OCR of the window, for the wait check of the next step
    held: bool = False  # a text field that already held text when it was clicked: typing goes after it
    own: bool = False  # the label is the clicked control's own caption
    text_field: bool = False  # the pointer showed a text cursor (outside a terminal): a field that takes typing
    spreadsheet: bool = False  # a cell: typing replaces what it holds


@dataclass(frozen=True, kw_only=True)
class Clicked:
    """What was known about a press besides its frame: the pointer's shape and the second OCR reading."""

    cursor: str | None = None  # "text" when the pointer showed a text cursor
    second: Ocr | None = None  # a different reading that a label must agree with
    typed: frozenset[str] = frozenset()  # what the person typed so far (folded): data, never a label
    element: m.ElementAnchor | None = None  # the control under the press, as the accessibility tree names it


def window_region(frame: Frame, window: Window | None) -> Rect:
    if window is None:
        return frame.rect
    return frame.rect.intersect(window.rect) or frame.rect


def build_target(frame: Frame, point: Point, *, resolver: Resolver, windows: WindowList | None, folder: Path,
                 image_name: str, screen: tuple[int, int], clicked: Clicked | None = None) -> Built:
    clicked = clicked or Clicked()
    window = windows.at(point) if windows is not None else None
    app = window.app if window is not None else ""
    words = readable(resolver.words(frame, window_region(frame, window)))
    text_field = clicked.cursor == "text" and not is_terminal(app)
    box = box_at(frame, point, within=window.rect if window is not None else None)
    phrase = None if text_field else caption(frame, box, words, clicked.second, resolver.lang, clicked.typed,
                                             first=resolver.ocr if isinstance(resolver.ocr, TextReader) else None,
                                             point=point)
    if phrase is None and not (not text_field and is_control(frame, box)):  # a key is never named by its neighbour
        phrase = label_for(frame, words, point, text_field=text_field, second=clicked.second,
                           lang=resolver.lang, typed=clicked.typed)
    anchors: list[m.Anchor] = [clicked.element] if clicked.element is not None else []
    label_box = None
    if phrase is not None:
        anchors.append(_text_anchor(words, list(phrase.words), point))
        label_box = phrase.box
    image = unique_crop(frame, point, folder, image_name, include=label_box)
    if image is not None:
        if phrase is None:
            image = dataclasses.replace(image, label=_icon_name(words, point, box))
        anchors.append(image)
    if window is not None:  # an untitled one too: a popup menu, whose items keep their place in it
        anchors.append(m.WindowAnchor(window=title_pattern(window.title),
                                      point=(point.x - window.rect.x, point.y - window.rect.y),
                                      size=(window.rect.w, window.rect.h)))
    anchors.append(m.PointAnchor(at=(point.x, point.y), screen=screen))
    target = m.Target(anchors=tuple(anchors))
    held = text_field and _holds_text(frame, point, box, label_box)
    label, own = (phrase.text, phrase.own) if phrase else (None, False)
    tree = clicked.element
    if tree is not None and (tree.name or tree.label):  # the tree's names beat OCR's reading of the screen
        own = bool(tree.name) and tree.role not in TEXT_ROLES  # a button by its name, a field by its label
        label = tree.name if own else (tree.label or tree.name or label)
    return Built(target=target, label=label, weak=self_check(target, frame, point, resolver),
                 words=tuple(words), held=held, own=own, text_field=text_field,
                 spreadsheet=is_spreadsheet(app))


CONTROL_MIN = (28, 18)  # a box this big with something drawn in it is a button or a key, not a check box


def element_anchor_at(element: Element | None, point: Point, windows: WindowList | None,
                      access: Accessibility | None) -> m.ElementAnchor | None:
    """The element anchor of a press: the control the tree named there, in the window the press went to.

    ``windows`` are the windows as they were at the press. An element outside the window on top there
    is refused: the tree answered late (a menu item's popup gone, the field under it named instead).
    Named after the element's own window (a menu item's is the application's frame, not the popup)."""
    if not usable(element, point) or access is None:
        return None
    assert element is not None
    window = windows.at(point) if windows is not None else None
    if window is not None and not _lies_in(element.rect, window):
        return None
    title = element.window or (window.title if window is not None else "")
    owner = next((w for w in windows.find(title_pattern(title))), None) if windows is not None and title else None
    siblings = access.elements(owner) if owner is not None else [element]
    return anchor_of(element, point, title_pattern(title) if title else None, siblings)


def _lies_in(rect: Rect, window: Window) -> bool:
    """Inside the window: wholly for a popup (a menu is small), by its middle for the rest (a scrolled area
    reaches beyond its window)."""
    if not window.title:
        return window.rect.grow(4).intersect(rect) == rect
    return window.rect.grow(2).contains(rect.center)


def is_control(frame: Frame, box: Box | None) -> bool:
    """A button or a key: a small closed box that shows a caption or an icon of its own.

    Named by that caption or by its picture, never by a neighbour's text: on a keypad the text
    left of the "5" key is the "4" key's.
    """
    if box is None or box.rect.w > CAPTION_BOX[0] or box.rect.h > CAPTION_BOX[1]:
        return False
    return box.rect.w >= CONTROL_MIN[0] and box.rect.h >= CONTROL_MIN[1] and holds_ink(frame, box.inner(1))


def _holds_text(frame: Frame, point: Point, box: Box | None, label: Rect | None) -> bool:
    """Whether the clicked text field already showed a value."""
    if box is not None:
        return holds_ink(frame, box.inner())
    under = underlined_field(frame, label, point) if label is not None else None
    if under is not None:
        return holds_ink(frame, under)
    line = frame.rect.intersect(click_line(point))  # no edge: the line the click is on
    return line is not None and holds_ink(frame, line)


def _icon_name(words: list[Word], point: Point, box: Box | None) -> str:
    """A person's name for a place no text names: "the icon left of 'Description'"."""
    what = "icon" if box is not None and box.rect.w <= 80 and box.rect.h <= 80 else "place"
    near = nearby(words, point)
    return f"the {what} {near[0]} '{near[1]}'" if near else f"the {what} at ({point.x}, {point.y})"


SEPARATORS = (" - ", " — ", " – ", " | ")
DOCUMENT = re.compile(r"[/\\]|\.\w{1,9}$|^\*|untitled|unbenannt|sans titre|sin título|未命名|新建|\(modified\)",
                      re.IGNORECASE)


def title_pattern(title: str) -> str:
    """A title pattern that survives what changes in titles -- a document's name, a '*' for unsaved changes --
    and still tells the application's windows apart ("Checking - HomeBank" is not "book.xhb - Household - HomeBank").

    The title's parts that look like a document (a file name, a path, "Untitled", a leading '*') match anything;
    the rest is kept as it reads.
    """
    sep = next((s for s in SEPARATORS if s in title), None)
    if sep is None:  # "Untitled", "*Untitled" once typed into: the same window
        return "^\\*?" + re.escape(title.lstrip("*").strip()) + "$"
    parts = [p.strip() for p in title.split(sep)]
    kept = [".*" if DOCUMENT.search(p) else re.escape(p) for p in parts]
    if all(k == ".*" for k in kept):
        kept[-1] = re.escape(parts[-1])  # all of it changes: at least the application's own name stays
    return "^" + re.escape(sep).join(kept) + "$"


def text_anchor_from(words: list[Word], label_at: Point, point: Point) -> tuple[m.TextAnchor, Rect] | None:
    """The label a person pointed at (in the editor), anchoring ``point``: the phrase under ``label_at``."""
    words = readable(words)
    phrase = next(iter(phrase_under(words, label_at)), None)
    return (_text_anchor(words, phrase, point), union([w.box for w in phrase])) if phrase else None


def _text_anchor(words: list[Word], phrase: list[Word], point: Point) -> m.TextAnchor:
    text = phrase_text(phrase)
    box = union([w.box for w in phrase])
    dx, dy = point.x - box.center.x, point.y - box.center.y
    same = [p for p in find_phrases(words, text) if p.similarity >= 0.95]
    near = (box.center.x, box.center.y) if len(same) > 1 else None  # tells equal labels apart
    return m.TextAnchor(text=text, offset=(float(dx), float(dy)), offset_em=(round(dx / box.h, 2), round(dy / box.h, 2)),
                        height=box.h, near=near)


def image_anchor_from(frame: Frame, region: Rect, point: Point, folder: Path, name: str) -> m.ImageAnchor | None:
    """The crop a person drew (in the editor) as the image anchor for ``point``; None when it is off the frame."""
    pixels, rect = frame.crop(region)
    if pixels.size == 0:
        return None
    write_png(folder / name, pixels)
    return m.ImageAnchor(image=name, point=(point.x - rect.x, point.y - rect.y), near=(point.x, point.y))


def self_check(target: m.Target, frame: Frame, point: Point, resolver: Resolver) -> str | None:
    """Resolve the new target on the frame it came from: it must lead back to the click, uniquely.

    The picture alone: the tree answers for the screen as it is now, and the visual anchors are what
    a replay falls back on when the tree is gone, so they must stand on their own."""
    res = resolver.with_windows(resolver.windows, tree=False).resolve(target, frame)
    if not res.found or res.best is None:
        return f"does not resolve on its own frame: {res.reason or res.status}"
    if res.best.point.distance(point) > BACK_TO_POINT_PX:
        return (f"resolves to ({res.best.point.x}, {res.best.point.y}) by {res.best.how}, "
                f"not to the clicked ({point.x}, {point.y})")
    return None


def text_present(words: tuple[Word, ...], text: str) -> bool:
    return any(p.similarity >= 0.9 for p in find_phrases(list(words), text))
