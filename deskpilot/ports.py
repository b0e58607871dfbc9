"""The small interfaces behind which every OS-touching library sits.

The core is written against these protocols, so unit tests use fakes and the
end-to-end tests use the real adapters (mss, Tesseract, X11, pyautogui, pynput).
"""

from __future__ import annotations

import itertools
import queue
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable

import numpy as np

from deskpilot.geometry import Point, Rect
from deskpilot.input_events import RawEvent

_frame_ids = itertools.count(1)


@dataclass(frozen=True, eq=False)
class Frame:
    """A screenshot: BGR pixels and where their top-left sits on the virtual desktop."""

    pixels: np.ndarray
    origin: Point = Point(0, 0)
    taken_at: float = 0.0
    id: int = field(default_factory=lambda: next(_frame_ids))

    @property
    def rect(self) -> Rect:
        h, w = self.pixels.shape[:2]
        return Rect(self.origin.x, self.origin.y, w, h)

    def crop(self, region: Rect) -> tuple[np.ndarray, Rect]:
        """Pixels of ``region`` (desktop coordinates) clipped to the frame, and the clipped rect."""
        clipped = self.rect.intersect(region)
        if clipped is None:
            return self.pixels[0:0, 0:0], Rect(region.x, region.y, 0, 0)
        x0, y0 = clipped.x - self.origin.x, clipped.y - self.origin.y
        return self.pixels[y0 : y0 + clipped.h, x0 : x0 + clipped.w], clipped


@dataclass(frozen=True, slots=True)
class Word:
    """One OCR word: its text, its box on the desktop, confidence 0–1 and the line it belongs to."""

    text: str
    box: Rect
    conf: float
    line: tuple[int, int, int] = (0, 0, 0)


@dataclass(frozen=True, slots=True)
class Window:
    """A top-level window and its client area on the desktop."""

    id: int
    title: str
    rect: Rect
    app: str = ""  # the program's class (X11 WM_CLASS, lower case): "xterm", "gnumeric"; empty when unknown


class Screen(Protocol):
    def grab(self, region: Rect | None = None) -> Frame:
        """Capture the whole virtual desktop, or only ``region``."""
        ...

    def bounds(self) -> Rect:
        """The virtual desktop: every monitor."""
        ...


class Ocr(Protocol):
    def words(self, pixels: np.ndarray, origin: Point, lang: str) -> list[Word]:
        """Words found in ``pixels``, their boxes translated by ``origin`` to desktop coordinates."""
        ...


# What an Ocr may offer beyond words; a fake need not. Checked with isinstance: an engine without them is
# read word by word instead, and gets no second reading.


@runtime_checkable
class TextReader(Protocol):
    def read_text(self, pixels: np.ndarray, lang: str, *, line: bool = False) -> str:
        """All the text of a small region, lines joined by newlines; ``line``: the region is one line (a field)."""
        ...


@runtime_checkable
class UnlinedReader(Protocol):
    def words_without_lines(self, pixels: np.ndarray, origin: Point, lang: str) -> list[Word]:
        """A second reading with frames and grid lines removed, for text the first reading missed."""
        ...


class WindowList(Protocol):
    def find(self, title_pattern: str) -> list[Window]:
        """Visible windows whose title matches the regular expression."""
        ...

    def at(self, point: Point) -> Window | None:
        """The top-level window under a point, if any."""
        ...

    def all(self) -> list[Window]:
        """Visible top-level windows, bottom to top."""
        ...


class Pointer(Protocol):
    def shape(self) -> str:
        """What the mouse pointer shows now: "text" (an I-beam: a field takes typing here), "arrow" or "other"."""
        ...


class Input(Protocol):
    def move(self, p: Point) -> None: ...

    def click(self, p: Point, *, button: str = "left", clicks: int = 1, modifiers: tuple[str, ...] = ()) -> None: ...

    def drag(self, start: Point, end: Point, *, button: str = "left") -> None: ...

    def scroll(self, clicks: int, at: Point | None = None) -> None: ...

    def type_text(self, text: str) -> None:
        """Type any Unicode text, not only ASCII."""
        ...

    def press(self, key: str, count: int = 1) -> None: ...

    def hotkey(self, keys: tuple[str, ...]) -> None: ...

    def pointer(self) -> Point: ...

    def failsafe_tripped(self) -> bool:
        """The person asked to stop with the input itself (the pointer in a screen corner)."""
        ...


class InputHooks(Protocol):
    """The person's own mouse and keys, as they happen: what a recording is made of."""

    events: queue.Queue[RawEvent]

    def start(self) -> None: ...

    def stop(self) -> None: ...


class Hotkey(Protocol):
    """A global key combination that sets ``stop`` while the context is open (the abort key of a run)."""

    pressed: bool

    def __enter__(self) -> Hotkey: ...

    def __exit__(self, *exc: object) -> None: ...


@dataclass(frozen=True)
class Element:
    """A control as the platform's accessibility layer names it (AT-SPI on Linux).

    ``path`` is how to find it again from its window down: each ancestor as "role:name" ("panel:Payee"),
    or the bare role where it has no name ("filler"); indices only where nothing else tells siblings apart.
    """

    role: str  # AT-SPI role names: "push button", "text", "menu item", "check box", "page tab"...
    name: str  # the accessible name ("" when it has none)
    rect: Rect  # on the screen
    value: str | None = None  # what a text field holds, read through the Text interface (no OCR)
    label: str | None = None  # the name of the label that names it (label-for relation), if any
    path: tuple[str, ...] = ()  # its ancestors, from the top-level window (excluded) down to its parent
    window: str = ""  # the top-level window's accessible name, usually its title
    app: str = ""  # the application's accessible name
    states: frozenset[str] = frozenset()  # AT-SPI state names: "showing", "enabled", "focused", "editable"...
    index: int | None = None  # its place among its parent's children: the last resort of a path
    ref: Any = field(default=None, compare=False, repr=False)  # the backend's handle, to read it again


class Accessibility(Protocol):
    """The accessibility tree of the applications on the screen; every call answers None or [] when it cannot."""

    def element_at(self, point: Point) -> Element | None:
        """The control under a point, in the window on top there (the X stack decides, not the tree)."""
        ...

    def elements(self, window: Window) -> list[Element]:
        """Every showing element of one top-level window, parents before children (one walk, cached briefly)."""
        ...

    def refresh(self, element: Element) -> Element | None:
        """The same element read again (its text, states, box); None once it is gone."""
        ...


@dataclass(frozen=True)
class Backend:
    """What one platform gives DeskPilot; ``deskpilot.platform.backend()`` builds the one for this machine.

    Factories, not objects: a screen grabber or an X connection belongs to the thread that opened it, and
    nothing touches the display before ``check()`` has said it can.
    """

    name: str  # "x11", "vnc"
    check: Callable[[], None]  # raises a DeskPilotError naming the fix: no display, Wayland, server down
    screen: Callable[[], Screen]
    windows: Callable[[], WindowList | None]  # None: no window list (a remote desktop is one picture)
    input: Callable[[], Input]
    hooks: Callable[[], InputHooks] | None  # None: this platform cannot record
    hotkey: Callable[[threading.Event, str], Hotkey]
    pointer: Callable[[], Pointer | None]
    accessibility: Callable[[], Accessibility | None]


class Clock(Protocol):
    def now(self) -> float: ...

    def sleep(self, seconds: float) -> None: ...


class SystemClock:
    """The real monotonic clock."""

    def now(self) -> float:
        return time.monotonic()

    def sleep(self, seconds: float) -> None:
        time.sleep(max(0.0, seconds))
