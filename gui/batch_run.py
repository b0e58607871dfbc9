"""Running a routine over a spreadsheet from the GUI: the same checks and results file as the command line.

The choice of data (file, sheet, what a failure does) is a small dialog; the rows
play on a worker thread while an always-on-top bar shows rows done, failures,
rate and time left, with Stop (the current row is then not written, so the same
run started again resumes with it).
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

from deskpilot.batch import DataRow, RowResult
from deskpilot.format import LoadedRoutine
from deskpilot.gui.job_runner import Job
from deskpilot.gui.qt import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)
from deskpilot.player.batch import BatchSummary, FailurePolicy
from deskpilot.player.batch_session import BatchRequest, Prepared
from deskpilot.player.runner import PlayOptions

POLICY_CHOICES = ("stop", "skip", "retry:1", "retry:3")


class BatchDialog(QDialog):
    """Which data file (and sheet), and what a failed row does."""

    def __init__(self, parent: QWidget | None = None, data: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Run with data"))
        self.data = QLineEdit(data)
        self.data.setPlaceholderText(self.tr("claims.csv or claims.xlsx"))
        browse = QPushButton(self.tr("Browse..."))
        browse.clicked.connect(self._browse)
        self.sheet = QLineEdit()
        self.sheet.setPlaceholderText(self.tr("first sheet"))
        self.policy = QComboBox()
        labels = {"stop": self.tr("Stop the run"), "skip": self.tr("Skip to the next row"),
                  "retry:1": self.tr("Retry the row once"), "retry:3": self.tr("Retry the row up to 3 times")}
        for key in POLICY_CHOICES:
            self.policy.addItem(labels[key], key)
        row = QHBoxLayout()
        row.addWidget(self.data, 1)
        row.addWidget(browse)
        form = QFormLayout(self)
        form.addRow(self.tr("Data file"), row)
        form.addRow(self.tr("Sheet (.xlsx)"), self.sheet)
        form.addRow(self.tr("When a row fails"), self.policy)
        form.addRow(QLabel(self.tr("Results go beside the data file; running again resumes after the last finished row.")))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Data file"), self.data.text(),
                                              self.tr("Spreadsheets (*.csv *.xlsx)"))
        if path:
            self.data.setText(path)

    def request(self) -> BatchRequest:
        return BatchRequest(data=Path(self.data.text().strip()), sheet=self.sheet.text().strip() or None,
                            policy=FailurePolicy.parse(str(self.policy.currentData())))


class BatchWorker(Job):
    """The rows of one data run, on the run path; their progress as signals; ``stop`` ends the current row.

    ``finished`` carries the BatchSummary; each row's report and history line are written as the row ends."""

    started_row = Signal(int, int)
    finished_row = Signal(object, object)

    def __init__(self, loaded: LoadedRoutine, given: dict[str, str], options: PlayOptions, request: BatchRequest,
                 prepared: Prepared) -> None:
        super().__init__()
        self.loaded, self.given, self.options, self.request, self.prepared = loaded, given, options, request, prepared
        self.stop = threading.Event()

    def work(self) -> BatchSummary:
        from deskpilot.player.run import play_rows

        return play_rows(self.loaded, self.given, self.options, self.request, self.prepared, self, stop=self.stop)

    def request_stop(self) -> None:
        self.stop.set()

    # the BatchListener calls, on the worker thread: each becomes a queued signal to the bar
    def row_started(self, row: DataRow, attempt: int) -> None:
        self.started_row.emit(row.number, attempt)

    def row_finished(self, result: RowResult, summary: BatchSummary) -> None:
        self.finished_row.emit(result, summary)


class BatchBar(QWidget):
    """Always on top while rows play: rows done of all, failures, rows per minute, time left, Stop."""

    stop_requested = Signal()

    def __init__(self, total: int) -> None:
        super().__init__(None, Qt.WindowType.Tool | Qt.WindowType.WindowStaysOnTopHint)
        self.setWindowTitle(self.tr("DeskPilot rows"))
        self.total, self.done, self.failures = total, 0, 0
        self.started = time.monotonic()
        self.state = QLabel(self.tr("starting..."))
        self.bar = QProgressBar()
        self.bar.setRange(0, max(1, total))
        self.bar.setValue(0)
        self.stop = QPushButton(self.tr("Stop"))
        self.stop.setToolTip(self.tr("Stop after abandoning the current row; running again resumes with it"))
        self.stop.clicked.connect(self.stop_requested.emit)
        row = QHBoxLayout()
        row.addWidget(self.bar, 1)
        row.addWidget(self.stop)
        col = QVBoxLayout(self)
        col.addWidget(self.state)
        col.addLayout(row)
        self.resize(460, 90)

    def row_started(self, number: int, attempt: int) -> None:
        if attempt > 1:
            self.state.setText(self.tr("row {n} (try {a}): {text}").format(n=number, a=attempt, text=self.line()))
        else:
            self.state.setText(self.tr("row {n}: {text}").format(n=number, text=self.line()))

    def row_finished(self, result: RowResult, summary: BatchSummary) -> None:
        self.done, self.failures = summary.ok + summary.entered + summary.failed, summary.failed
        self.bar.setValue(self.done)
        self.state.setText(self.line())

    def line(self) -> str:
        """"3 of 20 rows · 1 failed · 12.5 rows/min · 1:20 left"."""
        elapsed = time.monotonic() - self.started
        if not (self.done and elapsed > 0):
            return self.tr("{d} of {t} rows · {f} failed").format(d=self.done, t=self.total, f=self.failures)
        rate = self.done / elapsed * 60
        left = (self.total - self.done) / rate * 60
        return self.tr("{d} of {t} rows · {f} failed · {r:.1f} rows/min · {m}:{s:02d} left").format(
            d=self.done, t=self.total, f=self.failures, r=rate, m=int(left // 60), s=int(left % 60))
