"""Recording, playing and data runs from the window: each a job on the one JobRunner, one at a time.

While a job runs the window gets out of the way of the application being
driven (minimised), a small always-on-top bar shows a recording or a data run,
and the job's end brings the window back with the outcome next to its step.
Values are asked for before a job starts (the run path's questions, one form);
the report and the run history are written by the run path, never here.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from deskpilot.errors import DeskPilotError
from deskpilot.format import load_routine
from deskpilot.result import RunReport, StepResult
from deskpilot.gui.anchor_editor import file_pixmap
from deskpilot.gui.batch_run import BatchBar, BatchDialog, BatchWorker
from deskpilot.gui.i18n import status_text
from deskpilot.gui.job_runner import Job, JobRunner
from deskpilot.gui.play_worker import PlayWorker
from deskpilot.gui.qt import QMessageBox, QObject
from deskpilot.gui.recording import RecordingBar, RecordWorker
from deskpilot.player.batch import BatchSummary
from deskpilot.player.history import history_file
from deskpilot.player.runner import PlayOptions

if TYPE_CHECKING:
    from deskpilot.gui.main_window import MainWindow


class RunControl(QObject):
    """The window's jobs: what starts them, what their progress changes, and how each ends."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.win = window
        self.jobs = JobRunner(self)
        self.paused_at: int | None = None
        self.record_bar: RecordingBar | None = None
        self.batch_bar: BatchBar | None = None
        self.last_batch: BatchSummary | None = None

    def job(self, kind: type[Job]) -> Job | None:
        """The running job when it is a ``kind``, else None."""
        return self.jobs.job if isinstance(self.jobs.job, kind) else None

    def _status(self, text: str) -> None:
        self.win.statusBar().showMessage(text)

    def _report_dir(self, recording: Path) -> Path:
        """A new report folder beside the run history, not in whatever folder the GUI was started from."""
        return history_file().parent / "reports" / f"{recording.parent.name}-{dt.datetime.now():%Y%m%d-%H%M%S}"

    # --- recording -------------------------------------------------------------------------------------

    def start_recording(self) -> None:
        name = self.win.new_name.text().strip()
        if not name or self.jobs.busy:
            self._status(self.tr("Give the new recording a name first"))
            return
        bar = self.record_bar = RecordingBar()
        self.win.library.mkdir(parents=True, exist_ok=True)
        settings = self.win.settings
        worker = RecordWorker(name, self.win.library, settings.lang, lambda: [bar.area()], settings.stop_hotkey,
                              settings.pause_hotkey)
        bar.stop_requested.connect(lambda: worker.stop())  # its thread is busy recording: call it directly
        bar.pause_toggled.connect(lambda paused: worker.pause(paused))
        self.win.showMinimized()
        bar.show()
        self.jobs.start(worker, finished=self._on_recorded, failed=self._on_record_failed,
                        progress=[(worker.step_recorded, bar.add_step), (worker.state_changed, bar.set_state)])

    def _on_recorded(self, folder: str) -> None:
        self._close_bars()
        self.win.refresh_library()
        self.win.open(Path(folder) / "routine.yaml")
        self._status(self.tr("Recorded {path}").format(path=folder))

    def _on_record_failed(self, message: str) -> None:
        self._close_bars()
        QMessageBox.warning(self.win, self.tr("Cannot record"), message)

    # --- playing ---------------------------------------------------------------------------------------

    def play(self, start_at: int, stop_after: int | None = None) -> None:
        doc, model = self.win.doc, self.win.model
        if doc is None or doc.routine is None or self.jobs.busy:
            return
        values = self.win.ask_values(doc.routine)
        if values is None:
            return
        report_dir = self._report_dir(doc.path).resolve()
        breakpoints = frozenset(r + 1 for r in model.breakpoints) if model is not None else frozenset()
        self.paused_at = None
        worker = PlayWorker(doc.routine, values, report_dir, start_at, stop_after, breakpoints,
                            timeout=self.win.settings.timeout)
        self.win.showMinimized()  # get out of the way of the application being driven
        self.jobs.start(worker, finished=lambda report: self._on_run_finished(report, report_dir),
                        failed=self._on_failed_to_start,
                        progress=[(worker.step_started, self._on_step_started),
                                  (worker.step_finished, self._on_step_finished), (worker.paused, self._on_paused)])

    def toggle_pause(self) -> None:
        worker = self.job(PlayWorker)
        if not isinstance(worker, PlayWorker):
            return
        if self.paused_at is not None:
            self.paused_at = None
            self.win.showMinimized()
            worker.resume.set()
        else:
            worker.pause_requested.set()

    def stop_run(self) -> None:
        """Stop a run or a data run (the current row is then not written); a recording stops from its bar."""
        if self.job(PlayWorker) is not None or self.job(BatchWorker) is not None:
            self.jobs.stop()

    def _on_paused(self, index: int) -> None:
        self.paused_at = index
        self.win.showNormal()
        self.win.select_row(index - 1)
        self._status(self.tr("Paused before step {n}: F6 resumes, Esc stops").format(n=index))

    def _on_step_started(self, index: int, description: str) -> None:
        if self.win.model is not None:
            self.win.model.mark(index - 1)
        self._status(self.tr("Step {n}: {what}").format(n=index, what=description))

    def _on_step_finished(self, result: StepResult) -> None:
        if self.win.model is not None:
            self.win.model.results[result.index - 1] = result.status

    def _on_run_finished(self, report: RunReport, report_dir: Path) -> None:
        self._end_run()
        status = status_text(report.status)
        if report.error:
            self._status(self.tr("Run {status} in {s:.1f} s: {error}").format(status=status, s=report.seconds,
                                                                              error=report.error))
        else:
            self._status(self.tr("Run {status} in {s:.1f} s").format(status=status, s=report.seconds))
        if self.win.doc is not None:
            self.win.history.show_runs(self.win.doc.path.parent)
        failed = next((s for s in report.steps if s.status == "failed"), None)
        if failed is not None:  # the failure next to its step, "Find now" one click away
            panel = self.win.anchor_panel
            self.win.select_row(failed.index - 1)
            panel.summary.setText(f"{failed.error}\n" + panel.summary.text())
            if failed.screenshot:
                panel.set_picture(file_pixmap(report_dir / failed.screenshot))

    def _on_failed_to_start(self, message: str) -> None:
        self._end_run()
        QMessageBox.warning(self.win, self.tr("Cannot play"), message)

    # --- data runs -------------------------------------------------------------------------------------

    def play_with_data(self) -> None:
        """Once per row of a spreadsheet: the dialog, the same checks as the command line, then the rows bar."""
        if self.win.doc is None or self.win.doc.routine is None or self.jobs.busy:
            return
        dialog = BatchDialog(self.win)
        if dialog.exec():
            self.start_batch(dialog)

    def start_batch(self, dialog: BatchDialog) -> bool:
        """Check everything first; a problem is one message and nothing plays."""
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
            QMessageBox.warning(self.win, self.tr("Cannot run with this data"), str(exc))
            return False
        if not prepared.rows:
            prepared.results.close()
            QMessageBox.information(self.win, self.tr("Nothing to do"),
                                    self.tr("All rows are finished in {f}.").format(f=prepared.results.path.name))
            return False
        options = PlayOptions(report_dir=self._report_dir(doc.path), timeout=self.win.settings.timeout)
        worker = BatchWorker(loaded, values, options, request, prepared)
        bar = self.batch_bar = BatchBar(len(prepared.rows))
        bar.stop_requested.connect(worker.stop.set)
        results = prepared.results.path
        bar.show()
        self.win.showMinimized()
        return self.jobs.start(worker, finished=lambda summary: self._on_batch_finished(summary, results),
                               failed=self._on_failed_to_start,
                               progress=[(worker.started_row, bar.row_started),
                                         (worker.finished_row, bar.row_finished)])

    def _on_batch_finished(self, summary: BatchSummary, results: Path) -> None:
        self._end_run()
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

    # --- the end of every job ----------------------------------------------------------------------------

    def _close_bars(self) -> None:
        for bar in (self.record_bar, self.batch_bar):
            if bar is not None:
                bar.close()
        self.record_bar = self.batch_bar = None
        self.win.showNormal()

    def _end_run(self) -> None:
        self._close_bars()
        if self.win.model is not None:
            self.win.model.mark(None)

