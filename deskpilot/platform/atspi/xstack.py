"""What the X server says about the window on top at a point: AT-SPI cannot order windows, X can.

The server answers "which child of this window holds this point" in one round trip
(TranslateCoordinates), honouring the stacking order. From the root that gives the window
manager's frame -- or an override-redirect popup (an open menu, a drop-down, a tooltip), which
the window manager's client list leaves out. Inside a frame the client is the window with
WM_STATE; a point on the frame's decorations has no client, so a covered window never wins there.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from deskpilot.geometry import Point, Rect
from deskpilot.platform.x11.conn import PerThreadDisplay
from deskpilot.platform.x11.windows import window_title
from deskpilot.ports import Window

MAX_NESTING = 6  # root > frame > (a wrapper or two) > client; deeper is a client's own subwindows


@dataclass(frozen=True, slots=True)
class Top:
    """The window on top at a point: a client window as ports.Window, or a popup with its owner."""

    window: Window
    popup: bool = False
    owner: int | None = None  # a popup's WM_TRANSIENT_FOR: the client it belongs to, when it says
    pid: int | None = None  # _NET_WM_PID, when the client says


class XStack(PerThreadDisplay):
    """Top windows and their processes, over one Xlib connection per thread."""

    def at(self, point: Point) -> Top | None:
        """What is on top at ``point``; None over the bare desktop or a window's decorations."""
        try:
            conn = self._conn()
            root = conn.screen().root
            child = root.translate_coords(root, point.x, point.y).child
            if not child:
                return None
            if child.get_attributes().override_redirect:
                geo = child.get_geometry()
                rect = Rect(geo.x, geo.y, geo.width, geo.height)
                return Top(Window(child.id, "", rect), popup=True, owner=self._cardinal(conn, child, "WM_TRANSIENT_FOR"),
                           pid=self._cardinal(conn, child, "_NET_WM_PID"))
            client = self._client(conn, root, child, point)
            return None if client is None else self._top(conn, root, client)
        except Exception:  # a window went away while we looked, or the display did
            return None

    def window(self, window_id: int) -> Top | None:
        """A client window by its id, with its title, box and process."""
        try:
            conn = self._conn()
            return self._top(conn, conn.screen().root, conn.create_resource_object("window", window_id))
        except Exception:
            return None

    def pid(self, window_id: int) -> int | None:
        """The process that owns a client window (_NET_WM_PID), when it says."""
        try:
            conn = self._conn()
            return self._cardinal(conn, conn.create_resource_object("window", window_id), "_NET_WM_PID")
        except Exception:
            return None

    # --- the parts --------------------------------------------------------------------------------

    def _client(self, conn: Any, root: Any, top: Any, point: Point) -> Any:
        """The client window under the point inside a root child: the one the window manager marked."""
        clients = root.get_full_property(conn.intern_atom("_NET_CLIENT_LIST"), 0)
        if clients is None:  # no window manager: the root's children are the clients
            return top
        managed = {int(v) for v in clients.value}
        win = top
        for _ in range(MAX_NESTING):
            if win.id in managed:
                return win
            below = win.translate_coords(root, point.x, point.y).child
            if not below:
                return None  # the frame's own decoration (title bar, border): no client here
            win = below
        return None

    def _top(self, conn: Any, root: Any, win: Any) -> Top:
        geo = win.get_geometry()
        origin = root.translate_coords(win, 0, 0)
        rect = Rect(origin.x, origin.y, geo.width, geo.height)
        return Top(Window(win.id, window_title(conn, win), rect), pid=self._cardinal(conn, win, "_NET_WM_PID"))


    @staticmethod
    def _cardinal(conn: Any, win: Any, name: str) -> int | None:
        prop = win.get_full_property(conn.intern_atom(name), 0)
        values = getattr(prop, "value", None)
        return int(values[0]) if values is not None and len(values) else None
