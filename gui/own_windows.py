"""DeskPilot's own bars, kept out of what the recorder and the player see.

The recording bar and the run bar stay on top of the application being driven, and
they show the steps in words ("Click into 'Customer ID'"). Left visible to the
recorder and the player, that text would be read by OCR like the application's own:
a label found twice, a "Recording 0:42" taken for the application's confirmation, a
timer counted as a change on the screen. So a run or a recording gets the platform
through ``masked``: its screen paints the bars black (as a kept recording screen
paints them, ``deskpilot.vision.blackout``) and its window list leaves them out.

The GUI thread publishes where the bars are (``OwnWindows.track``); the worker threads
only read that snapshot, never a widget.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from deskpilot.geometry import Point, Rect
from deskpilot.ports import Backend, Frame, Screen, Window, WindowList
from deskpilot.vision.blackout import only_window
from deskpilot.gui.qt import QEvent, QObject, QWidget


class OwnWindows(QObject):
    """Where DeskPilot's own top-level bars are on the desktop, in device pixels, and their window ids."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._widgets: list[QWidget] = []
        self._snapshot: tuple[tuple[int, Rect], ...] = ()  # replaced whole: a reader on another thread sees one

    def track(self, widget: QWidget) -> None:
        """Follow ``widget`` (shown, moved, resized, hidden) until it is destroyed."""
        self._widgets.append(widget)
        widget.installEventFilter(self)
        widget.destroyed.connect(lambda _=None, w=widget: self._forget(w))
        self._publish()

    def _forget(self, widget: QWidget) -> None:
        self._widgets = [w for w in self._widgets if w is not widget]
        self._publish()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.Move, QEvent.Type.Resize, QEvent.Type.Show, QEvent.Type.Hide,
                            QEvent.Type.Close):
            self._publish()
        return False

    def _publish(self) -> None:
        shown = []
        for widget in self._widgets:
            try:
                if widget.isVisible():
                    shown.append((int(widget.winId()), device_rect(widget)))
            except RuntimeError:  # deleted on the C++ side already
                continue
        self._snapshot = tuple(shown)

    # --- read from any thread -----------------------------------------------------------------------------

    def rects(self) -> list[Rect]:
        return [rect for _, rect in self._snapshot]

    def ids(self) -> frozenset[int]:
        return frozenset(wid for wid, _ in self._snapshot)


def device_rect(widget: QWidget) -> Rect:
    """The widget's window on the desktop, frame included, in the pixels the screen grabber and X use."""
    g = widget.frameGeometry()
    ratio = widget.devicePixelRatioF()
    return Rect(round(g.x() * ratio), round(g.y() * ratio), round(g.width() * ratio), round(g.height() * ratio))


class MaskedScreen:
    """ports.Screen: the base screen with DeskPilot's bars painted black."""

    def __init__(self, base: Screen, hidden: Callable[[], list[Rect]]) -> None:
        self.base, self.hidden = base, hidden

    def bounds(self) -> Rect:
        return self.base.bounds()

    def grab(self, region: Rect | None = None) -> Frame:
        frame = self.base.grab(region)
        over = [r for r in self.hidden() if frame.rect.intersect(r) is not None]
        if not over:
            return frame
        return dataclasses.replace(frame, pixels=only_window(frame, None, over))


class WindowsWithout:
    """ports.WindowList without DeskPilot's bars: they neither cover a target nor get read."""

    def __init__(self, base: WindowList, ids: Callable[[], frozenset[int]]) -> None:
        self.base, self.ids = base, ids

    def all(self) -> list[Window]:
        own = self.ids()
        return [w for w in self.base.all() if w.id not in own]

    def find(self, title_pattern: str) -> list[Window]:
        own = self.ids()
        return [w for w in self.base.find(title_pattern) if w.id not in own]

    def at(self, point: Point) -> Window | None:
        hits = [w for w in self.all() if w.rect.contains(point)]
        return hits[-1] if hits else None

    def __getattr__(self, name: str) -> object:  # anything else a backend's list offers (activate, ...)
        return getattr(self.base, name)


def masked(base: Backend, own: OwnWindows) -> Backend:
    """``base`` with DeskPilot's bars out of its screen and its window list; everything else as it is."""

    def windows() -> WindowList | None:
        listed = base.windows()
        return WindowsWithout(listed, own.ids) if listed is not None else None

    return dataclasses.replace(base, screen=lambda: MaskedScreen(base.screen(), own.rects), windows=windows)
