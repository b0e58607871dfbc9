"""Recording, playing and data runs from the window: each a job on the one JobRunner, one at a time.

While a job runs the window gets out of the way of the application being driven
(minimised) and a small always-on-top bar in the bottom-right corner shows it: the
recording bar, or the run bar (step n of N, Pause/Resume, Stop; rows for a data run).
Both are kept out of what the recorder and the player see (``own_windows``). The job's
end brings the window back with the outcome: the step list marked ✓/✗, and the result
dialog (``run_result``) with the failed step, why in plain words, and its picture.
Values are asked for before a job starts (the run path's questions, one form); the
report and the run history are written by the run path, never here.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from deskpilot import model as m
from deskpilot.errors import DeskPilotError
from deskpilot.format import load_routine
from deskpilot.ports import Backend
from deskpilot.result import StepResult
from deskpilot.gui.anchor_editor import file_pixmap
from deskpilot.gui.batch_run import BatchDialog, DataChoice, remember_data, remembered_data
from deskpilot.gui.batch_worker import BatchWorker, RowsPlayed
from deskpilot.gui.i18n import status_text
from deskpilot.gui.job_runner import Job, JobRunner
from deskpilot.gui.own_windows import OwnWindows, masked
from deskpilot.gui.plain_words import window_words
from deskpilot.gui.play_worker import Played, PlayWorker
from deskpilot.gui.qt import QApplication, QDialog, QEvent, QMessageBox, QObject, QTimer
from deskpilot.gui.recording import RecordingBar, RecordWorker, final_check_words
from deskpilot.gui.report_view import ReportView
from deskpilot.gui.run_bar import RunBar
from deskpilot.gui.run_result import RunOutcome, RunResultDialog, failed_step, table_row
from deskpilot.player.batch import BatchSummary
from deskpilot.player.history import history_file
from deskpilot.player.runner import PlayOptions

if TYPE_CHECKING:
    from deskpilot.gui.main_window import MainWindow

SETTLE_MS = 400  # after minimising, before the player's first picture: the window manager takes a moment


class RunControl(QObject):
    """The window's jobs: what starts them, what their progress changes, and how each ends."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.win = window
        self.jobs = JobRunner(self)
        self.own = OwnWindows(self)  # the bars, kept out of the recorder's and the player's sight
        self.paused_at: int | None = None
        self.record_bar: RecordingBar | None = None
        self.run_bar: RunBar | None = None
        self.result: RunResultDialog | None = None
        self.reports: list[ReportView] = []
        self.last_batch: BatchSummary | None = None
        self.last_play: tuple[int, int | None] = (1, None)
        self.choices: dict[str, DataChoice] = {}
        self._breakpoints: frozenset[int] = frozenset()
        self._final: object = None
        self._said: tuple[str, Path | None] | None = None  # the status line of the last job, and its recording
        window.editor.opened.connect(self._on_recording_opened)
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """The window minimised (a run, a recording, Find now): its dialogs go with it, or they would stand over
        the application -- in the player's and the recorder's sight, where the bars are masked and they are not."""
        if watched is self.win and event.type() == QEvent.Type.WindowStateChange and self.win.isMinimized():
            for widget in QApplication.topLevelWidgets():
                if isinstance(widget, QDialog) and widget.isVisible() and not widget.isModal() \
                        and widget.parent() is self.win:
                    widget.hide()
        return False

    @property
    def batch_bar(self) -> RunBar | None:
        """The run bar of a data run (its rows)."""
        return self.run_bar if self.run_bar is not None and self.run_bar.rows is not None else None

    def job(self, kind: type[Job]) -> Job | None:
        """The running job when it is a ``kind``, else None."""
        return self.jobs.job if isinstance(self.jobs.job, kind) else None

    def platform(self) -> Backend:
        """This machine's backend, with DeskPilot's bars out of its screen and its window list."""
        from deskpilot.platform import backend

        return masked(backend(), self.own)

    def _status(self, text: str) -> None:
        """The outcome of a job, in the status line until another recording is opened."""
        doc = self.win.doc
        self._said = (text, doc.path.resolve() if doc is not None else None)
        self.win.statusBar().showMessage(text)

    def _on_recording_opened(self) -> None:
        doc = self.win.doc
        if self._said is None or doc is None or doc.path.resolve() == self._said[1]:
            return
        if self.win.statusBar().currentMessage() == self._said[0]:
            self.win.statusBar().clearMessage()
        self._said = None
        if self.result is not None:
            self.result.close()
            self.result = None

    def _report_dir(self, recording: Path) -> Path:
        """A new report folder beside the run history, not in whatever folder the GUI was started from."""
        return history_file().parent / "reports" / f"{recording.parent.name}-{dt.datetime.now():%Y%m%d-%H%M%S}"

    def _out_of_the_way(self, ready: object) -> None:
        """Minimise the window, then let the job take its first picture once the window manager has done so."""
        self.win.showMinimized()
        QTimer.singleShot(SETTLE_MS, ready.set)  # type: ignore[attr-defined]

    # --- recording -------------------------------------------------------------------------------------

    def start_recording(self) -> None:
        name = self.win.new_name.text().strip()
        if not name or self.jobs.busy:
            self._status(self.tr("Give the new recording a name first"))
            return
        settings = self.win.settings
        bar = self.record_bar = RecordingBar(settings.stop_hotkey, settings.pause_hotkey)
        self.own.track(bar)
        self.win.library.mkdir(parents=True, exist_ok=True)
        worker = RecordWorker(name, self.win.library, settings.lang, self.own.rects, settings.stop_hotkey,
                              settings.pause_hotkey, platform=self.platform())
        bar.stop_requested.connect(lambda: worker.stop())  # its thread is busy recording: call it directly
        bar.pause_toggled.connect(lambda paused: worker.pause(paused))
        self._final = None
        self.win.showMinimized()
        bar.show_in_corner()
        self.jobs.start(worker, finished=self._on_recorded, failed=self._on_record_failed,
                        progress=[(worker.step_recorded, bar.add_step), (worker.action_seen, bar.action_seen),
                                  (worker.state_changed, bar.set_state), (worker.final_check, self._on_final_check)])

    def _on_final_check(self, check: object) -> None:
        self._final = check
        if self.record_bar is not None:
            self.record_bar.add_final_check(check)

    def _on_recorded(self, folder: str) -> None:
        steps = self.record_bar.recorded if self.record_bar is not None else 0
        self._close_bars()
        self.win.refresh_library()
        self.win.open(Path(folder) / "routine.yaml")
        self._status(self.tr("Recorded {path}: {n} steps; {check}").format(path=folder, n=steps,
                                                                           check=final_check_words(self._final)))

    def _on_record_failed(self, message: str) -> None:
        self._close_bars()
        QMessageBox.warning(self.win, self.tr("Cannot record"), window_words(message))

    # --- playing ---------------------------------------------------------------------------------------

    def play(self, start_at: int, stop_after: int | None = None) -> None:
        doc, model = self.win.doc, self.win.model
        if doc is None or doc.routine is None or self.jobs.busy:
            return
        if doc.is_dirty() and _only_approved_versions_run():
            QMessageBox.warning(self.win, self.tr("Save first"), self.tr(
                "The team policy runs approved versions only, and this window holds edits that are not saved: "
                "they are no approved version. Save them and have the version signed and approved, or undo them."))
            return
        values = self.win.ask_values(doc.routine)
        if values is None:
            return
        routine = doc.routine
        report_dir = self._report_dir(doc.path).resolve()
        self._breakpoints = frozenset(r + 1 for r in model.breakpoints) if model is not None else frozenset()
        self.paused_at, self.last_play = None, (start_at, stop_after)
        worker = PlayWorker(routine, values, report_dir, start_at, stop_after, self._breakpoints,
                            timeout=self.win.settings.timeout, platform=self.platform())
        self._show_run_bar(RunBar(routine.name, routine.steps, first=start_at, last=stop_after,
                                  secrets=routine.secrets))
        if model is not None:
            model.clear_results()
        self._out_of_the_way(worker.ready)
        self.jobs.start(worker, finished=lambda played: self._on_run_finished(played, routine, report_dir),
                        failed=self._on_failed_to_start,
                        progress=[(worker.step_started, self._on_step_started),
                                  (worker.step_finished, self._on_step_finished), (worker.paused, self._on_paused)])

    def _show_run_bar(self, bar: RunBar) -> None:
        self.run_bar = bar
        self.own.track(bar)
        bar.stop_requested.connect(self.stop_run)
        bar.pause_toggled.connect(self._on_bar_pause_toggled)
        bar.show_in_corner()

    def toggle_pause(self) -> None:
        """F6 in the window (shown while a run holds at a breakpoint): resume, or pause before the next step."""
        if self.jobs.job is None or self.run_bar is None:
            return
        self._set_paused(self.paused_at is None)

    def _on_bar_pause_toggled(self, paused: bool) -> None:
        self._set_paused(paused)

    def _set_paused(self, paused: bool) -> None:
        worker = self.jobs.job
        if not isinstance(worker, (PlayWorker, BatchWorker)):
            return
        if paused:
            worker.set_paused(True)
            return
        self.paused_at = None
        if self.win.isMinimized():
            worker.set_paused(False)
        else:  # shown at a breakpoint: out of the way first, then on
            self.win.showMinimized()
            QTimer.singleShot(SETTLE_MS, lambda: worker.set_paused(False))
        if self.run_bar is not None:
            self.run_bar.resumed()

    def stop_run(self) -> None:
        """Stop a run or a data run (the current row is then not written); a recording stops from its bar."""
        if self.job(PlayWorker) is not None or self.job(BatchWorker) is not None:
            self.jobs.stop()

    def _on_paused(self, index: int) -> None:
        self.paused_at = index
        if self.run_bar is not None:
            self.run_bar.paused(index)
        if index in self._breakpoints and self.win.isMinimized():  # a breakpoint: the step and its picture
            self.win.showNormal()
            self.win.select_row(index - 1)
        self._status(self.tr("Paused before step {n}: F6 or Resume goes on, Esc or Stop stops").format(n=index))

    def _on_step_started(self, index: int, step: object) -> None:
        if self.win.model is not None:
            self.win.model.set_current(index - 1)
        if self.run_bar is not None:
            self.run_bar.step_started(index, step)

    def _on_step_finished(self, result: StepResult) -> None:
        if result.path:
            return  # a step inside a step: the step around it says how it went
        if self.win.model is not None:
            self.win.model.set_results([(result.index - 1, result.status, result.seconds, result.error)])
        if self.run_bar is not None:
            self.run_bar.step_finished(result.index, result.status)

    def _on_run_finished(self, played: Played, routine: m.Routine, report_dir: Path) -> None:
        self._end_run()
        report = played.report
        if self.win.doc is not None:
            self.win.history.show_runs(self.win.doc.path.parent)
        failure = failed_step(report)
        if failure is not None:  # the failure next to its step too, "Find now" one click away
            self.win.select_row(table_row(failure))
            if failure.screenshot:
                self.win.anchor_panel.set_picture(file_pixmap(report_dir / failure.screenshot))
        result = self._show_result(RunOutcome(routine, report_dir, report, played.open_titles, failure=failure,
                                              failure_dir=report_dir, values=dict(report.variables)))
        status = status_text(report.outcome)
        if result.explained is not None and failure is not None:
            self._status(self.tr("Run {status} in {s:.1f} s at step {n}: {why}").format(
                status=status, s=report.seconds, n=table_row(failure) + 1, why=result.explained.headline))
        elif report.error:
            self._status(self.tr("Run {status} in {s:.1f} s: {error}").format(status=status, s=report.seconds,
                                                                              error=window_words(report.error)))
        else:
            self._status(self.tr("Run {status} in {s:.1f} s").format(status=status, s=report.seconds))

    def _on_failed_to_start(self, message: str) -> None:
        self._end_run()
        QMessageBox.warning(self.win, self.tr("Cannot play"), window_words(message))

    # --- the result ------------------------------------------------------------------------------------

    def _show_result(self, outcome: RunOutcome) -> RunResultDialog:
        if self.result is not None:
            self.result.close()
        dialog = self.result = RunResultDialog(outcome, self.win)
        dialog.open_report_requested.connect(self.open_report)
        dialog.find_requested.connect(self._find_now)
        dialog.run_again_requested.connect(lambda: self._run_again(outcome))
        dialog.show()
        return dialog

    def open_report(self, report: Path) -> ReportView:
        """A run's report inside the window (report.html, or the folder that holds it)."""
        view = ReportView(Path(report), self.win)
        self.reports = [v for v in self.reports if v.isVisible()] + [view]
        view.show()
        return view

    def _find_now(self, row: int) -> None:
        if self.result is not None:
            self.result.close()  # it would cover the application Find now looks at
        self.win.select_row(row)
        self.win.find_now()

    def _run_again(self, outcome: RunOutcome) -> None:
        if outcome.report is None:
            self.play_with_data(again=True)
        else:
            self.play(*self.last_play)

    # --- data runs -------------------------------------------------------------------------------------

    def play_with_data(self, again: bool = False) -> None:
        """Once per row of a spreadsheet: the dialog (as it was left for this recording), the same checks as the
        command line, then the rows with the run bar. A problem keeps the dialog and its file as they were."""
        doc = self.win.doc
        if doc is None or doc.routine is None or self.jobs.busy:
            return
        key = str(doc.path.resolve())
        choice = self.choices.get(key) or DataChoice(remembered_data(key))
        dialog = BatchDialog(self.win, choice.data, routine=doc.routine)
        choice.apply(dialog)
        if again:
            self.start_batch(dialog)
            return
        while dialog.exec():
            self.choices[key] = DataChoice.of(dialog)
            remember_data(key, dialog.data.text().strip())
            if self.start_batch(dialog):
                return

    def start_batch(self, dialog: BatchDialog) -> bool:
        """Check everything first; a problem is one message (in the window's words) and nothing plays."""
        from deskpilot.player.batch_session import prepare

        doc = self.win.doc
        assert doc is not None and doc.routine is not None
        if self.jobs.busy or not self.win.editor.may_discard():  # rows play the routine as saved: its id is kept
            return False
        try:
            loaded = load_routine(doc.path)
            request = dialog.request()
            values = self.win.ask_values(loaded.routine, rows=True)  # secrets only: the columns give the rest
            if values is None:
                return False
            prepared = prepare(loaded, values, request)
        except DeskPilotError as exc:
            message = window_words(str(exc))
            dialog.show_problem(message)
            QMessageBox.warning(self.win, self.tr("Cannot run with this data"), message)
            return False
        if not prepared.rows:
            prepared.results.close()
            QMessageBox.information(self.win, self.tr("Nothing to do"),
                                    self.tr("All rows are finished in {f}.").format(f=prepared.results.path.name))
            return False
        routine = loaded.routine
        report_dir = self._report_dir(doc.path).resolve()
        options = PlayOptions(report_dir=report_dir, timeout=self.win.settings.timeout)
        worker = BatchWorker(loaded, values, options, request, prepared, platform=self.platform())
        self._show_run_bar(RunBar(routine.name, routine.steps, rows=len(prepared.rows), secrets=routine.secrets))
        self._breakpoints, self.paused_at = frozenset(), None
        if self.win.model is not None:
            self.win.model.clear_results()
        results = prepared.results.path
        self._out_of_the_way(worker.ready)
        return self.jobs.start(worker, finished=lambda done: self._on_batch_finished(done, routine, report_dir,
                                                                                     results),
                               failed=self._on_failed_to_start,
                               progress=[(worker.started_row, self._on_row_started),
                                         (worker.finished_row, self._on_row_finished),
                                         (worker.step_started, self._on_step_started),
                                         (worker.step_finished, self._on_step_finished),
                                         (worker.paused, self._on_paused)])

    def _on_row_started(self, number: int, attempt: int) -> None:
        if self.win.model is not None:
            self.win.model.clear_results()
        if self.run_bar is not None:
            self.run_bar.row_started(number, attempt)

    def _on_row_finished(self, result: object, summary: BatchSummary) -> None:
        if self.run_bar is not None:
            self.run_bar.row_finished(result, summary)  # type: ignore[arg-type]

    def _on_batch_finished(self, played: RowsPlayed, routine: m.Routine, report_dir: Path, results: Path) -> None:
        self._end_run()
        summary = played.summary
        counts = {"ok": summary.ok, "entered": summary.entered, "failed": summary.failed, "total": summary.total,
                  "s": summary.seconds, "path": results}
        if summary.entered:
            text = self.tr("{ok} ok, {entered} entered, not confirmed, {failed} failed of {total} rows in {s:.1f} s; "
                           "results: {path}").format(**counts)
        else:
            text = self.tr("{ok} ok, {failed} failed of {total} rows in {s:.1f} s; results: {path}").format(**counts)
        if summary.aborted_at is not None:
            text = self.tr("Stopped at row {n} (it runs again next time). {summary}").format(n=summary.aborted_at,
                                                                                             summary=text)
        elif summary.stopped_at is not None:
            text = self.tr("Row {n} failed; the run stopped. {summary}").format(n=summary.stopped_at, summary=text)
        self.last_batch = summary
        self._status(text)
        if self.win.doc is not None:
            self.win.history.show_runs(self.win.doc.path.parent)  # the rows are in the history now
        self._show_result(RunOutcome(routine, report_dir, None, played.open_titles, summary, played.rows, results,
                                     played.failure, played.failure_dir, _values_in(played.failure_dir)))

    # --- the end of every job ----------------------------------------------------------------------------

    def _close_bars(self) -> None:
        for bar in (self.record_bar, self.run_bar):
            if bar is not None:
                bar.close()
                bar.deleteLater()
        self.record_bar = self.run_bar = None
        self.win.showNormal()

    def _end_run(self) -> None:
        self._close_bars()
        self.paused_at = None
        if self.win.model is not None:
            self.win.model.set_current(None)


def _only_approved_versions_run() -> bool:
    """The policy plays approved versions only (a policy that cannot be read counts as saying so: the run path
    refuses with its reason anyway)."""
    from deskpilot.compliance.policy import load_policy

    try:
        return load_policy().require == "approved"
    except DeskPilotError:
        return True


def _values_in(report_dir: Path | None) -> dict[str, str]:
    """The values a row's run typed, from its report (no secrets are in it); empty when there is none."""
    from deskpilot.player.report import read_report_json

    if report_dir is None:
        return {}
    try:
        data = read_report_json(report_dir)  # opened when sealed
    except (OSError, ValueError, DeskPilotError):
        return {}
    values = data.get("variables") if isinstance(data, dict) else None
    return {str(k): str(v) for k, v in values.items()} if isinstance(values, dict) else {}
