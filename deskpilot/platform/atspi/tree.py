"""Finding things in the accessibility tree: a window's frame, the control under a point, a window's walk.

The tree is read, never trusted blindly: boxes the toolkit does not know are skipped, huge
containers (a spreadsheet's grid answers 2^31 children) are not opened, and a walk stops at a
node and time budget, so the worst application costs a bounded time.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Sequence
from dataclasses import dataclass

from deskpilot.geometry import Point, Rect
from deskpilot.platform.atspi.bus import AtspiBus, Ref
from deskpilot.platform.atspi.decode import (
    CONTROL_ROLES,
    ROOT_PATH,
    STATE_SHOWING,
    has_state,
    is_anonymous,
    overlap,
    path_entry,
)
from deskpilot.platform.atspi.proxy import (
    Node,
    applications,
    child_at,
    read_child_count,
    read_children,
    read_labels_and_index,
    read_names,
    read_nodes,
    read_parent,
    read_roles_and_names,
    read_states,
)
from deskpilot.ports import Window

MAX_CHILDREN = 500  # a node with more children is a data grid: its cells are not walked one by one
MAX_NODES = 4000  # a walk reads at most this many objects
WALK_SECONDS = 2.0  # and stops after this long, keeping what it read
MAX_DEPTH = 48  # no real tree is this deep; a cycle in a confused one would be
NEAR = 4  # of a climb, the objects read whole: what a point names is this close to the deepest one
# parts of a control that toolkits expose as children of their own: a click on one is a click on the control
PARTS = frozenset({"label", "icon", "image", "filler", "panel"})
ACTIONABLE = frozenset({"push button", "toggle button", "check box", "radio button", "menu item", "check menu item",
                        "radio menu item", "page tab", "list item", "link", "tree item", "table cell", "combo box"})


@dataclass(frozen=True, slots=True)
class Frame:
    """A top-level window as the tree has it: a frame, a dialog, or (Qt 6) a filler named like the window."""

    ref: Ref
    name: str
    box: Rect | None
    app: str  # the application's accessible name
    pid: int | None  # the application's process, from the bus daemon


@dataclass(frozen=True, slots=True)
class Walked:
    """One showing node of a walk, with its ancestors below the frame and its place among its siblings."""

    node: Node
    path: tuple[str, ...]
    index: int


def frames(bus: AtspiBus) -> list[Frame]:
    """Every showing top-level window of every application on the bus."""
    apps = applications(bus)
    names = read_names(bus, apps)
    tops = read_children(bus, apps)
    flat = [(app, ref) for app, kids in zip(apps, tops) for ref in kids[:MAX_CHILDREN]]
    nodes = read_nodes(bus, [ref for _, ref in flat])
    app_name = dict(zip(apps, names))
    out = []
    for (app, _), node in zip(flat, nodes):
        if node is not None and node.showing:
            out.append(Frame(node.ref, node.name, node.box, app_name.get(app) or "", bus.pid(app[0])))
    return out


def choose_frame(window: Window, candidates: Sequence[Frame], pid: int | None = None) -> Frame | None:
    """The frame that is this X window: same process when both say, then same title, then the same box.

    A covered window of another application can share the title ("Untitled"); the box and the
    process tell them apart. A frame that barely overlaps is never taken for the window.
    """
    if pid is not None and any(f.pid == pid for f in candidates):
        candidates = [f for f in candidates if f.pid == pid]
    title = " ".join(window.title.split())
    best: tuple[tuple[bool, float], Frame] | None = None
    for f in candidates:
        same_name = " ".join(f.name.split()) == title and bool(title)
        iou = overlap(f.box, window.rect) if f.box is not None else 0.0
        if iou < (0.3 if same_name else 0.7):
            continue
        key = (same_name, iou)
        if best is None or key > best[0]:
            best = (key, f)
    return best[1] if best else None


def descend(bus: AtspiBus, frame: Ref, point: Point) -> list[Ref]:
    """From the frame down to the deepest object at ``point`` (screen coordinates), the frame first.

    The toolkit answers each step (GTK one level at a time, Qt the deepest at once); where it stops
    early -- a GTK notebook's page tab has no box, so its page is never reached -- the children are
    looked at directly.
    """
    chain = [frame]
    while len(chain) < MAX_DEPTH:
        found, count = child_at(bus, chain[-1], point)
        steps = [found] if found is not None and found not in chain else _scan(bus, chain[-1], point, 2, count)
        if not steps:
            break
        chain += steps
    return chain


def _scan(bus: AtspiBus, ref: Ref, point: Point, depth: int, count: int | None = None) -> list[Ref]:
    """The showing child whose box holds the point (the last drawn wins), through children without a box."""
    if not 0 < (read_child_count(bus, ref) if count is None else count) <= MAX_CHILDREN:
        return []
    kids = [k for k in read_nodes(bus, read_children(bus, [ref])[0]) if k is not None and k.showing]
    for kid in reversed(kids):
        if kid.box is not None and kid.box.contains(point):
            return [kid.ref]
    if depth > 0:
        for kid in kids:
            if kid.box is None:
                below = _scan(bus, kid.ref, point, depth - 1)
                if below:
                    return [kid.ref, *below]
    return []


def climb(bus: AtspiBus, chain: Sequence[Ref]) -> list[Node]:
    """The deepest object of a descent and its ancestors up to the frame (excluded), nearest first.

    GTK's descent passed through every ancestor already; Qt's jumps from the frame straight to
    the deepest object, so the parents in between are asked, one round trip each. Only the
    nearest few can be what a person points at; of the others the path needs role and name.
    """
    frame, refs = chain[0], [chain[-1]]
    while refs[-1] != frame and len(refs) < MAX_DEPTH:
        up = read_parent(bus, refs[-1])
        if up is None or up in refs or up[1] == ROOT_PATH:
            break
        if up in chain:
            refs += chain[chain.index(up)::-1]
            break
        refs.append(up)
    refs = [r for r in refs if r != frame]
    near = read_nodes(bus, refs[:NEAR])
    far = [None if rn is None else Node(ref, rn[0], rn[1], (), None, 0)
           for ref, rn in zip(refs[NEAR:], read_roles_and_names(bus, refs[NEAR:]))]
    out: list[Node] = []
    for node in [*near, *far]:
        if node is None:
            break
        out.append(node)
    return out


def pick(chain: Sequence[Node], point: Point) -> int | None:
    """Which of a climb (nearest first) a person means at ``point``: the nearest named control there.

    Qt answers the deepest filler (a text field's viewport); some toolkits a label inside a
    button. A part of a control gives way to the control; nameless structure to its container.
    """
    usable = [i for i, n in enumerate(chain) if n.showing and n.box is not None and n.box.grow(1).contains(point)]
    if not usable:
        return None
    first = next((i for i in usable if not is_anonymous(chain[i].role, chain[i].name)), usable[0])
    if chain[first].role in PARTS:
        for j in usable:
            if first < j <= first + 2 and chain[j].role in ACTIONABLE:
                return j
    return first


def walk(bus: AtspiBus, frame: Ref, *, seconds: float = WALK_SECONDS, max_nodes: int = MAX_NODES) -> list[Walked]:
    """Every showing object below the frame, parents before children (document order).

    Read a level at a time, each level one pipelined batch. A node that is not showing is not
    opened (a closed menu, a hidden page); a node without a box is (a GTK page tab holds its page).
    """
    deadline = time.monotonic() + seconds
    children: dict[Ref, list[Ref]] = {}
    nodes: dict[Ref, Node] = {}
    seen = {frame}
    level = [frame]
    while level and len(seen) < max_nodes and time.monotonic() < deadline:
        below: list[Ref] = []
        for parent, refs in zip(level, read_children(bus, level)):
            children[parent] = [r for r in refs[:MAX_CHILDREN] if r not in seen]
            seen.update(children[parent])
            below += children[parent]
        below = below[:max_nodes]
        # the state alone first: most of a tree is not showing (closed menus, other pages), one message each
        shown = [(r, words) for r, words in zip(below, read_states(bus, below))
                 if words and has_state(words, STATE_SHOWING)]
        level = []
        for node in read_nodes(bus, [r for r, _ in shown], count=True, states=[w for _, w in shown]):
            if node is not None and node.showing:
                nodes[node.ref] = node
                if 0 < node.child_count <= MAX_CHILDREN:
                    level.append(node.ref)
    _add_labels(bus, nodes)
    out: list[Walked] = []
    stack = _shown(children, nodes, frame, ())
    while stack:
        ref, path, index = stack.pop()
        node = nodes[ref]
        out.append(Walked(node, path, index))
        stack += _shown(children, nodes, ref, (*path, path_entry(node.role, node.name)))
    return out


def _add_labels(bus: AtspiBus, nodes: dict[Ref, Node]) -> None:
    """The labelled-by relations of the controls with a box (a label names others, nothing names it)."""
    controls = [r for r, n in nodes.items() if n.box is not None and n.role in CONTROL_ROLES and n.role != "label"]
    for ref, (labels, _) in zip(controls, read_labels_and_index(bus, controls)):
        if labels:
            nodes[ref] = dataclasses.replace(nodes[ref], labelled_by=labels)


def _shown(children: dict[Ref, list[Ref]], nodes: dict[Ref, Node], parent: Ref,
           path: tuple[str, ...]) -> list[tuple[Ref, tuple[str, ...], int]]:
    """A node's showing children for the walk's stack, last first, so they come out in order."""
    kids = [(ref, path, i) for i, ref in enumerate(children.get(parent, ())) if ref in nodes]
    return kids[::-1]
