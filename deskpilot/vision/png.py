"""Writing the pictures a recording keeps: one way, private to the user, whatever the folder's name.

Screens and anchor crops show what the application showed -- customer data, amounts --
so they are written readable by their owner only (0600), like every file DeskPilot makes.
``cv2.imwrite`` cannot write to a path with Chinese letters in it; encoding in memory and
writing the bytes can, and the write is atomic.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import cv2
import numpy as np

from deskpilot.atomic import write_atomic
from deskpilot.geometry import Rect
from deskpilot.ports import Frame


def write_png(path: Path, pixels: np.ndarray, *, compression: int = 3) -> None:
    ok, data = cv2.imencode(".png", pixels, [cv2.IMWRITE_PNG_COMPRESSION, compression])
    if not ok:
        raise OSError(f"cannot encode {path.name} as PNG")
    write_atomic(path, data.tobytes())


def read_png(path: Path) -> np.ndarray | None:
    """The picture's BGR pixels, or None when it is missing or not a picture (any path, any letters)."""
    try:
        data = np.frombuffer(path.read_bytes(), np.uint8)
    except OSError:
        return None
    pixels = cv2.imdecode(data, cv2.IMREAD_COLOR)
    return pixels if pixels is not None else None


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
