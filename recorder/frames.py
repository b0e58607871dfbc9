"""A short rolling buffer of screenshots, so an anchor is cut from the screen as it was before the press.

A button drawn pressed or a menu that opens on press would spoil an anchor cut after it.
"""

from __future__ import annotations

import collections
import logging
import threading
from collections.abc import Callable

from deskpilot.geometry import Point
from deskpilot.ports import Frame, Screen, Window, WindowList

Titles = tuple[tuple[int, str], ...]  # the visible windows (id, title) at a frame's time


class WindowsThen:
    """ports.WindowList as they were when a frame was taken: anchors are built later, when a click may have
    opened another window over the place."""

    def __init__(self, windows: tuple[Window, ...]) -> None:
        self._windows = windows

    def find(self, title_pattern: str) -> list[Window]:
        import re

        pattern = re.compile(title_pattern)
        return [w for w in self._windows if pattern.search(w.title)]

    def at(self, point: Point) -> Window | None:
        hits = [w for w in self._windows if w.rect.contains(point)]
        return hits[-1] if hits else None

    def all(self) -> list[Window]:
        return list(self._windows)

log = logging.getLogger(__name__)


class FrameBuffer:
    """Grabs the screen every ``interval`` seconds on its own thread and keeps the last ``keep`` frames.

    Five frames a second: the newest frame before a press is at most 0.2 s old, and an idle recorder
    stays light (measured in bench/RESULTS.md).
    """

    def __init__(self, screen_factory: Callable[[], Screen], *, interval: float = 0.2, keep: int = 10,
                 windows: WindowList | None = None) -> None:
        self._factory = screen_factory
        self._interval = interval
        self._windows = windows
        self._frames: collections.deque[Frame] = collections.deque(maxlen=keep)
        self._seen: dict[int, tuple[Window, ...]] = {}  # frame id -> the windows when it was taken
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._paused = threading.Event()
        self._thread = threading.Thread(target=self._run, name="deskpilot-frames", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=2)

    def pause(self, paused: bool) -> None:
        (self._paused.set if paused else self._paused.clear)()

    def _run(self) -> None:
        screen = self._factory()  # made on this thread: an mss handle stays on the thread that made it
        while not self._stop.is_set():
            if not self._paused.is_set():
                try:
                    seen = self._list_windows()
                    frame = screen.grab()
                except Exception as exc:  # the display went away: the recorder notices on its own
                    log.warning("screen capture failed: %s", exc)
                    return
                with self._lock:
                    self._frames.append(frame)
                    self._seen[frame.id] = seen
                    for old in [k for k in self._seen if k < self._frames[0].id]:
                        del self._seen[old]
            self._stop.wait(self._interval)

    def before(self, t: float) -> Frame | None:
        """The newest frame taken before time ``t`` (monotonic), or the oldest one there is."""
        with self._lock:
            frames = list(self._frames)
        earlier = [f for f in frames if f.taken_at < t]
        if earlier:
            return earlier[-1]
        return frames[0] if frames else None

    def _list_windows(self) -> tuple[Window, ...]:
        return tuple(self._windows.all()) if self._windows is not None else ()

    def windows_then(self, frame: Frame | None) -> WindowsThen | None:
        """The windows as they were when ``frame`` was taken (not as they are now), or None without a window list."""
        if self._windows is None or frame is None:
            return None
        with self._lock:
            seen = self._seen.get(frame.id)
        return WindowsThen(seen) if seen is not None else None

    def titles(self, frame: Frame | None) -> Titles:
        """The windows' ids and titles when ``frame`` was taken (a save may have renamed one since)."""
        then = self.windows_then(frame)
        return tuple((w.id, w.title) for w in then.all()) if then is not None else ()

    def latest(self) -> Frame | None:
        with self._lock:
            return self._frames[-1] if self._frames else None
