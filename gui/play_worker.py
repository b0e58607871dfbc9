"""Playing off the GUI thread, on the one run path: the player's listener calls become Qt signals.

Stop, pause and resume are the run path's ``Controls``: plain threading Events the
GUI thread sets and the player checks. The report and the history line are
written by the run path before ``finished`` is emitted.
"""

from __future__ import annotations

import threading
from pathlib import Path

from deskpilot.model import Routine, Step
from deskpilot.result import RunReport, StepResult
from deskpilot.gui.job_runner import Job
from deskpilot.gui.qt import Signal
from deskpilot.player.run import Controls
from deskpilot.player.runner import PlayOptions


class PlayWorker(Job):
    """One run of a routine; ``finished`` carries its RunReport, ``failed`` why it could not start."""

    step_started = Signal(int, str)
    step_finished = Signal(object)
    paused = Signal(int)

    def __init__(self, routine: Routine, variables: dict[str, str], report_dir: Path, start_at: int = 1,
                 stop_after: int | None = None, breakpoints: frozenset[int] = frozenset(),
                 timeout: float | None = None) -> None:
        super().__init__()
        self.routine, self.variables = routine, variables
        self.options = PlayOptions(report_dir=report_dir, start_at=start_at, stop_after=stop_after,
                                   breakpoints=breakpoints, timeout=timeout)
        self.controls = Controls()

    @property
    def stop(self) -> threading.Event:
        return self.controls.stop

    @property
    def pause_requested(self) -> threading.Event:
        return self.controls.pause_requested

    @property
    def resume(self) -> threading.Event:
        return self.controls.resume

    def work(self) -> RunReport:
        from deskpilot.player.run import play_once

        return play_once(self.routine, self.variables, self.options, listener=_Relay(self), controls=self.controls,
                         hotkey=False).report  # stopped from the window (Stop, Esc), as it always was

    def request_stop(self) -> None:
        self.controls.stop.set()
        self.controls.resume.set()  # a paused run hears the stop at once


class _Relay:
    """The player's listener, called on the worker thread; each call becomes a queued signal."""

    def __init__(self, worker: PlayWorker) -> None:
        self.worker = worker

    def step_started(self, index: int, step: Step) -> None:
        self.worker.step_started.emit(index, step.describe())

    def step_finished(self, result: StepResult) -> None:
        self.worker.step_finished.emit(result)

    def paused(self, index: int) -> None:
        self.worker.paused.emit(index)

    def run_finished(self, report: RunReport) -> None:
        pass  # the job ends with ``finished``, once the run path has written the report and the history
