"""Key names and characters as the X keysyms that RFB key events carry (RFC 6143 §7.5.4).

VNC sends keysyms, not key codes: the server finds (or, as x11vnc does, adds) a key for each.
So any character can be typed: Latin-1 by its own code, everything else as 0x01000000 + code point.
"""

from __future__ import annotations

from deskpilot.errors import DataError

CONTROL_KEYSYMS = {"\n": 0xFF0D, "\r": 0xFF0D, "\t": 0xFF09, "\b": 0xFF08}
NAMED_KEYSYMS = {
    "enter": 0xFF0D, "return": 0xFF0D, "tab": 0xFF09, "backspace": 0xFF08, "delete": 0xFFFF, "del": 0xFFFF,
    "esc": 0xFF1B, "escape": 0xFF1B, "insert": 0xFF63, "space": 0x0020,
    "home": 0xFF50, "left": 0xFF51, "up": 0xFF52, "right": 0xFF53, "down": 0xFF54,
    "pageup": 0xFF55, "pgup": 0xFF55, "pagedown": 0xFF56, "pgdn": 0xFF56, "end": 0xFF57,
    "capslock": 0xFFE5, "printscreen": 0xFF61, "menu": 0xFF67, "pause": 0xFF13,
    "shift": 0xFFE1, "ctrl": 0xFFE3, "control": 0xFFE3, "alt": 0xFFE9, "super": 0xFFEB, "win": 0xFFEB,
    **{f"f{n}": 0xFFBE + n - 1 for n in range(1, 13)},
}


def keysym_for(ch: str) -> int:
    """The keysym of one character: Latin-1 as itself, any other as the Unicode keysym."""
    if ch in CONTROL_KEYSYMS:
        return CONTROL_KEYSYMS[ch]
    code = ord(ch)
    return code if 0x20 <= code <= 0x7E or 0xA0 <= code <= 0xFF else 0x01000000 | code


def key_keysym(name: str) -> int:
    """The keysym of a key a routine presses: a name from deskpilot.format.keys, or one character."""
    if len(name) == 1:
        return keysym_for(name)
    keysym = NAMED_KEYSYMS.get(name.lower())
    if keysym is None:
        raise DataError(f"unknown key {name!r} for VNC input: use a key name such as enter, tab, f5 or ctrl")
    return keysym
