"""Executors of the steps that act on the application: click, drag, scroll, type, press, hotkey.

A mixin of the player, like ``Searching``: each ``_do_<kind>`` finds its target on the live
screen, then drives the input; a click remembers the field it focused, for the type step after it.
"""

from __future__ import annotations

import dataclasses

from deskpilot import model as m
from deskpilot.geometry import Point
from deskpilot.errors import TargetNotFound
from deskpilot.ports import Accessibility, Input, Pointer, WindowList
from deskpilot.vision.elements import MENU_ROLES, same_element
from deskpilot.variables import uses_any
from deskpilot.window_kinds import is_spreadsheet, is_terminal
from deskpilot.player.fields import FieldTypist, FocusedField
from deskpilot.player.focus import KEEP_FOCUS, KEEP_FOCUS_HOTKEYS, focused, landing_problem
from deskpilot.player.searching import Context, Found, Searching
from deskpilot.player.tree_typing import TreeTypist


MENU_SETTLE = 0.4  # seconds after the click that opened a menu before one of its items is clicked


class Acting(Searching):
    """The input part of the player."""

    driver: Input
    windows: WindowList | None
    pointer: Pointer | None
    typist: FieldTypist
    tree_typist: TreeTypist | None  # where the accessibility tree reads fields back
    access: Accessibility | None
    _field: FocusedField | None  # where the last click put the keyboard focus

    def _do_click(self, index: int, step: m.Click, ctx: Context) -> None:
        found = self._find(index, step, step.target, ctx, accept=lambda f: landing_problem(
            f.frame, f.point, f.resolution, step.target) or self._landing_element(f))
        if self.options.dry_run:
            return
        self._into_menu(found)
        text_cursor, found = self._text_cursor(index, step, found)
        self.driver.click(found.point, button=step.button, clicks=step.clicks, modifiers=step.modifiers)
        self._clicked_at = self.clock.now()
        self._field = None
        window = self.windows.at(found.point) if self.windows is not None else None
        takes_typing = text_cursor or self.pointer is None or (window is not None and (
            is_spreadsheet(window.app) or is_terminal(window.app)))
        if step.button == "left" and not step.modifiers and takes_typing:  # a button or a menu item is no field
            self._field = focused(found, step.target, text_cursor, window.id if window is not None else None)

    def _into_menu(self, found: Found) -> None:
        """Into an open menu as a person goes: down its column first, then along the item's row.

        A straight line from a menu's title to an item off to the side crosses the next title, and an
        open menu bar switches to that title's menu (galculator's View menu took the click meant for Edit's
        "Copy Display Value"). The tree names the item before a person could click it, and GTK ignores a click
        within a moment of the menu opening: a person's pause after the click that opened it, no more."""
        best = found.resolution.best
        if best is None or best.element is None or best.element.role not in MENU_ROLES:
            return
        left = MENU_SETTLE - (self.clock.now() - getattr(self, "_clicked_at", -MENU_SETTLE))
        if left > 0:
            self.clock.sleep(left)
        now = self.driver.pointer()
        if found.point.y > now.y and abs(found.point.x - now.x) > 4:
            self.driver.move(Point(now.x, found.point.y))

    def _landing_element(self, found: Found) -> str | None:
        """A place found by its element must have that element on top there: nothing covers it, it did not move."""
        best = found.resolution.best
        if best is None or best.element is None or self.access is None:
            return None
        there = self.access.element_at(found.point)
        if there is None or same_element(there, best.element) or best.element.rect.contains(there.rect.center):
            return None  # no answer is no evidence; a part of the element (a Qt filler) is the element
        return (f"the click at ({found.point.x}, {found.point.y}) would land on {there.role} '{there.name}', "
                f"not on {best.element.role} '{best.element.name or best.element.label or ''}'")

    def _text_cursor(self, index: int, step: m.Click, found: Found) -> tuple[bool, Found]:
        """Whether the pointer shows a text cursor at the place; a step recorded over a field requires one.

        Found by its label, the place may overshoot the field when the font grew more than the field did
        (the offset scales with the text, a field's width often does not): then the points between the
        label and that place, on the label's row, are tried, nearest the place first."""
        if self.pointer is None:
            return False, found
        for n, point in enumerate(_along_the_row(found)):
            self.driver.move(point)  # the pointer shows what is under it only once it is there
            if self._shows_text_cursor(0.6 if step.cursor == "text" and n == 0 else 0.15 if n else 0.0):
                return True, dataclasses.replace(found, point=point)
            if step.cursor != "text":
                return False, found
        shot = self.evidence.save(index, self.screen.grab(), found.resolution, found.point)
        raise TargetNotFound(index, self._shown, f"no field at ({found.point.x}, {found.point.y}): the pointer "
                             "shows no text cursor there, as it did when this was recorded", shot)

    def _shows_text_cursor(self, wait: float) -> bool:
        assert self.pointer is not None
        deadline = self.clock.now() + wait
        while True:
            if self.pointer.shape() == "text":
                return True
            if self.clock.now() >= deadline:
                return False
            self.clock.sleep(0.05)

    def _do_drag(self, index: int, step: m.Drag, ctx: Context) -> None:
        start = self._find(index, step, step.source, ctx)
        end = self._find(index, step, step.dest, ctx)
        if not self.options.dry_run:
            self.driver.drag(start.point, end.point, button=step.button)

    def _do_scroll(self, index: int, step: m.Scroll, ctx: Context) -> None:
        at = self._find(index, step, step.target, ctx).point if step.target else None
        if not self.options.dry_run:
            self.driver.scroll(step.clicks, at)

    def _do_type(self, index: int, step: m.Type, ctx: Context) -> None:
        if self.options.dry_run:
            return
        if self._field is not None and self.windows is not None and self._field.window is not None:
            now = self.windows.at(self._field.point)
            if now is None or now.id != self._field.window:
                self._field = None  # a window opened over the clicked field since: the focus is elsewhere
        secret = uses_any(step, self.routine.secrets) or step.text in self._secret_values(ctx)
        tree = self.tree_typist.holds(self._field) if self.tree_typist is not None else None
        if tree is not None and self._field is not None and self.tree_typist is not None:
            window = self.windows.at(self._field.point) if self.windows is not None else None
            typed = self.tree_typist.type(index, self._shown, step, self._field, tree, window.app if window else "",
                                          secret=secret)
        else:
            typed = self.typist.type(index, self._shown, step, self._field, secret=secret)
        if typed.emptied is not None:
            ctx.result.description += f" (emptied first: {typed.how})"
        elif typed.how:
            ctx.result.description += f" ({typed.how})"

    def _secret_values(self, ctx: Context) -> set[str]:
        return {ctx.values[name] for name in self.routine.secrets if name in ctx.values}

    def _do_press(self, index: int, step: m.Press, ctx: Context) -> None:
        if not self.options.dry_run:
            self.driver.press(step.key, step.count)
        if step.key not in KEEP_FOCUS:
            self._field = None

    def _do_hotkey(self, index: int, step: m.Hotkey, ctx: Context) -> None:
        if not self.options.dry_run:
            self.driver.hotkey(step.keys)
        if step.keys not in KEEP_FOCUS_HOTKEYS:
            self._field = None


def _along_the_row(found: Found, step_px: int = 24) -> list[Point]:
    """The found place, then -- when it was found right of a label -- points back toward the label's end."""
    best = found.resolution.best
    points = [found.point]
    if best is None or best.how != "text" or best.box is None or found.point.x <= best.box.right:
        return points
    x = found.point.x - step_px
    while x > best.box.right + 6:
        points.append(Point(x, found.point.y))
        x -= step_px
    return points

