"""YAML nodes in the house style: the pieces every step writer builds its body from.

The file is meant to be read and fixed by a person, so values take the forms a person
would write: double quotes only where YAML needs quotes, ``10`` rather than ``10.0``,
short lists on one line, one anchor's keys inline in the step.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from deskpilot import model as m
from deskpilot.format import yamlio

FLOW_WIDTH = 72  # a step body this short, with no nested mapping, goes on the step's line


def mapping(**items: Any) -> CommentedMap:
    """A mapping of the items that are set (``None`` leaves a key out), each value in the house style."""
    return CommentedMap((k, scalar(v) if isinstance(v, str) else num(v)) for k, v in items.items() if v is not None)


def flow(items: list[Any]) -> CommentedSeq:
    seq = CommentedSeq(scalar(v) if isinstance(v, str) else v for v in items)
    seq.fa.set_flow_style()
    return seq


def flowed(node: CommentedMap) -> CommentedMap:
    node.fa.set_flow_style()
    return node


def pair(p: tuple[float, float] | tuple[int, int] | None) -> CommentedSeq | None:
    if p is None:
        return None
    return flow([num(round(float(v), 2)) for v in p])


def num(value: Any) -> Any:
    """``10`` rather than ``10.0``: the file reads as a person would write it."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def scalar(value: str) -> str:
    """Text as a plain scalar, or double-quoted where YAML would read it as something else."""
    return DoubleQuotedScalarString(value) if _needs_quotes(value) else value


@lru_cache(maxsize=1024)
def _needs_quotes(value: str) -> bool:
    """Whether YAML would read the bare text as something else (a number, a mapping, a comment...)."""
    return "\n" in value or yamlio.dump({"k": value}) != f"k: {value}\n"


def fits_on_a_line(body: CommentedMap) -> bool:
    if any(isinstance(v, (dict, list)) and not _is_flow(v) for v in body.values()):
        return False  # a target list stays a block, one anchor per item
    return len(yamlio.dump(flowed(CommentedMap(body))).rstrip("\n")) <= FLOW_WIDTH


def _is_flow(node: Any) -> bool:
    return bool(getattr(getattr(node, "fa", None), "flow_style", lambda: False)())


# --- targets and anchors -------------------------------------------------------------------


def target_keys(target: m.Target) -> dict[str, Any]:
    """One anchor goes inline in the step; several go in a ``target:`` list, cheapest first as recorded."""
    if len(target.anchors) == 1:
        return dict(anchor_node(target.anchors[0]))
    return {"target": target_node(target)}


def target_value(target: m.Target) -> Any:
    """A target where only a target fits (``from:``, ``to:``): a bare phrase, one anchor, or a list."""
    if len(target.anchors) == 1:
        node = anchor_node(target.anchors[0])
        return node["text"] if list(node) == ["text"] else flowed(node)
    return target_node(target)


def target_node(target: m.Target) -> CommentedSeq:
    return CommentedSeq([anchor_node(a) for a in target.anchors])


def anchor_node(a: m.Anchor) -> CommentedMap:
    if isinstance(a, m.ElementAnchor):
        return mapping(element=a.role, name=a.name or None, label=a.label, path=flow(list(a.path)) if a.path else None,
                       window=a.window, index=a.index, at=pair(a.at) if a.at != (0.5, 0.5) else None)
    if isinstance(a, m.TextAnchor):
        return mapping(text=a.text, offset=pair(a.offset) if a.offset != (0.0, 0.0) else None,
                       offset_em=pair(a.offset_em), height=a.height, occurrence=a.occurrence, near=pair(a.near))
    if isinstance(a, m.ImageAnchor):
        return mapping(image=a.image, point=pair(a.point), near=pair(a.near),
                       threshold=a.threshold if a.threshold != 0.8 else None, label=a.label)
    if isinstance(a, m.WindowAnchor):
        return mapping(window=a.window, point=pair(a.point), size=pair(a.size))
    return mapping(at=pair(a.at), screen=pair(a.screen))
