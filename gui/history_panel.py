"""The Runs panel: the time saved per week, every run of the open recording, and the chart of all of them.

A run on its own is one line; a data run is one line with its rows under it (opened
by a click), so 300 rows of a spreadsheet do not bury the runs before them. Columns
are sized to their text, and every line says itself whole in its tooltip. A double
click opens the run's report inside the window (``report_view``). The weeks are the
figures ``deskpilot history`` prints for this recording; Chart shows them for all.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from deskpilot.errors import DeskPilotError
from deskpilot.gui.i18n import status_text
from deskpilot.gui.qt import (
    QAbstractItemView,
    QBrush,
    QHBoxLayout,
    QHeaderView,
    QMessageBox,
    QPushButton,
    Qt,
    QTableWidget,
    QTableWidgetItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)
from deskpilot.gui.run_bar import status_colour
from deskpilot.gui.theme import is_dark
from deskpilot.player.history import RunEntry, WeeklySaving, all_runs, format_duration, runs_of, weekly_savings

REPORT = Qt.ItemDataRole.UserRole


def when_text(started: str) -> str:
    try:
        return dt.datetime.fromisoformat(started).strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return started


def outcome_of(entry: RunEntry) -> str:
    """"entered, not confirmed" for a run that passed without the application's confirmation."""
    return "entered, not confirmed" if entry.status == "passed" and entry.confirmed is False else entry.status


def group_runs(entries: list[RunEntry]) -> list[list[RunEntry]]:
    """Runs newest first, a data run's rows together (in row order) where its newest row stands."""
    groups: dict[str, list[RunEntry]] = {}
    out: list[list[RunEntry]] = []
    for entry in entries:
        if entry.data_run is None:
            out.append([entry])
        elif entry.data_run in groups:
            groups[entry.data_run].append(entry)
        else:
            groups[entry.data_run] = [entry]
            out.append(groups[entry.data_run])
    for rows in groups.values():
        rows.sort(key=lambda e: (e.row or 0, e.started))
    return out


class RunItem(QTreeWidgetItem):
    """One line of the Runs panel; ``text()`` without a column is the whole line, as a person reads it."""

    def __init__(self, cells: list[str], line: str) -> None:
        super().__init__(cells)
        self.line = line

    def text(self, column: int | None = None) -> str:  # type: ignore[override]
        return self.line if column is None else super().text(column)


