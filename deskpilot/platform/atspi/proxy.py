"""Reading accessible objects: one node's role, name, states and box in one round trip, many nodes at once.

Every reader takes a list and answers a list of the same length (None where an object did not
answer), so a walk reads a whole level of the tree in one pipelined batch.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from deskpilot.geometry import Point, Rect
from deskpilot.platform.atspi.bus import ACCESSIBLE, COMPONENT, REGISTRY, TEXT, AtspiBus, Call, Ref, Reply, prop
from deskpilot.platform.atspi.decode import (
    NULL_PATH,
    RELATION_LABELLED_BY,
    STATE_SHOWING,
    box_of,
    decode_states,
    has_state,
    targets_of,
)

TEXT_LIMIT = 20_000  # characters read of a text's content: enough for any field, not a whole book per call


@dataclass(frozen=True, slots=True)
class Node:
    """One accessible object as read now."""

    ref: Ref
    role: str
    name: str
    state_words: tuple[int, ...]
    box: Rect | None  # None: no Component interface, or a box the toolkit does not know
    child_count: int
    labelled_by: tuple[Ref, ...] = ()
    index: int | None = None  # read only when asked: a walk knows it already
    parent: Ref | None = None  # read only when asked: a climb needs it

    @property
    def showing(self) -> bool:
        return has_state(self.state_words, STATE_SHOWING)

    @property
    def states(self) -> frozenset[str]:
        return decode_states(self.state_words)


def _value(reply: Reply) -> Any:
    """A property's value out of Properties.Get's reply ``((signature, value),)``."""
    if not reply:
        return None
    variant = reply[0]
    return variant[1] if isinstance(variant, tuple) and len(variant) == 2 else None


def _ref(value: Any) -> Ref | None:
    if isinstance(value, (tuple, list)) and len(value) == 2 and value[1] != NULL_PATH:
        return (str(value[0]), str(value[1]))
    return None


def read_nodes(bus: AtspiBus, refs: Sequence[Ref], *, count: bool = False, relations: bool = False,
               index: bool = False, parent: bool = False,
               states: Sequence[tuple[int, ...]] | None = None) -> list[Node | None]:
    """Each object's role, name, states and screen box, and what else is asked; None for one that is gone.

    Every extra is one more message per object, and a walk reads thousands: ask only what is used
    (``states``: the bitfields already read, in the order of ``refs``).
    """
    asked = ["role", "name", "extents"] + ["state"] * (states is None)
    asked += ["count"] * count + ["relations"] * relations + ["index"] * index + ["parent"] * parent
    batch: list[Call] = []
    for ref in refs:
        batch += [_READS[what](ref) for what in asked]
    replies = bus.calls(batch)
    out: list[Node | None] = []
    for i, ref in enumerate(refs):
        got = dict(zip(asked, replies[i * len(asked):(i + 1) * len(asked)]))
        role, extents = got["role"], got["extents"]
        if not role or not isinstance(role[0], str):
            out.append(None)  # the object is gone (or its application does not answer)
            continue
        kids = _value(got.get("count"))
        out.append(Node(
            ref=ref, role=role[0], name=str(_value(got["name"]) or ""),
            state_words=states[i] if states is not None else _words(got["state"]),
            box=box_of(extents[0]) if extents else None,
            child_count=int(kids) if isinstance(kids, int) else 0,
            labelled_by=_labelled_by(got.get("relations")),
            index=_index(got.get("index")),
            parent=_ref(_value(got.get("parent"))),
        ))
    return out


def read_states(bus: AtspiBus, refs: Sequence[Ref]) -> list[tuple[int, ...] | None]:
    """Only the state bitfields: one message per object tells a walk what is not showing, not to read further."""
    return [None if r is None else _words(r) for r in bus.calls([_READS["state"](ref) for ref in refs])]


def read_labels_and_index(bus: AtspiBus, refs: Sequence[Ref],
                          index: bool = False) -> list[tuple[tuple[Ref, ...], int | None]]:
    """What labels each object (its labelled-by targets) and, if asked, its place among its siblings."""
    batch = [_READS["relations"](ref) for ref in refs] + [_READS["index"](ref) for ref in refs if index]
    replies = bus.calls(batch)
    n = len(refs)
    return [(_labelled_by(replies[i]), _index(replies[n + i]) if index else None) for i in range(n)]


def _words(reply: Reply) -> tuple[int, ...]:
    return tuple(int(w) for w in reply[0]) if reply and isinstance(reply[0], (list, tuple)) else ()


def _labelled_by(reply: Reply) -> tuple[Ref, ...]:
    return tuple(targets_of(reply[0] if reply else None, RELATION_LABELLED_BY))


def _index(reply: Reply) -> int | None:
    return int(reply[0]) if reply and isinstance(reply[0], int) and reply[0] >= 0 else None


_READS: dict[str, Callable[[Ref], Call]] = {
    "role": lambda ref: Call(ref, ACCESSIBLE, "GetRoleName"),
    "name": lambda ref: prop(ref, ACCESSIBLE, "Name"),
    "state": lambda ref: Call(ref, ACCESSIBLE, "GetState"),
    "extents": lambda ref: Call(ref, COMPONENT, "GetExtents", "u", (0,)),
    "count": lambda ref: prop(ref, ACCESSIBLE, "ChildCount"),
    "relations": lambda ref: Call(ref, ACCESSIBLE, "GetRelationSet"),
    "index": lambda ref: Call(ref, ACCESSIBLE, "GetIndexInParent"),
    "parent": lambda ref: prop(ref, ACCESSIBLE, "Parent"),
}


def read_node(bus: AtspiBus, ref: Ref, *, count: bool = False, relations: bool = False, index: bool = False,
              parent: bool = False) -> Node | None:
    return read_nodes(bus, [ref], count=count, relations=relations, index=index, parent=parent)[0]


def read_parent(bus: AtspiBus, ref: Ref) -> Ref | None:
    return _ref(_value(bus.call(prop(ref, ACCESSIBLE, "Parent"))))


def read_child_count(bus: AtspiBus, ref: Ref) -> int:
    count = _value(bus.call(prop(ref, ACCESSIBLE, "ChildCount")))
    return int(count) if isinstance(count, int) else 0


def read_children(bus: AtspiBus, refs: Sequence[Ref]) -> list[list[Ref]]:
    """Each object's children, in order (the caller has checked their count is sane)."""
    replies = bus.calls([Call(ref, ACCESSIBLE, "GetChildren") for ref in refs])
    out: list[list[Ref]] = []
    for reply in replies:
        kids = reply[0] if reply and isinstance(reply[0], (list, tuple)) else []
        out.append([r for r in (_ref(k) for k in kids) if r is not None])
    return out


