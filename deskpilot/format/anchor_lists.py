"""A step's anchors in the round-trip document: read as they are written, and one of them put in or replaced.

A target may be written as a plain string (``click: Save``), as one anchor's keys inline in
the step (``click: {text: Save, button: right}``), or as a ``target:`` list. Adding an anchor
needs the list, so the one anchor becomes its first item; the step's other keys stay where
they were, and so does every comment a person wrote on those lines.
"""

from __future__ import annotations

import copy
from typing import Any, cast

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from deskpilot import model as m
from deskpilot.format.problems import Collector
from deskpilot.format.targets import ANCHOR_KEYS, inline_kind, parse_target


def step_at(steps: Any, where: tuple[int, ...]) -> Any:
    """The ``{kind: body}`` item at 0-based ``where``: (8,) is step 9, (3, 0) the first step inside if_visible 4."""
    item = steps[where[0]]
    for n in where[1:]:
        item = item["if_visible"]["steps"][n]
    return item


def reach(steps: Any, numbers: list[int]) -> tuple[int, ...]:
    """The 0-based place of a step by the numbers people use ([4, 1]: step 1 inside if_visible 4), as far as
    the document has it: shorter than ``numbers`` when a step is missing or holds no steps."""
    node, where = steps, []
    for n in numbers:
        if not isinstance(node, list) or not 0 < n <= len(node):
            break
        where.append(n - 1)
        item = node[n - 1]
        body = item.get("if_visible") if isinstance(item, dict) and len(item) == 1 else None
        node = body.get("steps") if isinstance(body, dict) else None
    return tuple(where)


def anchors_of(body: Any, key: str) -> list[Any] | None:
    """The anchors under ``key`` ("target", or a drag's "from" / "to") as written; None when there is no target.

    Nothing is changed: an inline anchor comes back as a new mapping of its own keys.
    """
    if isinstance(body, str):
        return [body] if key == "target" else None
    if not isinstance(body, dict):
        return None
    if key == "target" and "target" not in body:
        kind = inline_kind(body)
        if kind is None or kind == "many":
            return None
        return [CommentedMap((k, v) for k, v in body.items() if k in ANCHOR_KEYS[kind])]
    value = body.get(key)
    return list(value) if isinstance(value, list) else [value] if isinstance(value, (str, dict)) else None


def kind_of(anchor: Any) -> str | None:
    """"element", "text", "image", "window" or "point": what an anchor as written is."""
    if isinstance(anchor, str):
        return "text"
    if isinstance(anchor, dict):
        kind = "element" if "element" in anchor else inline_kind(anchor)
        return "point" if kind == "at" else kind
    return None


def parsed(anchor: Any) -> m.Anchor | None:
    """An anchor as written, read as the loader reads it; None when it has problems."""
    c = Collector("")
    target = parse_target(c, [anchor], 1)
    return target.anchors[0] if target is not None and not c.problems else None


def put(item: Any, key: str, index: int, node: CommentedMap, *, insert: bool) -> None:
    """Insert ``node`` at ``index`` of a step's anchor list, or put it in place of the anchor there.

    ``item`` is the step's ``{kind: body}`` mapping; its target becomes a list first when it is not one.
    """
    seq = as_list(item, key)
    node = copy.deepcopy(node)  # each redo its own nodes
    if seq.fa.flow_style():
        node.fa.set_flow_style()  # "target: [{text: A}, ...]" stays on its line
    if insert:
        seq.insert(index, node)
    else:
        _replace(seq, index, node)


def as_list(item: Any, key: str) -> CommentedSeq:
    """The step's anchor list under ``key``, made first when the target is one anchor."""
    kind = next(iter(item))
    body: Any = item[kind]
    if not isinstance(body, dict):  # "click: Save"
        item[kind] = CommentedMap([("target", CommentedSeq([CommentedMap([("text", body)])]))])
        result: CommentedSeq = item[kind]["target"]
        return result
    body = cast(CommentedMap, body)
    if isinstance(body.get(key), list):
        seq: CommentedSeq = body[key]
        return seq
    for node in (item, body):  # a new list of anchors goes one per line: a one-line step opens into a block
        node.fa.set_block_style()
    if key == "target" and "target" not in body:  # the anchor's keys inline in the step
        keys = [k for k in body if k in ANCHOR_KEYS[str(inline_kind(body))]]
        anchor = CommentedMap((k, body[k]) for k in keys)
        for k in keys:
            if k in body.ca.items:
                anchor.ca.items[k] = comment = body.ca.items.pop(k)
                for token in comment[2:3]:
                    if token is not None and hasattr(token, "column"):
                        token.column += 4  # one level deeper ("- " under target:): the comment keeps its gap
        at = list(body).index(keys[0])
        for k in keys:
            del body[k]
        body.insert(at, "target", CommentedSeq([anchor]))
    else:  # "target: {text: Save}", "from: {image: ...}" or "to: Trash"
        value = body[key]
        anchor = value if isinstance(value, CommentedMap) else CommentedMap([("text", value)])
        anchor.fa.set_block_style()
        body[key] = CommentedSeq([anchor])
    made: CommentedSeq = body[key]
    return made


def _replace(seq: CommentedSeq, index: int, node: CommentedMap) -> None:
    """The anchor's keys changed in place, so the comments on its lines stay where they were."""
    old = seq[index]
    if not isinstance(old, CommentedMap):
        seq[index] = node
        return
    for k in [k for k in old if k not in node]:
        comment = old.ca.items.pop(k, None)
        del old[k]
        if comment is not None and old:
            _keep_comment(old, comment)
    for k, v in node.items():
        old[k] = v


def _keep_comment(node: CommentedMap, comment: list[Any]) -> None:
    """A removed key's comment goes onto the anchor's last key, after its own: a person's note is never lost."""
    mine = node.ca.items.setdefault(list(node)[-1], [None, None, None, None])
    for token in [*(comment[1] or []), *([comment[2]] if comment[2] is not None else [])]:
        if mine[2] is None:
            mine[2] = token
        else:
            mine[2].value = mine[2].value.rstrip("\n") + "  " + token.value.strip() + "\n"
