"""Template matching with OpenCV: grey, normalised correlation, tolerant to scale 0.75–1.5.

A text crop matched 5 % off its true scale scores well under 0.8, so scales go in
steps of 0.05. Sixteen full-size searches of a 1920x1080 screen take most of a
second; on a large haystack the other scales are searched coarse to fine instead:
every other scale on a half-size screen, then each promising place at full size.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import cv2
import numpy as np

from deskpilot.images import read_png
from deskpilot.geometry import Rect

SCALES = tuple(sorted((round(0.75 + 0.05 * i, 2) for i in range(16)), key=lambda s: (abs(s - 1.0), s)))
EARLY_STOP = 0.97  # at scale 1.0 this is the same picture: no other scale will beat it
COARSE_MIN_PIXELS = 400_000  # a haystack below this (about 640x600) is searched at full size
COARSE_MIN_SIDE = 16  # a template smaller than this loses its shape at half size
COARSE_SLACK = 0.25  # half-size scores run lower than full-size ones: keep places this much under the threshold


@dataclass(frozen=True, slots=True)
class ImageMatch:
    box: Rect  # desktop coordinates of the matched crop
    score: float  # 0–1
    scale: float


def grey(pixels: np.ndarray) -> np.ndarray:
    return pixels if pixels.ndim == 2 else cv2.cvtColor(pixels, cv2.COLOR_BGR2GRAY)


def load_template(path: Path) -> np.ndarray:
    """The anchor image in grey; cached by path and modification time, so an edited image is re-read."""
    return _load(str(path), path.stat().st_mtime_ns)


@lru_cache(maxsize=256)
def _load(path: str, mtime: int) -> np.ndarray:
    image = read_png(Path(path), grey=True)
    if image is None:
        raise ValueError(f"{path}: not a readable image")
    image.setflags(write=False)  # shared by every caller through the cache
    return image


def match(haystack: np.ndarray, origin: tuple[int, int], template: np.ndarray, *, threshold: float,
          scales: tuple[float, ...] = SCALES, limit: int = 5) -> list[ImageMatch]:
    """Matches of ``template`` in ``haystack`` (grey), best first, at most ``limit``, one per place.

    Scale 1.0 comes first; when it already scores very high the other scales are skipped.
    """
    found: list[ImageMatch] = []
    if 1.0 in scales:
        found = _search(haystack, template, 1.0, threshold, limit)
        if found and found[0].score >= EARLY_STOP:
            return _suppress(_moved(found, origin), limit)
    others = sorted(s for s in scales if s != 1.0)
    if others and haystack.size >= COARSE_MIN_PIXELS and min(template.shape[:2]) * min(others) >= COARSE_MIN_SIDE:
        found += _coarse_to_fine(haystack, template, others, threshold, limit)
    else:
        for scale in others:
            found += _search(haystack, template, scale, threshold, limit)
    return _suppress(_moved(found, origin), limit)


def _search(haystack: np.ndarray, template: np.ndarray, scale: float, threshold: float,
            limit: int) -> list[ImageMatch]:
    """Peaks of one scale over the whole haystack, in haystack coordinates."""
    tpl = _resized(template, scale)
    th, tw = tpl.shape[:2]
    if th < 4 or tw < 4 or th > haystack.shape[0] or tw > haystack.shape[1]:
        return []
    result = cv2.matchTemplate(haystack, tpl, cv2.TM_CCOEFF_NORMED)
    return [ImageMatch(Rect(x, y, tw, th), score, scale) for x, y, score in _peaks(result, tw, th, threshold, limit)]


def _coarse_to_fine(haystack: np.ndarray, template: np.ndarray, scales: list[float], threshold: float,
                    limit: int) -> list[ImageMatch]:
    """Every other scale on a half-size haystack; each place found is then scored at full size, with its neighbours."""
    small = cv2.resize(haystack, None, fx=0.5, fy=0.5, interpolation=cv2.INTER_AREA)
    coarse: list[ImageMatch] = []
    for i in range(0, len(scales), 2):
        for m in _search(small, template, scales[i] * 0.5, threshold - COARSE_SLACK, limit):
            coarse.append(ImageMatch(m.box, m.score, scales[i]))
    fine: list[ImageMatch] = []
    for m in _suppress(coarse, 2 * limit + 2):
        i = scales.index(m.scale)
        region = Rect(m.box.x * 2, m.box.y * 2, m.box.w * 2, m.box.h * 2).grow(max(4, m.box.h))
        fine += _refine(haystack, template, region, scales[max(0, i - 1) : i + 2], threshold)
    return fine


def _refine(haystack: np.ndarray, template: np.ndarray, region: Rect, scales: list[float],
            threshold: float) -> list[ImageMatch]:
    """The best full-size match inside ``region`` at the given scales."""
    h, w = haystack.shape[:2]
    x0, y0 = max(0, region.x), max(0, region.y)
    patch = haystack[y0 : min(h, region.bottom), x0 : min(w, region.right)]
    best: ImageMatch | None = None
    for scale in scales:
        for m in _search(patch, template, scale, threshold, 1):
            if best is None or m.score > best.score:
                best = ImageMatch(Rect(m.box.x + x0, m.box.y + y0, m.box.w, m.box.h), m.score, scale)
    return [best] if best is not None else []


def _resized(template: np.ndarray, scale: float) -> np.ndarray:
    if scale == 1.0:
        return template
    shrink = scale < 1.0
    return cv2.resize(template, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA if shrink else cv2.INTER_CUBIC)


def _peaks(result: np.ndarray, w: int, h: int, threshold: float, limit: int) -> list[tuple[int, int, float]]:
    """Local maxima above the threshold, found by blanking each peak's neighbourhood in turn."""
    out: list[tuple[int, int, float]] = []
    result = np.nan_to_num(result, nan=0.0, posinf=0.0, neginf=0.0)  # a flat template divides by zero
    for _ in range(limit):
        _, score, _, (x, y) = cv2.minMaxLoc(result)
        if score < threshold:
            break
        out.append((x, y, float(min(1.0, score))))
        result[max(0, y - h // 2) : y + h // 2 + 1, max(0, x - w // 2) : x + w // 2 + 1] = -1
    return out


def _moved(matches: list[ImageMatch], origin: tuple[int, int]) -> list[ImageMatch]:
    """Haystack coordinates to desktop coordinates."""
    ox, oy = origin
    return [ImageMatch(Rect(m.box.x + ox, m.box.y + oy, m.box.w, m.box.h), m.score, m.scale) for m in matches]


def _suppress(matches: list[ImageMatch], limit: int) -> list[ImageMatch]:
    """One match per place: of overlapping matches (any scale) keep the best."""
    kept: list[ImageMatch] = []
    for m in sorted(matches, key=lambda m: -m.score):
        if all(_overlap(m.box, k.box) < 0.5 for k in kept):
            kept.append(m)
    return kept[:limit]


def _overlap(a: Rect, b: Rect) -> float:
    inter = a.intersect(b)
    return 0.0 if inter is None else inter.w * inter.h / min(a.w * a.h, b.w * b.h)
