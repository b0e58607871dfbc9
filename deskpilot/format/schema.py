"""Format version 1: the document's top level and its steps, checked into the typed model.

Every problem is collected with its line; nothing stops at the first.
"""

from __future__ import annotations

import re
from typing import Any

from deskpilot import model as m
from deskpilot.format import values as v
from deskpilot.format.keys import MODIFIER_KEYS, is_key
from deskpilot.format.problems import Collector, line_of, suggest
from deskpilot.format.targets import ALL_ANCHOR_KEYS, inline_kind, parse_anchor, parse_target
from deskpilot.variables import NAME

TOP_KEYS = ("deskpilot", "name", "manual_seconds", "lang", "timeout", "variables", "secrets", "on_failure", "steps")
ON_FAILURE = re.compile(r"stop|skip|retry(:[1-9][0-9]*)?")
COMMON = ("note", "timeout", "weak", "frame", "commits")
STEP_KEYS: dict[str, tuple[str, ...]] = {
    "click": ("target", "button", "clicks", "modifiers", "cursor"),
    "drag": ("from", "to", "button"),
    "scroll": ("target", "clicks"),
    "type": ("text", "verify", "mode"),
    "press": ("key", "count"),
    "hotkey": ("keys",),
    "wait_for": ("target", "gone"),
    "expect": ("target", "gone", "region", "value", "tolerance", *m.COMPARISONS),
    "read_text": ("target", "region", "into", "parse", "pattern"),
    "read_table": ("target", "region", "into", "columns"),
    "if_visible": ("target", "steps"),
    "call": ("routine", "with"),
}
LANG = re.compile(r"[A-Za-z_]+(\+[A-Za-z_]+)*")


def parse_document(c: Collector, doc: Any, *, folder: Any) -> m.Routine | None:
    c.unknown_keys(doc, TOP_KEYS)
    name = v.text(c, doc, "name") if "name" in doc else None
    kw: dict[str, Any] = {}
    if "manual_seconds" in doc:
        kw["manual_seconds"] = v.number(c, doc, "manual_seconds", minimum=0)
    if "lang" in doc:
        kw["lang"] = v.text(c, doc, "lang")
        if kw["lang"] is not None and not LANG.fullmatch(kw["lang"]):
            c.add(line_of(doc, "lang"), f"'lang' must be Tesseract language codes joined by '+', not {kw['lang']!r}",
                  "e.g. eng, or eng+chi_sim")
            kw["lang"] = None
    if "timeout" in doc:
        kw["timeout"] = v.number(c, doc, "timeout", positive=True)
    if "variables" in doc:
        kw["variables"] = _variables(c, doc)
    if "secrets" in doc:
        kw["secrets"] = _secrets(c, doc)
    if "on_failure" in doc:
        kw["on_failure"] = v.text(c, doc, "on_failure")
        if kw["on_failure"] is not None and not ON_FAILURE.fullmatch(kw["on_failure"]):
            c.add(line_of(doc, "on_failure"), f"'on_failure' must be stop, skip, retry or retry:N, not "
                  f"{kw['on_failure']!r}", "e.g. on_failure: retry:2")
            kw["on_failure"] = None
    steps = _steps(c, doc)
    if c.problems or steps is None:
        return None
    return m.Routine(name=name or (folder.name if folder else "routine"), steps=tuple(steps), folder=folder,
                     **{k: val for k, val in kw.items() if val is not None})


def _variables(c: Collector, doc: Any) -> dict[str, str] | None:
    node = doc["variables"]
    if node is None:
        return {}
    if not isinstance(node, dict):
        c.add(line_of(doc, "variables"), "'variables' must be a mapping of name: default value")
        return None
    out = {}
    for key, value in node.items():
        if not NAME.match(str(key)):
            c.add(line_of(node, key), f"variable name '{key}' must be letters, digits and _ (not starting with a digit)")
        elif isinstance(value, (dict, list)):
            c.add(line_of(node, key), f"variable '{key}' must have a plain value")
        else:
            out[str(key)] = _as_written(value)
    return out


def _secrets(c: Collector, doc: Any) -> tuple[str, ...] | None:
    node = doc["secrets"]
    if not isinstance(node, list) or not all(isinstance(x, str) and NAME.match(x) for x in node):
        c.add(line_of(doc, "secrets"), "'secrets' must be a list of variable names, e.g. [password]")
        return None
    return tuple(node)


