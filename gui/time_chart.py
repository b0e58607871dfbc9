"""The time DeskPilot saved, as a chart: hours saved per recording per week, and the failures beside them.

The figures are the run history's own (``player.history``): ``weekly_savings`` counts a
recording's runs and data rows per ISO week and the time they saved (manual seconds
minus run seconds, for runs the application confirmed) -- what ``deskpilot history``
prints. The failures are counted the same way: a run on its own that failed, or a data
row no attempt of which did the job. Export writes the same figures as a CSV file.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from deskpilot.atomic import write_atomic
from deskpilot.gui.qt import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QColor,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPainter,
    QPushButton,
    Qt,
    QValueAxis,
    QVBoxLayout,
    QWidget,
)
from deskpilot.player.history import RunEntry, weekly_savings

WEEKS = 12  # the chart's weeks, counted back from this one
CSV_COLUMNS = ("recording", "name", "week", "runs", "rows", "passed", "failed", "hours_saved", "unmeasured")
PALETTE = ("#1f77b4", "#2ca02c", "#9467bd", "#8c564b", "#17becf", "#bcbd22", "#7f7f7f", "#e377c2")


@dataclass(frozen=True)
class WeekFigure:
    """One recording in one week: what the chart draws and the CSV holds."""

    recording: str
    name: str
    week: str  # "2026-W48"
    runs: int
    rows: int
    passed: int
    failed: int
    hours_saved: float  # rounded to the hundredth, as the CSV says it
    unmeasured: int
    saved_seconds: float = 0.0  # what the chart draws


def week_of(started: str) -> tuple[int, int] | None:
    try:
        year, week, _ = dt.datetime.fromisoformat(started).date().isocalendar()
    except ValueError:
        return None
    return year, week


def failures(entries: Iterable[RunEntry]) -> dict[tuple[str, str], int]:
    """Failed runs per (recording, week label): a run on its own that failed; a data row none of whose
    attempts did the job while one failed (a retried row is one row, as in ``weekly_savings``)."""
    out: dict[tuple[str, str], int] = {}
    rows: dict[tuple[str, str, str, int | None], tuple[bool, bool]] = {}  # (done by any, failed in any)
    for e in entries:
        when = week_of(e.started)
        if when is None:
            continue
        label = f"{when[0]}-W{when[1]:02d}"
        if e.data_run is None:
            if e.status == "failed":
                out[(e.recording, label)] = out.get((e.recording, label), 0) + 1
            continue
        key = (e.recording, label, e.data_run, e.row)
        done, failed = rows.get(key, (False, False))
        rows[key] = (done or e.done, failed or e.status == "failed")
    for (recording, label, _run, _row), (done, failed) in rows.items():
        if failed and not done:
            out[(recording, label)] = out.get((recording, label), 0) + 1
    return out


def week_figures(entries: Iterable[RunEntry], *, weeks: int | None = WEEKS,
                 today: dt.date | None = None) -> list[WeekFigure]:
    """Every recording's weeks, by name then oldest week first: hours saved, runs, rows, passed, failed."""
    entries = list(entries)
    failed = failures(entries)
    out = [WeekFigure(recording=w.recording, name=w.name, week=w.label, runs=w.runs, rows=w.rows, passed=w.passed,
                      failed=failed.get((w.recording, w.label), 0), hours_saved=round(w.saved_seconds / 3600, 2),
                      unmeasured=w.unmeasured, saved_seconds=w.saved_seconds)
           for w in weekly_savings(entries, weeks=weeks, today=today)]
    return sorted(out, key=lambda f: (f.name.casefold(), f.recording, f.week))


def csv_text(figures: Iterable[WeekFigure]) -> str:
    """The figures as CSV (one line per recording and week), the header first."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for f in figures:
        writer.writerow([f.recording, f.name, f.week, f.runs, f.rows, f.passed, f.failed, f"{f.hours_saved:.2f}",
                         f.unmeasured])
    return out.getvalue()


def series_of(figures: list[WeekFigure]) -> tuple[list[str], dict[str, list[float]], dict[str, list[float]]]:
    """The weeks (oldest first), and per recording name its hours saved and its failures in each of them."""
    weeks = sorted({f.week for f in figures})
    hours: dict[str, list[float]] = {}
    failed: dict[str, list[float]] = {}
    for f in figures:
        label = _label(f, figures)
        hours.setdefault(label, [0.0] * len(weeks))[weeks.index(f.week)] += f.saved_seconds / 3600
        failed.setdefault(label, [0.0] * len(weeks))[weeks.index(f.week)] += f.failed
    return weeks, hours, failed


def _label(f: WeekFigure, figures: list[WeekFigure]) -> str:
    """A recording's name; with its folder when two recordings share a name."""
    twins = {g.recording for g in figures if g.name == f.name}
    return f.name if len(twins) == 1 else f"{f.name} ({Path(f.recording).name})"


