"""The run bar: a small always-on-top window in a screen corner while a routine plays.

The main window gets out of the way of the application being driven; the bar stays,
so a person always sees that a run is going on, where it is ("Step 3 of 12: Type the
customer ID into 'Customer ID'"), how far it is (and for a data run "Row 2 of 40"
with a green or red line per finished row), and has Pause/Resume and Stop at hand.

It never takes the keyboard focus (the application being driven keeps it), it sits
bottom-right where it covers least, and it is kept out of what the player sees
(``own_windows``): its words would otherwise be read as the application's.
"""

from __future__ import annotations

import time
from collections.abc import Collection, Sequence

from deskpilot import model as m
from deskpilot.batch import RowResult
from deskpilot.gui.i18n import status_text
from deskpilot.gui.qt import (
    QBrush,
    QColor,
    QCoreApplication,
    QGuiApplication,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPoint,
    QProgressBar,
    QPushButton,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)
from deskpilot.gui.theme import is_dark
from deskpilot.player.batch import BatchSummary

try:  # the plain sentences of the step list (gui/sentences.py); without them a step says itself
    from deskpilot.gui.sentences import sentence as _sentence
except ImportError:  # pragma: no cover - only while that module is missing
    _sentence = None

MARGIN = 12  # from the screen's edges
GREEN, RED, ORANGE = ("#2e7d32", "#69db7c"), ("#c62828", "#ff6b6b"), ("#b36b00", "#ffb347")


def step_sentence(step: m.Step, *, before: m.Step | None = None, secrets: Collection[str] = ()) -> str:
    """The step as the step list says it: the plain sentence where there is one, else its own description."""
    if _sentence is not None:
        return str(_sentence(step, before=before, secrets=secrets))
    return step.describe()


def status_colour(status: str, dark: bool = False) -> QColor:
    """Green for what went right, red for what failed, orange for what is in between (stopped, not confirmed)."""
    pair = GREEN if status in ("ok", "passed") else RED if status in ("failed", "uncertain") else ORANGE
    return QColor(pair[1] if dark else pair[0])


def key_text(combo: str) -> str:
    """"ctrl+alt+shift+s" as a person reads it on a keyboard: "Ctrl+Alt+Shift+S"."""
    return "+".join(part.strip().upper() if len(part.strip()) == 1 else part.strip().capitalize()
                    for part in combo.split("+") if part.strip())


class CornerBar(QWidget):
    """A frameless, always-on-top window that never takes the focus, placed in the bottom-right corner;
    drag it by its background to move it."""

    def __init__(self, title: str) -> None:
        flags = (Qt.WindowType.Tool | Qt.WindowType.FramelessWindowHint | Qt.WindowType.WindowStaysOnTopHint
                 | Qt.WindowType.WindowDoesNotAcceptFocus)
        super().__init__(None, flags)
        self.setWindowTitle(title)
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.setObjectName("cornerBar")
        self.setStyleSheet("#cornerBar { border: 1px solid palette(mid); }")
        self.setAutoFillBackground(True)
        self._drag: QPoint | None = None

    def place(self) -> None:
        """Bottom-right of the screen's free area, out of the way of a form that starts top-left."""
        self.adjustSize()
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is None:
            return
        room = screen.availableGeometry()
        self.move(room.right() - self.width() - MARGIN, room.bottom() - self.height() - MARGIN)

    def show_in_corner(self) -> None:
        self.place()
        self.show()

    def mousePressEvent(self, event: object) -> None:
        self._drag = event.globalPosition().toPoint() - self.frameGeometry().topLeft()  # type: ignore[attr-defined]

    def mouseMoveEvent(self, event: object) -> None:
        if self._drag is not None:
            self.move(event.globalPosition().toPoint() - self._drag)  # type: ignore[attr-defined]

    def mouseReleaseEvent(self, event: object) -> None:
        self._drag = None


