"""Find a target on a frame, cheapest way first: image near its last place, then OCR of its window, then wider.

OCR is most of a step's time, so each frame region is read once and remembered by a
hash of its pixels: a screen that has not changed between two polls is never read twice.
The search's own readings read less still (``changes.WordCache``): a caret's blink seen
both ways costs nothing, a change in a few lines costs those lines.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Callable
from pathlib import Path

import numpy as np

from deskpilot import model as m
from deskpilot.geometry import Point, Rect
from deskpilot.ports import Accessibility, Frame, Ocr, Screen, TextReader, UnlinedReader, Window, WindowList, Word
from deskpilot.result import Candidate, Resolution
from deskpilot.vision import locate
from deskpilot.vision.changes import WordCache
from deskpilot.vision.field import box_at, ink_box
from deskpilot.vision.match import SCALES, grey, load_template, match
from deskpilot.vision.second_reading import replay_reading
from deskpilot.vision.structural import UNCONFIRMED, resolve_by_element, with_element
from deskpilot.vision.text import caption_matches, fold

log = logging.getLogger(__name__)
NEAR_BOX = (300, 200)  # the fast image search: this much around the recorded place
FAST_ACCEPT = 0.9


class Resolver:
    """Resolves targets on frames from ``screen``; one per routine run, so its OCR cache spans the polls."""

    def __init__(self, screen: Screen, ocr: Ocr, windows: WindowList | None, folder: Path, lang: str = "eng",
                 *, cache_size: int = 32, access: Accessibility | None = None, reuse: bool = True) -> None:
        self.screen, self.ocr, self.windows, self.access = screen, ocr, windows, access
        self.folder, self.lang = folder, lang
        self.cache = WordCache(size=cache_size)
        self.reuse = reuse  # the search may take a blink from the cache and re-read changed lines only
        self._read_cache: dict[tuple[object, ...], str] = {}
        self._cache_size = cache_size
        self.ocr_calls = 0
        self._fresh: set[Rect] = set()  # regions this look read new pixels of: still moving, no second reading yet
        self._thorough = True  # outside a poll's look (find_text, the recorder): every reading

    def with_windows(self, windows: WindowList | None, *, tree: bool = True) -> Resolver:
        """The same resolver (its OCR cache shared) over another window list: the windows as they were;
        without the accessibility ``tree``, what the picture alone finds."""
        other = Resolver(self.screen, self.ocr, windows, self.folder, self.lang, cache_size=self._cache_size,
                         access=self.access if tree else None, reuse=self.reuse)
        other.cache, other._read_cache = self.cache, self._read_cache
        return other

    # --- public ---------------------------------------------------------------------------

    def resolve(self, target: m.Target, frame: Frame | None = None, *, allow_point: bool = False,
                thorough: bool = False) -> Resolution:
        """Pool every anchor's candidates, cheapest search first, and decide; stop early only on a clear match.

        A place found under another window (a dialog, a second application over the
        form) is not clickable: a click would land in the other window. It counts as
        not found, with the covering window named, so the step waits and then fails.

        The second readings (frames and lines removed; RapidOCR for Chinese) cost a whole reading each. A
        poll reads them only in a region whose pixels were seen before this look (the screen held still
        there): a screen still drawing is looked at again in a moment anyway. ``thorough`` reads them
        everywhere: the last look before a step gives up.
        """
        frame = frame or self.screen.grab()
        self._fresh, self._thorough = set(), thorough or allow_point
        try:
            res = self._structural(target, frame)
            if res is None or res.status in ("not_found", UNCONFIRMED):  # no tree, or no element to trust: the picture
                res = with_element(self._visual(target, frame, allow_point=allow_point), res)
        finally:
            self._fresh, self._thorough = set(), True
        cover = self._covering(target, res)
        if cover is None:
            return res
        return Resolution(status="not_found", best=None, candidates=res.candidates, searched=res.searched,
                          reason=f"the place is covered by the window '{cover}'; move that window or close it")

    def _visual(self, target: m.Target, frame: Frame, *, allow_point: bool) -> Resolution:
        res = self._own_caption(target, self._resolve(target, frame, allow_point=allow_point), frame)
        if not res.found and _own_caption_anchor(target) is not None:
            # a key's "7" that the window's reading misses: read each control where the window puts the point
            windows = self._window_candidates(target)
            local = self._captions_at(target, frame, windows)
            if local:
                found = _decided(local + windows, target, self.windows is not None)
                res = found if found.found else res
        return res

    def pictures_near(self, target: m.Target, frame: Frame, point: Point | None) -> list[Candidate]:
        """The image anchors' matches around a point (None: where each was recorded), at their own scale."""
        return self._images(target, frame, [], near_only=True, expected=point)

    def _structural(self, target: m.Target, frame: Frame) -> Resolution | None:
        """By the element anchor, checked against the image anchors' cheap search around the element."""
        return resolve_by_element(target, self.windows, self.access, lambda p: self.pictures_near(target, frame, p))

    def _covering(self, target: m.Target, res: Resolution) -> str | None:
        """The title of a window over the found point when the point belongs to the target's own window."""
        patterns = [a.window for a in target.anchors if isinstance(a, m.WindowAnchor)]
        if self.windows is None or not patterns or not res.found or res.best is None:
            return None
        point = res.best.point
        under = [w for w in self.windows.all() if w.rect.contains(point)]  # bottom to top: one query, not two
        if not under or any(re.search(p, under[-1].title) for p in patterns):
            return None
        own = any(re.search(p, w.title) for p in patterns for w in under)
        return (under[-1].title or "untitled") if own else None

    def _resolve(self, target: m.Target, frame: Frame | None, *, allow_point: bool) -> Resolution:
        frame = frame or self.screen.grab()
        searched: list[Rect] = []
        cands = self._window_candidates(target)
        scope = _single_rect(cands, frame)
        expected = _expected_point(cands)
        fast = self._images(target, frame, searched, near_only=True, expected=expected)
        quick = _decided(fast + cands, target, self.windows is not None)
        if _decisive(quick, "image"):
            return _with_searched(quick, searched)
        shift = locate.window_shift(target, expected)
        under = None if scope else self._window_under(_text_near(target), frame)
        band = _band(expected or _text_near(target), scope or under or frame.rect)
        for part in (band, under):  # a strip around the expected row, then the window it was in: cheap before wide
            if part is not None:
                nearby = _decided(self._texts(target, frame, [part], searched, shift, partial=True) + cands, target,
                                  self.windows is not None)
                if _decisive(nearby, "text"):
                    return _with_searched(nearby, searched)
        # every window (or the target's own): a window read above comes from the cache
        cands += self._texts(target, frame, [scope] if scope else self._window_regions(frame), searched, shift)
        cands += self._images(target, frame, searched, near_only=False, scope=scope)
        result = _decided(cands, target, self.windows is not None)
        settled = self._settled([scope] if scope else self._window_regions(frame))
        if result.status == "not_found" and isinstance(self.ocr, UnlinedReader) and settled:
            # a second reading without frames and grid lines: a label hugged by a focus frame reads only then
            cands += self._texts(target, frame, settled, searched, shift, unlined=True)
            result = _decided(cands, target, self.windows is not None)
        if result.status == "not_found" and settled:  # a Chinese label Tesseract missed twice: RapidOCR (second_reading)
            extra = replay_reading().candidates(target, frame, settled, shift)
            if extra:
                cands += extra
                result = _decided(cands, target, self.windows is not None)
        if result.status == "not_found" and allow_point:  # never when two real places match: that would be a guess
            point = next(((i, a) for i, a in enumerate(target.anchors) if isinstance(a, m.PointAnchor)), None)
            if point is not None:
                best = locate.point_candidate(point[1], point[0])
                return Resolution(status="found", best=best, candidates=(best, *result.candidates),
                                  searched=tuple(searched), reason="fallback to the recorded point: " + result.reason)
        return _with_searched(result, searched)

    def find_text(self, frame: Frame, phrase: str, region: Rect | None = None) -> list[Candidate]:
        """Every place ``phrase`` reads on the frame (or in ``region``), best first; for callers that are not steps."""
        target = m.Target(anchors=(m.TextAnchor(text=phrase),))
        regions = [region] if region is not None else self._window_regions(frame)
        return sorted(self._texts(target, frame, regions, []), key=lambda c: -c.score)

    def read_region(self, frame: Frame, rect: Rect, lang: str | None = None, *, line: bool = False) -> str:
        """The text of a region, lines joined: for read_text steps and checking what was typed.

        ``line``: the region is a single line (a field), read as one.
        """
        pixels, _ = frame.crop(rect)
        if isinstance(self.ocr, TextReader):
            reader = self.ocr.read_text
            return str(reader(pixels, lang or self.lang, line=line) if line else reader(pixels, lang or self.lang))
        return " ".join(w.text for w in self.ocr.words(pixels, Point(rect.x, rect.y), lang or self.lang))

    def _settled(self, regions: list[Rect]) -> list[Rect]:
        """The regions a second reading is worth on this look: all when thorough, else those not new to the cache."""
        return regions if self._thorough else [r for r in regions if r not in self._fresh]

    def words(self, frame: Frame, region: Rect, *, unlined: bool = False, reuse: bool = False) -> list[Word]:
        """OCR words in a frame region, from the cache when the same pixels were read before.

        ``unlined``: the second reading, frames and grid lines removed (when the OCR offers it).
        ``reuse``: for finding targets, a caret's blink may come from the cache and a change be read in its
        lines only; without it (reading values: a table, the recorder's labels) words read from exactly these pixels.
        """
        pixels, clipped = frame.crop(region)
        if pixels.size == 0:
            return []
        ocr = self.ocr.words_without_lines if unlined and isinstance(self.ocr, UnlinedReader) else self.ocr.words

        def read(part: np.ndarray, origin: Point) -> list[Word]:
            self.ocr_calls += 1
            if not unlined:
                self._fresh.add(region)
            found: list[Word] = ocr(part, origin, self.lang)
            return found

        return self.cache.words(pixels, clipped, (self.lang, unlined), read, reuse=reuse and self.reuse,
                                lines=not unlined)

    def _own_caption(self, target: m.Target, res: Resolution, frame: Frame) -> Resolution:
        """A place found by picture or window must show the caption its control was recorded with.

        Keys of a keypad look alike but for their captions; a picture matched at another scale
        lands on the "8" as readily as on the "5". The control at the found place is read on its own:
        another caption refuses the place, an unreadable one is taken only on a near-exact picture.
        """
        best = res.best
        caption = _own_caption_anchor(target)
        reader = self.ocr.read_text if isinstance(self.ocr, TextReader) else None
        if not res.found or best is None or best.how == "text" or caption is None or reader is None:
            return res
        box = box_at(frame, best.point)
        if box is None or box.rect.w > CAPTION_BOX[0] or box.rect.h > CAPTION_BOX[1]:
            return res
        if not box.rect.grow(2).contains(best.point.offset(-caption.offset[0], -caption.offset[1])):
            return res  # the text names the place from outside (a column's header): no caption of this control
        read = self._read_alone(frame, box.inner(1), reader)
        if caption_matches(read, caption.text) or (not read and best.how == "image" and best.score >= EXACT_PICTURE):
            return res
        if _one_word_garbled(read, caption.text):
            return res  # "cs a Display Value" for "Copy Display Value": an icon beside it, no other caption
        if len(read.split()) > len(caption.text.split()) + 1 and fold(caption.text) in fold(read):
            return res  # the box holds more than one control (a menu bar): it says nothing against this one
        shown = f"reads {read!r}" if read else "cannot be read"
        return Resolution(status="ambiguous", best=best, candidates=res.candidates, searched=res.searched,
                          reason=f"the control found at ({best.point.x}, {best.point.y}) {shown}, not "
                                 f"{caption.text!r}: not the one this step clicks")

    def _captions_at(self, target: m.Target, frame: Frame, cands: list[Candidate]) -> list[Candidate]:
        """A control's own caption that the window's reading misses (one character on a key), read on its own
        in the control at each place the window anchor puts the point -- backed by that anchor by construction."""
        reader = self.ocr.read_text if isinstance(self.ocr, TextReader) else None
        if reader is None:
            return []
        out: list[Candidate] = []
        for i, a in enumerate(target.anchors):
            if a is not _own_caption_anchor(target):
                continue
            for place, within in locate.window_places(target, cands):
                box = box_at(frame, place, within=within)
                if box is None or box.rect.w > CAPTION_BOX[0] or box.rect.h > CAPTION_BOX[1]:
                    continue
                read = self._read_alone(frame, box.inner(1), reader)
                ink = ink_box(frame, box.inner(1))
                if ink is not None and caption_matches(read, a.text):
                    out.append(Candidate(point=ink.center.offset(*a.offset), score=0.9, anchor_index=i, how="text",
                                         box=ink, found_text=read, text_similarity=1.0))
        return out

    def _read_alone(self, frame: Frame, rect: Rect, reader: Callable[..., str]) -> str:
        pixels, _ = frame.crop(rect)
        key = ("alone", hashlib.blake2b(np.ascontiguousarray(pixels).tobytes(), digest_size=16).digest(),
               pixels.shape, self.lang)
        if key not in self._read_cache:
            self.ocr_calls += 1
            self._read_cache[key] = str(reader(pixels, self.lang, line=True)).strip()
            if len(self._read_cache) > 4 * self._cache_size:
                self._read_cache.pop(next(iter(self._read_cache)))
        return self._read_cache[key]

    # --- per anchor kind ----------------------------------------------------------------------

    def _window_candidates(self, target: m.Target) -> list[Candidate]:
        if self.windows is None:
            return []
        alone = not any(isinstance(a, (m.TextAnchor, m.ImageAnchor)) for a in target.anchors)
        out: list[Candidate] = []
        for i, a in enumerate(target.anchors):
            if isinstance(a, m.WindowAnchor):
                found: list[Window] = self.windows.find(a.window)
                out += locate.window_candidates(a, i, found, alone)
        return out

    def _window_under(self, near: Point | None, frame: Frame) -> Rect | None:
        """The window under the recorded place, clipped to the frame, when there is one and it is not the desktop."""
        if near is None or self.windows is None:
            return None
        window = self.windows.at(near)
        rect = frame.rect.intersect(window.rect) if window is not None else None
        return rect if rect is not None and rect != frame.rect and rect.w * rect.h > 400 else None

    def _window_regions(self, frame: Frame) -> list[Rect]:
        """Each visible window on its own: OCR reads a window far better than a whole desktop around it."""
        if self.windows is None:
            return [frame.rect]
        rects = [r for w in self.windows.all() if (r := frame.rect.intersect(w.rect)) is not None and r.w * r.h > 400]
        return rects or [frame.rect]

    def _texts(self, target: m.Target, frame: Frame, regions: list[Rect], searched: list[Rect],
               shift: tuple[int, int] = (0, 0), *, partial: bool = False, unlined: bool = False) -> list[Candidate]:
        """Text candidates over the words of all ``regions`` together, so "near" and "occurrence" see every match.

        A ``partial`` search (a band, one window) leaves out anchors with an occurrence: the second
        "Amount:" of a strip need not be the second of the screen.
        """
        anchors = [(i, locate.shifted(a, shift)) for i, a in enumerate(target.anchors)
                   if isinstance(a, m.TextAnchor) and not (partial and a.occurrence is not None)]
        if not anchors:
            return []
        words: list[Word] = []
        for n, region in enumerate(regions):
            if region not in searched:
                searched.append(region)
            words += _own_lines(self.words(frame, region, unlined=unlined, reuse=True), n)
        return [c for i, a in anchors for c in locate.text_candidates(a, i, words)]

    def _images(self, target: m.Target, frame: Frame, searched: list[Rect], *, near_only: bool,
                scope: Rect | None = None, expected: Point | None = None) -> list[Candidate]:
        out: list[Candidate] = []
        for i, a in enumerate(target.anchors):
            if not isinstance(a, m.ImageAnchor):
                continue
            template = load_template(self.folder / a.image)
            th, tw = template.shape[:2]
            if near_only:
                centre = expected or (Point(*a.near) if a.near else None)
                if centre is None:
                    continue
                region = Rect.centered(centre, tw + NEAR_BOX[0], th + NEAR_BOX[1])
                scales: tuple[float, ...] = (1.0,)
            else:
                region = scope or frame.rect
                scales = SCALES
            pixels, clipped = frame.crop(region)
            if pixels.size == 0:
                continue
            searched.append(clipped)
            found = match(grey(pixels), (clipped.x, clipped.y), template, threshold=a.threshold, scales=scales)
            out += locate.image_candidates(a, i, [(f.box, f.score, f.scale) for f in found], (tw, th))
        return out


