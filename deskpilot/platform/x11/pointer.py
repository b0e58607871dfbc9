"""What the mouse pointer looks like, from the X server (XFixes): a text cursor marks an editable field.

Toolkits show an I-beam over anything that takes typing -- GTK and Qt entries, Motif
text, a terminal -- and an arrow, a hand or a cross elsewhere. The recorder notes it
at each click; the player checks the same shape before typing into the place it found.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from deskpilot.platform.x11.conn import PerThreadDisplay

TEXT, ARROW, OTHER = "text", "arrow", "other"


def classify(alpha: np.ndarray, hotspot: tuple[int, int]) -> str:
    """A cursor image's shape class: an I-beam is narrow, tall and held in its middle; an arrow by its tip."""
    ys, xs = np.nonzero(alpha > 32)
    if len(xs) == 0:
        return OTHER
    w, h = int(xs.max() - xs.min() + 1), int(ys.max() - ys.min() + 1)
    hx, hy = hotspot[0] - int(xs.min()), hotspot[1] - int(ys.min())
    if w <= 11 and h >= 2 * w and 0.25 * h <= hy <= 0.75 * h:
        return TEXT
    if hx <= 0.35 * w and hy <= 0.3 * h:
        return ARROW
    return OTHER


class X11Pointer(PerThreadDisplay):
    """ports.Pointer on X11: one Xlib connection per thread, as Xlib wants."""

    def _opened(self, conn: Any) -> None:
        conn.xfixes_query_version()

    def shape(self) -> str:
        """TEXT, ARROW or OTHER for the pointer as shown now; OTHER when the server cannot tell."""
        try:
            conn = self._conn()
            img = conn.xfixes_get_cursor_image(conn.screen().root)
        except Exception:  # no XFixes, or the display went away: no evidence either way
            return OTHER
        pixels = np.asarray(img.cursor_image, dtype=np.uint32).reshape(img.height, img.width)
        return classify(((pixels >> 24) & 0xFF).astype(np.uint8), (img.xhot, img.yhot))
