"""The input driver's timing, against a fake pyautogui: glide, rest, then press; a double-click never moves."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest

from deskpilot.geometry import Point
from deskpilot.platform.x11 import input as d


class FakeGui:
    FailSafeException = RuntimeError
    FAILSAFE_POINTS = [(0, 0)]

    def __init__(self) -> None:
        self.calls: list[tuple[Any, ...]] = []
        self.at = (10, 10)

    def position(self) -> SimpleNamespace:
        return SimpleNamespace(x=self.at[0], y=self.at[1])

    def moveTo(self, x: int, y: int) -> None:  # noqa: N802 - pyautogui's own name
        self.at = (x, y)
        self.calls.append(("move", x, y))

    def mouseDown(self, button: str = "left") -> None:  # noqa: N802
        self.calls.append(("down", button))

    def mouseUp(self, button: str = "left") -> None:  # noqa: N802
        self.calls.append(("up", button))

    def keyDown(self, key: str) -> None:  # noqa: N802
        self.calls.append(("keydown", key))

    def keyUp(self, key: str) -> None:  # noqa: N802
        self.calls.append(("keyup", key))


@pytest.fixture
def gui(monkeypatch: pytest.MonkeyPatch) -> FakeGui:
    fake = FakeGui()
    monkeypatch.setattr(d, "_import_pyautogui", lambda: fake)
    monkeypatch.setattr(d.time, "sleep", lambda s: fake.calls.append(("sleep", s)))
    return fake


def test_a_click_glides_there_rests_and_then_presses(gui: FakeGui) -> None:
    d.PyAutoGuiInput().click(Point(410, 210))
    moves = [c for c in gui.calls if c[0] == "move"]
    assert len(moves) >= 3 and moves[-1] == ("move", 410, 210)  # several motion events, not one jump
    first_down = gui.calls.index(("down", "left"))
    assert ("sleep", d.SETTLE) in gui.calls[:first_down]  # a rest before the press
    assert gui.calls[first_down:] == [("down", "left"), ("sleep", d.PRESS_HOLD), ("up", "left")]


def test_a_double_click_is_two_presses_in_place_well_within_the_interval(gui: FakeGui) -> None:
    d.PyAutoGuiInput().click(Point(50, 60), clicks=2)
    first_down = gui.calls.index(("down", "left"))
    after = gui.calls[first_down:]
    assert [c[0] for c in after if c[0] != "sleep"] == ["down", "up", "down", "up"]  # no motion between
    assert sum(s for kind, *rest in after if kind == "sleep" for s in rest) < 0.3
