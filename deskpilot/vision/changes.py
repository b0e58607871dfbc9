"""What changed in a screen region since it was last read, so OCR reads only that.

The resolver reads a window, polls, and reads it again. Between two polls most of a window
is the same pixels: a caret blinked, a field took a few letters. ``WordCache`` keeps, per
region, the last pixels and their words, and answers a new reading in the cheapest way
that gives the words a whole reading of these pixels would:

- the same pixels as a reading before: its words (a hash, as always);
- only a caret's blink from the last pixels: the last words, without OCR -- once that blink
  was *seen both ways* at that place (see ``Blinks``); before that, the blink's line is re-read;
- a change in a few text lines: those lines re-read across the region's width, the words
  elsewhere kept; when more than ``REREAD_SHARE`` of the region changed, the region is read whole.

Why a blink must be seen both ways first: from one pair of frames a caret that went out and
an 'l' (or 'I', '|') typed while the caret was out are the same thin bar. A bar that came back
with the very pixels it left is no letter: a letter stays, and the caret moves on after it. So a
masked reading serves the last words only for pixels that differ from the last reading's in one
bar that was seen to switch between exactly these two pictures, both ways, nothing else changing.
A typed letter could pass only where that very letter had been typed and deleted in that place
before, the caret out each time and nothing else changing -- typing does not look like that: it
moves the caret, and Qt and GTK show the caret after every key.

Words read this way (``reuse``) are for finding targets. Reading values (a read_table step, the
recorder, healing) asks for words read whole from exactly these pixels, and a field's read-back after
typing never goes through this cache. A line re-read is Tesseract on that line: as good as a whole
reading, not word for word the same one (a whole reading depends on the rest of the page too).
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from deskpilot.geometry import Point, Rect
from deskpilot.ports import Word

BAR_WIDTH = 3  # a text caret is this many columns wide at most...
BAR_HEIGHT = (6, 64)  # ...and as tall as a line of text
REREAD_SHARE = 0.3  # re-read only the changed lines while they are less than this share of the region's rows
REREAD_BANDS = 4  # and at most this many separate stretches of lines
MARGIN = 6  # rows kept around a change: the rest of its text line (ascenders, descenders) and some white
QUIET_REACH = 12  # rows a band's edge may move out to a plain row
Read = Callable[[np.ndarray, Point], list[Word]]  # OCR of pixels whose top-left sits at the point


def difference(old: np.ndarray, new: np.ndarray) -> np.ndarray:
    """Which pixels differ at all, as a rows x columns mask: the cache stands for exactly these pixels."""
    diff: np.ndarray = np.not_equal(old, new)
    if diff.ndim == 2:
        return diff
    out = diff[:, :, 0].copy()
    for channel in range(1, diff.shape[2]):  # channel by channel: ten times faster than any(axis=2)
        out |= diff[:, :, channel]
    return out


def thin_bar(mask: np.ndarray) -> Rect | None:
    """The box of the change when it is one unbroken vertical bar a caret could be (region coordinates)."""
    rows = np.flatnonzero(mask.any(axis=1))
    if rows.size == 0:
        return None
    cols = np.flatnonzero(mask.any(axis=0))
    y0, y1, x0, x1 = int(rows[0]), int(rows[-1]) + 1, int(cols[0]), int(cols[-1]) + 1
    if x1 - x0 > BAR_WIDTH or not BAR_HEIGHT[0] <= y1 - y0 <= BAR_HEIGHT[1] or rows.size != y1 - y0:
        return None  # wider than a caret, not a line's height, or broken ('i', '!', ':'): no caret
    return Rect(x0, y0, x1 - x0, y1 - y0)


def reread_bands(mask: np.ndarray, boxes: list[Rect], pixels: np.ndarray | None = None) -> list[tuple[int, int]] | None:
    """The stretches of rows to read again (region coordinates, end exclusive), or None: read it all.

    Each change grows by ``MARGIN`` rows, then over every word of the last reading it touches (so no
    word is cut: it is either kept whole or read again whole), then out to plain rows of ``pixels`` (a
    field's box kept whole); stretches that meet become one.
    """
    height = mask.shape[0]
    rows = np.flatnonzero(mask.any(axis=1))
    if rows.size == 0:
        return []
    cuts = np.flatnonzero(np.diff(rows) > 2 * MARGIN)
    starts = [int(rows[0]), *(int(rows[i + 1]) for i in cuts)]
    ends = [*(int(rows[i]) + 1 for i in cuts), int(rows[-1]) + 1]
    bands = [(max(0, a - MARGIN), min(height, b + MARGIN)) for a, b in zip(starts, ends)]
    while True:
        grown = _joined([_quiet(*_over_words(a, b, boxes), pixels) for a, b in bands])
        grown = [(max(0, a), min(height, b)) for a, b in grown]
        if grown == bands:
            break
        bands = grown
    if len(bands) > REREAD_BANDS or sum(b - a for a, b in bands) >= REREAD_SHARE * height:
        return None
    return bands


def _over_words(top: int, bottom: int, boxes: list[Rect]) -> tuple[int, int]:
    for box in boxes:
        if box.y < bottom and box.bottom > top:
            top, bottom = min(top, box.y), max(bottom, box.bottom)
    return top, bottom


def _quiet(top: int, bottom: int, pixels: np.ndarray | None) -> tuple[int, int]:
    """The band moved out, by ``QUIET_REACH`` rows at most, until its first and last rows are plain: a cut
    through a field's box would leave its sides, which Tesseract reads as "[" or "|"."""
    if pixels is None:
        return top, bottom
    height = pixels.shape[0]
    for _ in range(QUIET_REACH):
        if top <= 0 or _plain(pixels[top]):
            break
        top -= 1
    for _ in range(QUIET_REACH):
        if bottom >= height or _plain(pixels[bottom - 1]):
            break
        bottom += 1
    return top, bottom


def _plain(row: np.ndarray) -> bool:
    """One colour, or one stretch of another on it (a border line, a panel): no sides of a box, no glyphs."""
    steps = row[1:] != row[:-1]
    return int(np.count_nonzero(steps.any(axis=-1) if steps.ndim == 2 else steps)) <= 2


def _joined(bands: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for a, b in sorted(bands):
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def merge_words(kept: list[Word], bands: list[tuple[int, int]], fresh: list[list[Word]]) -> list[Word]:
    """The last words outside the re-read rows (desktop coordinates) and the new words inside them.

    Each reading numbers its own blocks from 1, so every (reading, block) gets a number of its own:
    a phrase never runs from a kept line into a re-read one.
    """
    numbers: dict[tuple[int, int], int] = {}

    def renumbered(w: Word, source: int) -> Word:
        block = numbers.setdefault((source, w.line[0]), len(numbers) + 1)
        return Word(w.text, w.box, w.conf, (block, w.line[1], w.line[2]))

    out = [renumbered(w, 0) for w in kept if not any(w.box.y < b and w.box.bottom > a for a, b in bands)]
    for n, words in enumerate(fresh, start=1):
        out += [renumbered(w, n) for w in words]
    return out


@dataclass
class _Blink:
    states: frozenset[bytes]  # the bar's pixels on and off
    seen: set[tuple[bytes, bytes]] = field(default_factory=set)  # the ways it went: (from, to)


class Blinks:
    """Thin bars seen to come and go at one place of the desktop with the rest of their region unchanged."""

    def __init__(self, size: int = 64) -> None:
        self._bars: OrderedDict[Rect, _Blink] = OrderedDict()
        self._size = size

    def note(self, bar: Rect, before: bytes, after: bytes) -> None:
        """A region changed from ``before`` to ``after`` in ``bar`` alone."""
        known = self._bars.get(bar)
        if known is None or known.states != frozenset((before, after)):
            known = self._bars[bar] = _Blink(frozenset((before, after)))
        known.seen.add((before, after))
        self._bars.move_to_end(bar)
        if len(self._bars) > self._size:
            self._bars.popitem(last=False)

    def blinks(self, bar: Rect, before: bytes, after: bytes) -> bool:
        """Whether the bar went from these pixels to those and back before: a caret, not a letter."""
        known = self._bars.get(bar)
        return known is not None and known.states == frozenset((before, after)) and len(known.seen) == 2


@dataclass
class _Last:
    key: tuple[object, ...]
    pixels: np.ndarray  # a copy: the frame may be written over
    words: list[Word]


@dataclass
class WordCache:
    """OCR words per frame region, read as little as the change since the last reading there needs."""

    size: int = 32
    places: int = 12  # regions whose last pixels are kept (a copy each)
    reads: int = 0  # OCR calls, whole or in lines
    pixels_read: int = 0  # the pixels they read, summed
    blink_hits: int = 0
    line_reads: int = 0  # readings answered by re-reading some lines
    _exact: OrderedDict[tuple[object, ...], list[Word]] = field(default_factory=OrderedDict)
    _derived: OrderedDict[tuple[object, ...], list[Word]] = field(default_factory=OrderedDict)
    _last: OrderedDict[tuple[object, ...], _Last] = field(default_factory=OrderedDict)
    blinks: Blinks = field(default_factory=Blinks)

    def words(self, pixels: np.ndarray, at: Rect, tag: tuple[object, ...], read: Read, *, reuse: bool,
              lines: bool = True) -> list[Word]:
        """The words of ``pixels`` (at ``at`` on the desktop, read as ``tag`` says: language, kind).

        ``reuse``: a masked blink or a reading of the changed lines may answer (see the module);
        without it, only words read whole from exactly these pixels. ``lines``: the changed lines may
        be read on their own (not for a reading that removes long lines: a line cut short stays).
        """
        place = (at.x, at.y, pixels.shape, *tag)
        key = (hashlib.blake2b(np.ascontiguousarray(pixels).tobytes(), digest_size=16).digest(), *place)
        last = self._last.get(place)
        changed = last is not None and last.key != key
        store = self._exact if key in self._exact else self._derived if reuse and key in self._derived else None
        found = store[key] if store is not None else None
        if store is not None:
            self._keep(store, key, store[key])
            if last is not None and changed:
                self._seen(last, pixels, at)
        elif last is not None and changed and reuse:
            found = self._from_last(last, pixels, at, key, read, lines)
        elif last is not None and changed:
            self._seen(last, pixels, at)
        if found is None:
            found = self._read(pixels, Point(at.x, at.y), read)
            self._keep(self._exact, key, found)
        if last is None or changed:
            self._last[place] = _Last(key, np.array(pixels), found)
        self._last.move_to_end(place)
        if len(self._last) > self.places:
            self._last.popitem(last=False)
        return found

    def _from_last(self, last: _Last, pixels: np.ndarray, at: Rect, key: tuple[object, ...], read: Read,
                   lines: bool) -> list[Word] | None:
        """The words from the last reading here and a reading of what changed; None: read it whole."""
        mask = difference(last.pixels, pixels)
        bar = thin_bar(mask)
        if bar is not None:
            before, after = _bar_pixels(last.pixels, bar), _bar_pixels(pixels, bar)
            where = Rect(at.x + bar.x, at.y + bar.y, bar.w, bar.h)
            known = self.blinks.blinks(where, before, after)
            self.blinks.note(where, before, after)
            if known:
                self.blink_hits += 1
                self._keep(self._derived, key, last.words)
                return last.words
        if not lines:
            return None
        bands = reread_bands(mask, [Rect(w.box.x - at.x, w.box.y - at.y, w.box.w, w.box.h) for w in last.words],
                             pixels)
        if bands is None:
            return None
        fresh = [self._read(pixels[a:b], Point(at.x, at.y + a), read) for a, b in bands]
        found = merge_words(last.words, [(at.y + a, at.y + b) for a, b in bands], fresh)
        self.line_reads += 1
        self._keep(self._derived, key, found)
        return found

    def _seen(self, last: _Last, pixels: np.ndarray, at: Rect) -> None:
        """Note a blink between the last pixels here and these, when that is all that changed."""
        bar = thin_bar(difference(last.pixels, pixels))
        if bar is not None:
            self.blinks.note(Rect(at.x + bar.x, at.y + bar.y, bar.w, bar.h), _bar_pixels(last.pixels, bar),
                             _bar_pixels(pixels, bar))

    def _read(self, pixels: np.ndarray, origin: Point, read: Read) -> list[Word]:
        self.reads += 1
        self.pixels_read += pixels.shape[0] * pixels.shape[1]
        return read(pixels, origin)

    def _keep(self, store: OrderedDict[tuple[object, ...], list[Word]], key: tuple[object, ...],
              words: list[Word]) -> None:
        store[key] = words
        store.move_to_end(key)
        if len(store) > self.size:
            store.popitem(last=False)


def _bar_pixels(pixels: np.ndarray, bar: Rect) -> bytes:
    return np.ascontiguousarray(pixels[bar.y : bar.bottom, bar.x : bar.right]).tobytes()
