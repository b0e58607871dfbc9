"""Typed reads of YAML values, each reporting a wrong type against the key it came from."""

from __future__ import annotations

import re
from typing import Any

from deskpilot.format.problems import Collector, line_of


def _shown(value: Any) -> str:
    """A wrong value as the person wrote it; an empty one (``key:``) is named as such."""
    return "nothing" if value is None else repr(value)


def number(c: Collector, node: Any, key: str, *, minimum: float | None = None, positive: bool = False,
           integer: bool = False) -> Any:
    value = node[key]
    ok_type = isinstance(value, int) if integer else isinstance(value, (int, float))
    if isinstance(value, bool) or not ok_type:
        c.add(line_of(node, key), f"'{key}' must be {'a whole number' if integer else 'a number'}, not {_shown(value)}")
        return None
    if positive and value <= 0:
        c.add(line_of(node, key), f"'{key}' must be greater than 0, not {value}")
        return None
    if minimum is not None and value < minimum:
        c.add(line_of(node, key), f"'{key}' must be at least {minimum:g}, not {value}")
        return None
    return int(value) if integer else float(value)


def text(c: Collector, node: Any, key: str, *, allow_empty: bool = False) -> str | None:
    value = node[key]
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        c.add(line_of(node, key), f"'{key}' must be text, not {'nothing' if value is None else type(value).__name__}")
        return None
    value = str(value)
    if not allow_empty and not value.strip():
        c.add(line_of(node, key), f"'{key}' must not be empty")
        return None
    return value


def boolean(c: Collector, node: Any, key: str) -> bool | None:
    value = node[key]
    if not isinstance(value, bool):
        c.add(line_of(node, key), f"'{key}' must be true or false, not {_shown(value)}")
        return None
    return value


def numbers(c: Collector, node: Any, key: str, count: int, *, integer: bool = False) -> tuple[Any, ...] | None:
    value = node[key]
    kinds = (int,) if integer else (int, float)
    if (not isinstance(value, list) or len(value) != count
            or any(isinstance(v, bool) or not isinstance(v, kinds) for v in value)):
        shape = "[" + ", ".join("x y w h".split()[:count] if count == 4 else ["x", "y"]) + "]"
        c.add(line_of(node, key), f"'{key}' must be {count} {'whole ' if integer else ''}numbers {shape}, "
              f"not {_shown(value)}")
        return None
    return tuple(int(v) if integer else float(v) for v in value)


def pattern(c: Collector, node: Any, key: str, *, noun: str = "regular expression") -> str | None:
    """A text that must compile as a regular expression (a window title pattern, a ``matches``)."""
    value = text(c, node, key)
    if value is None:
        return None
    try:
        re.compile(value)
    except re.error as exc:
        c.add(line_of(node, key), f"'{key}' is not a valid {noun}: {exc}", "quote special characters with \\")
        return None
    return value
