"""What to do: the routine, its steps, and the anchors that find each step's target.

A validated, immutable view of ``routine.yaml``. The YAML document stays the
source of truth (see ``deskpilot.format``); running never changes this model.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar, Union

FORMAT_VERSION = 1
DEFAULT_TIMEOUT = 10.0
BUTTONS = ("left", "right", "middle")
ELEMENT_STATES = ("enabled", "showing", "focused", "checked", "selected", "editable")  # what wait_for's state takes
CURSORS = ("text",)  # pointer shapes a click step may require at its place
MODIFIERS = ("ctrl", "shift", "alt", "super")
VARIABLE_NAME = re.compile(r"^[^\W\d]\w*$")  # a variable's name: what ``{{ name }}`` and ``into`` take; 金额 too


# --- anchors: several ways to find the same point ---------------------------------

# what a person calls a control of an accessibility role
ROLE_NAMES = {"push button": "button", "text": "text field", "entry": "text field", "password text": "password field",
              "page tab": "tab", "combo box": "drop-down", "spin button": "number field", "table cell": "cell",
              "toggle button": "toggle button", "check box": "check box", "radio button": "radio button",
              "menu item": "menu item", "label": "label", "list item": "list row"}


@dataclass(frozen=True, slots=True, kw_only=True)
class ElementAnchor:
    """A control as the application's accessibility tree names it: the first anchor where there is one.

    Found by its role and name (or the label that names it), inside its window, along its path of
    ancestors; the click goes inside its box, at ``at`` (fractions of its width and height). Only
    applications that expose a tree (GTK, Qt, LibreOffice) give one; old ones stay visual.
    """

    role: str
    name: str = ""
    label: str | None = None
    path: tuple[str, ...] = ()
    window: str | None = None
    index: int | None = None
    at: tuple[float, float] = (0.5, 0.5)


@dataclass(frozen=True, slots=True, kw_only=True)
class TextAnchor:
    """An OCR phrase; the point is its box centre plus an offset.

    ``offset_em`` is the offset in units of the phrase's text height, so a click
    "right of the label" survives a larger font or another DPI; ``offset`` (pixels)
    is used when it is absent.
    """

    text: str
    offset: tuple[float, float] = (0.0, 0.0)
    offset_em: tuple[float, float] | None = None
    height: int | None = None
    occurrence: int | None = None
    near: tuple[int, int] | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class ImageAnchor:
    """A PNG crop (path relative to the recording folder) and the point inside it."""

    image: str
    point: tuple[int, int] | None = None
    near: tuple[int, int] | None = None
    threshold: float = 0.8
    label: str | None = None  # what a person calls the picture when no text names it: "the icon left of 'Date'"


@dataclass(frozen=True, slots=True, kw_only=True)
class WindowAnchor:
    """A window found by title (regular expression) and a point inside its client area.

    ``size`` is the client area's size when recorded: how far a resized window's
    layout may have moved the point, when the other anchors are checked against it.
    """

    window: str
    point: tuple[int, int]
    size: tuple[int, int] | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class PointAnchor:
    """The absolute point seen at record time: a last resort, used only when allowed."""

    at: tuple[int, int]
    screen: tuple[int, int] | None = None


Anchor = Union[ElementAnchor, TextAnchor, ImageAnchor, WindowAnchor, PointAnchor]


@dataclass(frozen=True, slots=True, kw_only=True)
class Target:
    """An ordered set of anchors for one point; the player tries them cheapest first."""

    anchors: tuple[Anchor, ...]

    def with_anchor(self, anchor: Anchor) -> Target:
        """The target with ``anchor`` in place of its anchor of the same kind, or added before the fallbacks."""
        kinds = [type(a) for a in self.anchors]
        if type(anchor) in kinds:
            i = kinds.index(type(anchor))
            return Target(anchors=self.anchors[:i] + (anchor,) + self.anchors[i + 1:])
        order = (ElementAnchor, TextAnchor, ImageAnchor, WindowAnchor, PointAnchor)  # the order the recorder writes
        rank = order.index(type(anchor))
        i = next((j for j, k in enumerate(kinds) if k in order and order.index(k) > rank), len(kinds))
        return Target(anchors=self.anchors[:i] + (anchor,) + self.anchors[i:])

    def describe(self) -> str:
        for a in self.anchors:
            if isinstance(a, ElementAnchor) and (a.name or a.label):
                return f"'{(a.name or a.label or '').rstrip(':')}' ({ROLE_NAMES.get(a.role, a.role)})"
        for a in self.anchors:
            if isinstance(a, TextAnchor):
                dx, dy = a.offset_em or a.offset
                px, py = a.offset
                if (abs(dx) < 0.5 and abs(dy) < 0.5) or (abs(px) <= 24 and abs(py) <= 14):
                    return f'"{a.text}"'  # on the text itself, or beside it on the same small control
                side = ("right of" if dx > 0 else "left of") if abs(dx) >= abs(dy) else ("below" if dy > 0 else "above")
                return f'{side} "{a.text}"'
        for a in self.anchors:
            if isinstance(a, ImageAnchor):
                return a.label or f"image {a.image}"
            if isinstance(a, WindowAnchor):
                return f"the window '{_title_of(a.window)}'"
            if isinstance(a, PointAnchor):
                return f"point {a.at}"
        return "nothing"


def _title_of(pattern: str) -> str:
    """A title pattern as a person reads it: "^Add\\ transaction$" -> "Add transaction"."""
    text = pattern.removeprefix("^").removesuffix("$").removeprefix("(^|\\ \\-\\ )")
    return re.sub(r"\\(.)", r"\1", text)


# --- steps --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class Step:
    kind: ClassVar[str] = "step"
    note: str | None = None
    timeout: float | None = None
    weak: str | None = None  # set by the recorder when the step's anchors failed their self-check
    frame: str | None = None  # the screen as recorded before this step, for the editor; playing never reads it
    commits: bool = False  # the step that makes the application save: a data row may be kept from here on

    def describe(self) -> str:
        return self.kind


@dataclass(frozen=True, slots=True, kw_only=True)
class Click(Step):
    kind: ClassVar[str] = "click"
    target: Target
    button: str = "left"
    clicks: int = 1
    modifiers: tuple[str, ...] = ()
    cursor: str | None = None  # "text" when the pointer showed a text cursor there at record time: a field

    def describe(self) -> str:
        mods = "+".join(self.modifiers) + "+" if self.modifiers else ""
        how = {1: "click", 2: "double-click", 3: "triple-click"}.get(self.clicks, f"{self.clicks}x click")
        button = "" if self.button == "left" else f"{self.button} "
        return f"{mods}{button}{how} {self.target.describe()}"


@dataclass(frozen=True, slots=True, kw_only=True)
class Drag(Step):
    kind: ClassVar[str] = "drag"
    source: Target
    dest: Target
    button: str = "left"

    def describe(self) -> str:
        return f"drag {self.source.describe()} to {self.dest.describe()}"


@dataclass(frozen=True, slots=True, kw_only=True)
class Scroll(Step):
    """Wheel clicks at a target (or where the mouse is); positive scrolls up."""

    kind: ClassVar[str] = "scroll"
    clicks: int
    target: Target | None = None

    def describe(self) -> str:
        where = f" at {self.target.describe()}" if self.target else ""
        return f"scroll {'up' if self.clicks > 0 else 'down'} {abs(self.clicks)}{where}"


TYPE_MODES = ("replace", "append")


@dataclass(frozen=True, slots=True, kw_only=True)
class Type(Step):
    """Typing into the focused field.

    ``replace`` (the default) empties the field first, so a form that keeps its values
    never gets one appended to another; ``append`` types after what it holds. With
    ``verify`` (the default) the field is read back and must hold what was typed.
    """

    kind: ClassVar[str] = "type"
    text: str
    verify: bool = True
    mode: str = "replace"

    def describe(self) -> str:
        shown = self.text if len(self.text) <= 24 else self.text[:21] + "..."
        return f"type '{shown}'" + (" after what the field holds" if self.mode == "append" else "")


@dataclass(frozen=True, slots=True, kw_only=True)
class Press(Step):
    kind: ClassVar[str] = "press"
    key: str
    count: int = 1

    def describe(self) -> str:
        return f"press {self.key}" + (f" x{self.count}" if self.count > 1 else "")


@dataclass(frozen=True, slots=True, kw_only=True)
class Hotkey(Step):
    kind: ClassVar[str] = "hotkey"
    keys: tuple[str, ...]

    def describe(self) -> str:
        return "hotkey " + "+".join(self.keys)


@dataclass(frozen=True, slots=True, kw_only=True)
class WaitFor(Step):
    """Wait until a target appears (or, with ``gone``, disappears), or -- with ``state`` -- until the
    element it names is enabled, focused, checked...: what only the accessibility tree can tell."""

    kind: ClassVar[str] = "wait_for"
    target: Target
    gone: bool = False
    state: str | None = None

    def describe(self) -> str:
        return f"wait for {self.target.describe()}" + (" to disappear" if self.gone else "") + (
            f" to be {self.state}" if self.state else "")


@dataclass(frozen=True, slots=True, kw_only=True)
class Expect(Step):
    """A check, else the run (or the data row) fails.

    Without a comparison: the target must be on screen (or, with ``gone``, must not be).
    With one (``compare`` is equals, contains, matches or number, against ``expected``):
    the text in ``region`` relative to the target, or ``value`` (a variable, no target),
    must pass it; the failure names both values.
    """

    kind: ClassVar[str] = "expect"
    target: Target | None = None
    gone: bool = False
    region: tuple[int, int, int, int] | None = None
    value: str | None = None
    compare: str | None = None
    expected: str | None = None
    tolerance: str | None = None  # for number: how far apart still counts as equal

    def describe(self) -> str:
        if self.compare is not None:
            what = self.value if self.value is not None else f"text at {self.target.describe() if self.target else '?'}"
            return f"expect {what} {self.compare} {self.expected}"
        where = self.target.describe() if self.target else "?"
        return f"expect {where}" + (" absent" if self.gone else "")


@dataclass(frozen=True, slots=True, kw_only=True)
class ReadText(Step):
    """OCR the region ``[dx, dy, w, h]`` relative to the target point into a variable.

    ``parse`` ("number" or "date") keeps the value in a plain form ("1234.50",
    "2026-11-24"); ``pattern`` is a regular expression the text must match whole.
    """

    kind: ClassVar[str] = "read_text"
    target: Target
    region: tuple[int, int, int, int]
    into: str
    parse: str | None = None
    pattern: str | None = None

    def describe(self) -> str:
        return f"read text at {self.target.describe()} into {self.into}"


@dataclass(frozen=True, slots=True, kw_only=True)
class ReadTable(Step):
    """OCR a list screen's region ``[dx, dy, w, h]`` relative to the target into rows of ``columns``.

    The rows go to ``into`` as JSON (a list of {column: text}) and their number to ``<into>_count``.
    """

    kind: ClassVar[str] = "read_table"
    target: Target
    region: tuple[int, int, int, int]
    into: str
    columns: tuple[str, ...]

    def describe(self) -> str:
        return f"read table at {self.target.describe()} into {self.into}"


@dataclass(frozen=True, slots=True, kw_only=True)
class IfVisible(Step):
    """Run ``steps`` only when the target shows up within the (short) timeout: an optional dialog."""

    kind: ClassVar[str] = "if_visible"
    target: Target
    steps: tuple[Step, ...]

    def describe(self) -> str:
        return f"if {self.target.describe()} is visible: {len(self.steps)} steps"


@dataclass(frozen=True, slots=True, kw_only=True)
class Call(Step):
    """Run another recording's steps (a shared login), with variables passed in; what it reads comes back."""

    kind: ClassVar[str] = "call"
    routine: str  # a recording folder (or its routine.yaml), relative to the calling routine's folder
    with_values: dict[str, str] = field(default_factory=dict)
    callee: Routine | None = field(default=None, compare=False)  # loaded with the caller

    def describe(self) -> str:
        return f"call {self.routine}"