def read_names(bus: AtspiBus, refs: Sequence[Ref]) -> list[str | None]:
    replies = bus.calls([prop(ref, ACCESSIBLE, "Name") for ref in refs])
    return [None if r is None else str(_value(r) or "") for r in replies]


def read_texts(bus: AtspiBus, refs: Sequence[Ref]) -> list[str | None]:
    """What each text object holds (its first TEXT_LIMIT characters); None where it has no Text interface."""
    counts = [_value(r) for r in bus.calls([prop(ref, TEXT, "CharacterCount") for ref in refs])]
    ask = [(i, ref, int(n)) for i, (ref, n) in enumerate(zip(refs, counts)) if isinstance(n, int) and n >= 0]
    out: list[str | None] = [None] * len(refs)
    replies = bus.calls([Call(ref, TEXT, "GetText", "ii", (0, min(n, TEXT_LIMIT))) for _, ref, n in ask])
    for (i, _, n), reply in zip(ask, replies):
        if n == 0:
            out[i] = ""
        elif reply and isinstance(reply[0], str):
            out[i] = reply[0]
    return out


def child_at(bus: AtspiBus, ref: Ref, point: Point) -> tuple[Ref | None, int]:
    """The toolkit's own answer to "which child is at this screen point" (coordinate type 0: the screen),
    with the object's child count in the same round trip: a leaf needs no second question."""
    at, count = bus.calls([Call(ref, COMPONENT, "GetAccessibleAtPoint", "iiu", (point.x, point.y, 0)),
                           _READS["count"](ref)])
    kids = _value(count)
    return (_ref(at[0]) if at else None), (int(kids) if isinstance(kids, int) else 0)


def read_roles_and_names(bus: AtspiBus, refs: Sequence[Ref]) -> list[tuple[str, str] | None]:
    """Only what a path shows of each object."""
    replies = bus.calls([c for ref in refs for c in (_READS["role"](ref), _READS["name"](ref))])
    out: list[tuple[str, str] | None] = []
    for role, name in zip(replies[::2], replies[1::2]):
        out.append((role[0], str(_value(name) or "")) if role and isinstance(role[0], str) else None)
    return out


def applications(bus: AtspiBus) -> list[Ref]:
    """The applications the registry knows: the desktop's children."""
    return read_children(bus, [REGISTRY])[0]
