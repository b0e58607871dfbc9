"""Raw input events as the hooks saw them: plain data, journaled to disk as they happen."""

from __future__ import annotations

import json
from dataclasses import dataclass, field, fields
from typing import Any

KINDS = ("press", "release", "move", "scroll", "key_down", "key_up", "screen")  # "screen": it changed between keys
MODIFIERS = {"ctrl": "ctrl", "ctrl_l": "ctrl", "ctrl_r": "ctrl", "shift": "shift", "shift_l": "shift",
             "shift_r": "shift", "alt": "alt", "alt_l": "alt", "alt_r": "alt", "cmd": "super", "cmd_l": "super",
             "cmd_r": "super", "super": "super"}
ALTGR = ("alt_gr", "altgr", "iso_level3_shift")


@dataclass(frozen=True, slots=True, kw_only=True)
class RawEvent:
    """One hook callback's worth of information; ``char`` is what a key produced, if anything."""

    t: float
    kind: str
    x: int = 0
    y: int = 0
    button: str | None = None
    dx: int = 0
    dy: int = 0
    key: str | None = None
    char: str | None = None
    cursor: str | None = None  # for a press: the pointer's shape ("text" over a field that takes typing)
    element: Any = field(default=None, compare=False)  # for a press: the control under it (ports.Element); never journaled

    def to_json(self, *, redact: bool = False) -> str:
        data = {f.name: getattr(self, f.name) for f in fields(self) if f.name != "element"}
        data = {k: v for k, v in data.items() if v not in (None, 0) or k in ("t", "kind")}
        if redact and "char" in data:
            data["char"] = "•"
        return json.dumps(data, ensure_ascii=False)

    @staticmethod
    def from_json(line: str) -> RawEvent:
        data: dict[str, Any] = json.loads(line)
        known = {f.name for f in fields(RawEvent)}
        return RawEvent(**{k: v for k, v in data.items() if k in known})


def modifier_of(key: str | None) -> str | None:
    """The modifier a key name stands for (left and right alike), or None."""
    return MODIFIERS.get(key or "")