class HistoryPanel(QWidget):
    """The time saved per week above each run (when, result, how long, the time saved); double-click on a run
    opens its report; Chart... shows the time saved by every recording."""

    WEEK_COLUMNS = ("week", "runs", "rows", "passed", "time saved")  # in code; the headers are translated below
    RUN_COLUMNS = ("when", "result", "time", "saved", "row")

    def __init__(self) -> None:
        super().__init__()
        self.weeks = QTableWidget(0, len(self.WEEK_COLUMNS))
        self.weeks.setHorizontalHeaderLabels([self.tr("week"), self.tr("runs"), self.tr("rows"), self.tr("passed"),
                                              self.tr("time saved")])
        self.weeks.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.weeks.horizontalHeader().setStretchLastSection(True)
        self.weeks.verticalHeader().hide()
        self.weeks.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.weeks.setMaximumHeight(130)
        self.runs = QTreeWidget()
        self.runs.setColumnCount(len(self.RUN_COLUMNS))
        self.runs.setHeaderLabels([self.tr("when"), self.tr("result"), self.tr("time"), self.tr("saved"),
                                   self.tr("row")])
        self.runs.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.runs.header().setStretchLastSection(True)
        self.runs.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.runs.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.runs.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.runs.setUniformRowHeights(True)
        self.runs.itemActivated.connect(self._open_report)
        self.runs.setToolTip(self.tr("Double-click a run to see its report"))
        self.chart_button = QPushButton(self.tr("Chart..."))
        self.chart_button.setToolTip(self.tr("Hours saved and failures per week, for every recording; export as "
                                             "CSV"))
        self.chart_button.clicked.connect(self.show_chart)
        top = QHBoxLayout()
        top.addStretch(1)
        top.addWidget(self.chart_button)
        col = QVBoxLayout(self)
        col.setContentsMargins(0, 0, 0, 0)
        col.addLayout(top)
        col.addWidget(self.weeks)
        col.addWidget(self.runs, 1)
        self.views: list[QWidget] = []  # reports and the chart shown from here, kept while open

    # the runs, as a list answers: what a test or a caller reads
    def count(self) -> int:
        """Runs listed: a data run counts once, however many rows it had."""
        return self.runs.topLevelItemCount()

    def item(self, row: int) -> RunItem:
        return self.runs.topLevelItem(row)  # type: ignore[return-value]

    def lines(self) -> list[str]:
        """Each run's line, a data run's rows after it."""
        out = []
        for i in range(self.count()):
            top = self.item(i)
            out.append(top.text())
            out += [top.child(k).text() for k in range(top.childCount())]  # type: ignore[attr-defined]
        return out

    def show_runs(self, recording: Path) -> None:
        try:
            runs = runs_of(recording)
        except DeskPilotError as exc:  # a sealed history this keyring cannot open: said where the runs would be
            self._show_weeks([])
            self.runs.clear()
            self.runs.addTopLevelItem(RunItem([str(exc)], str(exc)))
            return
        self._show_weeks(weekly_savings(runs))
        self.runs.clear()
        for group in group_runs(runs):
            if group[0].data_run is None:
                self.runs.addTopLevelItem(self._run_item(group[0]))
            else:
                self.runs.addTopLevelItem(self._data_run_item(group))

    def _run_item(self, run: RunEntry, *, row: bool = False) -> QTreeWidgetItem:
        status = outcome_of(run)
        saved = format_duration(run.saved_seconds) if run.saved_seconds is not None else ""
        texts = [when_text(run.started), status_text(status), f"{run.seconds:.1f} s", saved,
                 str(run.row) if run.row is not None else ""]
        line = self.tr("{when}  {status}  {s:.1f} s").format(when=texts[0], status=texts[1], s=run.seconds)
        if saved:
            line = self.tr("{run}, saved {saved}").format(run=line, saved=saved)
        if run.row is not None:
            line = self.tr("{run}  (row {n})").format(run=line, n=run.row)
        item = RunItem(texts, line)
        item.setForeground(1, QBrush(status_colour(run.status if status != "entered, not confirmed" else "entered",
                                                   is_dark())))
        for j in (2, 3, 4):
            item.setTextAlignment(j, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        tip = line
        if run.report:
            tip = self.tr("{run}\nreport: {path}").format(run=tip, path=run.report)
            item.setData(0, REPORT, run.report)
        for j in range(len(texts)):
            item.setToolTip(j, tip)
        return item

    def _data_run_item(self, rows: list[RunEntry]) -> QTreeWidgetItem:
        done = len({r.row for r in rows if r.done})
        failed = len({r.row for r in rows} - {r.row for r in rows if r.done})
        count = len({r.row for r in rows})
        saved = sum(r.saved_seconds or 0.0 for r in rows if r.done)
        seconds = sum(r.seconds for r in rows)
        result = self.tr("{done} of {n} rows done").format(done=done, n=count)
        tip = self.tr("{when}  data run: {result}, {failed} not done, {s:.1f} s").format(
            when=when_text(rows[0].started), result=result, failed=failed, s=seconds)
        if saved:
            tip = self.tr("{run}, saved {saved}").format(run=tip, saved=format_duration(saved))
        item = RunItem([when_text(rows[0].started), result, f"{seconds:.1f} s",
                        format_duration(saved) if saved else "", self.tr("{n} rows").format(n=count)], tip)
        item.setForeground(1, QBrush(status_colour("failed" if failed else "ok", is_dark())))
        for j in range(self.runs.columnCount()):
            item.setToolTip(j, tip)
        first_failed = next((r for r in rows if not r.done and r.report), None)
        if first_failed is not None and first_failed.report:
            item.setData(0, REPORT, first_failed.report)  # the data run's line opens its first failed row
        for run in rows:
            item.addChild(self._run_item(run, row=True))
        return item

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
                else:
                    cell.setToolTip(self.tr("{week}: {runs} runs, {rows} data rows, {passed} done, {saved} saved")
                                    .format(week=week.label, runs=week.runs, rows=week.rows, passed=week.passed,
                                            saved=saved))
                self.weeks.setItem(i, j, cell)

    # --- what opens from here ------------------------------------------------------------------------------------

    def _open_report(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        report = item.data(0, REPORT)
        if report:
            self.open_report(Path(report))

    def open_report(self, report: Path) -> QWidget:
        """The report inside the window, not handed to whatever program the desktop has for HTML."""
        from deskpilot.gui.report_view import ReportView

        view = ReportView(report, self.window())
        self._keep(view)
        view.show()
        return view

    def show_chart(self) -> QWidget:
        from deskpilot.gui.time_chart import TimeChartDialog

        try:
            runs = all_runs()
        except DeskPilotError as exc:  # a sealed history this keyring cannot open
            QMessageBox.warning(self, self.tr("DeskPilot"), str(exc))
            runs = []
        dialog = TimeChartDialog(runs, self.window())
        self._keep(dialog)
        dialog.show()
        return dialog

    def _keep(self, view: QWidget) -> None:
        self.views = [v for v in self.views if v.isVisible()] + [view]
