"""ports.Input over VNC: RFB pointer and key events, timed as the X11 driver times its own.

RFB carries keysyms, so any Unicode text is typed as itself (the server finds or adds a key for each),
and pointer events carry the whole button mask, so a press is never sent without its position. The
pointer glides and rests before a press for the same reason as on X11: a toolkit that has not seen the
pointer arrive may not deliver the press to the widget under it. The server cannot be asked where the
pointer is, so ``pointer()`` is where this driver last put it.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager

from deskpilot.errors import DataError
from deskpilot.geometry import Point
from deskpilot.platform.vnc.keys import key_keysym, keysym_for
from deskpilot.platform.vnc.link import VncLink

GLIDE_STEPS = 4
GLIDE_PAUSE = 0.01
SETTLE = 0.06  # seconds the pointer rests before a press: the toolkit has seen it arrive
PRESS_HOLD = 0.02
MULTI_CLICK_GAP = 0.08  # between the clicks of a double-click: far inside the usual 400-500 ms
KEY_GAP = 0.01  # between typed characters: the server injects each before the next arrives
# A character off the server's keyboard map is bound to a spare key when its keysym first arrives (x11vnc,
# TigerVNC). Bound and pressed at once, the application may read the press before it has reloaded its keymap:
# "张三" arrived as "张". So the keysyms are announced first, as releases of keys that are not down (which
# servers drop), and typed once the applications have had time to reload the map.
REMAP_SETTLE = 0.15
ANNOUNCED_AT_ONCE = 8  # distinct characters bound per round: servers have only so many spare keys
BUTTONS = {"left": 1, "middle": 2, "right": 3}
WHEEL_UP, WHEEL_DOWN = 4, 5


class VncInput:
    """Mouse and keyboard of the remote desktop."""

    def __init__(self, link: VncLink) -> None:
        self._link = link
        self._at: Point | None = None
        self._buttons = 0  # the RFB button mask held now

    def failsafe_tripped(self) -> bool:
        """Never: the fail-safe corner is the person's own pointer, and this one is on another machine."""
        return False

    def pointer(self) -> Point:
        return self._at if self._at is not None else Point(0, 0)

    def move(self, p: Point) -> None:
        """Glide to the point in a few motion events and rest there, as a hand does."""
        if p == self._at:
            return
        start = self._at or Point(max(0, p.x - 8), max(0, p.y - 8))  # first move: arrive from nearby
        for i in range(1, GLIDE_STEPS + 1):
            self._pointer_to(Point(start.x + (p.x - start.x) * i // GLIDE_STEPS,
                                   start.y + (p.y - start.y) * i // GLIDE_STEPS))
            time.sleep(GLIDE_PAUSE)
        time.sleep(SETTLE)

    def click(self, p: Point, *, button: str = "left", clicks: int = 1, modifiers: tuple[str, ...] = ()) -> None:
        """Glide there, settle, press; the clicks of a double-click come well inside any toolkit's interval."""
        number = _button(button)
        self.move(p)
        with self._held(modifiers):
            for i in range(clicks):
                if i:
                    time.sleep(MULTI_CLICK_GAP)
                self._press_button(number, True)
                time.sleep(PRESS_HOLD)
                self._press_button(number, False)

    def drag(self, start: Point, end: Point, *, button: str = "left") -> None:
        number = _button(button)
        self.move(start)
        self._press_button(number, True)
        try:
            # In a few steps: many toolkits start a drag only after motion past a threshold.
            for i in range(1, 6):
                self._pointer_to(Point(start.x + (end.x - start.x) * i // 5, start.y + (end.y - start.y) * i // 5))
                time.sleep(0.02)
        finally:
            self._press_button(number, False)

    def scroll(self, clicks: int, at: Point | None = None) -> None:
        """Wheel clicks as RFB buttons 4 (up, positive) and 5 (down, negative), as X11 has them."""
        if at is not None:
            self.move(at)
        wheel = WHEEL_UP if clicks > 0 else WHEEL_DOWN
        for _ in range(abs(clicks)):
            self._press_button(wheel, True)
            self._press_button(wheel, False)
            time.sleep(KEY_GAP)

    def type_text(self, text: str) -> None:
        """Any Unicode text, each character as its keysym; those that may be off the keyboard map announced first."""
        for part, rare in _rounds(text):
            if rare:
                self._keys([(keysym_for(ch), False) for ch in rare])
                time.sleep(REMAP_SETTLE)
            for ch in part:
                keysym = keysym_for(ch)
                self._keys([(keysym, True), (keysym, False)])
                time.sleep(KEY_GAP)

    def press(self, key: str, count: int = 1) -> None:
        keysym = key_keysym(key)
        for i in range(count):
            if i:
                time.sleep(KEY_GAP)
            self._keys([(keysym, True), (keysym, False)])

    def hotkey(self, keys: tuple[str, ...]) -> None:
        """Press the keys in order and release them in reverse, as a person does ctrl+s."""
        syms = [key_keysym(k) for k in keys]
        self._keys([(s, True) for s in syms] + [(s, False) for s in reversed(syms)])

    @contextmanager
    def _held(self, modifiers: tuple[str, ...]) -> Iterator[None]:
        syms = [key_keysym(m) for m in modifiers]
        if syms:
            self._keys([(s, True) for s in syms])
        try:
            yield
        finally:
            if syms:
                self._keys([(s, False) for s in reversed(syms)])

    def _keys(self, events: list[tuple[int, bool]]) -> None:
        self._link.call("sendKeys", events)

    def _pointer_to(self, p: Point) -> None:
        self._link.call("pointerTo", max(0, p.x), max(0, p.y), self._buttons)
        self._at = p

    def _press_button(self, number: int, down: bool) -> None:
        bit = 1 << (number - 1)
        self._buttons = self._buttons | bit if down else self._buttons & ~bit
        at = self.pointer()
        self._link.call("pointerTo", at.x, at.y, self._buttons)


def _rounds(text: str) -> list[tuple[str, list[str]]]:
    """Split text into parts with at most ANNOUNCED_AT_ONCE distinct non-ASCII characters, and those characters."""
    rounds: list[tuple[str, list[str]]] = []
    part, rare = "", list[str]()
    for ch in text:
        if not ch.isascii() and ch not in rare:
            if len(rare) == ANNOUNCED_AT_ONCE:
                rounds.append((part, rare))
                part, rare = "", []
            rare.append(ch)
        part += ch
    if part:
        rounds.append((part, rare))
    return rounds


def _button(name: str) -> int:
    number = BUTTONS.get(name)
    if number is None:
        raise DataError(f"unknown mouse button {name!r}: use left, middle or right")
    return number
