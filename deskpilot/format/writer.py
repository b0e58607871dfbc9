"""A routine built in code (by the recorder) written as YAML in the house style, shortest forms first.

The file is meant to be read and fixed by a person, so it uses the forms a person
would write: ``click: Save`` for a bare phrase, one anchor's keys inline in the
step, a ``target:`` list only when there are several anchors, short step bodies
on one line, double quotes only where YAML needs quotes, ``10`` rather than ``10.0``.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from deskpilot import model as m
from deskpilot.format import yamlio

FLOW_WIDTH = 72  # a step body this short, with no nested mapping, goes on the step's line


def dump_new_routine(routine: m.Routine) -> str:
    """YAML text for a routine made in code; it loads back to an equal routine (floats kept to 2 places)."""
    return yamlio.dump(routine_document(routine))


def routine_document(routine: m.Routine) -> CommentedMap:
    doc = CommentedMap()
    doc["deskpilot"] = m.FORMAT_VERSION
    doc["name"] = _str(routine.name)
    if routine.manual_seconds is not None:
        doc["manual_seconds"] = _num(round(routine.manual_seconds, 1))
    if routine.lang != "eng":
        doc["lang"] = _str(routine.lang)
    if routine.timeout != m.DEFAULT_TIMEOUT:
        doc["timeout"] = _num(routine.timeout)
    if routine.variables:
        doc["variables"] = CommentedMap((k, _str(v)) for k, v in routine.variables.items())
    if routine.secrets:
        doc["secrets"] = _flow(list(routine.secrets))
    if routine.on_failure:
        doc["on_failure"] = _str(routine.on_failure)
    doc["steps"] = CommentedSeq([step_node(s) for s in routine.steps])
    return doc


def step_node(step: m.Step) -> CommentedMap:
    """``{kind: body}``; the body is a bare value when the step has nothing but its main value."""
    body = _body(step)
    for key in ("note", "timeout", "weak", "frame"):
        value = getattr(step, key)
        if value is not None:
            body[key] = _num(value) if key == "timeout" else _str(value)
    if step.commits:
        body["commits"] = True
    if len(body) == 1 and next(iter(body)) in ("text", "key", "keys"):
        return CommentedMap([(step.kind, next(iter(body.values())))])
    if _fits_on_a_line(body):
        body.fa.set_flow_style()
    return CommentedMap([(step.kind, body)])


def _body(step: m.Step) -> CommentedMap:
    if isinstance(step, m.Type):
        return _map(text=step.text, verify=None if step.verify else False,
                    mode=None if step.mode == "replace" else step.mode)
    if isinstance(step, m.Press):
        return _map(key=step.key, count=step.count if step.count > 1 else None)
    if isinstance(step, m.Hotkey):
        return _map(keys=_flow(list(step.keys)))
    if isinstance(step, m.Click):
        return _map(**_target_keys(step.target), button=None if step.button == "left" else step.button,
                    clicks=step.clicks if step.clicks > 1 else None, modifiers=_flow(list(step.modifiers)) or None,
                    cursor=step.cursor)
    if isinstance(step, m.Drag):
        return _map(**{"from": target_value(step.source), "to": target_value(step.dest)},
                    button=None if step.button == "left" else step.button)
    if isinstance(step, m.Scroll):
        return _map(clicks=step.clicks, **(_target_keys(step.target) if step.target else {}))
    if isinstance(step, m.Expect) and step.compare is not None:
        where = {"value": step.value} if step.value is not None else {
            **(_target_keys(step.target) if step.target else {}), "region": _flow(list(step.region or ()))}
        return _map(**where, **{step.compare: step.expected},
                    tolerance=_num(float(step.tolerance)) if step.tolerance is not None else None)
    if isinstance(step, (m.WaitFor, m.Expect)):
        assert step.target is not None
        return _map(**_target_keys(step.target), gone=True if step.gone else None)
    if isinstance(step, m.ReadText):
        return _map(**_target_keys(step.target), region=_flow(list(step.region)), into=step.into, parse=step.parse,
                    pattern=step.pattern)
    if isinstance(step, m.ReadTable):
        return _map(**_target_keys(step.target), region=_flow(list(step.region)), into=step.into,
                    columns=_flow(list(step.columns)))
    if isinstance(step, m.IfVisible):
        return _map(**_target_keys(step.target), steps=CommentedSeq([step_node(s) for s in step.steps]))
    if isinstance(step, m.Call):
        return _map(routine=step.routine,
                    **({"with": CommentedMap((k, _str(v)) for k, v in step.with_values.items())}
                       if step.with_values else {}))
    raise TypeError(f"no YAML form for {type(step).__name__}")


def _target_keys(target: m.Target) -> dict[str, Any]:
    """One anchor goes inline in the step; several go in a ``target:`` list, cheapest first as recorded."""
    if len(target.anchors) == 1:
        return dict(anchor_node(target.anchors[0]))
    return {"target": target_node(target)}


def target_value(target: m.Target) -> Any:
    """A target where only a target fits (``from:``, ``to:``): a bare phrase, one anchor, or a list."""
    if len(target.anchors) == 1:
        node = anchor_node(target.anchors[0])
        return node["text"] if list(node) == ["text"] else _flowed(node)
    return target_node(target)


def target_node(target: m.Target) -> CommentedSeq:
    return CommentedSeq([anchor_node(a) for a in target.anchors])


def anchor_node(a: m.Anchor) -> CommentedMap:
    if isinstance(a, m.TextAnchor):
        return _map(text=a.text, offset=_pair(a.offset) if a.offset != (0.0, 0.0) else None,
                    offset_em=_pair(a.offset_em), height=a.height, occurrence=a.occurrence, near=_pair(a.near))
    if isinstance(a, m.ImageAnchor):
        return _map(image=a.image, point=_pair(a.point), near=_pair(a.near),
                    threshold=a.threshold if a.threshold != 0.8 else None, label=a.label)
    if isinstance(a, m.WindowAnchor):
        return _map(window=a.window, point=_pair(a.point), size=_pair(a.size))
    return _map(at=_pair(a.at), screen=_pair(a.screen))


def _fits_on_a_line(body: CommentedMap) -> bool:
    if any(isinstance(v, (dict, list)) and not _is_flow(v) for v in body.values()):
        return False  # a target list stays a block, one anchor per item
    return len(yamlio.dump(_flowed(CommentedMap(body))).rstrip("\n")) <= FLOW_WIDTH


def _is_flow(node: Any) -> bool:
    return bool(getattr(getattr(node, "fa", None), "flow_style", lambda: False)())


def _map(**items: Any) -> CommentedMap:
    return CommentedMap((k, _str(v) if isinstance(v, str) else _num(v)) for k, v in items.items() if v is not None)


def _flow(items: list[Any]) -> CommentedSeq:
    seq = CommentedSeq(_str(v) if isinstance(v, str) else v for v in items)
    seq.fa.set_flow_style()
    return seq


def _flowed(node: CommentedMap) -> CommentedMap:
    node.fa.set_flow_style()
    return node


def _pair(p: tuple[float, float] | tuple[int, int] | None) -> CommentedSeq | None:
    if p is None:
        return None
    return _flow([_num(round(float(v), 2)) for v in p])


def _num(value: Any) -> Any:
    """``10`` rather than ``10.0``: the file reads as a person would write it."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _str(text: str) -> str:
    return DoubleQuotedScalarString(text) if _needs_quotes(text) else text


@lru_cache(maxsize=1024)
def _needs_quotes(text: str) -> bool:
    """Whether YAML would read the bare text as something else (a number, a mapping, a comment...)."""
    return "\n" in text or yamlio.dump({"k": text}) != f"k: {text}\n"
