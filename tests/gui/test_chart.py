"""The time-saved chart: hours saved per recording per week (runs and data rows, as ``weekly_savings`` counts
them), failures beside them, exported as CSV; reached from the Runs panel."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from deskpilot.gui.history_panel import HistoryPanel
from deskpilot.gui.qt import QFileDialog
from deskpilot.gui.time_chart import TimeChart, TimeChartDialog, csv_text, series_of, week_figures
from deskpilot.player.history import RunEntry

TODAY = dt.date(2026, 12, 2)  # a Wednesday of 2026-W49


def entry(recording: str, started: str, status: str = "passed", saved: float | None = 1800.0, *,
          data_run: str | None = None, row: int | None = None, name: str = "") -> RunEntry:
    return RunEntry(recording=recording, started=started, status=status, seconds=60.0,
                    saved_seconds=saved if status == "passed" else None, report=None, name=name or Path(recording).name,
                    confirmed=True if status == "passed" else None, data_run=data_run, row=row)


HISTORY = [
    entry("/r/claims", "2026-11-24T10:00:00+01:00", name="Enter claims"),  # W48: 0.5 h
    entry("/r/claims", "2026-11-25T10:00:00+01:00", "failed", name="Enter claims"),
    entry("/r/claims", "2026-12-01T09:00:00+01:00", saved=900.0, data_run="d1", row=1, name="Enter claims"),  # W49
    entry("/r/claims", "2026-12-01T09:01:00+01:00", "failed", data_run="d1", row=2, name="Enter claims"),
    entry("/r/claims", "2026-12-01T09:02:00+01:00", saved=900.0, data_run="d1", row=2, name="Enter claims"),  # retried
    entry("/r/claims", "2026-12-01T09:03:00+01:00", "failed", data_run="d1", row=3, name="Enter claims"),
    entry("/r/customer", "2026-12-02T08:00:00+01:00", saved=3600.0, name="Customer master"),  # W49: 1 h
    entry("/r/customer", "2020-01-01T08:00:00+01:00", saved=3600.0, name="Customer master"),  # long ago: left out
]


def test_the_figures_are_the_historys_weeks_with_the_failures() -> None:
    figures = week_figures(HISTORY, today=TODAY)
    got = [(f.name, f.week, f.runs, f.rows, f.passed, f.failed, f.hours_saved) for f in figures]
    assert got == [("Customer master", "2026-W49", 1, 0, 1, 0, 1.0),
                   ("Enter claims", "2026-W48", 2, 0, 1, 1, 0.5),
                   ("Enter claims", "2026-W49", 1, 3, 2, 1, 0.5)]  # row 2 passed on its retry; row 3 failed


def test_the_series_values(qtbot) -> None:  # type: ignore[no-untyped-def]
    weeks, hours, failed = series_of(week_figures(HISTORY, today=TODAY))
    assert weeks == ["2026-W48", "2026-W49"]
    assert hours == {"Customer master": [0.0, 1.0], "Enter claims": [0.5, 0.5]}
    assert failed == {"Customer master": [0.0, 0.0], "Enter claims": [1.0, 1.0]}
    chart = TimeChart(HISTORY, today=TODAY)
    qtbot.addWidget(chart)
    series = chart.saved_chart.series()[0]
    assert [(s.label(), [s.at(i) for i in range(s.count())]) for s in series.barSets()] == [
        ("Customer master", [0.0, 1.0]), ("Enter claims", [0.5, 0.5])]
    axis = chart.saved_chart.axes()[0]
    assert list(axis.categories()) == ["2026-W48", "2026-W49"]
    fails = chart.failed_chart.series()[0]
    assert [[s.at(i) for i in range(s.count())] for s in fails.barSets()] == [[0.0, 0.0], [1.0, 1.0]]
    assert chart.empty.isHidden()


def test_the_csv_export(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    assert csv_text(week_figures(HISTORY, today=TODAY)).splitlines() == [
        "recording,name,week,runs,rows,passed,failed,hours_saved,unmeasured",
        "/r/customer,Customer master,2026-W49,1,0,1,0,1.00,0",
        "/r/claims,Enter claims,2026-W48,2,0,1,1,0.50,0",
        "/r/claims,Enter claims,2026-W49,1,3,2,1,0.50,0"]
    dialog = TimeChartDialog(HISTORY, today=TODAY)
    qtbot.addWidget(dialog)
    out = tmp_path / "saved.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: (str(out), "CSV files (*.csv)"))
    dialog.export.click()
    assert out.read_text(encoding="utf-8") == csv_text(dialog.chart.figures)


def test_two_recordings_of_one_name_are_told_apart_and_an_empty_history_says_so(qtbot) -> None:  # type: ignore[no-untyped-def]
    twins = [entry("/a/claims", "2026-12-01T09:00:00+01:00", name="Claims"),
             entry("/b/claims2", "2026-12-01T09:00:00+01:00", name="Claims")]
    assert sorted(series_of(week_figures(twins, today=TODAY))[1]) == ["Claims (claims)", "Claims (claims2)"]
    empty = TimeChartDialog([], today=TODAY)
    qtbot.addWidget(empty)
    assert not empty.chart.empty.isHidden() and not empty.export.isEnabled()


def test_the_chart_opens_from_the_runs_panel(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    panel = HistoryPanel()
    qtbot.addWidget(panel)
    panel.chart_button.click()
    assert isinstance(panel.views[-1], TimeChartDialog) and panel.views[-1].isVisible()
