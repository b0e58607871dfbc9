"""What every screen backend does with a region: grab only the part of it on screen."""

from __future__ import annotations

import time

import numpy as np

from deskpilot.geometry import Point, Rect
from deskpilot.ports import Frame


def area_to_grab(bounds: Rect, region: Rect | None) -> Rect | None:
    """The whole screen, or ``region`` clipped to it (X and RFB servers refuse to read past the edge);
    None when none of the region is on screen."""
    return bounds if region is None else bounds.intersect(region)


def off_screen(region: Rect) -> Frame:
    """An empty frame where it was asked for: a region entirely off screen."""
    return Frame(np.zeros((0, 0, 3), np.uint8), Point(region.x, region.y), time.monotonic())
