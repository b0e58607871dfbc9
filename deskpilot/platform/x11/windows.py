"""Window queries on X11 through python-xlib: titles and client areas in desktop coordinates.

With a window manager, a client window is reparented into a frame, so its own
geometry is relative to that frame; translating (0, 0) to the root gives the
client area's absolute position, which is what a point "inside the window" means.
"""

from __future__ import annotations

import re
from typing import Any

from deskpilot.geometry import Point, Rect
from deskpilot.ports import Window
from deskpilot.platform.x11.conn import PerThreadDisplay


class X11Windows(PerThreadDisplay):
    """ports.WindowList over one Xlib connection per thread (Xlib connections are not thread-safe)."""

    def find(self, title_pattern: str) -> list[Window]:
        pattern = re.compile(title_pattern)
        return [w for w in self.all() if pattern.search(w.title)]

    def at(self, point: Point) -> Window | None:
        hits = [w for w in self.all() if w.rect.contains(point)]
        return hits[-1] if hits else None  # stacking order: the last is on top

    def all(self) -> list[Window]:
        """Mapped top-level client windows, bottom to top."""
        conn = self._conn()
        root = conn.screen().root
        out: list[Window] = []
        for win in self._clients(conn, root):
            try:
                attrs = win.get_attributes()
                if attrs.map_state != 2:  # IsViewable
                    continue
                geo = win.get_geometry()
                pos = win.translate_coords(root, 0, 0)
                title = window_title(conn, win)
                app = self._app(win)
            except Exception:  # the window closed while we looked: skip it
                continue
            out.append(Window(id=win.id, title=title, rect=Rect(-pos.x, -pos.y, geo.width, geo.height), app=app))
        return out

    @staticmethod
    def _clients(conn: Any, root: Any) -> list[Any]:
        stacking = conn.intern_atom("_NET_CLIENT_LIST_STACKING")
        prop = root.get_full_property(stacking, 0)
        if prop is not None:
            return [conn.create_resource_object("window", wid) for wid in prop.value]
        return [w for w in root.query_tree().children]  # no window manager: top-levels are root children

    @staticmethod
    def _app(win: Any) -> str:
        """The program's class from WM_CLASS ("XTerm" for xterm): what kind of window it is, whatever its title."""
        klass = win.get_wm_class()
        return str(klass[1]).lower() if klass and len(klass) > 1 else ""


def window_title(conn: Any, win: Any) -> str:
    """A window's title: _NET_WM_NAME (UTF-8) where the client sets it, else the old WM_NAME."""
    net = win.get_full_property(conn.intern_atom("_NET_WM_NAME"), conn.intern_atom("UTF8_STRING"))
    if net is not None:
        value = net.value
        return value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)
    name = win.get_wm_name()
    return name if isinstance(name, str) else (name or b"").decode("latin-1")
