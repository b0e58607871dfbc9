"""Image files: the one place DeskPilot reads, writes and measures pictures, whatever the folder's name.

Screens and anchor crops show what the application showed -- customer data, amounts --
so they are written readable by their owner only (0600), like every file DeskPilot makes.
``cv2.imread``/``cv2.imwrite`` fail on a path with Chinese letters in it (a user or folder name
on our users' machines); encoding in memory and moving bytes can, and the write is atomic.
Under ``encrypt: at_rest`` the bytes on disk are sealed (``deskpilot.compliance.sealing``): the file keeps its
.png name, every reader here opens it, and no other program can.
"""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np

from deskpilot.compliance.sealing import read_private, write_private


def encode_png(pixels: np.ndarray, *, compression: int = 3) -> bytes:
    """PNG bytes of BGR (or grey) pixels: for a file, or for a picture inlined in a report."""
    ok, data = cv2.imencode(".png", pixels, [cv2.IMWRITE_PNG_COMPRESSION, compression])
    if not ok:
        raise OSError("cannot encode the picture as PNG")
    return bytes(data.tobytes())


def write_png(path: Path, pixels: np.ndarray, *, compression: int = 3) -> None:
    """Write atomically, readable by the user only (sealed when the policy says so): a half-written picture never
    replaces a good one."""
    write_private(path, encode_png(pixels, compression=compression))


def decode_image(data: bytes, *, grey: bool = False) -> np.ndarray | None:
    pixels = cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_GRAYSCALE if grey else cv2.IMREAD_COLOR)
    return pixels if pixels is not None else None


def read_png(path: Path, *, grey: bool = False) -> np.ndarray | None:
    """The picture's BGR (or grey) pixels, or None when it is missing or not a picture (any path, any letters).

    A sealed picture is opened; one that cannot be (no key, another user's) raises ``SealingError``, naming the
    file and the fix, rather than passing for a missing picture."""
    try:
        data = read_private(path)
    except OSError:
        return None
    return decode_image(data, grey=grey)


def image_size(path: Path) -> tuple[int, int] | None:
    """Width and height of a picture file, or None when it cannot be read."""
    pixels = read_png(path, grey=True)
    return (int(pixels.shape[1]), int(pixels.shape[0])) if pixels is not None else None