IF_VISIBLE_TIMEOUT = 2.0
CHECKS = (WaitFor, Expect)  # steps that look at the screen and change nothing
COMPARISONS = ("equals", "contains", "matches", "number")  # what an expect can check a text or value against
# every kind with its YAML keys, builder, writer and the variables it reads: deskpilot.format.registry.STEPS


@dataclass(frozen=True, slots=True, kw_only=True)
class Routine:
    name: str
    steps: tuple[Step, ...]
    version: int = FORMAT_VERSION
    manual_seconds: float | None = None
    lang: str = "eng"
    timeout: float = DEFAULT_TIMEOUT
    variables: dict[str, str] = field(default_factory=dict)
    secrets: tuple[str, ...] = ()  # variables whose values never touch disk: asked for, or from env/keyring
    on_failure: str | None = None  # for data-driven runs: stop, skip, retry or retry:N (a flag overrides it)
    folder: Path | None = None

    def step_timeout(self, step: Step) -> float:
        return step.timeout if step.timeout is not None else self.timeout

    def commit_index(self) -> int | None:
        """The 0-based index of the step that saves the row: marked ``commits: true``, else the last input before
        the final check (an if_visible that answers a dialog aside), else the last input of all."""
        marked = [i for i, s in enumerate(self.steps) if s.commits]
        if marked:
            return marked[-1]
        if self._reads_only():
            return None  # a report read and checked (the totals of a region): nothing is saved, a retry is safe
        final = self.final_check()
        end = next(i for i, s in enumerate(self.steps) if s is final) if final is not None else len(self.steps)
        acts = [i for i, s in enumerate(self.steps[:end]) if not isinstance(s, (*CHECKS, IfVisible))]
        return acts[-1] if acts else None

    def _reads_only(self) -> bool:
        """Types nothing and reads values: a consolidation, not an entry."""
        kinds = {type(s) for s in self.steps}
        return Type not in kinds and bool(kinds & {ReadText, ReadTable})

    def final_check(self) -> Step | None:
        """The check after the routine's last input: the application's confirmation that the work was taken.

        Without one, a run that did every step has only *entered* the data: nothing showed it was saved.
        """
        last = len(self.steps) - 1
        while last >= 0 and isinstance(self.steps[last], (Press, Hotkey)):
            last -= 1  # keys after the check acknowledge it (Enter on the "Saved" message box)
        if last < 0 or not isinstance(self.steps[last], CHECKS):
            return None
        inputs = [s for s in self.steps[:last] if not isinstance(s, CHECKS)]
        return self.steps[last] if inputs else None
