"""Runs from the window on the one run path (a fake session): the job runner, the history and its weekly figure."""

from __future__ import annotations

from pathlib import Path

import pytest

from deskpilot.gui.batch_run import BatchDialog
from deskpilot.gui.job_runner import Job, JobRunner
from deskpilot.gui.main_window import MainWindow
from deskpilot.gui.qt import QObject
from deskpilot.player.history import all_runs
from tests.unit.player.run_fakes import CLAIMS, Opener, claims_recording


class Sum(Job):
    def __init__(self, numbers: list[int]) -> None:
        super().__init__()
        self.numbers = numbers

    def work(self) -> int:
        if not self.numbers:
            raise ValueError("nothing to add")
        return sum(self.numbers)


def test_the_job_runner_runs_one_job_at_a_time_and_cleans_up(qtbot) -> None:  # type: ignore[no-untyped-def]
    owner = QObject()
    runner = JobRunner(owner)
    got: list[object] = []
    assert runner.start(Sum([1, 2]), finished=got.append, failed=got.append)
    assert runner.busy and not runner.start(Sum([3]), finished=got.append, failed=got.append)
    qtbot.waitUntil(lambda: not runner.busy, timeout=5000)
    assert got == [3] and runner.worker_thread is None and runner.job is None
    assert runner.start(Sum([]), finished=got.append, failed=got.append)  # a bug is a message, not a hung window
    qtbot.waitUntil(lambda: not runner.busy, timeout=5000)
    assert got == [3, "ValueError: nothing to add"]


