"""The end of a run, said once and plainly: passed or failed, and for a failure which step, why, and what to do.

A failure shows the step in words, the reason as one sentence ("The window 'Customer
Master' that this step needs is not open.") with one piece of advice, the player's own
message below it for whoever needs the detail, and the report's annotated screenshot
of that step, large -- the picture the player took when the step gave up, not the
screen kept with the recording. Open report shows the whole report inside the window;
Find now looks for the step's target on the live screen; Run again plays the same run.
A data run lists its rows in green and red.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from deskpilot import model as m
from deskpilot.batch import RowResult
from deskpilot.images import read_png
from deskpilot.result import RunReport, StepResult
from deskpilot.gui.anchor_editor import pixels_pixmap
from deskpilot.gui.i18n import status_text
from deskpilot.gui.plain_words import Explained, explain, window_words
from deskpilot.gui.qt import (
    QBrush,
    QDialog,
    QGuiApplication,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPixmap,
    QPushButton,
    QSize,
    QSizePolicy,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)
from deskpilot.gui.run_bar import row_line, status_colour, step_sentence
from deskpilot.gui.theme import is_dark
from deskpilot.player.batch import BatchSummary
from deskpilot.player.history import format_duration

PICTURE = (760, 430)  # the largest the failure's screenshot is drawn in the dialog


@dataclass
class RunOutcome:
    """What a finished run leaves for the result: its report, where it is, and what the machine looked like."""

    routine: m.Routine
    report_dir: Path
    report: RunReport | None = None  # a single run's; None for a data run
    open_titles: list[str] | None = None  # the windows open when it ended (None: not known)
    summary: BatchSummary | None = None  # a data run's
    rows: list[RowResult] = field(default_factory=list)
    results_file: Path | None = None
    failure: StepResult | None = None  # the step that failed (in a data run: in the last failed row)
    failure_dir: Path | None = None  # the folder of the report that holds the failure's picture
    values: dict[str, str] = field(default_factory=dict)  # the values the run typed (no secrets): said in the reason


def failed_step(report: RunReport) -> StepResult | None:
    """The step the run ended on: the failed or stopped one, the one inside a step when that has the picture."""
    ended = [s for s in report.steps if s.status in ("failed", "aborted")]
    with_picture = [s for s in ended if s.screenshot]
    return (with_picture or ended or [None])[0]


def table_row(result: StepResult) -> int:
    """The 0-based row of the step list a result belongs to (a step inside a step: the step around it)."""
    return int(result.path.split(".")[0]) - 1 if result.path else result.index - 1


def blank(pixels: object) -> bool:
    """A screenshot of (almost) one colour: the screen showed nothing of the application (closed, minimised);
    the outlines the report draws on it (where the player looked) do not count."""
    import numpy as np

    if not isinstance(pixels, np.ndarray) or pixels.size == 0:
        return False
    grey = pixels[::4, ::4].mean(axis=2).astype(np.uint8) if pixels.ndim == 3 else pixels[::4, ::4]
    return float(np.bincount(grey.ravel()).max()) / grey.size > 0.97


class FitPicture(QLabel):
    """A picture drawn as large as there is room for (up to ``PICTURE``), never blown up past its own size."""

    def __init__(self) -> None:
        super().__init__()
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setMinimumSize(240, 140)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.source: QPixmap | None = None

    def set_source(self, pixmap: QPixmap) -> None:
        self.source = pixmap
        self._fit()

    def sizeHint(self) -> QSize:
        if self.source is None:
            return super().sizeHint()
        return self.source.size().scaled(QSize(*PICTURE), Qt.AspectRatioMode.KeepAspectRatio).boundedTo(
            self.source.size())

    def resizeEvent(self, event: object) -> None:
        super().resizeEvent(event)  # type: ignore[arg-type]
        self._fit()

    def _fit(self) -> None:
        if self.source is None or self.source.isNull():
            return
        room = self.size().boundedTo(self.source.size()).boundedTo(QSize(*PICTURE))
        self.setPixmap(self.source.scaled(room, Qt.AspectRatioMode.KeepAspectRatio,
                                          Qt.TransformationMode.SmoothTransformation))


class RunResultDialog(QDialog):
    """Passed or failed; for a failure the step, the plain reason, the picture; Open report, Find now, Run again."""

    open_report_requested = Signal(object)  # the report folder
    find_requested = Signal(int)  # the 0-based row of the failed step
    run_again_requested = Signal()

    def __init__(self, outcome: RunOutcome, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.outcome = outcome
        self.setWindowTitle(self.tr("Run result"))
        self.headline = QLabel()
        self.headline.setStyleSheet("font-size: 16pt; font-weight: bold")
        self.subline = QLabel()
        self.step_line = QLabel()
        self.step_line.setWordWrap(True)
        self.reason = QLabel()
        self.reason.setWordWrap(True)
        self.reason.setStyleSheet("font-size: 12pt")
        self.advice = QLabel()
        self.advice.setWordWrap(True)
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail.setStyleSheet("color: palette(placeholder-text)")
        self.picture = FitPicture()
        self.caption = QLabel()
        self.caption.setWordWrap(True)
        self.caption.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.lines = QListWidget()
        self.lines.setMaximumHeight(150)
        self.lines.setWordWrap(True)  # a row's reason whole, not cut at the edge
        self.lines.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.open_report = QPushButton(self.tr("Open report"))
        self.find = QPushButton(self.tr("Find now"))
        self.find.setToolTip(self.tr("Look for this step's target on the screen now, with every place it finds"))
        self.run_again = QPushButton(self.tr("Run again"))
        self.close_button = QPushButton(self.tr("Close"))
        self.open_report.clicked.connect(self._on_open_report)
        self.find.clicked.connect(self._on_find)
        self.run_again.clicked.connect(self._on_run_again)
        self.close_button.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        for button in (self.open_report, self.find, self.run_again):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        col = QVBoxLayout(self)
        for widget in (self.headline, self.subline, self.step_line, self.reason, self.advice, self.detail):
            col.addWidget(widget)
        col.addWidget(self.picture, 1)
        col.addWidget(self.caption)
        col.addWidget(self.lines)
        col.addLayout(buttons)
        self.explained: Explained | None = None
        if outcome.report is not None:
            self._show_run(outcome.report)
        else:
            self._show_rows()
        self._show_failure()
        self.run_again.setDefault(self.explained is None)
        self.setMinimumWidth(560)
        screen = QGuiApplication.primaryScreen()
        room = screen.availableGeometry() if screen is not None else None
        if room is not None:
            self.setMaximumSize(int(room.width() * 0.95), int(room.height() * 0.95))

    # --- what is shown ------------------------------------------------------------------------------------------

    def _headline(self, text: str, status: str) -> None:
        self.headline.setText(text)
        colour = status_colour(status, is_dark()).name()
        self.headline.setStyleSheet(f"font-size: 16pt; font-weight: bold; color: {colour}")

    def _show_run(self, report: RunReport) -> None:
        total = len(self.outcome.routine.steps)
        failure = self.outcome.failure
        where = table_row(failure) + 1 if failure is not None else 0
        if report.status == "passed" and report.confirmed is False:
            self._headline(self.tr("Entered, not confirmed"), "entered")
            self.reason.setText(self.tr("Every step ran, but nothing showed that the application saved it: the "
                                        "recording has no final check of what the application shows when it has "
                                        "saved."))
        elif report.status == "passed":
            self._headline(self.tr("✓ Passed"), "passed")
        elif report.status == "aborted":
            self._headline(self.tr("Stopped at step {n} of {total}").format(n=where, total=total), "aborted")
        else:
            self._headline(self.tr("✗ Failed at step {n} of {total}").format(n=where, total=total), "failed")
        saved = ""
        if report.status == "passed" and report.manual_seconds and report.confirmed is not False:
            saved = self.tr(", saved {t}").format(t=format_duration(report.manual_seconds - report.seconds))
        self.subline.setText(self.tr("{name} · {s:.1f} s{saved}").format(name=report.routine, s=report.seconds,
                                                                          saved=saved))
        steps = self.outcome.routine.steps
        ran = [r.index for r in report.steps if not r.path and r.status != "skipped"]
        if report.status == "passed" and len(ran) < len(steps) and ran:  # Play from here, Run this step
            if len(ran) == 1:
                self._headline(self.tr("✓ Step {n} passed").format(n=ran[0]), "passed")
            else:
                self._headline(self.tr("✓ Steps {first} to {last} passed").format(first=ran[0], last=ran[-1]),
                               "passed")
            self.reason.setText("")
        for result in report.steps:
            if result.path:
                continue  # the steps inside a step: their step says how it went
            step = steps[result.index - 1] if result.index - 1 < len(steps) else None
            words = step_sentence(step, before=steps[result.index - 2] if result.index >= 2 else None,
                                  secrets=self.outcome.routine.secrets) if step is not None else result.description
            mark = {"ok": "✓", "failed": "✗", "aborted": "■"}.get(result.status, "·")
            if result.status in ("ok", "failed", "aborted"):
                line = self.tr("{mark} {n}  {step}  ({status}, {s:.1f} s)").format(
                    mark=mark, n=result.index, step=words, status=status_text(result.status), s=result.seconds)
            else:
                line = self.tr("{mark} {n}  {step}  ({status})").format(mark=mark, n=result.index, step=words,
                                                                        status=status_text(result.status))
            item = QListWidgetItem(line)
            if result.status in ("ok", "failed", "aborted"):
                item.setForeground(QBrush(status_colour(result.status, is_dark())))
            item.setToolTip(window_words(result.error) if result.error else words)
            self.lines.addItem(item)

    def _show_rows(self) -> None:
        summary = self.outcome.summary
        assert summary is not None
        done = summary.ok + summary.entered
        if summary.aborted_at is not None:
            self._headline(self.tr("Stopped at row {n}").format(n=summary.aborted_at), "aborted")
        elif summary.failed:
            self._headline(self.tr("✗ {done} of {total} rows done, {failed} failed").format(
                done=done, total=summary.total, failed=summary.failed), "failed")
        else:
            self._headline(self.tr("✓ {done} of {total} rows done").format(done=done, total=summary.total), "passed")
        results = self.outcome.results_file
        self.subline.setText(self.tr("{name} · {s:.1f} s · results in {path}").format(
            name=self.outcome.routine.name, s=summary.seconds, path=results if results else "-"))
        if summary.entered:
            self.reason.setText(self.tr("{n} rows were entered, but nothing showed that the application saved "
                                        "them.").format(n=summary.entered))
        for row in self.outcome.rows:
            item = QListWidgetItem(row_line(row))
            item.setForeground(QBrush(status_colour(row.status, is_dark())))
            item.setToolTip(item.text())
            self.lines.addItem(item)

    def _show_failure(self) -> None:
        failure, routine = self.outcome.failure, self.outcome.routine
        if failure is None or failure.status not in ("failed", "aborted"):
            self.find.hide()
            for widget in (self.step_line, self.reason, self.advice, self.detail, self.picture, self.caption):
                widget.setVisible(bool(widget.text()))
            return
        row = table_row(failure)
        step = routine.steps[row] if 0 <= row < len(routine.steps) else None
        inner = _inner_step(step, failure)
        final = step is not None and step is routine.final_check()
        self.explained = explain(failure.error or "", _filled(inner or step, self.outcome.values, routine.secrets),
                                 final_check=final, open_titles=self.outcome.open_titles)
        words = step_sentence(step, secrets=routine.secrets) if step is not None else failure.description
        self.step_line.setText(self.tr("Step {n}: {step}").format(n=row + 1, step=words))
        self.reason.setText(self.explained.headline)
        self.advice.setText(self.explained.advice)
        self.detail.setText(window_words(failure.error or ""))
        self.find.setVisible(step is not None and self.explained.kind != "stopped"
                             and getattr(step, "target", None) is not None)
        self._show_picture(failure)

    def _show_picture(self, failure: StepResult) -> None:
        folder = self.outcome.failure_dir or self.outcome.report_dir
        if not failure.screenshot:
            self.picture.hide()
            self.caption.setText(self.tr("No picture was taken for this step."))
            return
        path = folder / failure.screenshot
        pixels = read_png(path)
        if pixels is None:
            self.picture.hide()
            self.caption.setText(self.tr("The picture {path} is no longer there.").format(path=path))
            return
        self.picture.set_source(pixels_pixmap(pixels))
        self.picture.setToolTip(str(path))
        legend = self.tr("Grey: where DeskPilot looked; orange: what came close, with its score; red: where it "
                         "would have clicked.")
        if blank(pixels):
            legend = self.tr("The screen showed nothing of the application when the step failed: its window was "
                             "closed or hidden.")
        self.caption.setText(self.tr("{legend}\nPicture: {path}").format(legend=legend, path=path))

    # --- the buttons ---------------------------------------------------------------------------------------------

    def _on_open_report(self) -> None:
        self.open_report_requested.emit(self.outcome.failure_dir or self.outcome.report_dir)

    def _on_find(self) -> None:
        if self.outcome.failure is not None:
            self.find_requested.emit(table_row(self.outcome.failure))

    def _on_run_again(self) -> None:
        self.accept()
        self.run_again_requested.emit()


def _filled(step: m.Step | None, values: dict[str, str], secrets: Sequence[str]) -> m.Step | None:
    """The step with the run's values in it ("'Ben' did not appear"), a secret's placeholder left as it is."""
    from deskpilot.errors import DeskPilotError
    from deskpilot.variables import fill_step

    if step is None or not values:
        return step
    try:
        return fill_step(step, {**{name: "{{ " + name + " }}" for name in secrets}, **values})
    except DeskPilotError:  # a value the report did not keep: the step as recorded
        return step


def _inner_step(step: m.Step | None, failure: StepResult) -> m.Step | None:
    """The step inside ``step`` that failed ("4.2": the second step of an if_visible or a called recording)."""
    if step is None or not failure.path or "." not in failure.path:
        return None
    current: m.Step | None = step
    for part in failure.path.split(".")[1:]:
        inner: Sequence[m.Step] = getattr(current, "steps", None) or getattr(getattr(current, "callee", None),
                                                                            "steps", None) or ()
        k = int(part) - 1 if part.isdigit() else -1
        current = inner[k] if 0 <= k < len(inner) else None
        if current is None:
            return None
    return current
