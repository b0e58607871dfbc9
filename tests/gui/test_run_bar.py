"""The run bar: step n of N and the step in words, Pause/Resume and Stop, rows of a data run in green and red;
and the bars kept out of what the player and the recorder see (painted over, left out of the window list)."""

from __future__ import annotations

import numpy as np

from deskpilot import model as m
from deskpilot.batch import RowResult
from deskpilot.geometry import Point, Rect
from deskpilot.ports import Backend, Frame, Window
from deskpilot.gui.own_windows import MaskedScreen, OwnWindows, WindowsWithout, masked
from deskpilot.gui.qt import QColor
from deskpilot.gui.run_bar import RunBar, key_text, row_line, status_colour
from deskpilot.player.batch import BatchSummary

STEPS = (m.Click(target=m.Target(anchors=(m.TextAnchor(text="Customer ID:", offset=(90.0, 0.0)),))),
         m.Type(text="{{ customer_id }}"), m.Press(key="enter"))


def test_step_n_of_n_the_sentence_and_stop(qtbot) -> None:  # type: ignore[no-untyped-def]
    bar = RunBar("Enter a customer", STEPS)
    qtbot.addWidget(bar)
    assert bar.title.text() == "Playing Enter a customer" and bar.log.isHidden() and bar.row.isHidden()
    bar.step_started(2, STEPS[1])
    assert bar.step.text() == "Step 2 of 3" and "customer" in bar.sentence.text().lower()
    bar.step_finished(2, "ok")
    assert bar.progress.value() == 2 and bar.progress.text() == "2 of 3 steps"
    with qtbot.waitSignal(bar.stop_requested, timeout=1000):
        bar.stop.click()
    assert bar.step.text() == "Stopping ..." and not bar.stop.isEnabled()


def test_pause_and_resume(qtbot) -> None:  # type: ignore[no-untyped-def]
    bar = RunBar("r", STEPS, first=2, last=3)
    qtbot.addWidget(bar)
    toggled: list[bool] = []
    bar.pause_toggled.connect(toggled.append)
    bar.pause.click()
    assert toggled == [True] and bar.pause.text() == "Resume"
    bar.paused(3)
    assert bar.step.text() == "Paused before step 3 of 3"
    bar.pause.click()
    assert toggled == [True, False] and bar.pause.text() == "Pause"
    assert bar.progress.maximum() == 2  # steps 2 and 3 only: Play from here


def test_a_data_run_shows_row_r_of_r_and_a_line_per_row(qtbot) -> None:  # type: ignore[no-untyped-def]
    bar = RunBar("claims", STEPS, rows=3)
    qtbot.addWidget(bar)
    assert bar.line() == "0 of 3 rows · 0 failed" and not bar.log.isHidden()
    bar.row_started(7, 1)
    assert bar.row.text() == "Row 1 of 3 (data row 7)"
    bar.row_finished(RowResult(row=7, status="ok", seconds=4.2), BatchSummary(total=3, ok=1))
    bar.row_started(8, 1)
    bar.row_started(8, 2)
    assert bar.row.text() == "Row 2 of 3 (data row 8, try 2)"
    bar.row_finished(RowResult(row=8, status="failed", error="claims.csv:3: give either --rows or --from-row, not "
                                                               "both; --rows 5-9 plays rows 5 to 9", seconds=3.0),
                     BatchSummary(total=3, ok=1, failed=1))
    assert bar.progress.value() == 2 and bar.line().startswith("2 of 3 rows · 1 failed · ")
    lines = [bar.log.item(i) for i in range(bar.log.count())]
    assert [i.text()[:1] for i in lines] == ["✓", "✗"]
    assert lines[0].foreground().color() == status_colour("ok") and lines[1].foreground().color() == status_colour(
        "failed")
    assert "--" not in lines[1].text() and "choose either some rows or a first row" in lines[1].text()
    assert row_line(RowResult(row=9, status="entered", seconds=1.0)).startswith("• row 9  entered, not confirmed")


def test_words_and_colours() -> None:
    assert key_text("ctrl+alt+shift+s") == "Ctrl+Alt+Shift+S" and key_text("F12") == "F12"
    assert status_colour("passed") == QColor("#2e7d32") and status_colour("aborted") == QColor("#b36b00")


class Grey:
    """A screen of one colour: what is painted over shows."""

    def bounds(self) -> Rect:
        return Rect(0, 0, 200, 100)

    def grab(self, region: Rect | None = None) -> Frame:
        r = region or self.bounds()
        return Frame(np.full((r.h, r.w, 3), 200, np.uint8), Point(r.x, r.y))


class Listed:
    def __init__(self) -> None:
        self.windows = [Window(id=1, title="Customer Master", rect=Rect(0, 0, 150, 100)),
                        Window(id=99, title="DeskPilot run", rect=Rect(150, 60, 50, 40))]

    def all(self) -> list[Window]:
        return list(self.windows)

    def find(self, title_pattern: str) -> list[Window]:
        return [w for w in self.windows if title_pattern in w.title]

    def at(self, point: Point) -> Window | None:
        hits = [w for w in self.windows if w.rect.contains(point)]
        return hits[-1] if hits else None


def test_the_bars_are_painted_over_and_left_out_of_the_window_list() -> None:
    screen = MaskedScreen(Grey(), lambda: [Rect(150, 60, 50, 40)])
    frame = screen.grab()
    assert frame.pixels[70, 160].tolist() == [0, 0, 0] and frame.pixels[10, 10].tolist() == [200, 200, 200]
    part = screen.grab(Rect(0, 0, 100, 50))  # a region away from the bar: untouched
    assert int(part.pixels.min()) == 200 and part.origin == Point(0, 0)
    windows = WindowsWithout(Listed(), lambda: frozenset({99}))
    assert [w.id for w in windows.all()] == [1] and windows.at(Point(170, 80)) is None
    assert [w.title for w in windows.find("DeskPilot")] == []


def test_a_shown_bar_is_tracked_and_the_backend_masks_it(qtbot) -> None:  # type: ignore[no-untyped-def]
    own = OwnWindows()
    bar = RunBar("r", STEPS)
    qtbot.addWidget(bar)
    own.track(bar)
    assert own.rects() == []  # not shown yet
    bar.show_in_corner()
    qtbot.waitUntil(lambda: own.rects() != [], timeout=2000)
    rect = own.rects()[0]
    assert rect.w >= 300 and int(bar.winId()) in own.ids()
    base = Backend(name="fake", check=lambda: None, screen=Grey, windows=Listed, input=lambda: None,  # type: ignore[arg-type]
                   hooks=None, hotkey=lambda stop, keys: None, pointer=lambda: None,  # type: ignore[arg-type]
                   accessibility=lambda: None)
    platform = masked(base, own)
    assert isinstance(platform.screen(), MaskedScreen) and isinstance(platform.windows(), WindowsWithout)
    bar.hide()
    assert own.rects() == []
