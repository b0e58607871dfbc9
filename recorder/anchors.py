"""Anchors at record time: every way to find the clicked point again, each checked on its own frame.

The frame is the screen just before the press. Text: the words under the click
(a button, a menu item) or the nearest label left of or above it (a field).
Image: a crop around the point, grown until it is unique. Window: its title and
the point inside it. Then the whole target is resolved on the same frame: it must
lead back to the click, uniquely, or the step is marked weak with the reason.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import cv2

from deskpilot import model as m
from deskpilot.geometry import Point, Rect
from deskpilot.ports import Frame, Window, Windows, Word
from deskpilot.vision.match import grey, match
from deskpilot.vision.resolve import Resolver
from deskpilot.vision.text import find_phrases, group_lines, union

SECRET_LABEL = re.compile(r"pass\s*word|passwort|kennwort|passcode|\bpin\b|mot de passe|contrase|senha|密码|口令|暗証",
                          re.IGNORECASE)
BACK_TO_POINT_PX = 4
CROP_START = (48, 24)
CROP_MAX = (400, 200)


@dataclass(frozen=True, kw_only=True)
class Built:
    target: m.Target
    label: str | None  # the text the anchor reads, for descriptions and secret detection
    weak: str | None  # why the self-check failed, or None
    words: tuple[Word, ...]  # the OCR of the window, for the wait check of the next step


def window_region(frame: Frame, window: Window | None) -> Rect:
    if window is None:
        return frame.rect
    return frame.rect.intersect(window.rect) or frame.rect


def build_target(frame: Frame, point: Point, *, resolver: Resolver, windows: Windows | None, folder: Path,
                 image_name: str, screen: tuple[int, int]) -> Built:
    window = windows.at(point) if windows is not None else None
    words = resolver.words(frame, window_region(frame, window))
    anchors: list[m.Anchor] = []
    label = None
    found = text_anchor(words, point)
    label_box = None
    if found is not None:
        text, label_box = found
        anchors.append(text)
        label = text.text
    image = image_anchor(frame, point, folder, image_name, include=label_box)
    if image is not None:
        anchors.append(image)
    if window is not None and window.title:
        anchors.append(m.WindowAnchor(window=title_pattern(window.title),
                                      point=(point.x - window.rect.x, point.y - window.rect.y)))
    anchors.append(m.PointAnchor(at=(point.x, point.y), screen=screen))
    target = m.Target(anchors=tuple(anchors))
    return Built(target=target, label=label, weak=self_check(target, frame, point, resolver), words=tuple(words))


def title_pattern(title: str) -> str:
    """A title pattern that survives what changes in titles: the document name, a '*' for unsaved changes.

    Most applications end their title with their own name ("note.txt - Mousepad"); that part is kept.
    """
    for sep in (" - ", " — ", " – ", " | "):
        if sep in title:
            return "(^|" + re.escape(sep) + ")" + re.escape(title.rsplit(sep, 1)[1].strip()) + "$"
    return "^" + re.escape(title.lstrip("*").strip()) + "$"


def text_anchor(words: list[Word], point: Point) -> tuple[m.TextAnchor, Rect] | None:
    """The words under the click, else the nearest label to the left, else above."""
    words = _readable(words)
    phrase = _under(words, point) or _left_of(words, point) or _above(words, point)
    return _text_anchor(words, phrase, point) if phrase else None


def text_anchor_from(words: list[Word], label_at: Point, point: Point) -> tuple[m.TextAnchor, Rect] | None:
    """The label a person pointed at (in the editor), anchoring ``point``: the phrase under ``label_at``."""
    words = _readable(words)
    phrase = _under(words, label_at)
    return _text_anchor(words, phrase, point) if phrase else None


def _readable(words: list[Word]) -> list[Word]:
    return [w for w in words if any(ch.isalnum() for ch in w.text)]  # a caret or a border read as "|" is no label


def _text_anchor(words: list[Word], phrase: list[Word], point: Point) -> tuple[m.TextAnchor, Rect]:
    text = " ".join(w.text for w in phrase)
    box = union([w.box for w in phrase])
    dx, dy = point.x - box.center.x, point.y - box.center.y
    same = [p for p in find_phrases(words, text) if p.similarity >= 0.95]
    near = (box.center.x, box.center.y) if len(same) > 1 else None  # tells equal labels apart
    anchor = m.TextAnchor(text=text, offset=(float(dx), float(dy)),
                          offset_em=(round(dx / box.h, 2), round(dy / box.h, 2)), height=box.h, near=near)
    return anchor, box


def _under(words: list[Word], p: Point) -> list[Word] | None:
    for line in group_lines(words):
        for i, w in enumerate(line):
            if w.box.grow(3).contains(p):
                return _phrase_around(line, i)
    return None


def _left_of(words: list[Word], p: Point) -> list[Word] | None:
    best: tuple[float, list[Word]] | None = None
    for line in group_lines(words):
        left = [i for i, w in enumerate(line) if w.box.right <= p.x and abs(w.box.center.y - p.y) <= max(w.box.h, 10)]
        if left:
            i = left[-1]
            distance = p.x - line[i].box.right
            if distance <= 400 and (best is None or distance < best[0]):
                best = (distance, _phrase_ending(line, i))
    return best[1] if best else None


def _above(words: list[Word], p: Point) -> list[Word] | None:
    best: tuple[float, list[Word]] | None = None
    for line in group_lines(words):
        for i, w in enumerate(line):
            if w.box.bottom <= p.y and w.box.x - 40 <= p.x <= w.box.right + 200:
                distance = p.y - w.box.bottom
                if distance <= 120 and (best is None or distance < best[0]):
                    best = (distance, _phrase_ending(line, i))
    return best[1] if best else None


def _gap_ok(a: Word, b: Word) -> bool:
    return b.box.x - a.box.right <= 1.2 * max(a.box.h, b.box.h)


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


def image_anchor(frame: Frame, point: Point, folder: Path, name: str,
                 include: Rect | None = None) -> m.ImageAnchor | None:
    """A crop around the point, taking in its label, grown until it matches only one place on the frame.

    With the label inside, an empty field is told from the empty field above it: the
    picture is then the label and its field, as a person sees it.
    """
    haystack = grey(frame.pixels)
    w, h = CROP_START
    while w <= CROP_MAX[0] and h <= CROP_MAX[1]:
        wanted = Rect.centered(point, w, h)
        if include is not None and include.center.distance(point) <= 400:
            wanted = union([wanted, include.grow(4)])
        rect = frame.rect.intersect(wanted)
        if rect is None:
            return None
        pixels, rect = frame.crop(rect)
        crop = grey(pixels)
        if crop.std() > 8:  # a flat crop (empty field, blank wall) matches everywhere: grow it
            found = match(haystack, (frame.origin.x, frame.origin.y), crop, threshold=0.9, scales=(1.0,), limit=2)
            if len(found) == 1:
                (folder / name).parent.mkdir(parents=True, exist_ok=True)
                cv2.imwrite(str(folder / name), pixels)
                return m.ImageAnchor(image=name, point=(point.x - rect.x, point.y - rect.y), near=(point.x, point.y))
        w, h = int(w * 1.5), int(h * 1.5)
    return None


def image_anchor_from(frame: Frame, region: Rect, point: Point, folder: Path, name: str) -> m.ImageAnchor | None:
    """The crop a person drew (in the editor) as the image anchor for ``point``; None when it is off the frame."""
    pixels, rect = frame.crop(region)
    if pixels.size == 0:
        return None
    (folder / name).parent.mkdir(parents=True, exist_ok=True)
    cv2.imwrite(str(folder / name), pixels)
    return m.ImageAnchor(image=name, point=(point.x - rect.x, point.y - rect.y), near=(point.x, point.y))


def self_check(target: m.Target, frame: Frame, point: Point, resolver: Resolver) -> str | None:
    """Resolve the new target on the frame it came from: it must lead back to the click, uniquely."""
    res = resolver.resolve(target, frame)
    if not res.found or res.best is None:
        return f"does not resolve on its own frame: {res.reason or res.status}"
    if res.best.point.distance(point) > BACK_TO_POINT_PX:
        return (f"resolves to ({res.best.point.x}, {res.best.point.y}) by {res.best.how}, "
                f"not to the clicked ({point.x}, {point.y})")
    return None


def is_secret_label(label: str | None) -> bool:
    return bool(label and SECRET_LABEL.search(label))


def text_present(words: tuple[Word, ...], text: str) -> bool:
    return any(p.similarity >= 0.9 for p in find_phrases(list(words), text))
