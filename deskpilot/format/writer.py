"""A routine built in code (by the recorder) written as YAML in the house style, shortest forms first."""

from __future__ import annotations

from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from deskpilot import model as m
from deskpilot.format import yamlio


def dump_new_routine(routine: m.Routine) -> str:
    return yamlio.dump(routine_document(routine))


def routine_document(routine: m.Routine) -> CommentedMap:
    doc = CommentedMap()
    doc["deskpilot"] = m.FORMAT_VERSION
    doc["name"] = routine.name
    if routine.manual_seconds is not None:
        doc["manual_seconds"] = round(routine.manual_seconds, 1)
    if routine.lang != "eng":
        doc["lang"] = routine.lang
    if routine.timeout != m.DEFAULT_TIMEOUT:
        doc["timeout"] = routine.timeout
    if routine.variables:
        doc["variables"] = CommentedMap(routine.variables)
    if routine.secrets:
        doc["secrets"] = _flow(list(routine.secrets))
    doc["steps"] = CommentedSeq([step_node(s) for s in routine.steps])
    return doc


def step_node(step: m.Step) -> CommentedMap:
    body = _body(step)
    if isinstance(body, CommentedMap):
        if step.note is not None:
            body["note"] = step.note
        if step.timeout is not None:
            body["timeout"] = step.timeout
        if step.weak is not None:
            body["weak"] = step.weak
    return CommentedMap([(step.kind, body)])


def _body(step: m.Step) -> Any:
    if isinstance(step, m.Type):
        if step.verify or step.note or step.timeout or step.weak:
            return _map(text=step.text, verify=step.verify or None)
        return step.text
    if isinstance(step, m.Press):
        if step.count == 1 and not (step.note or step.timeout or step.weak):
            return step.key
        return _map(key=step.key, count=step.count if step.count > 1 else None)
    if isinstance(step, m.Hotkey):
        if not (step.note or step.timeout or step.weak):
            return _flow(list(step.keys))
        return _map(keys=_flow(list(step.keys)))
    if isinstance(step, m.Click):
        return _map(target=target_node(step.target), button=None if step.button == "left" else step.button,
                    clicks=step.clicks if step.clicks > 1 else None, modifiers=_flow(list(step.modifiers)) or None)
    if isinstance(step, m.Drag):
        return _map(**{"from": target_node(step.source), "to": target_node(step.dest)},
                    button=None if step.button == "left" else step.button)
    if isinstance(step, m.Scroll):
        return _map(clicks=step.clicks, target=target_node(step.target) if step.target else None)
    if isinstance(step, (m.WaitFor, m.Expect)):
        return _map(target=target_node(step.target), gone=True if step.gone else None)
    if isinstance(step, m.ReadText):
        return _map(target=target_node(step.target), region=_flow(list(step.region)), into=step.into)
    raise TypeError(f"no YAML form for {type(step).__name__}")


def target_node(target: m.Target) -> CommentedSeq:
    return CommentedSeq([anchor_node(a) for a in target.anchors])


def anchor_node(a: m.Anchor) -> CommentedMap:
    if isinstance(a, m.TextAnchor):
        return _map(text=a.text, offset=_pair(a.offset) if a.offset != (0.0, 0.0) else None,
                    offset_em=_pair(a.offset_em), height=a.height, occurrence=a.occurrence, near=_pair(a.near))
    if isinstance(a, m.ImageAnchor):
        return _map(image=a.image, point=_pair(a.point), near=_pair(a.near),
                    threshold=a.threshold if a.threshold != 0.8 else None)
    if isinstance(a, m.WindowAnchor):
        return _map(window=a.window, point=_pair(a.point))
    return _map(at=_pair(a.at), screen=_pair(a.screen))


def _map(**items: Any) -> CommentedMap:
    return CommentedMap([(k, v) for k, v in items.items() if v is not None])


def _flow(items: list[Any]) -> CommentedSeq:
    seq = CommentedSeq(items)
    seq.fa.set_flow_style()
    return seq


def _pair(p: tuple[float, float] | tuple[int, int] | None) -> CommentedSeq | None:
    if p is None:
        return None
    return _flow([int(v) if float(v).is_integer() else round(float(v), 2) for v in p])