def _as_written(value: Any) -> str:
    """A scalar as the file spells it: an amount written 12.50 stays "12.50", not "12.5"."""
    if value is None:
        return ""
    if isinstance(value, (int, float)):  # bool too, spelt "true" or "false"
        from deskpilot.format.yamlio import dump

        return dump(value).split("\n", 1)[0]
    return str(value)


def _steps(c: Collector, doc: Any) -> list[m.Step] | None:
    node = doc.get("steps")
    if not node:
        c.add(line_of(doc, "steps") if "steps" in doc else 1, "the routine has no steps",
              "add a 'steps:' list, e.g. '  - click: Save'")
        return None
    if not isinstance(node, list):
        c.add(line_of(doc, "steps"), "'steps' must be a list of steps, each starting with '- '")
        return None
    steps: list[m.Step] = []
    for i, item in enumerate(node):
        c.step, c.kind = i + 1, None
        step = _step(c, item, line_of(node, i))
        if step is not None:
            steps.append(step)
    c.step = c.kind = None
    return steps


def _step(c: Collector, item: Any, line: int) -> m.Step | None:
    if not isinstance(item, dict) or len(item) != 1:
        c.add(line, "a step is one kind with its settings, e.g. '- click: Save'")
        return None
    kind, body = next(iter(item.items()))
    if kind not in STEP_KEYS:
        c.add(line, f"unknown step kind '{kind}'", suggest(kind, STEP_KEYS) or f"use one of {', '.join(STEP_KEYS)}")
        return None
    c.kind = kind
    before = len(c.problems)
    step = _BUILDERS[kind](c, body, line)
    if step is None and len(c.problems) == before:  # a builder that forgot to say why: never drop a step silently
        c.add(line, f"'{kind}' could not be read", "compare it with the examples in the documentation")
    return step if len(c.problems) == before else None


def _common(c: Collector, body: Any) -> dict[str, Any]:
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


def _target_of(c: Collector, body: Any, line: int, kind: str, *, required: bool = True) -> m.Target | None:
    """``target:`` or one anchor inline; never both."""
    if isinstance(body, str):
        return m.Target(anchors=(m.TextAnchor(text=body),))
    if not isinstance(body, dict):
        c.add(line, f"'{kind}' needs a target, e.g. '{kind}: {{text: \"Save\"}}'")
        return None
    own = set(STEP_KEYS[kind]) | set(COMMON)
    inline = inline_kind(body)
    if "target" in body:
        if inline is not None:
            c.add(line_of(body, "target"), "use either 'target:' or anchor keys in the step, not both")
            return None
        c.unknown_keys(body, own)
        return parse_target(c, body["target"], line_of(body, "target"))
    if inline is None:
        stray = [k for k in body if k in ALL_ANCHOR_KEYS]
        c.unknown_keys(body, own | ALL_ANCHOR_KEYS)
        if required or stray:
            c.add(line, f"'{kind}' needs a target: 'target:' or an anchor such as text: 'Save'")
        return None
    anchor = parse_anchor(c, body, line, allowed_extra=tuple(own - {"target"}))
    return m.Target(anchors=(anchor,)) if anchor is not None else None


def _click(c: Collector, body: Any, line: int) -> m.Step | None:
    target = _target_of(c, body, line, "click")
    kw = _common(c, body)
    if isinstance(body, dict):
        if "button" in body:
            kw["button"] = _choice(c, body, "button", m.BUTTONS)
        if "clicks" in body:
            kw["clicks"] = v.number(c, body, "clicks", integer=True)
            if kw["clicks"] is not None and not 1 <= kw["clicks"] <= 3:
                c.add(line_of(body, "clicks"), f"'clicks' must be 1, 2 or 3, not {kw['clicks']}")
        if "modifiers" in body:
            kw["modifiers"] = _modifiers(c, body)
        if "cursor" in body:
            kw["cursor"] = _choice(c, body, "cursor", m.CURSORS)
    return m.Click(target=target, **kw) if target is not None else None


