"""Steps that hold other steps -- if_visible and call: read from YAML and written back.

An ``if_visible`` holds steps of any kind, so its builder and writer are handed the
registry's own step parser and step writer rather than importing the registry that
lists them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from deskpilot import model as m
from deskpilot.format.nodes import mapping, scalar, target_keys
from deskpilot.format.problems import Collector, line_of
from deskpilot.format.step_values import Keys, as_written, common, target_of

StepParser = Callable[[Collector, Any, int], m.Step | None]  # one ``- kind: body`` item -> a step
StepWriter = Callable[[m.Step], CommentedMap]  # a step -> its ``kind: body`` item


def build_if_visible(c: Collector, body: Any, line: int, keys: Keys, *, parse: StepParser) -> m.Step | None:
    target = target_of(c, body, line, "if_visible", keys)
    if not isinstance(body, dict) or not isinstance(body.get("steps"), list) or not body["steps"]:
        c.add(line, "'if_visible' needs 'steps': the steps to run when the target shows up",
              "e.g. if_visible: {text: 'Are you sure?', steps: [{click: 'Yes'}]}")
        return None
    node, outer = body["steps"], (c.step, c.kind)
    nested = []
    for i, item in enumerate(node):
        nested.append(parse(c, item, line_of(node, i)))
        c.step, c.kind = outer
    if target is None or any(n is None for n in nested):
        return None
    return m.IfVisible(target=target, steps=tuple(n for n in nested if n is not None), **common(c, body))


def write_if_visible(step: m.IfVisible, *, write: StepWriter) -> CommentedMap:
    return mapping(**target_keys(step.target), steps=CommentedSeq([write(s) for s in step.steps]))


def build_call(c: Collector, body: Any, line: int, keys: Keys) -> m.Step | None:
    """``call: ../login`` or ``call: {routine: ../login, with: {user: '{{ user }}'}}``; the loader loads the callee."""
    if isinstance(body, str):
        body = {"routine": body}
    if not isinstance(body, dict) or not isinstance(body.get("routine"), str) or not body["routine"].strip():
        c.add(line, "'call' needs the recording to run, e.g. call: {routine: ../login}")
        return None
    c.unknown_keys(body, keys)
    given: dict[str, str] = {}
    node = body.get("with") or {}
    if not isinstance(node, dict):
        c.add(line_of(body, "with"), "'with' must map variable names to values, e.g. with: {user: clerk}")
        return None
    for name, value in node.items():
        if not m.VARIABLE_NAME.match(str(name)):
            c.add(line_of(node, name), f"'{name}' is not a variable name (letters, digits, _)")
            return None
        given[str(name)] = as_written(value)
    return m.Call(routine=body["routine"].strip(), with_values=given, **common(c, body))


def write_call(step: m.Call) -> CommentedMap:
    return mapping(routine=step.routine,
                   **({"with": CommentedMap((k, scalar(v)) for k, v in step.with_values.items())}
                      if step.with_values else {}))