class RunBar(CornerBar):
    """Step n of N and what it does, a progress bar, Pause/Resume and Stop; for a data run also row r of R
    and a line per finished row."""

    pause_toggled = Signal(bool)
    stop_requested = Signal()

    def __init__(self, name: str, steps: Sequence[m.Step], *, rows: int | None = None, first: int = 1,
                 last: int | None = None, secrets: Collection[str] = ()) -> None:
        super().__init__(self.tr("DeskPilot run"))
        self.steps, self.secrets = list(steps), tuple(secrets)
        self.total = len(self.steps)
        self.first, self.last = first, last or self.total
        self.rows, self.row_index, self.done, self.failures = rows, 0, 0, 0
        self.started = time.monotonic()
        self.current: int | None = None
        self.title = QLabel(self.tr("Playing {name}").format(name=name))
        self.title.setStyleSheet("font-weight: bold")
        self.title.setWordWrap(True)
        self.row = QLabel()
        self.step = QLabel(self.tr("Starting ..."))
        self.sentence = QLabel()
        self.sentence.setWordWrap(True)
        self.sentence.setMaximumWidth(360)
        self.progress = QProgressBar()
        self.progress.setRange(0, max(1, self.last - self.first + 1))
        self.progress.setValue(0)
        self.progress.setFormat(self.tr("%v of %m steps"))
        self.pause = QPushButton(self.tr("Pause"))
        self.pause.setCheckable(True)
        self.pause.setToolTip(self.tr("Pause before the next step; Resume goes on from there"))
        self.pause.toggled.connect(self._on_pause_toggled)
        self.stop = QPushButton(self.tr("Stop"))
        self.stop.setToolTip(self.tr("Stop the run now (pushing the mouse into a screen corner stops it too)"))
        self.stop.clicked.connect(self._on_stop_clicked)
        self.log = QListWidget()
        self.log.setMaximumHeight(96)
        self.log.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.log.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.log.setTextElideMode(Qt.TextElideMode.ElideRight)  # each line whole in its tooltip
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.pause)
        top.addWidget(self.stop)
        col = QVBoxLayout(self)
        col.setContentsMargins(10, 8, 10, 8)
        col.addLayout(top)
        col.addWidget(self.row)
        col.addWidget(self.step)
        col.addWidget(self.sentence)
        col.addWidget(self.progress)
        col.addWidget(self.log)
        for button in (self.pause, self.stop):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        if rows is None:
            self.row.hide()
            self.log.hide()
        else:  # the bar counts rows; the step line says where in the row it is
            self.progress.setRange(0, max(1, rows))
            self.progress.setFormat(self.tr("%v of %m rows"))
            self.row.setText(self.line())
        self.setFixedWidth(380)

    # --- the steps ------------------------------------------------------------------------------------------

    def step_started(self, index: int, step: object) -> None:
        """Step ``index`` (1-based) began; ``step`` is the routine's step or already its words."""
        self.current = index
        if isinstance(step, m.Step):
            before = self.steps[index - 2] if index >= 2 and index - 2 < len(self.steps) else None
            words = step_sentence(step, before=before, secrets=self.secrets)
        else:
            words = str(step)
        self.step.setText(self.tr("Step {n} of {total}").format(n=index, total=self.total))
        self.sentence.setText(words)
        self.sentence.setToolTip(words)
        if not self.pause.isChecked():
            self.pause.setEnabled(True)

    def step_finished(self, index: int, status: str) -> None:
        if self.rows is None:
            self.progress.setValue(max(0, min(self.progress.maximum(), index - self.first + 1)))
        if status == "failed":
            self.step.setText(self.tr("Step {n} of {total} failed").format(n=index, total=self.total))

    def paused(self, index: int) -> None:
        """The run holds before step ``index`` (Pause, or a breakpoint)."""
        self.step.setText(self.tr("Paused before step {n} of {total}").format(n=index, total=self.total))
        self.pause.blockSignals(True)
        self.pause.setChecked(True)
        self.pause.blockSignals(False)
        self.pause.setText(self.tr("Resume"))
        self.pause.setEnabled(True)

    def resumed(self) -> None:
        """The run goes on (F6 in the window, or Resume here)."""
        self.pause.blockSignals(True)
        self.pause.setChecked(False)
        self.pause.blockSignals(False)
        self.pause.setText(self.tr("Pause"))

    def _on_pause_toggled(self, paused: bool) -> None:
        self.pause.setText(self.tr("Resume") if paused else self.tr("Pause"))
        if paused:
            self.step.setText(self.tr("Pausing before the next step ..."))
        self.pause_toggled.emit(paused)

    def _on_stop_clicked(self) -> None:
        self.step.setText(self.tr("Stopping ..."))
        self.stop.setEnabled(False)
        self.pause.setEnabled(False)
        self.stop_requested.emit()

    # --- the rows of a data run -------------------------------------------------------------------------------

    def row_started(self, number: int, attempt: int) -> None:
        if attempt == 1:
            self.row_index += 1
        if attempt > 1:
            self.row.setText(self.tr("Row {r} of {total} (data row {n}, try {a})").format(
                r=self.row_index, total=self.rows, n=number, a=attempt))
        else:
            self.row.setText(self.tr("Row {r} of {total} (data row {n})").format(r=self.row_index, total=self.rows,
                                                                                  n=number))
        self.row.setToolTip(self.line())

    def row_finished(self, result: RowResult, summary: BatchSummary) -> None:
        self.done, self.failures = summary.ok + summary.entered + summary.failed, summary.failed
        self.progress.setValue(min(self.done, self.progress.maximum()))
        item = QListWidgetItem(row_line(result))
        item.setForeground(QBrush(status_colour(result.status, is_dark())))
        item.setToolTip(item.text())
        self.log.addItem(item)
        self.log.scrollToBottom()
        self.row.setToolTip(self.line())

    def line(self) -> str:
        """"3 of 20 rows · 1 failed · 12.5 rows/min · 1:20 left"."""
        total = self.rows or 0
        elapsed = time.monotonic() - self.started
        if not (self.done and elapsed > 0):
            return self.tr("{d} of {t} rows · {f} failed").format(d=self.done, t=total, f=self.failures)
        rate = self.done / elapsed * 60
        left = (total - self.done) / rate * 60
        return self.tr("{d} of {t} rows · {f} failed · {r:.1f} rows/min · {m}:{s:02d} left").format(
            d=self.done, t=total, f=self.failures, r=rate, m=int(left // 60), s=int(left % 60))


def row_line(result: RowResult) -> str:
    """One finished data row as the log says it: "✓ row 3  ok  4.2 s" or "✗ row 4  failed  4.0 s: why"."""
    from deskpilot.gui.plain_words import window_words

    mark = "✓" if result.status == "ok" else "✗" if result.status in ("failed", "uncertain") else "•"
    text = QCoreApplication.translate("RunBar", "{mark} row {n}  {status}  {s:.1f} s").format(
        mark=mark, n=result.row, status=row_status(result.status), s=result.seconds)
    if result.error:
        text = QCoreApplication.translate("RunBar", "{line}: {why}").format(line=text, why=window_words(result.error))
    return text


def row_status(status: str) -> str:
    """A data row's status in the window's words ("entered": every step ran, nothing confirmed it)."""
    words = {"entered": QCoreApplication.translate("RunBar", "entered, not confirmed"),
             "uncertain": QCoreApplication.translate("RunBar", "uncertain: check the application")}
    return words.get(status) or status_text(status)