def _drag(c: Collector, body: Any, line: int) -> m.Step | None:
    if not isinstance(body, dict):
        c.add(line, "'drag' needs 'from' and 'to' targets")
        return None
    c.unknown_keys(body, set(STEP_KEYS["drag"]) | set(COMMON))
    ends: dict[str, m.Target | None] = {}
    for key in ("from", "to"):
        if key not in body:
            c.add(line, f"'drag' needs '{key}': a target")
        else:
            ends[key] = parse_target(c, body[key], line_of(body, key))
    kw = _common(c, body)
    if "button" in body:
        kw["button"] = _choice(c, body, "button", m.BUTTONS)
    source, dest = ends.get("from"), ends.get("to")
    if source is None or dest is None:
        return None
    return m.Drag(source=source, dest=dest, **kw)


def _scroll(c: Collector, body: Any, line: int) -> m.Step | None:
    if not isinstance(body, dict) or "clicks" not in body:
        if isinstance(body, dict):
            c.unknown_keys(body, set(STEP_KEYS["scroll"]) | set(COMMON) | ALL_ANCHOR_KEYS)
        c.add(line, "'scroll' needs 'clicks': how many wheel clicks, positive up, negative down")
        return None
    target = _target_of(c, body, line, "scroll", required=False)
    clicks = v.number(c, body, "clicks", integer=True)
    if clicks == 0:
        c.add(line_of(body, "clicks"), "'clicks' must not be 0")
    return m.Scroll(clicks=clicks, target=target, **_common(c, body)) if clicks else None


def _type(c: Collector, body: Any, line: int) -> m.Step | None:
    if isinstance(body, (str, int, float)) and not isinstance(body, bool):
        return m.Type(text=_as_written(body))
    if not isinstance(body, dict) or "text" not in body:
        c.add(line, "'type' needs the text to type, e.g. 'type: \"{{ customer_id }}\"'")
        return None
    c.unknown_keys(body, set(STEP_KEYS["type"]) | set(COMMON))
    text = v.text(c, body, "text", allow_empty=True)
    if text is not None and isinstance(body["text"], (int, float)):
        text = _as_written(body["text"])
    kw = _common(c, body)
    if "verify" in body:
        kw["verify"] = v.boolean(c, body, "verify")
    if "mode" in body:
        kw["mode"] = _choice(c, body, "mode", m.TYPE_MODES)
    if text is None or any(kw.get(k) is None for k in ("verify", "mode") if k in body):
        return None
    return m.Type(text=text, **kw)


def _press(c: Collector, body: Any, line: int) -> m.Step | None:
    node, key_name = (body, "key") if isinstance(body, dict) else ({"key": body}, "key")
    if isinstance(body, dict):
        c.unknown_keys(body, set(STEP_KEYS["press"]) | set(COMMON))
        if "key" not in body:
            c.add(line, "'press' needs 'key', e.g. 'press: tab'")
            return None
    key = _key(c, node, key_name, line)
    count = v.number(c, body, "count", minimum=1, integer=True) if isinstance(body, dict) and "count" in body else 1
    return m.Press(key=key, count=count, **_common(c, body)) if key and count else None


def _hotkey(c: Collector, body: Any, line: int) -> m.Step | None:
    keys_node = body
    if isinstance(body, dict):
        c.unknown_keys(body, set(STEP_KEYS["hotkey"]) | set(COMMON))
        keys_node = body.get("keys")
    if isinstance(keys_node, str):
        keys_node = keys_node.split("+")
    if not isinstance(keys_node, list) or len(keys_node) < 2:
        c.add(line, "'hotkey' needs two or more keys, e.g. 'hotkey: [ctrl, s]'")
        return None
    keys = [_key(c, {"key": k}, "key", line) for k in keys_node]
    return m.Hotkey(keys=tuple(k for k in keys if k), **_common(c, body)) if all(keys) else None


def _wait(cls: type[m.WaitFor] | type[m.Expect]) -> Any:
    def build(c: Collector, body: Any, line: int) -> m.Step | None:
        target = _target_of(c, body, line, cls.kind)
        kw = _common(c, body)
        if isinstance(body, dict) and "gone" in body:
            kw["gone"] = v.boolean(c, body, "gone")
        return cls(target=target, **kw) if target is not None else None

    return build


