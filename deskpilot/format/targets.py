"""Anchors and targets: a list of ways to find one point, or one anchor written inline in the step."""

from __future__ import annotations

from typing import Any

from deskpilot import model as m
from deskpilot.format import values as v
from deskpilot.format.problems import Collector, line_of

ANCHOR_KEYS: dict[str, tuple[str, ...]] = {
    "text": ("text", "offset", "offset_em", "height", "occurrence", "near"),
    "image": ("image", "point", "near", "threshold", "label"),
    "window": ("window", "point", "size"),
    "at": ("at", "screen"),
}
ALL_ANCHOR_KEYS = frozenset(k for keys in ANCHOR_KEYS.values() for k in keys)
# an element anchor lives only in a target's list, never inline in a step: its keys (name, label...) are common words
ELEMENT_KEYS = ("element", "name", "label", "path", "window", "index", "at")


def inline_kind(node: Any) -> str | None:
    """Which anchor a step mapping writes inline, if any."""
    kinds = [k for k in ANCHOR_KEYS if k in node]
    return kinds[0] if len(kinds) == 1 else (None if not kinds else "many")


def parse_target(c: Collector, node: Any, line: int) -> m.Target | None:
    """``target:`` as a plain string, one anchor mapping, or a list of them."""
    if isinstance(node, str):
        return m.Target(anchors=(m.TextAnchor(text=node),)) if node.strip() else _empty(c, line)
    items = node if isinstance(node, list) else [node]
    if not items:
        return _empty(c, line)
    anchors: list[m.Anchor] = []
    for i, item in enumerate(items):
        item_line = line_of(node, i, line) if isinstance(node, list) else line
        if isinstance(item, str):
            anchors.append(m.TextAnchor(text=item))
            continue
        if not isinstance(item, dict):
            c.add(item_line, f"an anchor must be a mapping such as {{text: 'Save'}}, not {item!r}")
            continue
        anchor = _element(c, item) if "element" in item else parse_anchor(c, item, item_line, allowed_extra=())
        if anchor is not None:
            anchors.append(anchor)
    return m.Target(anchors=tuple(anchors)) if len(anchors) == len(items) else None


def _empty(c: Collector, line: int) -> m.Target | None:
    c.add(line, "the target is empty", "give at least one anchor, e.g. text: 'Save'")
    return None


def parse_anchor(c: Collector, node: Any, line: int, *, allowed_extra: tuple[str, ...]) -> m.Anchor | None:
    """One anchor from a mapping; keys in ``allowed_extra`` belong to the step and are left alone."""
    kind = inline_kind(node)
    if kind is None or kind == "many":
        found = [k for k in ANCHOR_KEYS if k in node]
        c.add(line, "an anchor needs exactly one of text, image, window, at" + (f"; found {', '.join(found)}" if found else ""))
        return None
    c.unknown_keys(node, set(ANCHOR_KEYS[kind]) | set(allowed_extra))
    before = len(c.problems)
    anchor = _BUILDERS[kind](c, node)
    return anchor if len(c.problems) == before else None


def _element(c: Collector, node: Any) -> m.Anchor | None:
    """``element: push button`` with the name, label and path the accessibility tree gave it."""
    c.unknown_keys(node, set(ELEMENT_KEYS))
    before = len(c.problems)
    role = v.text(c, node, "element")
    kw: dict[str, Any] = {}
    for key in ("name", "label"):
        if key in node:
            kw[key] = v.text(c, node, key, allow_empty=True) if key == "name" else v.text(c, node, key)
    if "window" in node:
        kw["window"] = v.pattern(c, node, "window", noun="pattern")
    if "path" in node:
        path = node["path"]
        if not isinstance(path, list) or not all(isinstance(p, str) for p in path):
            c.add(line_of(node, "path"), "'path' must be a list of ancestors such as ['panel:Payee', 'filler']")
        else:
            kw["path"] = tuple(path)
    if "index" in node:
        kw["index"] = v.number(c, node, "index", minimum=0, integer=True)
    if "at" in node:
        at = v.numbers(c, node, "at", 2)
        if at is not None and not all(0 <= f <= 1 for f in at):
            c.add(line_of(node, "at"), "'at' is where inside the element, as fractions of its size: [0.5, 0.5]")
            at = None
        kw["at"] = at
    if role is None or len(c.problems) != before:
        return None
    return m.ElementAnchor(role=role, **kw)


def _text(c: Collector, node: Any) -> m.Anchor | None:
    text = v.text(c, node, "text")
    kw: dict[str, Any] = {}
    if "offset" in node:
        kw["offset"] = v.numbers(c, node, "offset", 2)
    if "offset_em" in node:
        kw["offset_em"] = v.numbers(c, node, "offset_em", 2)
    if "height" in node:
        kw["height"] = v.number(c, node, "height", positive=True, integer=True)
    if "occurrence" in node:
        kw["occurrence"] = v.number(c, node, "occurrence", minimum=1, integer=True)
    if "near" in node:
        kw["near"] = v.numbers(c, node, "near", 2, integer=True)
    if text is None or any(value is None for value in kw.values()):
        return None
    return m.TextAnchor(text=text, **kw)


def _image(c: Collector, node: Any) -> m.Anchor | None:
    path = v.text(c, node, "image")
    kw: dict[str, Any] = {}
    if "point" in node:
        kw["point"] = v.numbers(c, node, "point", 2, integer=True)
    if "near" in node:
        kw["near"] = v.numbers(c, node, "near", 2, integer=True)
    if "threshold" in node:
        kw["threshold"] = v.number(c, node, "threshold", minimum=0)
        if kw["threshold"] is not None and kw["threshold"] > 1:
            c.add(line_of(node, "threshold"), f"'threshold' must be between 0 and 1, not {kw['threshold']:g}")
            kw["threshold"] = None
    if "label" in node:
        kw["label"] = v.text(c, node, "label")
    if path is None or any(value is None for value in kw.values()):
        return None
    return m.ImageAnchor(image=path, **kw)


def _window(c: Collector, node: Any) -> m.Anchor | None:
    title = v.pattern(c, node, "window", noun="pattern")
    if "point" not in node:
        c.add(line_of(node, "window"), "a window anchor needs 'point': where inside the window, e.g. [120, 80]")
        return None
    point = v.numbers(c, node, "point", 2, integer=True)
    size = v.numbers(c, node, "size", 2, integer=True) if "size" in node else ()
    if size is None:
        return None
    if title is None or point is None:
        return None
    return m.WindowAnchor(window=title, point=point, size=size or None)


def _at(c: Collector, node: Any) -> m.Anchor | None:
    at = v.numbers(c, node, "at", 2, integer=True)
    screen = v.numbers(c, node, "screen", 2, integer=True) if "screen" in node else ()
    if at is None or screen is None:
        return None
    return m.PointAnchor(at=at, screen=screen or None)


_BUILDERS = {"text": _text, "image": _image, "window": _window, "at": _at}
