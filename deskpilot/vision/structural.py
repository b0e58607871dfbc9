"""Resolving a target by its element anchor first: the accessibility tree, confirmed by what the screen shows.

The tree is fast (a window's walk, cached) and survives drift that pictures do not, but
it is believed only inside the target's own window, for a showing element, one of a
kind, and never against a clear picture of the same target somewhere else: then the
step stops as ambiguous rather than trust either.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable

from deskpilot import model as m
from deskpilot.geometry import Point
from deskpilot.ports import Accessibility, Element, WindowList
from deskpilot.result import Candidate, Resolution
from deskpilot.vision.elements import MENU_ROLES, element_anchor, matches, path_agreement, point_in

CLEAR_PICTURE = 0.9  # a picture match this strong, outside the element, contradicts the tree
UNCONFIRMED = "unconfirmed"  # an element known only by its path: believed where the label or picture agrees


def window_pattern(target: m.Target) -> str | None:
    """The target's window: the element's own, else the window anchor's."""
    found = element_anchor(target)
    if found is not None and found[1].window:
        return found[1].window
    return next((a.window for a in target.anchors if isinstance(a, m.WindowAnchor)), None)


def resolve_by_element(target: m.Target, windows: WindowList | None, access: Accessibility | None,
                       pictures: Callable[[Point | None], list[Candidate]]) -> Resolution | None:
    """The target found by its element, or why not; None when it has no element anchor or nothing to ask.

    ``pictures(point)`` gives the image anchors' matches near a point (the cheap search), for the check;
    ``pictures(None)``, near where they were recorded. Where a clear picture shows the element, the tree is
    asked about that one point (a few milliseconds) rather than walked (a tenth of a second or more).
    Where the tree cannot tell -- several elements fit, or one known only by its index among its
    neighbours (no name, no label) and its picture does not match in it -- it is "unconfirmed": the
    visual anchors decide, and an element counts only where they land inside it.
    """
    found = element_anchor(target)
    pattern = window_pattern(target)
    if found is None or access is None or windows is None or pattern is None:
        return None
    index, anchor = found
    probed = _probe(anchor, index, access, pictures(None))
    if probed is not None:
        return probed
    elements: list[Element] = []
    for window in windows.find(pattern):
        inside = window.rect.grow(2)  # an open menu's items may hang below a small window: they are its own
        elements += [e for e in access.elements(window) if inside.contains(e.rect.center) or e.role in MENU_ROLES]
    hits = matches(anchor, elements)
    what = f"{anchor.role} '{anchor.name or anchor.label or ''}'"
    if not hits:
        return Resolution(status="not_found", best=None, reason=f"no showing {what} in the window /{pattern}/")
    cands = [_candidate(anchor, index, e) for e in hits]
    if len(cands) > 1:
        return Resolution(status=UNCONFIRMED, best=None, candidates=tuple(cands),
                          reason=f"{len(cands)} elements {what} in the window, nothing in the tree tells them apart")
    best = cands[0]
    element = hits[0]
    near = pictures(best.point)
    clear = [c for c in near if c.score >= CLEAR_PICTURE]
    if clear and not any(element.rect.grow(6).contains(c.point) for c in clear):
        c = clear[0]
        return Resolution(status="ambiguous", best=best, candidates=(best, *clear),
                          reason=f"the element {what} is at ({best.point.x}, {best.point.y}) but its picture matches "
                                 f"at ({c.point.x}, {c.point.y}); re-pick the target or heal it")
    if anchor.index is not None and not anchor.name and not anchor.label and not any(
            element.rect.grow(6).contains(c.point) for c in near):
        # known by its place among its neighbours only: a field added above moves another into that place
        return Resolution(status=UNCONFIRMED, best=best, candidates=(best, *near),
                          reason=f"the {anchor.role} has no name of its own: its label or picture must agree")
    return Resolution(status="found", best=best, candidates=(best, *clear))


def _probe(anchor: m.ElementAnchor, index: int, access: Accessibility, near: list[Candidate]) -> Resolution | None:
    """The element under the one clear picture near its recorded place, when it is the anchor's: two kinds of
    evidence on one place. Twins and nameless fields still need the walk, which sees all of them."""
    clear = [c for c in near if c.score >= CLEAR_PICTURE]
    if len(clear) != 1 or anchor.index is not None or not (anchor.name or anchor.label):
        return None
    element = access.element_at(clear[0].point)
    if element is None or not matches(anchor, [element]):
        return None
    if anchor.window and element.window and not re.search(anchor.window, element.window):
        return None  # the same name in another window (the register's "Add", not the toolbar's)
    best = _candidate(anchor, index, element)
    return Resolution(status="found", best=best, candidates=(best, clear[0]))


def _candidate(anchor: m.ElementAnchor, index: int, e: Element) -> Candidate:
    return Candidate(point=point_in(anchor, e), score=round(0.9 + 0.1 * path_agreement(anchor.path, e.path), 3),
                     anchor_index=index, how="element", box=e.rect, found_text=e.name or e.label, element=e)


def with_element(visual: Resolution, tree: Resolution | None) -> Resolution:
    """The visual finding, carrying the unconfirmed element it landed inside: then the field is known to the tree
    too (read back through the application)."""
    if tree is None or tree.status != UNCONFIRMED or not visual.found or visual.best is None:
        return visual
    point = visual.best.point
    inside = [c for c in tree.candidates if c.how == "element" and c.box is not None and c.box.grow(2).contains(point)]
    if len(inside) != 1:
        return visual
    best = dataclasses.replace(visual.best, element=inside[0].element)
    return Resolution(status=visual.status, best=best, candidates=(best, *visual.candidates[1:]),
                      searched=visual.searched, reason=visual.reason)
