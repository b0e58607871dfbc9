"""Where a click landed: on the control its target names, and which field it put the keyboard focus in.

A place found by a label may be another row's field; a click that lands there would type
a value into the wrong field, so it is refused before the click (``landing_problem``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from deskpilot import model as m
from deskpilot.geometry import Point
from deskpilot.ports import Frame
from deskpilot.result import Resolution
from deskpilot.vision.field import box_at
from deskpilot.player.fields import FocusedField

if TYPE_CHECKING:
    from deskpilot.player.searching import Found


# keys that keep the keyboard focus in the field a click put it in; any other key may move it
KEEP_FOCUS = frozenset({"end", "home", "left", "right", "backspace", "delete", "insert", "space"})
KEEP_FOCUS_HOTKEYS = frozenset({("ctrl", "a"), ("ctrl", "c"), ("ctrl", "v"), ("ctrl", "x"), ("ctrl", "z"),
                                ("shift", "home"), ("shift", "end")})


def focused(found: Found, target: m.Target, text_cursor: bool, window: int | None) -> FocusedField:
    """The field a click focused, with the label it was found by when that label sits to its left."""
    best = found.resolution.best
    label, height = None, 16
    if best is not None and best.how == "text" and best.box is not None:
        height = best.box.h
        if found.point.x - best.box.right > 0 and abs(found.point.y - best.box.center.y) <= best.box.h:
            label = best.box
    else:
        anchor = next((a for a in target.anchors if isinstance(a, m.TextAnchor) and a.height), None)
        height = anchor.height if anchor is not None and anchor.height else height
    return FocusedField(point=found.point, label=label, height=height, text_cursor=text_cursor, window=window,
                        element=best.element if best is not None else None)


def landing_problem(frame: Frame, point: Point, resolution: Resolution, target: m.Target) -> str | None:
    """Why a click named after a label would land outside the control that label names, or None.

    A field right of "City:" shares the label's row; one below "City" starts under it. A place
    found by a label whose offset led into another row's field is the wrong place, however
    well the label itself matched.
    """
    best = resolution.best
    if best is None or best.how != "text" or best.box is None:
        return None
    anchor = target.anchors[best.anchor_index]
    if not isinstance(anchor, m.TextAnchor):
        return None
    label = best.box
    dx, dy = point.x - label.center.x, point.y - label.center.y
    if abs(dx) <= label.w // 2 + 2 and abs(dy) <= label.h:
        return None  # on the text itself: a button, a menu item, a tab
    box = box_at(frame, point)
    if box is None or box.rect.w * box.rect.h > 40 * label.h * label.h * 8:
        return None  # no closed control there (or a whole panel): the typing check decides
    r = box.rect
    if abs(dx) >= abs(dy):
        if not r.y - label.h // 2 <= label.center.y <= r.bottom + label.h // 2:
            return (f"the place {'right' if dx > 0 else 'left'} of {anchor.text!r} is in a box at rows "
                    f"{r.y}-{r.bottom}, not on the label's row ({label.center.y})")
    elif not (r.x <= label.right + 2 * label.h and r.right >= label.x - 2 * label.h):
        return f"the place {'below' if dy > 0 else 'above'} {anchor.text!r} is in a box at columns {r.x}-{r.right}, " \
               f"not under the label ({label.x}-{label.right})"
    return None
