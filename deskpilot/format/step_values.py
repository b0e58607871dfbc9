"""What every step body is read with: the common settings, a target, a choice, a key name, a pattern.

Each step kind's builder (``input_steps``, ``screen_steps``, ``flow_steps``) reads its own keys
with these; a builder is given the keys its kind allows by the registry, so the list of a
kind's keys is written once, in ``deskpilot.format.registry``.
"""

from __future__ import annotations

from typing import Any

from deskpilot import model as m
from deskpilot.format import values as v
from deskpilot.format.keys import MODIFIER_KEYS, NAMED_KEYS, is_key
from deskpilot.format.problems import Collector, line_of, suggest
from deskpilot.format.targets import ALL_ANCHOR_KEYS, inline_kind, parse_anchor, parse_target

Keys = frozenset[str]  # the keys a step kind allows: its own and the common ones


def common(c: Collector, body: Any) -> dict[str, Any]:
    """The settings every step may have (note, timeout, weak, frame, commits)."""
    kw: dict[str, Any] = {}
    if isinstance(body, dict):
        if "note" in body:
            kw["note"] = v.text(c, body, "note", allow_empty=True)
        if "timeout" in body:
            kw["timeout"] = v.number(c, body, "timeout", positive=True)
        if "weak" in body:
            kw["weak"] = v.text(c, body, "weak")
        if "frame" in body:
            kw["frame"] = v.text(c, body, "frame")
        if "commits" in body:
            kw["commits"] = v.boolean(c, body, "commits")
    return kw


def target_of(c: Collector, body: Any, line: int, kind: str, keys: Keys, *, required: bool = True) -> m.Target | None:
    """``target:`` or one anchor inline; never both."""
    if isinstance(body, str):
        return m.Target(anchors=(m.TextAnchor(text=body),))
    if not isinstance(body, dict):
        c.add(line, f"'{kind}' needs a target, e.g. '{kind}: {{text: \"Save\"}}'")
        return None
    inline = inline_kind(body)
    if "target" in body:
        if inline is not None:
            c.add(line_of(body, "target"), "use either 'target:' or anchor keys in the step, not both")
            return None
        c.unknown_keys(body, keys)
        return parse_target(c, body["target"], line_of(body, "target"))
    if inline is None:
        stray = [k for k in body if k in ALL_ANCHOR_KEYS]
        c.unknown_keys(body, keys | ALL_ANCHOR_KEYS)
        if required or stray:
            c.add(line, f"'{kind}' needs a target: 'target:' or an anchor such as text: 'Save'")
        return None
    anchor = parse_anchor(c, body, line, allowed_extra=tuple(keys - {"target"}))
    return m.Target(anchors=(anchor,)) if anchor is not None else None


def as_written(value: Any) -> str:
    """A scalar as the file spells it: an amount written 12.50 stays "12.50", not "12.5"."""
    if value is None:
        return ""
    if isinstance(value, (int, float)):  # bool too, spelt "true" or "false"
        from deskpilot.format.yamlio import dump

        return dump(value).split("\n", 1)[0]
    return str(value)


def variable_name(c: Collector, node: Any, key: str) -> str | None:
    """A variable a step reads into: letters, digits and _."""
    name = v.text(c, node, key)
    if name is not None and not m.VARIABLE_NAME.match(name):
        c.add(line_of(node, key), f"'{key}' must be a variable name (letters, digits, _), not {name!r}")
        return None
    return name


def choice(c: Collector, node: Any, key: str, allowed: tuple[str, ...]) -> str | None:
    value = node[key]
    if value not in allowed:
        c.add(line_of(node, key), f"'{key}' must be one of {', '.join(allowed)}, not {value!r}",
              suggest(str(value), allowed))
        return None
    return str(value)


def modifiers(c: Collector, node: Any) -> tuple[str, ...] | None:
    value = node["modifiers"]
    items = value if isinstance(value, list) else [value]
    bad = [x for x in items if x not in MODIFIER_KEYS]
    if bad:
        c.add(line_of(node, "modifiers"), f"unknown modifier '{bad[0]}'",
              suggest(str(bad[0]), MODIFIER_KEYS) or f"use {', '.join(MODIFIER_KEYS)}")
        return None
    return tuple(str(x) for x in items)


def key_name(c: Collector, node: Any, key: str, line: int) -> str | None:
    value = node[key]
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 9:
        value = str(value)  # "press: 1" reads as a number
    name = str(value).lower() if isinstance(value, str) and len(value) > 1 else value
    if not isinstance(name, str) or not is_key(name):
        c.add(line_of(node, key, line), f"unknown key name {value!r}", suggest(str(value).lower(), NAMED_KEYS))
        return None
    return name
