"""Typing that is right or stops: the field is emptied first (or typed after on purpose), then read back.

A form that keeps its values after Save would otherwise get each row's value typed
after the previous row's, and every row would look fine. So a ``replace`` type step
reads the field it clicked into, empties it the way that kind of window empties a
field when it holds anything, checks it is empty, types, and reads it back: the
field must hold exactly what was typed. A field reached with Tab is found as the
box that changed while typing. What cannot be checked fails the step, with a picture.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from deskpilot import model as m
from deskpilot.compare import field_mismatch
from deskpilot.errors import ExpectationFailed
from deskpilot.geometry import Point, Rect
from deskpilot.ports import Clock, Element, Frame, Input, Ocr, Screen, Window, WindowList
from deskpilot.result import Resolution
from deskpilot.vision.second_reading import cjk_reader, has_cjk
from deskpilot.vision.field import box_at, changed_regions, click_line, holds_ink, same_lines, underlined_field
from deskpilot.vision.text import fold, reading_lang
from deskpilot.window_kinds import is_spreadsheet, is_terminal
from deskpilot.player.evidence import Evidence

if TYPE_CHECKING:
    from deskpilot.player.searching import Found

log = logging.getLogger(__name__)

SETTLE = 1.0  # how long a field may take to show what it was given
SETTLE_AREA = (700, 120)  # around a clicked field: what must be still before it is read
READ_BACK = 3.0  # the longest a typed field is read back for
LINE_LIMIT = 2.6  # a box up to this many text heights tall is a one-line field


@dataclass(frozen=True)
class FocusedField:
    """Where the last click put the focus: what a following type step empties and reads back."""

    point: Point
    label: Rect | None = None  # the label the field was found by, when it sits left of the field
    height: int = 16  # the text height around it
    text_cursor: bool = False  # the pointer showed a text cursor there: an editable field
    window: int | None = None  # the window it is in: another window over it means the focus moved
    element: Element | None = None  # the field as the accessibility tree names it: read back through it


@dataclass(frozen=True)
class Typed:
    """What a type step did beyond typing, for the report."""

    emptied: str | None = None  # what the field held before it was emptied
    how: str = ""  # how it was emptied, or why it was not read back


class FieldTypist:
    """Types into fields for the player; every check reads the live screen."""

    def __init__(self, driver: Input, screen: Screen, reader: object, windows: WindowList | None, clock: Clock,
                 evidence: Evidence, lang: str, poll: float = 0.1, others: Sequence[Ocr] = ()) -> None:
        self.driver, self.screen, self.reader, self.windows = driver, screen, reader, windows
        self.others = tuple(others)  # other readings (scale, black and white), asked before a mismatch fails a step
        self.clock, self.evidence, self.lang, self.poll = clock, evidence, lang, poll
        self._lang = lang  # the languages the field in hand is read in

    def type(self, index: int, shown: str, step: m.Type, field: FocusedField | None, *, secret: bool) -> Typed:
        self._lang = reading_lang(step.text, self.lang)
        if field is None:
            return self._type_unfocused(index, shown, step, secret=secret)
        frame = self._settled(field.point)
        app = self._app_at(field.point)
        region, kind = self._region(frame, field)
        if kind == "none":
            return self._type_unboxed(index, shown, step, field, region, frame, secret=secret)
        one_line = kind == "line"
        typed = Typed()
        if step.mode == "replace":
            typed = self._empty(index, shown, field, app, region, one_line)
        elif one_line:
            self.driver.press("end")  # after what it holds, wherever the click put the caret
        empty = self.screen.grab() if step.mode == "replace" else None
        self.driver.type_text(step.text)
        if secret:
            return Typed(typed.emptied, (typed.how + "; " if typed.how else "") + "a secret: not read back")
        if not step.verify:
            return typed
        whole, contains = step.mode == "replace" and one_line, step.mode == "append" and not one_line
        try:
            self._read_back(index, shown, step, field, whole=whole, contains=contains, empty=empty)
        except ExpectationFailed:
            if step.mode != "replace" or not one_line:
                raise  # what an appended field held before is not ours to empty
            return self._typed_again(index, shown, step, field, app, region, typed)
        return typed

    def _typed_again(self, index: int, shown: str, step: m.Type, field: FocusedField, app: str, region: Rect,
                     first: Typed) -> Typed:
        """A replaced field that did not hold what was typed (a key lost on a loaded machine): emptied and
        typed once more, then read back whole again; a second miss fails the step with its picture."""
        log.warning("step %d: the field did not hold %r; emptying it and typing it once more", index, step.text)
        self._empty(index, shown, field, app, region, True)
        empty = self.screen.grab()
        self.driver.type_text(step.text)
        self._read_back(index, shown, step, field, whole=True, contains=False, empty=empty)
        return Typed(first.emptied, (first.how + "; " if first.how else "") + "typed twice: the first typing did "
                     "not arrive whole")

    # --- emptying -------------------------------------------------------------------------------

    def _empty(self, index: int, shown: str, field: FocusedField, app: str, region: Rect,
               one_line: bool) -> Typed:
        held = self._read(self.screen.grab(), field, region, one_line)
        if _empty(held):
            return Typed()
        region, _ = self._region(self.screen.grab(), field)  # the box may have changed as the click took effect
        plans = _emptying_plans(app, field.text_cursor, len(held))
        if not plans:
            raise ExpectationFailed(index, shown, f"the field holds {held!r} and is no text field DeskPilot knows how "
                                    "to empty (no text cursor there); use mode: append to type after it, or empty it "
                                    "in a step before", self._shot(index, field.point, region))
        for how, keys in plans:
            for key in keys:
                self._send(key)
            deadline = self.clock.now() + SETTLE
            while True:
                now = self._read(self.screen.grab(), field, region, one_line)
                if _empty(now):
                    return Typed(emptied=held, how=how)
                if self.clock.now() >= deadline:
                    break
                self.clock.sleep(self.poll)
        raise ExpectationFailed(index, shown, f"the field held {held!r} and still holds {now!r} after emptying it "
                                f"({'; then '.join(how for how, _ in plans)}); use mode: append to keep what it "
                                "holds", self._shot(index, field.point, region))

    def _send(self, key: tuple[str, ...]) -> None:
        if key[0] == "hotkey":
            self.driver.hotkey(key[1:])
        else:
            self.driver.press(key[1], int(key[2]) if len(key) > 2 else 1)

    # --- reading back ------------------------------------------------------------------------------

    def _read_back(self, index: int, shown: str, step: m.Type, field: FocusedField, *, whole: bool,
                   contains: bool, empty: Frame | None) -> None:
        """The field must hold what was typed; read its box, then (a replaced field) only what typing changed.

        A replaced field was read empty before typing, so what changed is all it holds: reading just that
        leaves out what shares the box's colour but is no part of the value (a spin button's "- +").
        """
        deadline = self.clock.now() + READ_BACK
        while True:
            frame = self.screen.grab()
            region, kind = self._region(frame, field)
            one_line = kind != "area"
            seen = self._read(frame, field, region, one_line)
            problem = _problem(seen, step.text, whole=whole, contains=contains)
            if problem is None or self._second_agrees(frame, region, one_line, step.text, whole, contains):
                return
            typed_part = _typed_part(empty, frame, region) if empty is not None and one_line else None
            if typed_part is not None and (
                    _problem(self._read(frame, field, typed_part, True), step.text, whole=whole, contains=False) is None
                    or self._second_agrees(frame, typed_part, True, step.text, whole, False)):
                return
            if self.clock.now() >= deadline:
                raise ExpectationFailed(index, shown, problem, self._shot(index, field.point, region, frame))
            self.clock.sleep(self.poll)

    def _type_unboxed(self, index: int, shown: str, step: m.Type, field: FocusedField, line: Rect, frame: Frame,
                      *, secret: bool) -> Typed:
        """A field with no edge DeskPilot can see (a flat theme, an editor's page): typed, then read where it changed.

        Without an edge the field cannot be read whole, so one that shows text on its line is not typed into
        blindly in place of it: the step fails, unless told to type after it.
        """
        held = self._read(frame, field, line, True)
        if step.mode == "replace" and not _empty(held):
            raise ExpectationFailed(index, shown, f"the place typed into shows {held!r} on its line and has no border "
                                    "DeskPilot can see, so it cannot be emptied and read back whole; empty it in a "
                                    "step before, or use mode: append", self._shot(index, field.point, line, frame))
        return self._type_unfocused(index, shown, step, secret=secret)

    def _type_unfocused(self, index: int, shown: str, step: m.Type, *, secret: bool) -> Typed:
        """Typed where the keyboard focus is (after Tab, Enter, a shortcut): the field is the box that changed."""
        before = self.screen.grab()
        if step.mode == "append":
            self.driver.press("end")
        self.driver.type_text(step.text)
        if secret or not step.verify:
            return Typed(how="a secret: not read back" if secret else "")
        deadline = self.clock.now() + READ_BACK
        seen: list[str] = []
        while True:
            after = self.screen.grab()
            seen = []
            for changed in same_lines(changed_regions(before, after))[:4]:
                region, closed = self._changed_field(after, changed)
                if changed.w * changed.h > BIG_CHANGE * after.rect.w * after.rect.h:
                    continue  # a window that appeared is no typed text (keys typed while it came are lost or late)
                if step.mode == "replace" and not closed and _text_left_of(before, changed):
                    seen.append(f"right after text that was there before, at ({changed.x}, {changed.y})")
                    continue  # typed after a value no edge shows: not a replaced field
                text = self.reader.read_region(after, region, self._lang, line=True)  # type: ignore[attr-defined]
                seen.append(text.strip())
                whole = step.mode == "replace"
                if (_problem(text, step.text, whole=whole, contains=False) is None
                        or self._second_agrees(after, region, True, step.text, whole, False)):
                    return Typed()
            if self.clock.now() >= deadline:
                where = "; ".join(repr(s) for s in seen if s) or "nothing changed on the screen"
                raise ExpectationFailed(index, shown, f"typed {step.text!r}, but no field that changed holds it "
                                        f"(read {where})", self._shot(index, None, None, after))
            self.clock.sleep(self.poll)

    def _changed_field(self, frame: Frame, changed: Rect) -> tuple[Rect, bool]:
        """Where to read a change: its field's closed box (or underline) when it is one line high -- the whole
        field -- else the changed text itself; and whether that is a whole field."""
        height = max(12, min(changed.h, 40))
        box = box_at(frame, changed.center)
        if box is not None and box.rect.h <= LINE_LIMIT * height + 8:
            return box.inner(), True
        under = underlined_field(frame, changed, changed.center)
        if under is not None:
            return under, True
        return changed.grow(3), False

    # --- places ------------------------------------------------------------------------------------

    def _region(self, frame: Frame, field: FocusedField) -> tuple[Rect, str]:
        """Where the field's text is, and what kind of field it is: "line" (a box or an underline one line high),
        "area" (a taller box: a text area), or "none" -- no edge to see; then the line the click is on."""
        window = self._window_at(field.point)
        box = box_at(frame, field.point, within=window.rect if window else None)
        if box is not None:
            return box.inner(), "line" if box.rect.h <= LINE_LIMIT * field.height + 8 else "area"
        h = field.height
        if field.label is not None and (under := underlined_field(frame, field.label, field.point)) is not None:
            return under, "line"
        if field.label is not None:  # the value sits on the label's own line, right of it
            top, bottom, left, right = (field.label.y - 2, field.label.bottom + 2, field.label.right + 3,
                                        field.point.x + 10 * h)
        else:
            line = click_line(field.point, h)
            top, bottom, left, right = line.y, line.bottom, line.x, line.right
        if window is not None:
            left, right = max(left, window.rect.x), min(right, window.rect.right)
        return Rect(left, top, max(1, right - left), bottom - top), "none"

    def _settled(self, point: Point) -> Frame:
        """The screen once the clicked place stopped changing: a cell editor closing, a focus ring fading in."""
        area = Rect.centered(point, *SETTLE_AREA)
        frame = self.screen.grab()
        deadline = self.clock.now() + SETTLE
        while self.clock.now() < deadline:
            self.clock.sleep(self.poll / 2)
            again = self.screen.grab()
            if not changed_regions(frame, again, within=area):
                return again
            frame = again
        return frame

    def _second_agrees(self, frame: Frame, region: Rect, one_line: bool, typed: str, whole: bool,
                       contains: bool) -> bool:
        """Other, different readings of the field: an OCR slip ("Corer" for "Corner") rarely repeats in all.

        No reading turns a field that holds more or less than was typed into the typed text, so this
        only saves a right field from a misreading.
        """
        pixels, _ = frame.crop(region)
        for other in self._other_readings(typed):
            for line in (one_line, not one_line):  # as one line, and as a block: each reads what the other misses
                again = str(other.read_text(pixels, self._lang, line=line))  # type: ignore[attr-defined]
                if _problem(again, typed, whole=whole, contains=contains) is None:
                    return True
        return False

    def _other_readings(self, typed: str) -> list[Ocr]:
        """Tesseract's other readings; for Chinese (Japanese, Korean) text RapidOCR first, which reads small CJK
        text that chi_sim misses ("Brae" for 陈静)."""
        cjk = cjk_reader() if self.others and has_cjk(typed) else None
        return ([cjk] if cjk is not None else []) + list(self.others)

    def _read(self, frame: Frame, field: FocusedField, region: Rect, one_line: bool) -> str:
        if not holds_ink(frame, region):
            return ""
        return str(self.reader.read_region(frame, region, self._lang, line=one_line)).strip()  # type: ignore[attr-defined]

    def _window_at(self, point: Point) -> Window | None:
        return self.windows.at(point) if self.windows is not None else None

    def _app_at(self, point: Point) -> str:
        window = self._window_at(point)
        return window.app if window is not None else ""

    def _shot(self, index: int, point: Point | None, region: Rect | None, frame: Frame | None = None) -> str | None:
        frame = frame or self.screen.grab()
        return self.evidence.save(index, frame, Resolution(status="not_found", best=None,
                                                           searched=(region,) if region else ()), point)


BIG_CHANGE = 0.05  # of the screen: a change this large is a window or page that appeared, not typed text


def _text_left_of(before: Frame, changed: Rect) -> bool:
    """Whether the line showed text just left of where the typing appeared: typed after an existing value."""
    left = Rect(changed.x - 2 * max(8, changed.h), changed.y, 2 * max(8, changed.h) - 1, changed.h)
    return holds_ink(before, left)


def _typed_part(empty: Frame, now: Frame, region: Rect) -> Rect | None:
    """Where typing changed the field: the typed text (and the caret), a little grown."""
    changed = changed_regions(empty, now, within=region)
    if not changed:
        return None
    x0, y0 = min(r.x for r in changed), min(r.y for r in changed)
    x1, y1 = max(r.right for r in changed), max(r.bottom for r in changed)
    return Rect(x0 - 3, y0 - 3, x1 - x0 + 6, y1 - y0 + 6).intersect(region.grow(3))


def _emptying_plans(app: str, text_cursor: bool, held: int) -> list[tuple[str, list[tuple[str, ...]]]]:
    """How this kind of window empties a field, most usual first; nothing for a place that is no text field.

    Ctrl+A selects the line's start in a terminal and every cell in a spreadsheet, so those get their own.
    """
    backspaces = ("End, then Backspace", [("press", "end"), ("press", "backspace", str(held + 4))])
    if is_terminal(app):
        return [backspaces]
    if is_spreadsheet(app):
        return [("Delete", [("press", "delete")])]
    if text_cursor:
        return [("Ctrl+A, Backspace", [("hotkey", "ctrl", "a"), ("press", "backspace")]), backspaces]
    return []


def _empty(text: str) -> bool:
    """Nothing a person would call a value: no letters or digits, or only a caret read as a letter."""
    key = fold(text)
    return not any(ch.isalnum() for ch in key) or key in ("l", "i")


def _problem(seen: str, typed: str, *, whole: bool, contains: bool) -> str | None:
    """Why what was read is not what was typed, or None. A reading of several lines (a neighbour's edge caught
    in the crop) passes when one of its lines does: a value appended to another still sits on one line."""
    if contains:
        return None if fold(typed) in fold(seen) else f"typed {typed!r}, but the field reads {seen.strip()!r}"
    problem = field_mismatch(seen, typed, whole=whole)
    lines = [line for line in seen.splitlines() if line.strip()]
    if problem is not None and "\n" not in typed and len(lines) > 1:
        if any(field_mismatch(line, typed, whole=whole) is None for line in lines):
            return None
    return problem
