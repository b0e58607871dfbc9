"""vncdotool's RFB client, taught what DeskPilot needs of it; imported only when a link opens.

vncdotool's threaded proxy chains every call on one Deferred, so each method here returns the client
itself (as vncdotool's own methods do) and leaves what it read on an attribute for the caller.

- an incremental request for the whole screen is always outstanding, as a viewer keeps one: the server
  pushes each change as it sees it. x11vnc, for one, hardly looks at a screen that no client watches;
  asked only for whole pictures now and then, it kept sending a form from five seconds before.
- ``grabArea`` asks for a region *not* incrementally, so the server sends that region as it is now, at
  once, even when nothing changed; the grab is done when pixels covering all of it have arrived (a
  pushed change elsewhere, or a new cursor shape, does not count).
- the framebuffer canvas exists from the handshake on, so a first region lands where it belongs
  (vncdotool would make the first update the whole canvas, at 0, 0).
- the cursor shape is asked for separately and ignored (``nocursor``), so the server does not paint the
  pointer into the pixels: a grab shows what mss shows on X11, not an arrow over the text to read.
"""

from __future__ import annotations

import time
import warnings
from typing import Any, ClassVar

import numpy as np
from PIL import Image
from twisted.internet.defer import Deferred
from vncdotool.client import VNCDoToolClient, VNCDoToolFactory
from vncdotool.const import AuthTypes

class DeskPilotClient(VNCDoToolClient):  # type: ignore[misc]  # vncdotool ships no type information
    """One RFB connection; runs in the Twisted reactor thread, driven through vncdotool's proxy."""

    # Apple's Diffie-Hellman login needs a user name too, and vncdotool asks for its password on the
    # terminal (a hang in a scheduled run): offer only no authentication and the standard VNC password.
    SUPPORTED_AUTHS: ClassVar[set[Any]] = {AuthTypes.NONE, AuthTypes.VNC_AUTHENTICATION}

    deferred: Deferred[Any] | None = None  # vncdotool's: the refresh waiting for pixels
    grabbed: Image.Image | None = None
    updated_at = 0.0  # monotonic time the last changed pixels arrived (pushed or asked for)
    _wanted: tuple[int, int, int, int] | None = None  # the region a grab waits for
    _missing: np.ndarray | None = None  # its pixels that have not arrived since it was asked for
    _cursor_rects: list[tuple[int, int, int, int]]
    lost: str | None = None  # why the connection closed, once it has

    def vncConnectionMade(self) -> None:
        self.screen = Image.new("RGB", (self.width, self.height))
        self._cursor_rects = []
        super().vncConnectionMade()  # hands the client to the calls already waiting
        self.framebufferUpdateRequest(incremental=True)

    def updateDesktopSize(self, width: int, height: int) -> None:
        """The server's screen changed size: ``bounds()`` reads the new one (vncdotool only grows its canvas)."""
        super().updateDesktopSize(width, height)
        self.width, self.height = width, height

    def connectionLost(self, reason: Any) -> None:
        """Fail the grab that waits, at once: a server gone away must not cost a call's whole timeout."""
        self.lost = str(getattr(reason, "value", reason)) or "connection closed"
        waiting, self.deferred = self.deferred, None
        super().connectionLost(reason)
        if waiting is not None:
            waiting.errback(ConnectionError(self.lost))

    def _alive(self) -> None:
        if self.lost is not None:
            raise ConnectionError(self.lost)

    def ready(self) -> DeskPilotClient:
        """Nothing: a call that returns once the handshake is done (or raises why it failed)."""
        self._alive()
        return self

    def grabArea(self, x: int, y: int, w: int, h: int) -> Deferred[Any]:
        """Ask for the region as it is now; when all of it has arrived, keep a copy of it in ``grabbed``."""
        self._alive()
        done: Deferred[Any] = Deferred()
        self.deferred = done
        self._wanted, self._missing = (x, y, w, h), np.ones((h, w), bool)
        self.framebufferUpdateRequest(x, y, w, h, incremental=False)

        def keep(_: object) -> DeskPilotClient:
            assert self.screen is not None
            self.grabbed = self.screen.crop((x, y, x + w, y + h))  # a copy: later updates do not touch it
            return self

        done.addCallback(keep)
        return done

    def updateCursor(self, x: int, y: int, width: int, height: int, image: bytes, mask: bytes) -> None:
        self._cursor_rects.append((x, y, width, height))  # listed among the update's rectangles, but no pixels
        super().updateCursor(x, y, width, height, image, mask)

    def commitUpdate(self, rectangles: list[tuple[int, int, int, int]] | None = None) -> None:
        """One update has been painted: keep the server watching, and finish the grab it completes."""
        painted = list(rectangles or [])
        for cursor in self._cursor_rects:
            if cursor in painted:
                painted.remove(cursor)
        self._cursor_rects = []
        if painted:
            self.updated_at = time.monotonic()
        self.framebufferUpdateRequest(incremental=True)
        if self._wanted is None or self._missing is None or self.deferred is None:
            return
        x, y, w, h = self._wanted
        for rx, ry, rw, rh in painted:
            x0, y0, x1, y1 = max(rx, x), max(ry, y), min(rx + rw, x + w), min(ry + rh, y + h)
            if x1 > x0 and y1 > y0:
                self._missing[y0 - y:y1 - y, x0 - x:x1 - x] = False
        if not self._missing.any():
            done, self.deferred, self._wanted, self._missing = self.deferred, None, None, None
            done.callback(self)

    def sendKeys(self, events: list[tuple[int, bool]]) -> DeskPilotClient:
        """Key events (keysym, down) in order, in one reactor turn: a chord arrives together."""
        self._alive()
        for keysym, down in events:
            self.keyEvent(keysym, down=down)
        return self

    def pointerTo(self, x: int, y: int, buttons: int) -> DeskPilotClient:
        """Move the pointer with exactly these buttons held (bit 0 = left, 2 = right, 3/4 = wheel)."""
        self._alive()
        self.x, self.y, self.buttons = x, y, buttons
        self.pointerEvent(x, y, buttons)
        return self


def quiet_des_warning() -> None:
    """vncdotool's VNC login uses DES, which cryptography now files as "decrepit": the protocol's own cipher,
    not a choice we can change, and the warning would land on the user's terminal. Set at each login, since
    a test runner resets the filters between tests."""
    warnings.filterwarnings("ignore", message=".*TripleDES has been moved", module=r"vncdotool\.")


class DeskPilotFactory(VNCDoToolFactory):  # type: ignore[misc]
    protocol = DeskPilotClient
    nocursor = True  # the cursor shape comes apart from the pixels and is dropped: see the module docstring
