"""A routine built in code (by the recorder) written as YAML in the house style, shortest forms first.

The file is meant to be read and fixed by a person, so it uses the forms a person
would write: ``click: Save`` for a bare phrase, one anchor's keys inline in the
step, a ``target:`` list only when there are several anchors, short step bodies
on one line, double quotes only where YAML needs quotes, ``10`` rather than ``10.0``.
Each step is written by its kind's writer (``deskpilot.format.registry``); the house
style's pieces are in ``deskpilot.format.nodes``.
"""

from __future__ import annotations

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from deskpilot import model as m
from deskpilot.format import yamlio
from deskpilot.format.nodes import anchor_node, flow, num, scalar, target_node, target_value
from deskpilot.format.registry import step_node

__all__ = ["anchor_node", "dump_new_routine", "routine_document", "step_node", "target_node", "target_value"]


def dump_new_routine(routine: m.Routine) -> str:
    """YAML text for a routine made in code; it loads back to an equal routine (floats kept to 2 places)."""
    return yamlio.dump(routine_document(routine))


def routine_document(routine: m.Routine) -> CommentedMap:
    doc = CommentedMap()
    doc["deskpilot"] = m.FORMAT_VERSION
    doc["name"] = scalar(routine.name)
    if routine.manual_seconds is not None:
        doc["manual_seconds"] = num(round(routine.manual_seconds, 1))
    if routine.lang != "eng":
        doc["lang"] = scalar(routine.lang)
    if routine.timeout != m.DEFAULT_TIMEOUT:
        doc["timeout"] = num(routine.timeout)
    if routine.variables:
        doc["variables"] = CommentedMap((k, scalar(v)) for k, v in routine.variables.items())
    if routine.secrets:
        doc["secrets"] = flow(list(routine.secrets))
    if routine.on_failure:
        doc["on_failure"] = scalar(routine.on_failure)
    doc["steps"] = CommentedSeq([step_node(s) for s in routine.steps])
    return doc
