"""A real X window painted with known colours: what a grab of it must show, pixel for pixel.

Override-redirect, so the window manager neither frames nor moves it: it sits exactly where asked.
"""

from __future__ import annotations

from typing import Any

from deskpilot.geometry import Rect


class PaintedWindow:
    """Left half one colour, right half another, and a small marker square at a known offset."""

    MARKER = Rect(12, 8, 10, 6)  # inside the window, in the left half

    def __init__(self, display: str, rect: Rect) -> None:
        from Xlib import X
        from Xlib import display as xdisplay

        self.rect = rect
        self._conn: Any = xdisplay.Display(display)
        screen = self._conn.screen()
        self._window = screen.root.create_window(rect.x, rect.y, rect.w, rect.h, 0, screen.root_depth,
                                                 X.InputOutput, X.CopyFromParent, override_redirect=True,
                                                 background_pixel=0)
        self._gc = self._window.create_gc()
        self._window.map()
        self._conn.sync()

    def paint(self, left: tuple[int, int, int], right: tuple[int, int, int], marker: tuple[int, int, int]) -> None:
        """Fill with these RGB colours and wait until the server has drawn them."""
        half = self.rect.w // 2
        for colour, (x, y, w, h) in ((left, (0, 0, half, self.rect.h)), (right, (half, 0, self.rect.w - half, self.rect.h)),
                                     (marker, (self.MARKER.x, self.MARKER.y, self.MARKER.w, self.MARKER.h))):
            self._gc.change(foreground=(colour[0] << 16) | (colour[1] << 8) | colour[2])
            self._window.fill_rectangle(self._gc, x, y, w, h)
        self._window.raise_window()
        self._conn.sync()

    def close(self) -> None:
        self._window.destroy()
        self._conn.sync()
        self._conn.close()


def bgr(rgb: tuple[int, int, int]) -> list[int]:
    return [rgb[2], rgb[1], rgb[0]]
