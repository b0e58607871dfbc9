"""Annotated screenshots: the regions searched (grey), the candidates with scores (orange), the point (red)."""

from __future__ import annotations

import cv2
import numpy as np

from deskpilot.images import encode_png
from deskpilot.geometry import Point, Rect
from deskpilot.ports import Frame
from deskpilot.result import Resolution

GREY, ORANGE, RED, GREEN = (150, 150, 150), (0, 140, 255), (0, 0, 230), (40, 160, 40)


def annotate(frame: Frame, resolution: Resolution, point: Point | None) -> bytes:
    """PNG bytes of the frame with what the resolver looked at and what it would click."""
    img = np.ascontiguousarray(frame.pixels.copy())
    ox, oy = frame.origin.x, frame.origin.y
    for region in resolution.searched:
        _rect(img, region, ox, oy, GREY, 1)
    for c in resolution.candidates[:8]:
        if c.box is None:
            continue
        colour = GREEN if resolution.found and c is resolution.best else ORANGE
        _rect(img, c.box, ox, oy, colour, 2)
        label = f"{c.score:.2f}" + (f" {c.found_text}" if c.found_text and c.how == "text" else f" {c.how}")
        cv2.putText(img, label[:40], (c.box.x - ox, max(12, c.box.y - oy - 4)), cv2.FONT_HERSHEY_SIMPLEX, 0.45,
                    colour, 1, cv2.LINE_AA)
    if point is not None:
        x, y = point.x - ox, point.y - oy
        cv2.drawMarker(img, (x, y), RED, cv2.MARKER_CROSS, 24, 2)
        cv2.circle(img, (x, y), 14, RED, 2)
    return encode_png(img)


def _rect(img: np.ndarray, r: Rect, ox: int, oy: int, colour: tuple[int, int, int], width: int) -> None:
    cv2.rectangle(img, (r.x - ox, r.y - oy), (r.right - ox - 1, r.bottom - oy - 1), colour, width)
