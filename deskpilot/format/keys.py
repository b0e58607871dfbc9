"""Key names a routine may press; the player maps the same names onto its input driver."""

from __future__ import annotations

import string

MODIFIER_KEYS = ("ctrl", "shift", "alt", "super")
NAMED_KEYS = (
    "tab", "enter", "esc", "backspace", "delete", "insert", "space", "up", "down", "left", "right", "home", "end",
    "pageup", "pagedown", "capslock", "printscreen", "menu", "pause",
    *(f"f{n}" for n in range(1, 13)), *MODIFIER_KEYS,
)
KEY_NAMES = frozenset(NAMED_KEYS) | frozenset(string.ascii_lowercase + string.digits + string.punctuation)


def is_key(name: str) -> bool:
    return name in KEY_NAMES or (len(name) == 1 and name.isprintable())
