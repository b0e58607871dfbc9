"""if_visible costs what the screen's change costs: a still screen without the dialog ends the wait, a moving one
does not, and a step with a timeout of its own waits it whole. Played with fakes on a fake clock."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np

from deskpilot import model as m
from deskpilot.geometry import Point, Rect
from deskpilot.player.nesting import AT_LEAST, SETTLED
from deskpilot.player.runner import Player, PlayOptions
from deskpilot.ports import Frame, Window
from deskpilot.result import Resolution, StepResult
from tests.unit.fakes import NOT_FOUND, FakeClock, FakeDriver, FakeResolver, found_at, text_target

Paint = Callable[[float, np.ndarray], None]  # draws the screen as it is at a time


class TimedScreen:
    """Real pixels that follow the fake clock: a form, and whatever ``paint`` draws at the time of the grab."""

    def __init__(self, clock: FakeClock, paint: Paint | None = None) -> None:
        self.clock, self.paint = clock, paint

    def grab(self, region: Rect | None = None) -> Frame:
        self.clock.t += 0.05  # a grab and its OCR take time
        px = np.full((240, 400, 3), 236, np.uint8)
        px[100:126, 120:340] = 255  # a field
        px[108:120, 126:160] = 20  # its value
        if self.paint is not None:
            self.paint(self.clock.t, px)
        return Frame(px)

    def bounds(self) -> Rect:
        return Rect(0, 0, 400, 240)


class TimedWindows:
    """The window list: the form, and a dialog from ``dialog_at`` seconds on (mapped, maybe not drawn yet)."""

    def __init__(self, clock: FakeClock, dialog_at: float | None = None) -> None:
        self.clock, self.dialog_at = clock, dialog_at

    def all(self) -> list[Window]:
        form = [Window(1, "Form", Rect(0, 0, 400, 240))]
        if self.dialog_at is not None and self.clock.t >= self.dialog_at:
            return [*form, Window(2, "Confirm", Rect(100, 60, 200, 100))]
        return form

    def find(self, pattern: str) -> list[Window]:
        return [w for w in self.all() if w.title.startswith(pattern.lstrip("^"))]

    def at(self, point: Point) -> Window | None:
        return next((w for w in reversed(self.all()) if w.rect.contains(point)), None)


def play(clock: FakeClock, dialog: Callable[[int], Resolution], paint: Paint | None = None,
         windows: TimedWindows | None = None, timeout: float | None = None) -> tuple[StepResult, list[tuple[object, ...]]]:
    """An optional 'Are you sure?' with its Yes, then Tab: the if_visible step's result and what was input."""
    steps = (m.IfVisible(target=text_target("Are you sure?"), steps=(m.Click(target=text_target("Yes")),),
                         timeout=timeout), m.Press(key="tab"))
    routine = m.Routine(name="t", steps=steps, folder=Path("."))
    driver = FakeDriver()
    resolver = FakeResolver({"Are you sure?": dialog, "Yes": lambda n: found_at(150, 120)})
    report = Player(routine, driver=driver, resolver=resolver, screen=TimedScreen(clock, paint), clock=clock,
                    windows=windows, options=PlayOptions()).run()
    assert report.status == "passed", report.error
    return report.steps[0], driver.calls


def test_a_still_screen_without_the_dialog_skips_it_after_the_least_wait() -> None:
    step, calls = play(FakeClock(), lambda n: NOT_FOUND)
    assert "not visible: skipped" in step.description and calls == [("press", "tab", 1)]
    assert AT_LEAST <= step.seconds < AT_LEAST + 0.3 < m.IF_VISIBLE_TIMEOUT


def test_a_blinking_caret_is_no_change() -> None:
    def caret(t: float, px: np.ndarray) -> None:
        if int(t / 0.5) % 2 == 0:
            px[104:122, 162] = 20

    step, _ = play(FakeClock(), lambda n: NOT_FOUND, caret)
    assert "skipped" in step.description and step.seconds < AT_LEAST + 0.3


def test_a_screen_that_keeps_changing_is_looked_at_up_to_the_timeout() -> None:
    def busy(t: float, px: np.ndarray) -> None:  # a progress bar that grows
        px[200:210, 20 : 20 + int(t * 100)] = (200, 120, 40)

    step, _ = play(FakeClock(), lambda n: NOT_FOUND, busy)
    assert "skipped" in step.description and step.seconds >= m.IF_VISIBLE_TIMEOUT


def test_a_dialog_that_opens_slowly_while_the_screen_changes_is_found() -> None:
    """Still until 0.8 s, then the dialog draws itself until it reads at 1.5 s: later than a still screen's wait."""
    def opening(t: float, px: np.ndarray) -> None:
        if t >= 0.8:
            px[60 : 60 + min(100, int((t - 0.8) * 150)), 100:300] = 180  # the dialog coming down

    clock = FakeClock()
    step, calls = play(clock, lambda n: found_at(200, 80) if clock.t >= 1.5 else NOT_FOUND, opening)
    assert calls == [("click", Point(150, 120), "left", 1, ()), ("press", "tab", 1)]
    assert step.waited_seconds is not None and step.waited_seconds >= 1.5


def test_a_window_mapped_but_not_drawn_yet_keeps_the_search_going() -> None:
    clock = FakeClock()
    step, _ = play(clock, lambda n: NOT_FOUND, windows=TimedWindows(clock, dialog_at=0.9))
    assert "skipped" in step.description and step.seconds >= 0.9 + SETTLED


def test_a_timeout_of_its_own_is_the_most_it_waits_not_what_it_always_costs() -> None:
    """The recorded example's "timeout: 2" cost 2 s a row on a screen that had long settled."""
    step, _ = play(FakeClock(), lambda n: NOT_FOUND, timeout=3.0)
    assert "skipped" in step.description and AT_LEAST <= step.seconds < 1.5
    short, _ = play(FakeClock(), lambda n: NOT_FOUND, timeout=0.5)
    assert "skipped" in short.description and 0.5 <= short.seconds < 0.7


def test_a_dialog_is_looked_for_the_least_wait_on_a_screen_still_all_along() -> None:
    """Still from the start, but not given up before AT_LEAST: a busy application opens it at 0.9 s."""
    clock = FakeClock()
    step, calls = play(clock, lambda n: found_at(200, 80) if clock.t >= 0.9 else NOT_FOUND)
    assert calls[0][0] == "click" and step.waited_seconds is not None and 0.9 <= step.waited_seconds < AT_LEAST
