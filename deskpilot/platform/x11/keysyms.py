"""Type any Unicode character on X11 by binding its keysym to a spare keycode (as xdotool does).

pyautogui can only press keys that exist on the current keyboard map, so ``张三``
or ``Müller`` would be silently dropped. X11 names every Unicode character with a
keysym (``0x01000000 + code point``); we bind it to an unused keycode and press
that keycode with XTEST.

A binding stays in place after the press. A toolkit reads the keyboard map when
it gets round to the map-change notice, which a busy client does late; had the
binding been undone by then, the key meant nothing to it and the character was
lost ("Jürgen 张" for "Jürgen 张三"), and had the keycode been bound to the next
character, the wrong one was typed. So each character gets its own keycode, held
until the spare keycodes run out (then the one used longest ago is rebound) or
the process ends (then every keycode gets its own map back).
"""

from __future__ import annotations

import atexit
import time
from collections import OrderedDict
from typing import Any

CONTROL_KEYSYMS = {"\n": 0xFF0D, "\r": 0xFF0D, "\t": 0xFF09, "\b": 0xFF08}
# The client must see a keymap change before the press that needs it.
SETTLE_SECONDS = 0.02
# After a keymap change toolkits reload their keymap; a click arriving meanwhile is lost (seen with Qt 6: the
# next field never got focus), so the driver lets the reload finish before it returns.
CHANGE_SETTLE_SECONDS = 0.15
# Spare keycodes kept back for the rest of the desktop (xdotool and others bind spare keycodes too).
LEFT_FOR_OTHERS = 4


def keysym_for(ch: str) -> int:
    if ch in CONTROL_KEYSYMS:
        return CONTROL_KEYSYMS[ch]
    code = ord(ch)
    return code if 0x20 <= code <= 0x7E or 0xA0 <= code <= 0xFF else 0x01000000 | code


def spare_keycodes(first: int, mapping: list[list[int]]) -> list[int]:
    """The keycodes bound to nothing, highest first; failing any, the highest keycode alone."""
    spare = [first + offset for offset in range(len(mapping) - 1, -1, -1) if not any(mapping[offset])]
    if len(spare) > LEFT_FOR_OTHERS:
        spare = spare[:-LEFT_FOR_OTHERS]
    return spare or [first + len(mapping) - 1]


class KeycodePool:
    """Which keycode holds which character; the one used longest ago is the next to be rebound."""

    def __init__(self, keycodes: list[int]) -> None:
        self._free = list(keycodes)
        self._held: OrderedDict[str, int] = OrderedDict()

    def get(self, ch: str) -> tuple[int, str | None]:
        """The keycode for ``ch``; ``None`` when it is bound already, else the character it held before ("")."""
        if ch in self._held:
            self._held.move_to_end(ch)
            return self._held[ch], None
        if self._free:
            keycode, before = self._free.pop(), ""
        else:
            before, keycode = self._held.popitem(last=False)
        self._held[ch] = keycode
        return keycode, before


class KeysymTyper:
    """Types characters through spare keycodes; one X connection, opened on first use."""

    def __init__(self) -> None:
        self._conn: Any = None
        self._pool: KeycodePool | None = None
        self._original: dict[int, list[int]] = {}
        self._width = 2

    def _connect(self) -> Any:
        if self._conn is None:
            from Xlib import display as xdisplay

            conn = xdisplay.Display()
            first = conn.display.info.min_keycode
            mapping = [list(row) for row in conn.get_keyboard_mapping(first, conn.display.info.max_keycode - first + 1)]
            keycodes = spare_keycodes(first, mapping)
            self._original = {k: mapping[k - first] for k in keycodes}
            self._width = max(2, *(len(row) for row in self._original.values()))
            self._pool = KeycodePool(keycodes)
            self._conn = conn
            atexit.register(self.restore)
        return self._conn

    def type(self, text: str) -> None:
        from Xlib import X
        from Xlib.ext import xtest

        conn = self._connect()
        pool = self._pool
        assert pool is not None
        changed, typed = False, set[str]()
        for ch in text:
            keycode, before = pool.get(ch)
            if before is not None:
                if before in typed:  # more characters than spare keycodes: the client must be done with it
                    time.sleep(CHANGE_SETTLE_SECONDS)
                conn.change_keyboard_mapping(keycode, [[keysym_for(ch)] * self._width])
                conn.sync()
                time.sleep(SETTLE_SECONDS)
                changed = True
            xtest.fake_input(conn, X.KeyPress, keycode)
            xtest.fake_input(conn, X.KeyRelease, keycode)
            conn.sync()
            typed.add(ch)
            time.sleep(SETTLE_SECONDS)
        if changed:
            time.sleep(CHANGE_SETTLE_SECONDS)

    def restore(self) -> None:
        """Give every borrowed keycode its own map back (at exit: the keycodes were spare, so nothing waits on it)."""
        if self._conn is None:
            return
        try:
            for keycode, row in self._original.items():
                self._conn.change_keyboard_mapping(keycode, [row + [0] * (self._width - len(row))])
            self._conn.sync()
            self._conn.close()
        except Exception:  # the display is already gone at exit: nothing left to restore
            pass
        self._conn = None
        self._pool = None
