"""What AT-SPI's raw answers mean: state bitfields, boxes, relation sets, path entries. Pure, no D-Bus.

The numbers are the at-spi2-core enums (``atspi-constants.h``); the state names are the
nicks tools print ("showing", "multi-line"), so an Element's states read the same as Accerciser's.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from deskpilot.geometry import Rect

# AtspiStateType, in enum order: bit n of GetState's uint32 pair (word n // 32, bit n % 32)
STATE_NAMES: tuple[str, ...] = (
    "invalid", "active", "armed", "busy", "checked", "collapsed", "defunct", "editable", "enabled",
    "expandable", "expanded", "focusable", "focused", "has-tooltip", "horizontal", "iconified", "modal",
    "multi-line", "multiselectable", "opaque", "pressed", "resizable", "selectable", "selected", "sensitive",
    "showing", "single-line", "stale", "transient", "vertical", "visible", "manages-descendants",
    "indeterminate", "required", "truncated", "animated", "invalid-entry", "supports-autocompletion",
    "selectable-text", "is-default", "visited", "checkable", "has-popup", "read-only",
)
STATE_SHOWING = STATE_NAMES.index("showing")  # 25
STATE_DEFUNCT = STATE_NAMES.index("defunct")  # 6

RELATION_LABEL_FOR = 1
RELATION_LABELLED_BY = 2

INT_MIN = -(2 ** 31)  # GTK's extents of an object that is not on the screen (a closed menu's item)
NULL_PATH = "/org/a11y/atspi/null"  # the object path AT-SPI answers for "no object"
ROOT_PATH = "/org/a11y/atspi/accessible/root"  # an application's own object: above its windows

# roles whose Text interface holds what a person typed; a label has Text too, but its text is its name
TEXT_ROLES = frozenset({"text", "entry", "spin button", "spin box", "editbar", "paragraph", "document text",
                        "terminal", "combo box", "date editor"})
# never read off the bus: the role alone tells the core that a field is secret
# roles a person names a place by even when the toolkit gave them no accessible name
CONTROL_ROLES = frozenset({
    "push button", "toggle button", "check box", "radio button", "text", "entry", "password text", "spin button",
    "spin box", "combo box", "menu item", "check menu item", "radio menu item", "menu", "page tab", "list item",
    "table cell", "tree item", "link", "slider", "scroll bar", "label", "icon", "editbar", "paragraph",
    "document text", "terminal", "calendar", "date editor", "heading", "column header", "row header",
    "table column header", "table row header", "image", "dial", "progress bar", "tool bar item",
})


def decode_states(words: Sequence[int]) -> frozenset[str]:
    """The state names set in GetState's bitfield (a list of uint32, lowest word first)."""
    names = set()
    for w, word in enumerate(words):
        for bit in range(32):
            if word & (1 << bit):
                n = 32 * w + bit
                names.add(STATE_NAMES[n] if n < len(STATE_NAMES) else f"state-{n}")
    return frozenset(names)


def has_state(words: Sequence[int], state: int) -> bool:
    word, bit = divmod(state, 32)
    return len(words) > word and bool(words[word] & (1 << bit))


def box_of(extents: Sequence[int] | None) -> Rect | None:
    """A screen box from GetExtents, or None when the toolkit does not know it.

    GTK answers INT_MIN for what is off the screen and (-1, -1, -1, -1) for a notebook's page tab;
    Qt answers (0, 0, 0, 0) for a hidden widget. None of those is a place to click.
    """
    if extents is None or len(extents) != 4:
        return None
    x, y, w, h = (int(v) for v in extents)
    if w <= 0 or h <= 0 or x <= INT_MIN // 2 or y <= INT_MIN // 2:
        return None
    return Rect(x, y, w, h)


def targets_of(relations: Iterable[tuple[int, Sequence[tuple[str, str]]]] | None,
               kind: int) -> list[tuple[str, str]]:
    """The objects a relation set points to with one relation type (e.g. RELATION_LABELLED_BY)."""
    out: list[tuple[str, str]] = []
    for rtype, targets in relations or ():
        if rtype == kind:
            out += [(str(b), str(p)) for b, p in targets if p != NULL_PATH]
    return out


def path_entry(role: str, name: str) -> str:
    """One ancestor in an Element's path: "role:name", or the bare role where it has no name."""
    name = " ".join(name.split())
    return f"{role}:{name}" if name else role


def is_anonymous(role: str, name: str, has_text: bool = False) -> bool:
    """Structure a person would not name (a nameless filler or panel): climb past it to its control."""
    return not name.strip() and role not in CONTROL_ROLES and not has_text


def overlap(a: Rect, b: Rect) -> float:
    """How much two boxes are the same box: intersection over union, 0..1."""
    both = a.intersect(b)
    if both is None:
        return 0.0
    inter = both.w * both.h
    return inter / (a.w * a.h + b.w * b.h - inter)
