"""Template matching with OpenCV: grey, normalised correlation, tolerant to scale 0.75–1.5."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import cv2
import numpy as np

from deskpilot.geometry import Rect

SCALES = (1.0, 0.9, 1.1, 0.8, 1.2, 1.25, 0.75, 1.33, 1.4, 1.5)


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
    data = np.fromfile(path, dtype=np.uint8)
    image = cv2.imdecode(data, cv2.IMREAD_GRAYSCALE)
    if image is None:
        raise ValueError(f"{path}: not a readable image")
    return image


def match(haystack: np.ndarray, origin: tuple[int, int], template: np.ndarray, *, threshold: float,
          scales: tuple[float, ...] = SCALES, limit: int = 5) -> list[ImageMatch]:
    """Matches of ``template`` in ``haystack`` (grey), best first, at most ``limit``, one per place.

    Scale 1.0 comes first; when it already scores very high the other scales are skipped.
    """
    found: list[ImageMatch] = []
    for scale in scales:
        tpl = template if scale == 1.0 else cv2.resize(template, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
        th, tw = tpl.shape[:2]
        if th < 4 or tw < 4 or th > haystack.shape[0] or tw > haystack.shape[1]:
            continue
        result = cv2.matchTemplate(haystack, tpl, cv2.TM_CCOEFF_NORMED)
        found += _peaks(result, origin, tw, th, threshold, scale, limit)
        if scale == 1.0 and found and found[0].score >= 0.97:
            break
    return _suppress(found, limit)


def _peaks(result: np.ndarray, origin: tuple[int, int], w: int, h: int, threshold: float, scale: float,
           limit: int) -> list[ImageMatch]:
    """Local maxima above the threshold, found by blanking each peak's neighbourhood in turn."""
    out: list[ImageMatch] = []
    result = np.nan_to_num(result.copy(), nan=0.0)
    for _ in range(limit):
        _, score, _, (x, y) = cv2.minMaxLoc(result)
        if score < threshold:
            break
        out.append(ImageMatch(Rect(origin[0] + x, origin[1] + y, w, h), float(min(1.0, score)), scale))
        result[max(0, y - h // 2) : y + h // 2 + 1, max(0, x - w // 2) : x + w // 2 + 1] = -1
    return out


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
