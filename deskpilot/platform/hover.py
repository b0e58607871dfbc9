"""What is under the pointer while it rests: the shape and the element a person saw as they aimed.

A press is heard after the fact (X RECORD reports what the server already did), and a
quick click's release follows within milliseconds: a menu item closes its menu, and a
look taken at the press then sees the field under the menu. A person aims first, so the
pointer rests on the control before the press; what is sampled during that rest is what
was clicked. A sample taken too close to the press may already show its effect and is
not used; without a fitting sample the pointer's shape is read as the press is heard, and no
element is taken at all: a missing element anchor costs speed, a wrong one would click the wrong
control.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import deque
from dataclasses import dataclass
from deskpilot.geometry import Point
from deskpilot.ports import Accessibility, Element, Pointer

log = logging.getLogger(__name__)
SETTLE = 0.03  # the pointer still this long: the toolkit has drawn the cursor for the place
AGAIN = 0.4  # a resting pointer is looked at again this often: the screen may change under it
NOT_AFTER = 0.05  # a sample this close before the press is heard may already show the press's effect
SAME_PLACE = 2  # pixels
WAIT_FOR_LOOK = 0.5  # a press waits this long at most for a look begun before it


@dataclass(frozen=True)
class Look:
    t: float
    at: Point
    shape: str | None
    element: Element | None


class Hover:
    """Samples the resting pointer on a thread of its own (its own display connections)."""

    def __init__(self, pointer: Pointer | None, access: Accessibility | None, interval: float = 0.02) -> None:
        self.pointer, self.access, self.interval = pointer, access, interval
        self._lock = threading.Lock()
        self._at: Point | None = None
        self._moved = 0.0
        self._looks: deque[Look] = deque(maxlen=8)
        self._looking: Look | None = None  # the look in progress (a popup's walk takes a while)
        self._done = threading.Condition(self._lock)
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        if self.pointer is None and self.access is None:
            return
        self._thread = threading.Thread(target=self._run, name="deskpilot-hover", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=2)

    def moved(self, x: int, y: int) -> None:
        """From the hooks' motion callback: only remembered here, looked at on the hover thread."""
        with self._lock:
            self._at, self._moved = Point(x, y), time.monotonic()

    def before(self, x: int, y: int, heard: float) -> Look | None:
        """The last look at the pressed place taken while the pointer rested there, before the press."""
        here = Point(x, y)
        with self._done:
            now = self._looking
            if now is not None and now.t <= heard - NOT_AFTER and now.at.distance(here) <= SAME_PLACE:
                self._done.wait_for(lambda: self._looking is not now, timeout=WAIT_FOR_LOOK)
            looks = list(self._looks)
        fitting = [k for k in looks if k.t <= heard - NOT_AFTER and k.at.distance(here) <= SAME_PLACE]
        return fitting[-1] if fitting else None

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            with self._lock:
                at, moved = self._at, self._moved
                last = self._looks[-1] if self._looks else None
            now = time.monotonic()
            if at is None or now - moved < SETTLE:
                continue
            if last is not None and last.at == at and last.t >= moved and now - last.t < AGAIN:
                continue
            started = Look(time.monotonic(), at, None, None)
            with self._lock:
                self._looking = started
            look = Look(started.t, at, self._shape(), self._element(at))  # as the screen was when it began
            with self._done:
                self._looks.append(look)
                self._looking = None
                self._done.notify_all()

    def _shape(self) -> str | None:
        try:
            return self.pointer.shape() if self.pointer is not None else None
        except Exception as exc:  # no evidence either way
            log.debug("no pointer shape: %s", exc)
            return None

    def _element(self, at: Point) -> Element | None:
        try:
            return self.access.element_at(at) if self.access is not None else None
        except Exception as exc:
            log.debug("no element at %s: %s", at, exc)
            return None


def shape_and_element(look: Look | None, pointer: Pointer | None) -> tuple[str | None, Element | None]:
    """The look before the press when there is one; else only the pointer's shape read now."""
    if look is not None:
        return look.shape, look.element
    try:
        return (pointer.shape() if pointer is not None else None), None
    except Exception as exc:
        log.debug("no pointer shape: %s", exc)
        return None, None
