"""ports.Screen over VNC: the remote framebuffer, asked for afresh at every grab.

The player polls the screen until a target appears, so a grab must never return the picture of an
earlier one: each asks the server for the region as it is now (a non-incremental update request) and
only that region travels, so polling a small area costs little even over a slow line.

"Now" at the server lags the input: a server such as x11vnc finds changes by polling its own screen, so
the keys just typed show there 20-50 ms later (more on a loaded machine), and a field read back at once
reads half typed. So a grab right after input first lets the server catch up: at least AFTER_INPUT, and
until the changes it streams have paused for QUIET, but never more than AFTER_INPUT_MAX.
"""

from __future__ import annotations

import time

import numpy as np

from deskpilot.platform.grabbing import area_to_grab, off_screen
from deskpilot.geometry import Point, Rect
from deskpilot.platform.vnc.link import VncLink
from deskpilot.ports import Frame

AFTER_INPUT = 0.12
QUIET = 0.06
AFTER_INPUT_MAX = 0.6


class VncScreen:
    """The remote desktop is one screen whose size the server announces (and may change)."""

    def __init__(self, link: VncLink) -> None:
        self._link = link

    def bounds(self) -> Rect:
        client = self._link.call("ready")
        return Rect(0, 0, int(client.width), int(client.height))

    def grab(self, region: Rect | None = None) -> Frame:
        """The framebuffer, or ``region`` clipped to it (RFB servers refuse requests past the edge)."""
        self._catch_up()
        area = area_to_grab(self.bounds(), region)
        if area is None:
            assert region is not None
            return off_screen(region)
        image = self._link.call("grabArea", area.x, area.y, area.w, area.h, result="grabbed")
        taken = time.monotonic()
        import cv2

        rgb = np.asarray(image, dtype=np.uint8)  # OpenCV's swap: ten times numpy's copy of a reversed view
        return Frame(cv2.cvtColor(rgb, cv2.COLOR_RGB2BGR), Point(area.x, area.y), taken)

    def _catch_up(self) -> None:
        """Wait, after input only, until the server has shown what the input did (see the module docstring)."""
        since = self._link.last_input
        while True:
            now = time.monotonic()
            if now - since >= AFTER_INPUT_MAX:
                return
            if now - since >= AFTER_INPUT and now - self._link.last_update() >= QUIET:
                return
            time.sleep(0.01)
