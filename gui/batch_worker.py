"""A data run's rows on a worker thread: the run path's ``play_rows``, its progress as Qt signals.

Each row's steps are heard too (the run bar's step n of N), and Pause holds the run before
its next step: the worker waits in the step listener until Resume or Stop. The last failed
step is kept with the folder of its row's report, for the result to show its picture.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

from deskpilot import model as m
from deskpilot.batch import DataRow, RowResult
from deskpilot.format import LoadedRoutine
from deskpilot.ports import Backend
from deskpilot.result import RunReport, StepResult
from deskpilot.gui.job_runner import Job
from deskpilot.gui.play_worker import READY_WAIT, open_titles
from deskpilot.gui.qt import Signal
from deskpilot.player.batch import BatchSummary, attempt_name
from deskpilot.player.batch_session import BatchRequest, Prepared
from deskpilot.player.runner import PlayOptions


@dataclass(frozen=True)
class RowsPlayed:
    """A finished data run: its summary, every row's result, and the last failure with where its picture is."""

    summary: BatchSummary
    rows: list[RowResult]
    failure: StepResult | None = None
    failure_dir: Path | None = None
    open_titles: list[str] | None = None


class BatchWorker(Job):
    """The rows of one data run, on the run path; their progress as signals; ``stop`` ends the current row.

    ``finished`` carries a ``RowsPlayed``; each row's report and history line are written as the row ends.
    Pause holds the run before its next step (the worker waits in the step listener)."""

    started_row = Signal(int, int)
    finished_row = Signal(object, object)
    step_started = Signal(int, object)
    step_finished = Signal(object)
    paused = Signal(int)

    def __init__(self, loaded: LoadedRoutine, given: dict[str, str], options: PlayOptions, request: BatchRequest,
                 prepared: Prepared, platform: Backend | None = None) -> None:
        super().__init__()
        self.loaded, self.given, self.options, self.request, self.prepared = loaded, given, options, request, prepared
        self.platform = platform
        self.stop = threading.Event()
        self.ready = threading.Event()
        self.going = threading.Event()  # cleared while paused
        self.going.set()
        self.rows: list[RowResult] = []
        self._row: tuple[int, int] = (0, 1)
        self.failure: StepResult | None = None
        self.failure_dir: Path | None = None

    def work(self) -> RowsPlayed:
        from deskpilot.player.run import play_rows

        self.ready.wait(READY_WAIT)
        summary = play_rows(self.loaded, self.given, self.options, self.request, self.prepared, self, stop=self.stop,
                            platform=self.platform, steps=_Steps(self))
        titles = open_titles(self.platform) if self.failure is not None else None
        return RowsPlayed(summary, list(self.rows), self.failure, self.failure_dir, titles)

    def request_stop(self) -> None:
        self.ready.set()
        self.stop.set()
        self.going.set()

    def set_paused(self, paused: bool) -> None:
        """Called on the GUI thread: hold before the next step, or go on."""
        (self.going.clear if paused else self.going.set)()

    # the BatchListener calls, on the worker thread: each becomes a queued signal to the bar
    def row_started(self, row: DataRow, attempt: int) -> None:
        self._row = (row.number, attempt)
        self.started_row.emit(row.number, attempt)

    def row_finished(self, result: RowResult, summary: BatchSummary) -> None:
        self.rows.append(result)
        self.finished_row.emit(result, summary)


class _Steps:
    """The steps of each row (a PlayerListener on the worker thread): progress, the pause, the last failure."""

    def __init__(self, worker: BatchWorker) -> None:
        self.worker = worker

    def step_started(self, index: int, step: m.Step) -> None:
        worker = self.worker
        if not worker.going.is_set():
            worker.paused.emit(index)
            while not worker.going.wait(0.1) and not worker.stop.is_set():
                pass
        worker.step_started.emit(index, step)

    def step_finished(self, result: StepResult) -> None:
        worker = self.worker
        if result.status == "failed":
            number, attempt = worker._row
            base = worker.options.report_dir
            worker.failure = result
            worker.failure_dir = base / attempt_name(number, attempt) if base is not None else None
        worker.step_finished.emit(result)

    def run_finished(self, report: RunReport) -> None:
        pass
