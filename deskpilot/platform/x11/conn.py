"""One Xlib connection per thread: Xlib connections are not thread-safe, and the player and recorder use several."""

from __future__ import annotations

import threading
from typing import Any


class PerThreadDisplay:
    """Opens the X display lazily, once per thread that asks, so importing needs no display."""

    def __init__(self, display: str | None = None) -> None:
        self._display_name = display
        self._local = threading.local()

    def _conn(self) -> Any:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            from Xlib import display as xdisplay

            conn = xdisplay.Display(self._display_name)
            self._opened(conn)
            self._local.conn = conn
        return conn

    def _opened(self, conn: Any) -> None:
        """A new connection, for the extensions a subclass needs."""
