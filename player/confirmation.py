"""A routine's final check confirms this run only with what the application showed after the run's last action.

A status line that still reads "Saved claim" from the previous row, or a window title that had
no '*' to lose, would otherwise confirm a row the application never saved.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from deskpilot import model as m
from deskpilot.geometry import Rect
from deskpilot.ports import Frame
from deskpilot.result import Candidate
from deskpilot.vision.field import changed_regions

if TYPE_CHECKING:
    from deskpilot.player.searching import Found


def new_since_last_input(before: tuple[Frame, dict[int, str]] | None, found: Found) -> str | None:
    """Why the found confirmation is not this run's (it was there before the last action), or None."""
    if before is None:
        return None
    frame, titles = before
    best = found.resolution.best
    if best is None:
        return None
    if best.how == "window":
        window = best.found_text or ""
        if window and window in titles.values():
            return f"the window '{window}' looked like this before the last action: not this run's confirmation"
        return None
    if best.box is None:
        return None
    line = Rect(best.box.x - best.box.w, best.box.y - 2, 3 * best.box.w, best.box.h + 4)  # "Saved claim 7": its number
    if not changed_regions(frame, found.frame, within=line):
        return (f"{_quoted(best)} was on the screen already before the last action: it does not confirm this "
                "run; the application showed nothing new")
    return None


def final_and_last_input(routine: m.Routine) -> tuple[int | None, int | None]:
    """The 1-based index of the routine's final check and of the input step before it that saves."""
    final = routine.final_check()
    if final is None:
        return None, None
    at = next(i for i, s in enumerate(routine.steps) if s is final)
    saves = routine.commit_index()
    return at + 1, (saves + 1 if saves is not None and saves < at else None)


def _quoted(c: Candidate) -> str:
    return f'"{c.found_text}"' if c.found_text else c.how