BAND_HEIGHT = 160
CAPTION_BOX = (420, 90)  # a control this size or smaller is named by its own text


EXACT_PICTURE = 0.95


def _own_caption_anchor(target: m.Target) -> m.TextAnchor | None:
    """The target's first text anchor when it is the clicked control's own caption (clicked on it, short)."""
    a = next((a for a in target.anchors if isinstance(a, m.TextAnchor)), None)
    if a is None or len(a.text) > 24 or abs(a.offset[0]) > 60 or abs(a.offset[1]) > 40:
        return None  # far from its text: a label beside a field, not a caption on a control
    return a


def _own_lines(words: list[Word], region: int) -> list[Word]:
    """Words with line numbers of their own region: Tesseract numbers blocks from 1 in every image."""
    if region == 0:
        return words
    return [Word(w.text, w.box, w.conf, (region * 10_000 + w.line[0], w.line[1], w.line[2])) for w in words]


def _text_near(target: m.Target) -> Point | None:
    return next((Point(*a.near) for a in target.anchors if isinstance(a, m.TextAnchor) and a.near), None)


def _band(centre: Point | None, scope: Rect) -> Rect | None:
    """The full-width strip of the scope around the expected row, or None when it would be the scope itself."""
    if centre is None or scope.h <= BAND_HEIGHT * 1.5:
        return None
    return scope.intersect(Rect(scope.x, centre.y - BAND_HEIGHT // 2, scope.w, BAND_HEIGHT))


def _expected_point(window_cands: list[Candidate]) -> Point | None:
    """Where the window anchor puts the point: a moved window moves its targets with it."""
    points = {c.point for c in window_cands}
    return next(iter(points)) if len(points) == 1 else None


def _single_rect(window_cands: list[Candidate], frame: Frame) -> Rect | None:
    """The one window the target lives in, clipped to the frame; None when zero or several match."""
    rects = {c.box for c in window_cands if c.box is not None}
    if len(rects) != 1:
        return None
    return frame.rect.intersect(next(iter(rects)))


def _decided(cands: list[Candidate], target: m.Target, window_list: bool) -> Resolution:
    """Decide among the candidates, then require the other anchors to back the winner."""
    return locate.corroborate(locate.decide(cands), cands, target, window_list=window_list)


def _decisive(res: Resolution, how: str) -> bool:
    """A cheap early step may end the search only with a clear, strong match of its own kind."""
    return res.found and res.best is not None and res.best.how == how and res.best.score >= FAST_ACCEPT


def _with_searched(res: Resolution, searched: list[Rect]) -> Resolution:
    return Resolution(status=res.status, best=res.best, candidates=res.candidates, searched=tuple(searched),
                      reason=res.reason)


def _one_word_garbled(read: str, caption: str) -> bool:
    """One word of a caption garbled into scraps (an icon beside it); a real other word is another control."""
    want = [fold(w) for w in caption.split() if fold(w)]
    got = [fold(w) for w in read.split() if fold(w)]
    missing = [w for w in want if w not in got]
    scraps = [w for w in got if w not in want]
    return len(want) >= 2 and len(missing) == 1 and all(len(w) <= 2 for w in scraps)

