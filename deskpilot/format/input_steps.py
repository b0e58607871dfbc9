"""Steps that act on the application -- click, drag, scroll, type, press, hotkey: read from YAML and written back.

Each kind has a builder (its body in the file -> the model, every problem collected with
its line) and a writer (the model -> its body in the house style); the registry pairs them.
"""

from __future__ import annotations

from typing import Any

from ruamel.yaml.comments import CommentedMap

from deskpilot import model as m
from deskpilot.format import values as v
from deskpilot.format.nodes import flow, mapping, target_keys, target_value
from deskpilot.format.problems import Collector, line_of
from deskpilot.format.step_values import Keys, as_written, choice, common, key_name, modifiers, target_of
from deskpilot.format.targets import ALL_ANCHOR_KEYS, parse_target


def build_click(c: Collector, body: Any, line: int, keys: Keys) -> m.Step | None:
    target = target_of(c, body, line, "click", keys)
    kw = common(c, body)
    if isinstance(body, dict):
        if "button" in body:
            kw["button"] = choice(c, body, "button", m.BUTTONS)
        if "clicks" in body:
            kw["clicks"] = v.number(c, body, "clicks", integer=True)
            if kw["clicks"] is not None and not 1 <= kw["clicks"] <= 3:
                c.add(line_of(body, "clicks"), f"'clicks' must be 1, 2 or 3, not {kw['clicks']}")
        if "modifiers" in body:
            kw["modifiers"] = modifiers(c, body)
        if "cursor" in body:
            kw["cursor"] = choice(c, body, "cursor", m.CURSORS)
    return m.Click(target=target, **kw) if target is not None else None


def write_click(step: m.Click) -> CommentedMap:
    return mapping(**target_keys(step.target), button=None if step.button == "left" else step.button,
                   clicks=step.clicks if step.clicks > 1 else None, modifiers=flow(list(step.modifiers)) or None,
                   cursor=step.cursor)


def build_drag(c: Collector, body: Any, line: int, keys: Keys) -> m.Step | None:
    if not isinstance(body, dict):
        c.add(line, "'drag' needs 'from' and 'to' targets")
        return None
    c.unknown_keys(body, keys)
    ends: dict[str, m.Target | None] = {}
    for key in ("from", "to"):
        if key not in body:
            c.add(line, f"'drag' needs '{key}': a target")
        else:
            ends[key] = parse_target(c, body[key], line_of(body, key))
    kw = common(c, body)
    if "button" in body:
        kw["button"] = choice(c, body, "button", m.BUTTONS)
    source, dest = ends.get("from"), ends.get("to")
    if source is None or dest is None:
        return None
    return m.Drag(source=source, dest=dest, **kw)


def write_drag(step: m.Drag) -> CommentedMap:
    return mapping(**{"from": target_value(step.source), "to": target_value(step.dest)},
                   button=None if step.button == "left" else step.button)


def build_scroll(c: Collector, body: Any, line: int, keys: Keys) -> m.Step | None:
    if not isinstance(body, dict) or "clicks" not in body:
        if isinstance(body, dict):
            c.unknown_keys(body, keys | ALL_ANCHOR_KEYS)
        c.add(line, "'scroll' needs 'clicks': how many wheel clicks, positive up, negative down")
        return None
    target = target_of(c, body, line, "scroll", keys, required=False)
    clicks = v.number(c, body, "clicks", integer=True)
    if clicks == 0:
        c.add(line_of(body, "clicks"), "'clicks' must not be 0")
    return m.Scroll(clicks=clicks, target=target, **common(c, body)) if clicks else None


def write_scroll(step: m.Scroll) -> CommentedMap:
    return mapping(clicks=step.clicks, **(target_keys(step.target) if step.target else {}))


def build_type(c: Collector, body: Any, line: int, keys: Keys) -> m.Step | None:
    if isinstance(body, (str, int, float)) and not isinstance(body, bool):
        return m.Type(text=as_written(body))
    if not isinstance(body, dict) or "text" not in body:
        c.add(line, "'type' needs the text to type, e.g. 'type: \"{{ customer_id }}\"'")
        return None
    c.unknown_keys(body, keys)
    text = v.text(c, body, "text", allow_empty=True)
    if text is not None and isinstance(body["text"], (int, float)):
        text = as_written(body["text"])
    kw = common(c, body)
    if "verify" in body:
        kw["verify"] = v.boolean(c, body, "verify")
    if "mode" in body:
        kw["mode"] = choice(c, body, "mode", m.TYPE_MODES)
    if text is None or any(kw.get(k) is None for k in ("verify", "mode") if k in body):
        return None
    return m.Type(text=text, **kw)


def write_type(step: m.Type) -> CommentedMap:
    return mapping(text=step.text, verify=None if step.verify else False,
                   mode=None if step.mode == "replace" else step.mode)


def build_press(c: Collector, body: Any, line: int, keys: Keys) -> m.Step | None:
    node = body if isinstance(body, dict) else {"key": body}
    if isinstance(body, dict):
        c.unknown_keys(body, keys)
        if "key" not in body:
            c.add(line, "'press' needs 'key', e.g. 'press: tab'")
            return None
    key = key_name(c, node, "key", line)
    count = v.number(c, body, "count", minimum=1, integer=True) if isinstance(body, dict) and "count" in body else 1
    return m.Press(key=key, count=count, **common(c, body)) if key and count else None


def write_press(step: m.Press) -> CommentedMap:
    return mapping(key=step.key, count=step.count if step.count > 1 else None)


def build_hotkey(c: Collector, body: Any, line: int, keys: Keys) -> m.Step | None:
    keys_node = body
    if isinstance(body, dict):
        c.unknown_keys(body, keys)
        keys_node = body.get("keys")
    if isinstance(keys_node, str):
        keys_node = keys_node.split("+")
    if not isinstance(keys_node, list) or len(keys_node) < 2:
        c.add(line, "'hotkey' needs two or more keys, e.g. 'hotkey: [ctrl, s]'")
        return None
    names = [key_name(c, {"key": k}, "key", line) for k in keys_node]
    return m.Hotkey(keys=tuple(k for k in names if k), **common(c, body)) if all(names) else None


def write_hotkey(step: m.Hotkey) -> CommentedMap:
    return mapping(keys=flow(list(step.keys)))
