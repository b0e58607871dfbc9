"""Run with data from the window: a data problem is one message, and nothing plays or is written."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from deskpilot.gui.batch_run import BatchDialog
from deskpilot.gui.main_window import EXAMPLES, MainWindow
from deskpilot.gui.run_bar import RunBar


def test_a_missing_column_is_one_message_and_nothing_starts(qtbot, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    from deskpilot.gui import main_window

    shutil.copytree(EXAMPLES / "expense-claims", tmp_path / "claims")
    data = tmp_path / "claims.csv"
    data.write_text("claimant,date,category,Amount\nDora,2026-11-04,Taxi,12.00\n", encoding="utf-8")
    shown: list[str] = []
    monkeypatch.setattr(main_window.QMessageBox, "warning", lambda *a: shown.append(a[2]))
    win = MainWindow(tmp_path)
    qtbot.addWidget(win)
    win.open(tmp_path / "claims" / "routine.yaml")
    dialog = BatchDialog(win, str(data))
    assert not win.start_batch(dialog)
    assert len(shown) == 1 and "claims.csv" in shown[0] and "'amount'" in shown[0] and "'Amount'" in shown[0]
    assert win._thread is None and not (tmp_path / "claims.results.csv").exists()


def test_the_policy_choice_and_the_bar_line() -> None:
    dialog = BatchDialog(None, "x.csv")
    dialog.policy.setCurrentIndex(dialog.policy.findData("retry:3"))
    request = dialog.request()
    assert request.policy.mode == "retry" and request.policy.retries == 3 and request.data == Path("x.csv")
    bar = RunBar("claims", [], rows=20)
    assert bar.line() == "0 of 20 rows · 0 failed"
