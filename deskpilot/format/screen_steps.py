"""Steps that look at the screen -- wait_for, expect, read_text, read_table: read from YAML and written back."""

from __future__ import annotations

from typing import Any

from ruamel.yaml.comments import CommentedMap

from deskpilot import model as m
from deskpilot.format import values as v
from deskpilot.format.nodes import flow, mapping, num, target_keys
from deskpilot.format.problems import Collector, line_of
from deskpilot.format.step_values import Keys, as_written, choice, common, target_of, variable_name
from deskpilot.format.targets import inline_kind


def build_wait_for(c: Collector, body: Any, line: int, keys: Keys) -> m.Step | None:
    return _look(m.WaitFor, c, body, line, keys)


def _look(cls: type[m.WaitFor | m.Expect], c: Collector, body: Any, line: int, keys: Keys) -> m.Step | None:
    """A target on screen, or with ``gone`` one that must leave it."""
    target = target_of(c, body, line, cls.kind, keys)
    kw = common(c, body)
    if isinstance(body, dict) and "gone" in body:
        kw["gone"] = v.boolean(c, body, "gone")
    if cls is m.WaitFor and isinstance(body, dict) and "state" in body:
        kw["state"] = choice(c, body, "state", m.ELEMENT_STATES)
        if kw["state"] is not None and (target is None or not any(isinstance(a, m.ElementAnchor)
                                                                  for a in target.anchors)):
            c.add(line_of(body, "state"), "'state' needs an element anchor in the target: only the accessibility "
                  "tree tells whether a control is enabled")
            kw["state"] = None
            return None
        if kw["state"] is None:
            return None
    return cls(target=target, **kw) if target is not None else None


def write_looking(step: m.WaitFor | m.Expect) -> CommentedMap:
    """wait_for, and an expect without a comparison: the target and whether it must be gone."""
    assert step.target is not None
    return mapping(**target_keys(step.target), gone=True if step.gone else None,
                   state=step.state if isinstance(step, m.WaitFor) else None)


def build_expect(c: Collector, body: Any, line: int, keys: Keys) -> m.Step | None:
    """``expect``: a target on screen (or gone), or a comparison of a region's text or a value."""
    kinds = [k for k in m.COMPARISONS if isinstance(body, dict) and k in body]
    if not kinds:
        for key in ("region", "value", "tolerance"):
            if isinstance(body, dict) and key in body:
                c.add(line_of(body, key), f"'{key}' needs a comparison: one of {', '.join(m.COMPARISONS)}",
                      "e.g. number: '{{ expected_total }}'")
                return None
        return _look(m.Expect, c, body, line, keys)
    if len(kinds) > 1:
        c.add(line, f"an expect compares one way, not {' and '.join(kinds)}", "split it into two expect steps")
        return None
    kind = kinds[0]
    kw = common(c, body)
    kw.update(compare=kind, expected=as_written(body[kind]))
    if kind == "matches" and v.pattern(c, body, "matches") is None:
        return None
    if "tolerance" in body:
        if kind != "number":
            c.add(line_of(body, "tolerance"), "'tolerance' goes with 'number' only")
            return None
        if v.number(c, body, "tolerance", minimum=0) is None:
            return None
        kw["tolerance"] = as_written(body["tolerance"])
    if "gone" in body:
        c.add(line_of(body, "gone"), "'gone' does not go with a comparison", "use a separate expect with gone: true")
        return None
    if "value" in body:
        if "target" in body or inline_kind(body) is not None or "region" in body:
            c.add(line, "compare either 'value' or the text at a target's 'region', not both")
            return None
        c.unknown_keys(body, keys)
        return m.Expect(value=as_written(body["value"]), **kw)
    target = target_of(c, body, line, "expect", keys)
    if "region" not in body:
        c.add(line, "a comparison with a target needs 'region': where its text is, e.g. [60, -8, 120, 20]",
              "or compare a variable with 'value'")
        return None
    region = v.numbers(c, body, "region", 4, integer=True)
    if target is None or region is None:
        return None
    return m.Expect(target=target, region=region, **kw)


def write_expect(step: m.Expect) -> CommentedMap:
    if step.compare is None:
        return write_looking(step)
    where = {"value": step.value} if step.value is not None else {
        **(target_keys(step.target) if step.target else {}), "region": flow(list(step.region or ()))}
    return mapping(**where, **{step.compare: step.expected},
                   tolerance=num(float(step.tolerance)) if step.tolerance is not None else None)


def build_read_text(c: Collector, body: Any, line: int, keys: Keys) -> m.Step | None:
    target = target_of(c, body, line, "read_text", keys)
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
    into = variable_name(c, body, "into") if "into" in body else None
    kw = common(c, body)
    if "parse" in body:
        kw["parse"] = choice(c, body, "parse", ("number", "date"))
    if "pattern" in body:
        kw["pattern"] = v.pattern(c, body, "pattern")
    if target is None or region is None or into is None or any(kw.get(k) is None for k in ("parse", "pattern")
                                                                if k in body):
        return None
    return m.ReadText(target=target, region=region, into=into, **kw)


def write_read_text(step: m.ReadText) -> CommentedMap:
    return mapping(**target_keys(step.target), region=flow(list(step.region)), into=step.into, parse=step.parse,
                   pattern=step.pattern)


def build_read_table(c: Collector, body: Any, line: int, keys: Keys) -> m.Step | None:
    target = target_of(c, body, line, "read_table", keys)
    if not isinstance(body, dict) or any(k not in body for k in ("region", "into", "columns")):
        c.add(line, "'read_table' needs 'region', 'into' and 'columns', e.g. {text: 'Invoice', "
              "region: [-50, -10, 620, 300], into: rows, columns: [Invoice, Customer, Amount]}")
        return None
    region = v.numbers(c, body, "region", 4, integer=True)
    into = variable_name(c, body, "into")
    columns = body["columns"]
    if not isinstance(columns, list) or not columns or not all(isinstance(x, str) and x.strip() for x in columns):
        c.add(line_of(body, "columns"), "'columns' must list the column names, e.g. [Invoice, Customer, Amount]")
        return None
    if target is None or region is None or into is None:
        return None
    return m.ReadTable(target=target, region=region, into=into, columns=tuple(columns), **common(c, body))


def write_read_table(step: m.ReadTable) -> CommentedMap:
    return mapping(**target_keys(step.target), region=flow(list(step.region)), into=step.into,
                   columns=flow(list(step.columns)))