def _read_text(c: Collector, body: Any, line: int) -> m.Step | None:
    target = _target_of(c, body, line, "read_text")
    if not isinstance(body, dict):
        c.add(line, "'read_text' needs 'region' and 'into', e.g. {text: 'Total:', region: [40, -10, 120, 20], "
              "into: total}")
        return None
    for key in ("region", "into"):
        if key not in body:
            c.add(line, f"'read_text' needs '{key}'")
    region = v.numbers(c, body, "region", 4, integer=True) if "region" in body else None
    if region is not None and (region[2] <= 0 or region[3] <= 0):
        c.add(line_of(body, "region"), "'region' width and height must be greater than 0")
        region = None
    into = v.text(c, body, "into") if "into" in body else None
    if into is not None and not NAME.match(into):
        c.add(line_of(body, "into"), f"'into' must be a variable name (letters, digits, _), not {into!r}")
        into = None
    kw = _common(c, body)
    if "parse" in body:
        kw["parse"] = _choice(c, body, "parse", ("number", "date"))
    if "pattern" in body:
        kw["pattern"] = _pattern(c, body, "pattern")
    if target is None or region is None or into is None or any(kw.get(k) is None for k in ("parse", "pattern")
                                                                if k in body):
        return None
    return m.ReadText(target=target, region=region, into=into, **kw)


def _read_table(c: Collector, body: Any, line: int) -> m.Step | None:
    target = _target_of(c, body, line, "read_table")
    if not isinstance(body, dict) or any(k not in body for k in ("region", "into", "columns")):
        c.add(line, "'read_table' needs 'region', 'into' and 'columns', e.g. {text: 'Invoice', "
              "region: [-50, -10, 620, 300], into: rows, columns: [Invoice, Customer, Amount]}")
        return None
    region = v.numbers(c, body, "region", 4, integer=True)
    into = v.text(c, body, "into")
    if into is not None and not NAME.match(into):
        c.add(line_of(body, "into"), f"'into' must be a variable name (letters, digits, _), not {into!r}")
        into = None
    columns = body["columns"]
    if not isinstance(columns, list) or not columns or not all(isinstance(x, str) and x.strip() for x in columns):
        c.add(line_of(body, "columns"), "'columns' must list the column names, e.g. [Invoice, Customer, Amount]")
        return None
    if target is None or region is None or into is None:
        return None
    return m.ReadTable(target=target, region=region, into=into, columns=tuple(columns), **_common(c, body))


def _pattern(c: Collector, node: Any, key: str) -> str | None:
    text = v.text(c, node, key)
    if text is None:
        return None
    try:
        re.compile(text)
    except re.error as exc:
        c.add(line_of(node, key), f"'{key}' is not a valid regular expression: {exc}", "quote special characters with \\")
        return None
    return text


def _expect(c: Collector, body: Any, line: int) -> m.Step | None:
    """``expect``: a target on screen (or gone), or a comparison of a region's text or a value."""
    kinds = [k for k in m.COMPARISONS if isinstance(body, dict) and k in body]
    if not kinds:
        for key in ("region", "value", "tolerance"):
            if isinstance(body, dict) and key in body:
                c.add(line_of(body, key), f"'{key}' needs a comparison: one of {', '.join(m.COMPARISONS)}",
                      "e.g. number: '{{ expected_total }}'")
                return None
        plain: m.Step | None = _wait(m.Expect)(c, body, line)
        return plain
    if len(kinds) > 1:
        c.add(line, f"an expect compares one way, not {' and '.join(kinds)}", "split it into two expect steps")
        return None
    kind = kinds[0]
    kw = _common(c, body)
    kw.update(compare=kind, expected=_as_written(body[kind]))
    if kind == "matches" and _pattern(c, body, "matches") is None:
        return None
    if "tolerance" in body:
        if kind != "number":
            c.add(line_of(body, "tolerance"), "'tolerance' goes with 'number' only")
            return None
        if v.number(c, body, "tolerance", minimum=0) is None:
            return None
        kw["tolerance"] = _as_written(body["tolerance"])
    if "gone" in body:
        c.add(line_of(body, "gone"), "'gone' does not go with a comparison", "use a separate expect with gone: true")
        return None
    if "value" in body:
        if "target" in body or inline_kind(body) is not None or "region" in body:
            c.add(line, "compare either 'value' or the text at a target's 'region', not both")
            return None
        c.unknown_keys(body, set(STEP_KEYS["expect"]) | set(COMMON))
        return m.Expect(value=_as_written(body["value"]), **kw)
    target = _target_of(c, body, line, "expect")
    if "region" not in body:
        c.add(line, "a comparison with a target needs 'region': where its text is, e.g. [60, -8, 120, 20]",
              "or compare a variable with 'value'")
        return None
    region = v.numbers(c, body, "region", 4, integer=True)
    if target is None or region is None:
        return None
    return m.Expect(target=target, region=region, **kw)


