"""The recording bar: a red dot and the time, the step count, the stop and pause keys, each step as it comes,
the last click pending at once (the recorder holds a click until it knows no second click follows), and the
final check the recorder added; the recorder tells the bar what the person did through ``action_seen``."""

from __future__ import annotations

from pathlib import Path

from deskpilot import model as m
from deskpilot.gui.recording import RecordingBar, RecordWorker, _Relay, final_check_words
from deskpilot.input_events import RawEvent
from deskpilot.recorder.session import Recorder, RecordOptions
from tests.unit.fakes import FakeScreen


def click_at(x: int, y: int) -> m.Click:
    return m.Click(target=m.Target(anchors=(m.TextAnchor(text="Customer ID:", offset=(90.0, 0.0)),
                                            m.PointAnchor(at=(x, y)))))


def test_the_bar_shows_the_dot_the_time_the_count_and_the_keys(qtbot) -> None:  # type: ignore[no-untyped-def]
    bar = RecordingBar("ctrl+alt+shift+s", "ctrl+alt+shift+p")
    qtbot.addWidget(bar)
    assert bar.state.text() == "Starting ..." and "#9e9e9e" in bar.dot.styleSheet()  # grey until the hooks attach
    bar.set_state("recording")
    assert bar.dot.text() == "●" and "#d32f2f" in bar.dot.styleSheet() and bar.state.text() == "Recording"
    assert bar.keys.text() == "Stop: Ctrl+Alt+Shift+S · Pause: Ctrl+Alt+Shift+P"
    bar.elapsed, bar._since = 83.0, None  # 1:23 recorded, paused now
    bar._tick()
    assert bar.clock.text() == "1:23"
    bar.set_state("paused")
    assert bar.dot.text() == "❚❚" and bar.pause.isChecked() and bar.pause.text() == "Resume"
    assert bar.count.text() == "0 steps"
    bar.add_step(1, click_at(300, 120))
    assert bar.count.text() == "1 steps" and bar.steps.item(0).text().startswith("  1  ")


def test_a_click_is_pending_at_once_and_becomes_its_step_when_recorded(qtbot) -> None:  # type: ignore[no-untyped-def]
    bar = RecordingBar()
    qtbot.addWidget(bar)
    bar.set_state("recording")
    bar.action_seen("click", "300, 120")
    assert bar.steps.count() == 1 and "Click at (300, 120) (being recorded)" in bar.steps.item(0).text()
    assert bar.steps.item(0).font().italic() and bar.count.text() == "0 steps"  # not a step yet
    bar.action_seen("click", "300, 120")  # the second click of a double click: the same pending line
    assert bar.steps.count() == 1 and "Double-click at (300, 120)" in bar.steps.item(0).text()
    bar.action_seen("type", "")
    bar.add_step(1, click_at(300, 120))  # the click's step arrives: it takes the pending click's place
    assert [bar.steps.item(i).text().strip()[:1] for i in range(2)] == ["1", "…"]
    assert not bar.steps.item(0).font().italic() and bar.count.text() == "1 steps"
    bar.add_step(2, m.WaitFor(target=m.Target(anchors=(m.WindowAnchor(window="^Save$", point=(1, 1)),))))
    assert bar.steps.item(1).text().startswith("  2  ") and "Typing" in bar.steps.item(2).text()  # before the pending
    bar.add_step(3, m.Type(text="G-1"))
    assert bar.steps.count() == 3 and not bar.pending
    bar.action_seen("click", "500, 400")  # the last click: shown now, recorded only after Stop
    assert "Click at (500, 400)" in bar.steps.item(3).text()


def test_the_final_check_is_announced(qtbot) -> None:  # type: ignore[no-untyped-def]
    bar = RecordingBar()
    qtbot.addWidget(bar)
    bar.action_seen("key", "enter")
    check = m.WaitFor(target=m.Target(anchors=(m.TextAnchor(text="Saved"),)))
    bar.add_final_check(check)
    assert not bar.pending and bar.steps.count() == 1 and "Final check:" in bar.steps.item(0).text()
    assert "Saved" in bar.steps.item(0).text() and bar.count.text() == "1 steps"
    assert "Saved" in final_check_words(check) and "entered, not confirmed" in final_check_words(None)
    bar.add_final_check(None)
    assert "No confirmation was seen" in bar.steps.item(1).text()


def test_the_recorder_tells_what_it_saw_before_it_is_a_step(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    worker = RecordWorker("x", tmp_path, "eng", lambda: [])
    seen: list[tuple[str, str]] = []
    worker.action_seen.connect(lambda kind, detail: seen.append((kind, detail)))
    recorder = Recorder(RecordOptions(name="x", out=tmp_path), hooks=object(), screen_factory=lambda: FakeScreen(),
                        ocr=None, windows=None, listener=_Relay(worker))  # type: ignore[arg-type]
    recorder._tell_seen(RawEvent(t=1.0, kind="press", x=300, y=120, button="left"), typing_started=False)
    recorder._tell_seen(RawEvent(t=1.5, kind="key_down", key="G", char="G"), typing_started=True)
    recorder._tell_seen(RawEvent(t=2.0, kind="key_down", key="enter"), typing_started=False)
    recorder._tell_seen(RawEvent(t=2.5, kind="key_down", key="x", char="x"), typing_started=False)  # inside typing
    assert seen == [("click", "300, 120"), ("type", ""), ("key", "enter")]  # never the typed characters
