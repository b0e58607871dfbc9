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
    assert window.history.count() == 3 and window.history.item(0).text().endswith("(row 3)")
    weeks = window.history.weeks
    assert [weeks.item(0, c).text() for c in (1, 2, 3)] == ["1", "3", "2"]