@pytest.fixture
def window(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> MainWindow:  # type: ignore[no-untyped-def]
    from deskpilot.gui import values_dialog
    from deskpilot.player import run

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("DESKPILOT_SECRET_PASSWORD", "pw")
    monkeypatch.setattr(run, "_open_session", Opener())
    asked: list[list[str]] = []

    def answer(dialog: values_dialog.ValuesDialog) -> int:  # the person fills the form and presses OK
        asked.append(list(dialog.edits))
        dialog.edits["claimant"].setText("Anna")
        return 1

    monkeypatch.setattr(values_dialog.ValuesDialog, "exec", answer)
    claims_recording(tmp_path / "claims", CLAIMS)
    win = MainWindow(tmp_path)
    win.asked = asked  # type: ignore[attr-defined]
    qtbot.addWidget(win)
    win.open(tmp_path / "claims" / "routine.yaml")
    return win


def test_a_run_asks_once_plays_and_shows_its_run_and_week(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.play(1)
    assert window._thread is not None and window._worker is not None
    qtbot.waitUntil(lambda: window._thread is None, timeout=10000)
    assert window.asked == [["claimant"]]  # type: ignore[attr-defined]  # the password came from the environment
    assert window.statusBar().currentMessage().startswith("Run passed in ")
    assert [(e.status, e.row) for e in all_runs()] == [("passed", None)]
    assert window.history.count() == 1 and "passed" in window.history.item(0).text()
    weeks = window.history.weeks
    assert weeks.rowCount() == 1 and [weeks.item(0, c).text() for c in (1, 2, 3)] == ["1", "0", "1"]


def test_a_data_run_puts_every_row_in_the_runs_panel(window: MainWindow, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    dialog = BatchDialog(window, str(tmp_path / "claims" / "claims.csv"))
    dialog.policy.setCurrentIndex(dialog.policy.findData("skip"))
    assert window.start_batch(dialog)
    assert window._batch is not None
    qtbot.waitUntil(lambda: window._batch is None, timeout=10000)
    assert window.last_batch is not None and (window.last_batch.ok, window.last_batch.failed) == (2, 1)
    assert "2 ok, 1 failed of 3 rows" in window.statusBar().currentMessage()
    assert window.asked == []  # type: ignore[attr-defined]  # nothing to ask: the secret is set, the rest are columns
    assert [(e.status, e.row) for e in all_runs()] == [("passed", 1), ("failed", 2), ("passed", 3)]
    assert window.history.count() == 1  # one data run, its rows under it
    lines = window.history.lines()
    assert "data run: 2 of 3 rows done, 1 not done" in lines[0] and len(lines) == 4
    assert [line.endswith(f"(row {n})") for n, line in enumerate(lines[1:], start=1)] == [True, True, True]
    assert "saved" in lines[0] and "saved" in lines[1] and "saved" not in lines[2]  # rows 1 and 3 saved time
    weeks = window.history.weeks
    assert [weeks.item(0, c).text() for c in (1, 2, 3)] == ["1", "3", "2"]


# --- the run bar, the result and what the window says after a run -------------------------------------------------


@pytest.fixture
def platform(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The machine the player sees: no real display; its windows are the titles in the list returned."""
    import dataclasses

    from deskpilot.gui.runs import RunControl
    from deskpilot.ports import Window
    from tests.unit.player.run_fakes import FAKE_BACKEND

    titles: list[str] = ["Expense Claims - ACME ERP"]

    class Listed:
        def all(self) -> list[Window]:
            return [Window(id=i, title=t, rect=None) for i, t in enumerate(titles)]  # type: ignore[arg-type]

    monkeypatch.setattr(RunControl, "platform", lambda self: dataclasses.replace(FAKE_BACKEND, windows=Listed))
    return titles


def test_a_run_shows_the_run_bar_and_a_failure_the_result(window: MainWindow, qtbot, platform: list[str]) -> None:  # type: ignore[no-untyped-def]
    seen: list[str] = []
    window.runs._on_step_started = lambda index, step, f=window.runs._on_step_started: (  # type: ignore[method-assign]
        f(index, step), seen.append(window.runs.run_bar.step.text()))
    window.ask_values = lambda routine, rows=False: {"claimant": "Ben", "password": "pw"}  # type: ignore[method-assign]
    window.play(1)
    bar = window.runs.run_bar
    assert bar is not None and bar.isVisible() and bar.title.text() == "Playing Enter claims"
    assert window.isMinimized()
    qtbot.waitUntil(lambda: window._thread is None, timeout=10000)
    assert window.runs.run_bar is None and window.runs.own.rects() == []  # gone with the run
    result = window.runs.result
    assert result is not None and result.isVisible()
    assert result.headline.text() == "✗ Failed at step 1 of 4"
    assert result.reason.text().startswith("'Ben' did not appear within 0.2 s.")  # the value the run looked for
    assert result.explained is not None and result.explained.kind == "not-found"
    assert window.model is not None and window.model.current is None
    assert window.statusBar().currentMessage().startswith("Run failed in ")
    report_dir = result.outcome.report_dir
    assert result.picture.source is not None and (report_dir / "step-001.png").is_file()
    view = window.runs.open_report(report_dir)
    assert "Enter claims" in view.browser.toPlainText()


def test_run_again_plays_the_same_run_and_find_now_closes_the_result(window: MainWindow, qtbot,  # type: ignore[no-untyped-def]
                                                                     platform: list[str]) -> None:
    window.select_row(1)
    window.play(2, stop_after=2)  # Run this step
    qtbot.waitUntil(lambda: window._thread is None, timeout=10000)
    assert window.runs.last_play == (2, 2)
    assert window.runs.result is not None and window.runs.result.headline.text() == "✓ Step 2 passed"
    window.runs.result.run_again.click()
    assert window._worker is not None and window._worker.options.start_at == 2
    assert window._worker.options.stop_after == 2
    qtbot.waitUntil(lambda: window._thread is None, timeout=10000)
    found: list[int] = []
    window.find_now = lambda: found.append(window.selected_row())  # type: ignore[method-assign]
    window.runs._find_now(0)
    assert found == [0] and window.runs.result is not None and not window.runs.result.isVisible()


def test_stop_on_the_run_bar_stops_the_run(window: MainWindow, qtbot, platform: list[str]) -> None:  # type: ignore[no-untyped-def]
    window.play(1)
    bar = window.runs.run_bar
    assert bar is not None
    bar.stop.click()  # before the window is out of the way: the first step hears it
    qtbot.waitUntil(lambda: window._thread is None, timeout=10000)
    result = window.runs.result
    assert result is not None and result.headline.text().startswith("Stopped at step 1")
    assert result.reason.text() == "You stopped the run."


def test_the_outcome_is_cleared_when_another_recording_opens(window: MainWindow, qtbot, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                              platform: list[str]) -> None:
    window.play(1)
    qtbot.waitUntil(lambda: window._thread is None, timeout=10000)
    assert window.statusBar().currentMessage().startswith("Run passed in ")
    claims_recording(tmp_path / "other", CLAIMS)
    window.open(tmp_path / "claims" / "routine.yaml")  # the same one again: the outcome stays
    assert window.statusBar().currentMessage().startswith("Run passed in ")
    window.open(tmp_path / "other" / "routine.yaml")
    assert window.statusBar().currentMessage() == "" and window.runs.result is None


def test_a_data_run_shows_its_rows_and_the_failed_ones_reason(window: MainWindow, qtbot, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                              platform: list[str]) -> None:
    rows: list[str] = []
    dialog = BatchDialog(window, str(tmp_path / "claims" / "claims.csv"))
    dialog.policy.setCurrentIndex(dialog.policy.findData("skip"))
    assert dialog.columns.item(0).text() == "✓ claimant ← column 'claimant'"
    assert window.start_batch(dialog)
    bar = window.runs.run_bar
    assert bar is not None and bar.rows == 3 and not bar.log.isHidden()
    # each line as the bar shows it, heard on the GUI thread (a patched slot would run on the worker's and crash Qt)
    bar.log.model().rowsInserted.connect(lambda _parent, first, _last: rows.append(bar.log.item(first).text()))
    qtbot.waitUntil(lambda: window._batch is None, timeout=10000)
    assert [line[:7] for line in rows] == ["✓ row 1", "✗ row 2", "✓ row 3"]
    result = window.runs.result
    assert result is not None and result.headline.text() == "✗ 2 of 3 rows done, 1 failed"
    assert [result.lines.item(i).text()[:7] for i in range(result.lines.count())] == ["✓ row 1", "✗ row 2", "✓ row 3"]
    assert result.reason.text().startswith("'Ben' did not appear") and result.outcome.failure_dir is not None
    assert result.outcome.failure_dir.name == "row-0002" and (result.outcome.failure_dir / "step-001.png").is_file()
    assert "claims.results.csv" in result.subline.text()


def test_the_windows_dialogs_go_with_it_when_a_run_starts(window: MainWindow, qtbot, platform: list[str]) -> None:  # type: ignore[no-untyped-def]
    window.show()
    window.play(1)
    qtbot.waitUntil(lambda: window._thread is None, timeout=10000)
    result = window.runs.result
    assert result is not None and result.isVisible()
    report = window.runs.open_report(result.outcome.report_dir)
    window.play(1)  # F5 with the result open: it must not stand over the application being played
    assert not result.isVisible() and not report.isVisible()
    qtbot.waitUntil(lambda: window._thread is None, timeout=10000)


def test_unsaved_edits_do_not_run_where_only_approved_versions_may(window: MainWindow, qtbot, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    from deskpilot.gui.qt import QMessageBox

    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text, *a: warned.append(text))
    policy = tmp_path / "policy.yaml"
    policy.write_text("require: approved\n", encoding="utf-8")
    monkeypatch.setenv("DESKPILOT_POLICY", str(policy))
    assert window.doc is not None
    window.doc.duplicate(0)  # an edit the approval never saw
    window.play(1)
    assert window._thread is None and window.asked == []  # type: ignore[attr-defined]  # nothing started, nothing asked
    assert len(warned) == 1 and "approved versions only" in warned[0]
    window.doc.undo.undo()  # clean again: closing the window asks nothing
