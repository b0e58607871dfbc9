"""Side panels: the run history with its time saved per week, and the routine's variables.

The anchor editor has its own module.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from deskpilot import model as m
from deskpilot.gui.i18n import status_text
from deskpilot.gui.qt import (
    QDesktopServices,
    QListWidget,
    QListWidgetItem,
    Qt,
    QTableWidget,
    QTableWidgetItem,
    QUrl,
    QVBoxLayout,
    QWidget,
    Signal,
)
from deskpilot.player.history import WeeklySaving, format_duration, runs_of, weekly_savings


class HistoryPanel(QWidget):
    """The time saved per week above each run (when, how long, the result, the time saved); double-click on a run
    opens its report. The weeks are the figures ``deskpilot history`` prints for this recording."""

    WEEK_COLUMNS = ("week", "runs", "rows", "passed", "time saved")  # in code; the headers are translated below

    def __init__(self) -> None:
        super().__init__()
        self.weeks = QTableWidget(0, len(self.WEEK_COLUMNS))
        self.weeks.setHorizontalHeaderLabels([self.tr("week"), self.tr("runs"), self.tr("rows"), self.tr("passed"),
                                              self.tr("time saved")])
        self.weeks.horizontalHeader().setStretchLastSection(True)
        self.weeks.verticalHeader().hide()
        self.weeks.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.weeks.setMaximumHeight(130)
        self.runs = QListWidget()
        self.runs.itemActivated.connect(self._open_report)
        col = QVBoxLayout(self)
        col.setContentsMargins(0, 0, 0, 0)
        col.addWidget(self.weeks)
        col.addWidget(self.runs, 1)

    # the list of runs, as a list widget answers: what a test or a caller reads
    def count(self) -> int:
        return self.runs.count()

    def item(self, row: int) -> QListWidgetItem:
        return self.runs.item(row)

    def show_runs(self, recording: Path) -> None:
        runs = runs_of(recording)
        self._show_weeks(weekly_savings(runs))
        self.runs.clear()
        for run in runs:
            when = dt.datetime.fromisoformat(run.started).strftime("%Y-%m-%d %H:%M") if "T" in run.started else run.started
            text = self.tr("{when}  {status}  {s:.1f} s").format(when=when, status=status_text(run.status),
                                                                 s=run.seconds)
            if run.saved_seconds is not None:
                text = self.tr("{run}, saved {s:.0f} s").format(run=text, s=run.saved_seconds)
            if run.row is not None:
                text = self.tr("{run}  (row {n})").format(run=text, n=run.row)
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, run.report)
            self.runs.addItem(item)

    def _show_weeks(self, weeks: list[WeeklySaving]) -> None:
        self.weeks.setRowCount(len(weeks))
        for i, week in enumerate(weeks):
            saved = format_duration(week.saved_seconds) + (" *" if week.unmeasured else "")
            for j, text in enumerate((week.label, str(week.runs), str(week.rows), str(week.passed), saved)):
                cell = QTableWidgetItem(text)
                if j:
                    cell.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if week.unmeasured:
                    cell.setToolTip(self.tr("{n} passed without a manual time: add manual_seconds to the routine "
                                            "to count theirs").format(n=week.unmeasured))
                self.weeks.setItem(i, j, cell)

    def _open_report(self, item: QListWidgetItem) -> None:
        report = item.data(Qt.ItemDataRole.UserRole)
        if report:
            QDesktopServices.openUrl(QUrl.fromLocalFile(report))


class VariablesPanel(QTableWidget):
    """The routine's variables and their defaults; editing a value sets the default (undoable)."""

    edited = Signal(str, str)

    def __init__(self) -> None:
        super().__init__(0, 2)
        self.setHorizontalHeaderLabels([self.tr("variable"), self.tr("default")])
        self.horizontalHeader().setStretchLastSection(True)
        self.verticalHeader().hide()
        self._filling = False
        self.itemChanged.connect(self._on_item_changed)

    def show_routine(self, routine: m.Routine | None) -> None:
        from deskpilot.variables import variables_used

        self._filling = True
        names = list(routine.variables) if routine else []
        names += [n for n in (variables_used(routine) if routine else []) if n not in names]
        self.setRowCount(len(names))
        for i, name in enumerate(names):
            key = QTableWidgetItem(name)
            key.setFlags(key.flags() & ~Qt.ItemFlag.ItemIsEditable)
            secret = routine is not None and name in routine.secrets
            value = QTableWidgetItem("••••" if secret else routine.variables.get(name, "") if routine else "")
            if secret:
                value.setFlags(value.flags() & ~Qt.ItemFlag.ItemIsEditable)
                value.setToolTip(self.tr("A secret: set it in the keyring or DESKPILOT_SECRET_{n}").format(n=name.upper()))
            self.setItem(i, 0, key)
            self.setItem(i, 1, value)
        self._filling = False

    def _on_item_changed(self, item: QTableWidgetItem) -> None:
        if not self._filling and item.column() == 1:
            self.edited.emit(self.item(item.row(), 0).text(), item.text())
