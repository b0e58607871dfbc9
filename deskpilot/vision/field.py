"""Where a control is, from its pixels alone: the box around a point, and what changed between two frames.

Old applications expose no element tree, but every field, cell and button is drawn
as a box of one colour inside a border. Flood-filling from the clicked point over
that colour (around the glyphs) finds the box; if the fill escapes to the edge of
the search area, the point is in no closed box (a flat terminal line, a window's
background). The player reads a typed field back from this box, and checks that a
click named after a label landed in a box on the label's own row.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from deskpilot.geometry import Point, Rect
from deskpilot.ports import Frame

SEARCH = (1400, 500)  # the area a box is looked for in, around the point
FILL_TOLERANCE = 10  # grey levels: a field's flat background, not its border or glyphs
MIN_BOX = (10, 8)  # smaller fills are the inside of a glyph ("o", "e"), not a control
MIN_FILL = 0.45  # share of its bounding box the fill covers: a box, not a thin gap between widgets
CHANGE_LEVEL = 28  # grey levels that count as a changed pixel between two frames


@dataclass(frozen=True, slots=True)
class Box:
    """A closed box around a point and the colour it was filled over."""

    rect: Rect
    background: int  # grey level of the box's own colour

    def inner(self, margin: int = 2) -> Rect:
        """The box without its edge pixels: where its text is."""
        return Rect(self.rect.x + margin, self.rect.y + margin, max(1, self.rect.w - 2 * margin),
                    max(1, self.rect.h - 2 * margin))


def box_at(frame: Frame, point: Point, within: Rect | None = None) -> Box | None:
    """The closed box of one colour that contains ``point``, or None when the point is in no closed box."""
    region = frame.rect.intersect(Rect.centered(point, *SEARCH))
    if region is not None and within is not None:  # the window's whole width: a field may span it
        region = within.intersect(Rect(within.x, point.y - SEARCH[1] // 2, within.w, SEARCH[1]))
    if region is None or not region.contains(point):
        return None
    pixels, region = frame.crop(region)
    grey = _grey(pixels)
    for seed in _seeds(grey, point.x - region.x, point.y - region.y):
        rect = _fill(grey, seed)
        if rect is not None:
            return Box(Rect(region.x + rect.x, region.y + rect.y, rect.w, rect.h), int(grey[seed[1], seed[0]]))
    return None


def _fill(grey: np.ndarray, seed: tuple[int, int]) -> Rect | None:
    """The bounding box of the flood fill from ``seed`` when it is a closed box, else None."""
    h, w = grey.shape
    mask = np.zeros((h + 2, w + 2), np.uint8)
    flags = 4 | cv2.FLOODFILL_MASK_ONLY | cv2.FLOODFILL_FIXED_RANGE | (255 << 8)
    cv2.floodFill(grey, mask, seed, 0, FILL_TOLERANCE, FILL_TOLERANCE, flags)
    ys, xs = np.nonzero(mask[1:-1, 1:-1])
    x0, x1, y0, y1 = int(xs.min()), int(xs.max()), int(ys.min()), int(ys.max())
    if x0 == 0 or y0 == 0 or x1 == w - 1 or y1 == h - 1:
        return None  # escaped to the edge of the search area: no closed box here
    bw, bh = x1 - x0 + 1, y1 - y0 + 1
    if bw < MIN_BOX[0] or bh < MIN_BOX[1] or len(xs) < MIN_FILL * bw * bh:
        return None  # the inside of a glyph, or a thin gap
    return Rect(x0, y0, bw, bh)


def _seeds(grey: np.ndarray, x: int, y: int) -> list[tuple[int, int]]:
    """Pixels of the box's own colour near the point, nearest first, a few on each side.

    The point may sit on a glyph or inside one ("o", "e"); above and below a line of text
    a field always shows its own colour.
    """
    h, w = grey.shape
    y0, y1, x0, x1 = max(0, y - 12), min(h, y + 13), max(0, x - 12), min(w, x + 13)
    patch = grey[y0:y1, x0:x1]
    if patch.size == 0:
        return []
    common = int(np.bincount(patch.ravel()).argmax())
    ys, xs = np.nonzero(np.abs(patch.astype(np.int16) - common) <= FILL_TOLERANCE // 2)
    if len(xs) == 0:
        return []
    points = sorted(zip((xs + x0).tolist(), (ys + y0).tolist()), key=lambda p: (p[0] - x) ** 2 + (p[1] - y) ** 2)
    seeds: list[tuple[int, int]] = []
    for side in (lambda p: True, lambda p: p[1] < y - 2, lambda p: p[1] > y + 2, lambda p: p[0] < x - 4,
                 lambda p: p[0] > x + 4):
        seed = next((p for p in points if side(p)), None)
        if seed is not None and seed not in seeds:
            seeds.append(seed)
    if (x, y) not in seeds:
        seeds.append((x, y))  # last, the point's own colour: a small icon or key inside a larger background
    return seeds


INK_LEVEL = 60  # grey levels from the background that count as ink (text), not anti-aliasing or a gradient
CARET_COLUMNS = 3  # ink in this few columns is a text caret, not text


def holds_ink(frame: Frame, region: Rect) -> bool:
    """Whether a field's inside shows anything but its background and a caret: cheap, and no OCR guesses.

    Tesseract asked to read an empty field invents letters from the caret and the border.
    """
    pixels, _ = frame.crop(region)
    if pixels.size == 0:
        return False
    grey = _grey(pixels).astype(np.int16)
    background = int(np.bincount(grey.ravel().astype(np.uint8)).argmax())
    ink = (np.abs(grey - background) > INK_LEVEL).astype(np.uint8)
    if int(ink.any(axis=0).sum()) <= CARET_COLUMNS:
        return False
    count, _, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    shapes = [stats[i] for i in range(1, count) if stats[i][4] > 2]
    return not (len(shapes) == 1 and _caret_like(shapes[0]))


def ink_box(frame: Frame, region: Rect) -> Rect | None:
    """The bounding box of what is drawn in a region on its background: a caption inside its key."""
    pixels, region = frame.crop(region)
    if pixels.size == 0:
        return None
    grey = _grey(pixels).astype(np.int16)
    background = int(np.bincount(grey.ravel().astype(np.uint8)).argmax())
    ys, xs = np.nonzero(np.abs(grey - background) > INK_LEVEL)
    if len(xs) == 0:
        return None
    return Rect(region.x + int(xs.min()), region.y + int(ys.min()), int(xs.max() - xs.min() + 1),
                int(ys.max() - ys.min() + 1))


def _caret_like(stat: np.ndarray) -> bool:
    """A caret, thin or with serifs (Motif's I-beam): taller than twice its width, a few pixels wide."""
    w, h = int(stat[2]), int(stat[3])
    return w <= 9 and h >= 2 * w and h >= 8


def underlined_field(frame: Frame, line: Rect, point: Point) -> Rect | None:
    """A field drawn as an underline (a terminal-like form): the text line above the line under ``point``.

    ``line`` is the row of text the field sits on (its label's box). The underline is the
    longest run of one colour below that row that passes under ``point``; the field is the
    row above it, between its ends.
    """
    area = frame.rect.intersect(Rect(point.x - 1200, line.y, 2400, line.h * 2 + 4))
    if area is None:
        return None
    pixels, area = frame.crop(area)
    grey = _grey(pixels).astype(np.int16)
    background = int(np.bincount(grey.ravel().astype(np.uint8)).argmax())
    ink = np.abs(grey - background) > INK_LEVEL
    px = point.x - area.x
    best: tuple[int, int, int] | None = None  # (row, start, end)
    for row in range(max(0, line.bottom - area.y - 2), ink.shape[0]):
        if not 0 <= px < ink.shape[1] or not ink[row, px]:
            continue
        start, end = px, px
        while start > 0 and ink[row, start - 1]:
            start -= 1
        while end + 1 < ink.shape[1] and ink[row, end + 1]:
            end += 1
        if end - start >= 4 * line.h and (best is None or end - start > best[2] - best[1]):
            best = (row, start, end)
    if best is None:
        return None
    row, start, end = best
    return Rect(area.x + start, line.y - 2, end - start + 1, area.y + row - line.y + 1)


def same_lines(regions: list[Rect], gap: int = 40) -> list[Rect]:
    """Changes on one line of text joined into one box: the words typed into a field, not each word alone."""
    out = list(regions)
    merged = True
    while merged:  # joining two boxes can bring a third within reach
        merged = False
        for i in range(len(out)):
            for j in range(i + 1, len(out)):
                a, b = out[i], out[j]
                overlap = min(a.bottom, b.bottom) - max(a.y, b.y)
                if overlap >= 0.5 * min(a.h, b.h) and max(a.x, b.x) - min(a.right, b.right) <= gap:
                    x, y = min(a.x, b.x), min(a.y, b.y)
                    out[i] = Rect(x, y, max(a.right, b.right) - x, max(a.bottom, b.bottom) - y)
                    del out[j]
                    merged = True
                    break
            if merged:
                break
    return sorted(out, key=lambda r: -r.w * r.h)


def click_line(point: Point, height: int = 16) -> Rect:
    """The line of text a click is on, a little either side: where a field with no edge shows its value."""
    return Rect(point.x - 10 * height, point.y - height // 2 - 2, 20 * height, height + 4)


def changed_regions(before: Frame, after: Frame, *, within: Rect | None = None, min_pixels: int = 12,
                    join: int = 6) -> list[Rect]:
    """Boxes around what changed from ``before`` to ``after`` (desktop coordinates), largest first.

    Changes closer than ``join`` pixels are one region: the letters of one typed word.
    """
    area = before.rect.intersect(after.rect)
    if area is not None and within is not None:
        area = area.intersect(within)
    if area is None:
        return []
    a, _ = before.crop(area)
    b, _ = after.crop(area)
    if a.shape != b.shape or a.size == 0:
        return []
    diff = cv2.absdiff(_grey(a), _grey(b)) > CHANGE_LEVEL
    if not diff.any():
        return []
    grown = cv2.dilate(diff.astype(np.uint8), np.ones((join, join), np.uint8))
    count, _, stats, _ = cv2.connectedComponentsWithStats(grown, connectivity=8)
    out: list[tuple[int, Rect]] = []
    for i in range(1, count):
        x, y, w, h, n = (int(v) for v in stats[i])
        if int(diff[y:y + h, x:x + w].sum()) >= min_pixels:
            out.append((n, Rect(area.x + x, area.y + y, w, h)))
    return [r for _, r in sorted(out, key=lambda item: -item[0])]


def _grey(pixels: np.ndarray) -> np.ndarray:
    return pixels if pixels.ndim == 2 else cv2.cvtColor(pixels, cv2.COLOR_BGR2GRAY)


def masked_typing(before: Frame, after: Frame, typed: int) -> bool:
    """Whether what typing drew, in any field it changed, is a row of one repeated mark (dots, stars): a
    password field hiding the text. Every changed line is looked at: Tab into the field changes the one
    it left too (its focus ring, its caret).

    Typed letters differ in shape; a masked field draws the same blob once per key.
    """
    if typed < 2:
        return False
    return any(_one_repeated_mark(after, region, typed) for region in same_lines(changed_regions(before, after)))


def _one_repeated_mark(after: Frame, region: Rect, typed: int) -> bool:
    pixels, _ = after.crop(region.grow(2))
    grey = _grey(pixels).astype(np.int16)
    background = int(np.bincount(grey.ravel().astype(np.uint8)).argmax())
    ink = (np.abs(grey - background) > INK_LEVEL).astype(np.uint8)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    blobs = [i for i in range(1, count) if stats[i][4] >= 4 and not _caret_like(stats[i])]
    if len(blobs) < max(2, (typed + 1) // 2):
        return False
    middle = sorted(blobs, key=lambda i: (int(stats[i][2]), int(stats[i][3])))[len(blobs) // 2]
    mark = _blob_mask(labels, stats, middle)
    alike = [i for i in blobs if _same_mark(_blob_mask(labels, stats, i), mark)]
    # a frame may be taken before the toolkit drew the last marks: half of them is enough
    return len(alike) >= max(2, int(0.8 * len(blobs))) and len(alike) >= max(2, (typed + 1) // 2)


def _blob_mask(labels: np.ndarray, stats: np.ndarray, index: int) -> np.ndarray:
    x, y, w, h = (int(v) for v in stats[index][:4])
    return np.asarray(labels[y:y + h, x:x + w] == index)


def _same_mark(blob: np.ndarray, mark: np.ndarray) -> bool:
    """The same drawn mark: one size (a pixel either way) and one shape. Digits share a width and a height
    in most fonts (tabular figures), but a 7 is not a 0: only masking dots are copies of one another."""
    if abs(blob.shape[0] - mark.shape[0]) > 1 or abs(blob.shape[1] - mark.shape[1]) > 1:
        return False
    resized = cv2.resize(blob.astype(np.uint8), (mark.shape[1], mark.shape[0]), interpolation=cv2.INTER_NEAREST)
    return float(np.mean(resized.astype(bool) != mark)) <= 0.15
