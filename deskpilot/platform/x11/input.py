"""The input driver: pyautogui for mouse and keys, the X11 keysym route for any other character.

pyautogui keeps its configuration in globals and silently drops non-ASCII text,
so this is the one place that sets ``PAUSE``/``FAILSAFE``, turns its fail-safe
into ``PlaybackAborted``, and never hands it a character it cannot type.
"""

from __future__ import annotations

import logging
import os
import string
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from deskpilot.errors import DisplayUnavailable, PlaybackAborted
from deskpilot.geometry import Point
from deskpilot.platform.x11.keysyms import KeysymTyper

log = logging.getLogger(__name__)

# Characters pyautogui types reliably on X11 (its own key table covers these).
PYAUTOGUI_SAFE = set(string.ascii_letters + string.digits + " .,-_/@:;=+*#()[]!?&%$'\"")
GLIDE_STEPS = 4
GLIDE_PAUSE = 0.01
SETTLE = 0.06  # seconds the pointer rests before a press: the toolkit has seen it arrive
PRESS_HOLD = 0.02
KEY_DELAY = 0.012  # between typed keys, as xdotool does: a burst at full speed lost its tail in Qt and GTK
#   applications on a loaded machine ("Invoice 4711 ap"), each time caught by the read-back
MULTI_CLICK_GAP = 0.08  # between the clicks of a double-click: far inside the usual 400-500 ms
KEY_ALIASES = {"super": "winleft", "escape": "esc", "return": "enter", "del": "delete", "pgup": "pageup", "pgdn": "pagedown"}


def _import_pyautogui() -> Any:
    """Import pyautogui, which opens the X connection at import time, as our own error on failure."""
    if not os.environ.get("DISPLAY"):
        raise DisplayUnavailable("no display: DISPLAY is not set; run under a desktop session or Xvfb")
    try:
        import pyautogui
    except KeyError as exc:  # pyautogui's raw KeyError: 'DISPLAY'
        raise DisplayUnavailable(f"no display ({exc}); run under a desktop session or Xvfb") from exc
    except Exception as exc:  # Xlib.error.DisplayConnectionError and friends
        raise DisplayUnavailable(f"cannot open the X display {os.environ.get('DISPLAY')!r}: {exc}") from exc
    pyautogui.PAUSE = 0
    pyautogui.FAILSAFE = True
    pyautogui.MINIMUM_DURATION = 0
    return pyautogui


class PyAutoGuiInput:
    """ports.Input on X11."""

    def __init__(self, *, key_delay: float = KEY_DELAY) -> None:
        self._gui = _import_pyautogui()
        self._keysyms = KeysymTyper()
        self._key_delay = key_delay

    @contextmanager
    def _failsafe(self) -> Iterator[None]:
        try:
            yield
        except self._gui.FailSafeException as exc:
            raise PlaybackAborted(0, "input", "stopped by the fail-safe: the mouse was moved to a screen corner") from exc

    def failsafe_tripped(self) -> bool:
        """True when the pointer sits in a fail-safe corner; checked while polling, between actions."""
        pos = self._gui.position()
        return (pos.x, pos.y) in [tuple(p) for p in self._gui.FAILSAFE_POINTS]

    def pointer(self) -> Point:
        pos = self._gui.position()
        return Point(int(pos.x), int(pos.y))

    def move(self, p: Point) -> None:
        """Glide to the point and rest there, as a hand does.

        A pointer that jumps and presses at once is not seen by every toolkit: a tree row
        double-clicked that way is selected but not opened (GTK), a hover state never set.
        A few motion events on the way and a short rest make the press arrive where the
        toolkit already knows the pointer is.
        """
        with self._failsafe():
            start = self._gui.position()
            if (start.x, start.y) == (p.x, p.y):
                return
            for i in range(1, GLIDE_STEPS + 1):
                self._gui.moveTo(start.x + (p.x - start.x) * i // GLIDE_STEPS,
                                 start.y + (p.y - start.y) * i // GLIDE_STEPS)
                time.sleep(GLIDE_PAUSE)
            time.sleep(SETTLE)

    def click(self, p: Point, *, button: str = "left", clicks: int = 1, modifiers: tuple[str, ...] = ()) -> None:
        """Glide there, settle, press; the clicks of a double-click come well inside any toolkit's interval."""
        self.move(p)
        with self._failsafe(), self._held(modifiers):
            for i in range(clicks):
                if i:
                    time.sleep(MULTI_CLICK_GAP)
                self._gui.mouseDown(button=button)
                time.sleep(PRESS_HOLD)
                self._gui.mouseUp(button=button)

    def drag(self, start: Point, end: Point, *, button: str = "left") -> None:
        with self._failsafe():
            self._gui.moveTo(start.x, start.y)
            self._gui.mouseDown(button=button)
            # Move in a few steps: many toolkits start a drag only after motion past a threshold.
            for i in range(1, 6):
                self._gui.moveTo(start.x + (end.x - start.x) * i // 5, start.y + (end.y - start.y) * i // 5)
                time.sleep(0.02)
            self._gui.mouseUp(button=button)

    def scroll(self, clicks: int, at: Point | None = None) -> None:
        with self._failsafe():
            if at is not None:
                self._gui.moveTo(at.x, at.y)
            self._gui.scroll(clicks)

    def type_text(self, text: str) -> None:
        with self._failsafe():
            for chunk, safe in _chunks(text):
                if safe:
                    self._gui.write(chunk, interval=self._key_delay)
                else:
                    self._keysyms.type(chunk)

    def press(self, key: str, count: int = 1) -> None:
        with self._failsafe():
            self._gui.press(_key(key), presses=count, interval=self._key_delay)

    def hotkey(self, keys: tuple[str, ...]) -> None:
        with self._failsafe():
            self._gui.hotkey(*[_key(k) for k in keys])

    @contextmanager
    def _held(self, modifiers: tuple[str, ...]) -> Iterator[None]:
        names = [_key(m) for m in modifiers]
        for name in names:
            self._gui.keyDown(name)
        try:
            yield
        finally:
            for name in reversed(names):
                self._gui.keyUp(name)


def _key(name: str) -> str:
    return KEY_ALIASES.get(name.lower(), name.lower() if len(name) > 1 else name)


def _chunks(text: str) -> Iterator[tuple[str, bool]]:
    """Split text into runs pyautogui can type and runs that need the keysym route."""
    run, run_safe = "", True
    for ch in text:
        safe = ch in PYAUTOGUI_SAFE
        if run and safe != run_safe:
            yield run, run_safe
            run = ""
        run, run_safe = run + ch, safe
    if run:
        yield run, run_safe
