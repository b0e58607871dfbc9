"""Type any Unicode character on X11 by binding its keysym to a spare keycode (as xdotool does).

pyautogui can only press keys that exist on the current keyboard map, so ``张三``
or ``Müller`` would be silently dropped. X11 names every Unicode character with a
keysym (``0x01000000 + code point``); we map it onto an unused keycode for the
moment of the key press, send the press with XTEST, and restore the map.
"""

from __future__ import annotations

import time
from typing import Any

CONTROL_KEYSYMS = {"\n": 0xFF0D, "\r": 0xFF0D, "\t": 0xFF09, "\b": 0xFF08}
# The client must see the keymap change before the press and the press before the restore.
SETTLE_SECONDS = 0.02
# A client busy for a moment (an accessibility bridge at work) reads the last key after the restore and loses
# it ("Jürgen 张" for "Jürgen 张三"): the last key gets longer before the map goes back.
BEFORE_RESTORE_SECONDS = 0.1
# After the restore, toolkits reload their keymap; a click arriving meanwhile is lost (seen with Qt 6: the
# next field never got focus), so the driver lets the reload finish before it returns.
RESTORE_SETTLE_SECONDS = 0.15


def keysym_for(ch: str) -> int:
    if ch in CONTROL_KEYSYMS:
        return CONTROL_KEYSYMS[ch]
    code = ord(ch)
    return code if 0x20 <= code <= 0x7E or 0xA0 <= code <= 0xFF else 0x01000000 | code


class KeysymTyper:
    """Types characters through a scratch keycode; one X connection, opened on first use."""

    def __init__(self) -> None:
        self._conn: Any = None
        self._spare: int | None = None

    def _connect(self) -> Any:
        if self._conn is None:
            from Xlib import display as xdisplay

            self._conn = xdisplay.Display()
            self._spare = self._find_spare(self._conn)
        return self._conn

    @staticmethod
    def _find_spare(conn: Any) -> int:
        """An unused keycode; failing that, the highest one (restored after each use)."""
        first = conn.display.info.min_keycode
        count = conn.display.info.max_keycode - first + 1
        mapping = conn.get_keyboard_mapping(first, count)
        for offset in range(count - 1, -1, -1):
            if not any(mapping[offset]):
                return int(first + offset)
        return int(first + count - 1)

    def type(self, text: str) -> None:
        from Xlib import X
        from Xlib.ext import xtest

        conn = self._connect()
        spare = self._spare
        assert spare is not None
        original = conn.get_keyboard_mapping(spare, 1)[0]
        width = max(len(original), 2)
        try:
            for ch in text:
                sym = keysym_for(ch)
                conn.change_keyboard_mapping(spare, [[sym] * width])
                conn.sync()
                time.sleep(SETTLE_SECONDS)
                xtest.fake_input(conn, X.KeyPress, spare)
                xtest.fake_input(conn, X.KeyRelease, spare)
                conn.sync()
                time.sleep(SETTLE_SECONDS)
            time.sleep(BEFORE_RESTORE_SECONDS)
        finally:
            conn.change_keyboard_mapping(spare, [list(original) + [0] * (width - len(original))])
            conn.sync()
            time.sleep(RESTORE_SETTLE_SECONDS)
