"""Blacking out what a kept screen must not show: other windows, DeskPilot's own bar."""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from deskpilot.geometry import Rect
from deskpilot.ports import Frame


def only_window(frame: Frame, window: Rect | None, hidden: Iterable[Rect] = ()) -> np.ndarray:
    """The frame's pixels with everything outside ``window`` and inside ``hidden`` painted black.

    Kept with a recording, the screen before a click needs only the application it was in: other
    windows (a mail, a chat, DeskPilot's own recording bar) stay out of the recording folder.
    """
    pixels = frame.pixels.copy()
    if window is not None:
        keep = frame.rect.intersect(window)
        mask = np.zeros(pixels.shape[:2], bool)
        if keep is not None:
            mask[keep.y - frame.origin.y:keep.bottom - frame.origin.y, keep.x - frame.origin.x:keep.right - frame.origin.x] = True
        pixels[~mask] = 0
    for rect in hidden:
        part = frame.rect.intersect(rect)
        if part is not None:
            pixels[part.y - frame.origin.y:part.bottom - frame.origin.y, part.x - frame.origin.x:part.right - frame.origin.x] = 0
    return pixels