class TimeChart(QWidget):
    """Two charts over the same weeks: hours saved per recording, and the failures beside them."""

    def __init__(self, entries: Iterable[RunEntry], parent: QWidget | None = None, *,
                 today: dt.date | None = None) -> None:
        super().__init__(parent)
        self.figures = week_figures(entries, today=today)
        self.weeks, self.hours, self.failed = series_of(self.figures)
        self.saved_chart = self._chart(self.tr("Hours saved per week"), self.hours, self.tr("hours"))
        self.failed_chart = self._chart(self.tr("Failures per week"), self.failed, self.tr("failures"),
                                        whole=True)
        self.saved_view, self.failed_view = QChartView(self.saved_chart), QChartView(self.failed_chart)
        for view in (self.saved_view, self.failed_view):
            view.setRenderHint(QPainter.RenderHint.Antialiasing)
            view.setMinimumHeight(220)
        self.empty = QLabel(self.tr("No runs in the last {n} weeks yet: the chart fills as recordings are "
                                    "played.").format(n=WEEKS))
        self.empty.setVisible(not self.figures)
        col = QVBoxLayout(self)
        col.setContentsMargins(0, 0, 0, 0)
        col.addWidget(self.empty)
        col.addWidget(self.saved_view, 3)
        col.addWidget(self.failed_view, 2)

    def _chart(self, title: str, values: dict[str, list[float]], unit: str, *, whole: bool = False) -> QChart:
        chart = QChart()
        chart.setTitle(title)
        series = QBarSeries()
        for i, (name, numbers) in enumerate(values.items()):
            bars = QBarSet(name)
            bars.append([float(v) for v in numbers])
            bars.setColor(QColor("#c62828") if whole and len(values) == 1 else QColor(PALETTE[i % len(PALETTE)]))
            series.append(bars)
        chart.addSeries(series)
        weeks = QBarCategoryAxis()
        weeks.append(self.weeks or [""])
        chart.addAxis(weeks, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(weeks)
        axis = QValueAxis()
        axis.setTitleText(unit)
        top = max((v for numbers in values.values() for v in numbers), default=0.0)
        if whole:  # counts: whole numbers on the axis
            axis.setLabelFormat("%d")
            high = max(1, int(top + 0.999))
            step = max(1, -(-high // 5))
            high = -(-high // step) * step
            axis.setRange(0, high)
            axis.setTickCount(high // step + 1)
        else:
            axis.setRange(0, top * 1.1 if top > 0 else 1.0)
            axis.applyNiceNumbers()
            axis.setLabelFormat("%.2g" if top < 1 else "%.1f")
        chart.addAxis(axis, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(axis)
        chart.legend().setVisible(True)
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        return chart

    def export_csv(self, path: Path) -> None:
        """The chart's figures to ``path`` (atomically: a half-written file never replaces a good one)."""
        write_atomic(path, csv_text(self.figures))


class TimeChartDialog(QDialog):
    """The chart with Export CSV..., reached from the Runs panel."""

    def __init__(self, entries: Iterable[RunEntry], parent: QWidget | None = None, *,
                 today: dt.date | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Time saved"))
        self.chart = TimeChart(entries, self, today=today)
        note = QLabel(self.tr("Manual time (the routine's manual_seconds) minus the run's time, for each run and data "
                              "row the application confirmed, per ISO week; the last {n} weeks.").format(n=WEEKS))
        note.setWordWrap(True)
        self.export = QPushButton(self.tr("Export CSV..."))
        self.export.clicked.connect(self._on_export)
        self.export.setEnabled(bool(self.chart.figures))
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.export)
        buttons.addStretch(1)
        buttons.addWidget(close)
        col = QVBoxLayout(self)
        col.addWidget(note)
        col.addWidget(self.chart, 1)
        col.addLayout(buttons)
        self.resize(900, 640)

    def _on_export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export the time saved"), self.tr("time-saved.csv"),
                                              self.tr("CSV files (*.csv)"))
        if path:
            self.chart.export_csv(Path(path))
