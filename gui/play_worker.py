"""Playing off the GUI thread: the player's listener calls become Qt signals; stop is a threading.Event."""

from __future__ import annotations

import threading
from pathlib import Path

from deskpilot.errors import DeskPilotError
from deskpilot.model import Routine, Step
from deskpilot.result import RunReport, StepResult
from deskpilot.gui.qt import QObject, Signal, Slot
from deskpilot.player.runner import PlayOptions


class PlayWorker(QObject):
    """Lives on a QThread; never touches a widget."""

    step_started = Signal(int, str)
    step_finished = Signal(object)
    run_finished = Signal(object)
    failed_to_start = Signal(str)
    paused = Signal(int)

    def __init__(self, routine: Routine, variables: dict[str, str], report_dir: Path, start_at: int = 1,
                 stop_after: int | None = None, breakpoints: frozenset[int] = frozenset(),
                 timeout: float | None = None) -> None:
        super().__init__()
        self.routine, self.variables = routine, variables
        self.options = PlayOptions(report_dir=report_dir, start_at=start_at, stop_after=stop_after,
                                   breakpoints=breakpoints, timeout=timeout)
        self.stop = threading.Event()
        self.pause_requested = threading.Event()
        self.resume = threading.Event()

    @Slot()
    def run(self) -> None:
        from deskpilot.player.report import write_report
        from deskpilot.player.session import open_session

        try:
            session = open_session(self.routine, self.options)
        except DeskPilotError as exc:
            self.failed_to_start.emit(str(exc))
            return
        session.player.listener = _Relay(self)
        session.player.stop = self.stop
        session.player.pause_requested = self.pause_requested  # shared with the GUI thread: plain Events
        session.player.resume = self.resume
        report = session.player.run(self.variables)
        if self.options.report_dir is not None:
            write_report(report, self.options.report_dir)
        if self.routine.folder is not None:
            from deskpilot.player.history import record_run

            record_run(self.routine.folder, report, self.options.report_dir)
        self.run_finished.emit(report)  # after the report and the history are on disk


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
        pass  # the worker announces the end itself, once the report and history are written
