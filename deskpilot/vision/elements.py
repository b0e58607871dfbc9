"""Element anchors: a control named by the application's accessibility tree, written at record time, found at replay.

The tree names a control by its role, its name (or the label that names it) and its
ancestors; that survives a moved window, a larger font, a dark theme and a hidden
toolbar, where pictures and offsets do not. It is still checked: an element found
must be showing, inside its own window, uncovered, and not contradicted by a clear
picture match elsewhere -- a tree can be wrong too (a stale name, a hidden twin).
"""

from __future__ import annotations

from collections.abc import Sequence

from deskpilot import model as m
from deskpilot.geometry import Point, Rect
from deskpilot.ports import Element
from deskpilot.vision.text import fold

# roles that are a place a person acts on; a panel or a filler is structure, never a target on its own
CONTROL_ROLES = frozenset({
    "push button", "toggle button", "check box", "radio button", "text", "entry", "password text", "spin button",
    "combo box", "menu item", "check menu item", "radio menu item", "menu", "page tab", "list item", "table cell",
    "tree item", "link", "slider", "label", "icon", "tool bar item", "editbar", "paragraph", "document text",
    "terminal", "calendar", "date editor", "heading",
})
TEXT_ROLES = frozenset({"text", "entry", "spin button", "editbar", "paragraph", "document text", "terminal",
                        "password text", "combo box"})
SECRET_ROLES = frozenset({"password text"})
MENU_ROLES = frozenset({"menu item", "check menu item", "radio menu item", "menu"})
BIG = (400, 120)  # wider or taller than this, the click keeps its place inside the element (a text area, a cell grid)


def usable(element: Element | None, point: Point) -> bool:
    """Whether an element under a click can name it: a control, showing, with a box that holds the click."""
    if element is None or element.role not in CONTROL_ROLES:
        return False
    if element.states and "showing" not in element.states:
        return False
    return element.rect.w > 0 and element.rect.h > 0 and element.rect.grow(1).contains(point)


def anchor_of(element: Element, point: Point, window: str | None,
              siblings: Sequence[Element] = ()) -> m.ElementAnchor | None:
    """The anchor that finds ``element`` again, or None when nothing about it tells it apart.

    Named by its name, else by its label; the path of ancestors tells equal names apart (the
    "OK" of one panel from another's), its index only when even that is not enough.
    """
    name, label = element.name.strip(), (element.label or "").strip() or None
    if element.role in TEXT_ROLES and element.value and fold(name) == fold(element.value):
        name = ""  # a field named by what it holds (some toolkits do): that changes with every row
    at = _fraction(element.rect, point) if element.rect.w > BIG[0] or element.rect.h > BIG[1] else (0.5, 0.5)
    anchor = m.ElementAnchor(role=element.role, name=name, label=label, path=element.path, window=window, at=at)
    if not name and not label and not element.path:
        return None
    twins = matches(anchor, siblings)
    if len(twins) <= 1:
        return anchor
    if element.index is None or len([e for e in twins if e.index == element.index]) != 1:
        return None  # equal twins with no index to tell them apart: the picture decides
    return m.ElementAnchor(role=anchor.role, name=anchor.name, label=anchor.label, path=anchor.path, window=window,
                           index=element.index, at=at)


def _fraction(rect: Rect, point: Point) -> tuple[float, float]:
    return (round(min(max((point.x - rect.x) / rect.w, 0.0), 1.0), 2),
            round(min(max((point.y - rect.y) / rect.h, 0.0), 1.0), 2))


def point_in(anchor: m.ElementAnchor, element: Element) -> Point:
    """Where to click inside the element: its middle, or the recorded place in a large one (kept inside)."""
    r = element.rect
    x = r.x + min(max(round(anchor.at[0] * r.w), 2), max(r.w - 3, 2))
    y = r.y + min(max(round(anchor.at[1] * r.h), 2), max(r.h - 3, 2))
    return Point(x, y)


def matches(anchor: m.ElementAnchor, elements: Sequence[Element]) -> list[Element]:
    """The showing elements that fit the anchor's role and name (or label), best path first; with an index,
    the one at that index among the equally good ones."""
    fitting = [e for e in elements if e.role == anchor.role and _named(anchor, e) and _showing(e)]
    if not fitting:
        return []
    scored = sorted(fitting, key=lambda e: -path_agreement(anchor.path, e.path))
    best = path_agreement(anchor.path, scored[0].path)
    top = [e for e in scored if path_agreement(anchor.path, e.path) == best]
    if len(top) > 1 and anchor.index is not None:
        top = [e for e in top if e.index == anchor.index] or top
    return top


def _named(anchor: m.ElementAnchor, e: Element) -> bool:
    if anchor.name:
        return fold(e.name) == fold(anchor.name)
    if anchor.label:
        return fold(e.label or "") == fold(anchor.label)
    return True


def _showing(e: Element) -> bool:
    return (not e.states or "showing" in e.states) and e.rect.w > 0 and e.rect.h > 0


def path_agreement(recorded: Sequence[str], now: Sequence[str]) -> float:
    """How much of the recorded path of ancestors the element still has, nearest parent first (0..1).

    A toolbar hidden or a panel added above changes the far end of a path, rarely the near one.
    """
    if not recorded:
        return 1.0
    same = 0
    for a, b in zip(reversed(recorded), reversed(now)):
        if a != b:
            break
        same += 1
    in_order = sum(1 for p in recorded if p in now)
    return round(0.7 * same / len(recorded) + 0.3 * in_order / len(recorded), 3)


def element_anchor(target: m.Target) -> tuple[int, m.ElementAnchor] | None:
    return next(((i, a) for i, a in enumerate(target.anchors) if isinstance(a, m.ElementAnchor)), None)


def same_element(a: Element, b: Element) -> bool:
    """The same control seen twice (its handle when both have one, else role, name and box)."""
    if a.ref is not None and b.ref is not None:
        return bool(a.ref == b.ref)
    return (a.role, a.name, a.rect) == (b.role, b.name, b.rect)