def _if_visible(c: Collector, body: Any, line: int) -> m.Step | None:
    target = _target_of(c, body, line, "if_visible")
    if not isinstance(body, dict) or not isinstance(body.get("steps"), list) or not body["steps"]:
        c.add(line, "'if_visible' needs 'steps': the steps to run when the target shows up",
              "e.g. if_visible: {text: 'Are you sure?', steps: [{click: 'Yes'}]}")
        return None
    node, outer = body["steps"], (c.step, c.kind)
    nested = []
    for i, item in enumerate(node):
        nested.append(_step(c, item, line_of(node, i)))
        c.step, c.kind = outer
    if target is None or any(n is None for n in nested):
        return None
    return m.IfVisible(target=target, steps=tuple(n for n in nested if n is not None), **_common(c, body))


def _call(c: Collector, body: Any, line: int) -> m.Step | None:
    """``call: ../login`` or ``call: {routine: ../login, with: {user: '{{ user }}'}}``; loaded by the loader."""
    if isinstance(body, str):
        body = {"routine": body}
    if not isinstance(body, dict) or not isinstance(body.get("routine"), str) or not body["routine"].strip():
        c.add(line, "'call' needs the recording to run, e.g. call: {routine: ../login}")
        return None
    c.unknown_keys(body, set(STEP_KEYS["call"]) | set(COMMON))
    given: dict[str, str] = {}
    node = body.get("with") or {}
    if not isinstance(node, dict):
        c.add(line_of(body, "with"), "'with' must map variable names to values, e.g. with: {user: clerk}")
        return None
    for name, value in node.items():
        if not NAME.match(str(name)):
            c.add(line_of(node, name), f"'{name}' is not a variable name (letters, digits, _)")
            return None
        given[str(name)] = _as_written(value)
    return m.Call(routine=body["routine"].strip(), with_values=given, **_common(c, body))


def _choice(c: Collector, node: Any, key: str, allowed: tuple[str, ...]) -> str | None:
    value = node[key]
    if value not in allowed:
        c.add(line_of(node, key), f"'{key}' must be one of {', '.join(allowed)}, not {value!r}",
              suggest(str(value), allowed))
        return None
    return str(value)


def _modifiers(c: Collector, node: Any) -> tuple[str, ...] | None:
    value = node["modifiers"]
    items = value if isinstance(value, list) else [value]
    bad = [x for x in items if x not in MODIFIER_KEYS]
    if bad:
        c.add(line_of(node, "modifiers"), f"unknown modifier '{bad[0]}'",
              suggest(str(bad[0]), MODIFIER_KEYS) or f"use {', '.join(MODIFIER_KEYS)}")
        return None
    return tuple(str(x) for x in items)


def _key(c: Collector, node: Any, key: str, line: int) -> str | None:
    value = node[key]
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 9:
        value = str(value)  # "press: 1" reads as a number
    name = str(value).lower() if isinstance(value, str) and len(value) > 1 else value
    if not isinstance(name, str) or not is_key(name):
        from deskpilot.format.keys import NAMED_KEYS

        c.add(line_of(node, key, line), f"unknown key name {value!r}", suggest(str(value).lower(), NAMED_KEYS))
        return None
    return name


_BUILDERS = {"click": _click, "drag": _drag, "scroll": _scroll, "type": _type, "press": _press,
             "hotkey": _hotkey, "wait_for": _wait(m.WaitFor), "expect": _expect, "read_text": _read_text,
             "read_table": _read_table, "if_visible": _if_visible, "call": _call}
