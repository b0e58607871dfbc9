"""The Runs panel: a run per line, a data run with its rows under it, nothing cut off (sized columns, whole
tooltips), and a double click showing the report inside the window."""

from __future__ import annotations

from pathlib import Path

import pytest

from deskpilot.result import RunReport
from deskpilot.gui.history_panel import HistoryPanel, group_runs
from deskpilot.gui.qt import QHeaderView
from deskpilot.gui.report_view import ReportView
from deskpilot.player.history import record_run, runs_of
from deskpilot.player.report import write_report


def run(started: str, status: str = "passed", seconds: float = 10.0, confirmed: bool | None = True) -> RunReport:
    return RunReport(routine="Enter claims", started=started, status=status, seconds=seconds, manual_seconds=40,
                     confirmed=confirmed if status == "passed" else None)


@pytest.fixture
def history(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    folder = tmp_path / "claims"
    folder.mkdir()
    record_run(folder, run("2026-11-23T09:00:00+01:00"), None)
    for row, status in ((1, "passed"), (2, "failed"), (3, "passed")):
        reports = tmp_path / f"row-{row}"
        write_report(run(f"2026-11-24T10:0{row}:00+01:00", status), reports)
        record_run(folder, run(f"2026-11-24T10:0{row}:00+01:00", status), reports, data_run="abc", row=row)
    record_run(folder, run("2026-11-25T11:00:00+01:00", "failed", 3.0), None)
    return folder


def test_a_data_run_is_one_line_with_its_rows_under_it(qtbot, history: Path) -> None:  # type: ignore[no-untyped-def]
    panel = HistoryPanel()
    qtbot.addWidget(panel)
    panel.show_runs(history)
    assert panel.count() == 3  # the failed run, the data run, the first run: newest first
    assert [len(g) for g in group_runs(runs_of(history))] == [1, 3, 1]
    lines = panel.lines()
    assert lines[0] == "2026-11-25 11:00  failed  3.0 s"
    assert lines[1] == "2026-11-24 10:01  data run: 2 of 3 rows done, 1 not done, 30.0 s, saved 1 min 00 s"
    assert lines[2:5] == ["2026-11-24 10:01  passed  10.0 s, saved 30 s  (row 1)",
                          "2026-11-24 10:02  failed  10.0 s  (row 2)",
                          "2026-11-24 10:03  passed  10.0 s, saved 30 s  (row 3)"]
    assert lines[5] == "2026-11-23 09:00  passed  10.0 s, saved 30 s"
    data_run = panel.item(1)
    assert data_run.childCount() == 3 and data_run.text(4) == "3 rows" and data_run.text(1) == "2 of 3 rows done"
    weeks = panel.weeks
    assert [weeks.item(0, c).text() for c in range(5)] == ["2026-W48", "3", "3", "3", "1 min 30 s"]


def test_nothing_is_cut_off(qtbot, history: Path) -> None:  # type: ignore[no-untyped-def]
    panel = HistoryPanel()
    qtbot.addWidget(panel)
    panel.show_runs(history)
    header = panel.runs.header()
    assert all(header.sectionResizeMode(j) == QHeaderView.ResizeMode.ResizeToContents for j in range(4))
    row = panel.item(1).child(1)
    assert row.toolTip(0).startswith("2026-11-24 10:02  failed  10.0 s  (row 2)\nreport: ")
    assert all(row.toolTip(j) == row.toolTip(0) for j in range(5))


def test_a_double_click_shows_the_report_inside_the_window(qtbot, history: Path, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    from deskpilot.gui.qt import QDesktopServices

    monkeypatch.setattr(QDesktopServices, "openUrl", lambda *a: pytest.fail("handed to another program"))
    panel = HistoryPanel()
    qtbot.addWidget(panel)
    panel.show_runs(history)
    row = panel.item(1).child(1)
    panel.runs.itemActivated.emit(row, 0)
    views = [v for v in panel.views if isinstance(v, ReportView)]
    assert len(views) == 1 and views[0].isVisible()
    assert views[0].path.text() == f"Report: {tmp_path / 'row-2' / 'report.html'}"
    assert "Enter claims" in views[0].browser.toPlainText()
    panel.runs.itemActivated.emit(panel.item(1), 0)  # the data run's line: its first row that was not done
    assert panel.views[-1].path.text().endswith(str(Path("row-2") / "report.html"))
    panel.runs.itemActivated.emit(panel.item(0), 0)  # a run without a report: nothing opens
    assert len(panel.views) == 2
