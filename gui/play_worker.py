"""Playing off the GUI thread, on the one run path: the player's listener calls become Qt signals.

Stop, pause and resume are the run path's ``Controls``: plain threading Events the
GUI thread sets and the player checks. The report and the history line are
written by the run path before ``finished`` is emitted.

The player sees the machine through ``platform``: the GUI passes the backend with
DeskPilot's own bars masked out (``own_windows``). The first step waits until the
GUI says its window is out of the way (``ready``), so the first picture the player
takes is of the application, not of the DeskPilot window on its way down.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from pathlib import Path

from deskpilot.model import Routine, Step
from deskpilot.ports import Backend
from deskpilot.result import RunReport, StepResult
from deskpilot.gui.job_runner import Job
from deskpilot.gui.qt import Signal
from deskpilot.player.run import Controls
from deskpilot.player.runner import PlayOptions

log = logging.getLogger(__name__)
READY_WAIT = 3.0  # seconds the run waits at most for the window to get out of the way


@dataclass(frozen=True)
class Played:
    """A finished run: its report, and the windows that were open when it failed (None: not looked at)."""

    report: RunReport
    open_titles: list[str] | None = None


def open_titles(platform: Backend | None) -> list[str] | None:
    """The titles of the windows open now, for saying that the one a step needs is not; None when unknown."""
    if platform is None:
        return None
    try:
        windows = platform.windows()
        return [w.title for w in windows.all()] if windows is not None else None
    except Exception as exc:  # no display any more, a remote desktop: the result just says less
        log.info("could not list the windows: %s", exc)
        return None


class PlayWorker(Job):
    """One run of a routine; ``finished`` carries a ``Played``, ``failed`` why it could not start."""

    step_started = Signal(int, object)  # the 1-based index and the routine's step (the GUI says it in words)
    step_finished = Signal(object)
    paused = Signal(int)

    def __init__(self, routine: Routine, variables: dict[str, str], report_dir: Path, start_at: int = 1,
                 stop_after: int | None = None, breakpoints: frozenset[int] = frozenset(),
                 timeout: float | None = None, platform: Backend | None = None) -> None:
        super().__init__()
        self.routine, self.variables, self.platform = routine, variables, platform
        self.options = PlayOptions(report_dir=report_dir, start_at=start_at, stop_after=stop_after,
                                   breakpoints=breakpoints, timeout=timeout)
        self.controls = Controls()
        self.ready = threading.Event()  # set by the GUI once its window is out of the way

    @property
    def stop(self) -> threading.Event:
        return self.controls.stop

    @property
    def pause_requested(self) -> threading.Event:
        return self.controls.pause_requested

    @property
    def resume(self) -> threading.Event:
        return self.controls.resume

    def work(self) -> Played:
        from deskpilot.player.run import play_once

        self.ready.wait(READY_WAIT)
        report = play_once(self.routine, self.variables, self.options, listener=_Relay(self), controls=self.controls,
                           platform=self.platform, hotkey=False).report  # stopped from the run bar or the window
        titles = open_titles(self.platform) if report.status == "failed" else None
        return Played(report, titles)

    def request_stop(self) -> None:
        self.ready.set()
        self.controls.stop.set()
        self.controls.resume.set()  # a paused run hears the stop at once

    def set_paused(self, paused: bool) -> None:
        """Called on the GUI thread: pause before the next step, or go on."""
        if paused:
            self.controls.pause_requested.set()
        else:
            self.controls.pause_requested.clear()
            self.controls.resume.set()


class _Relay:
    """The player's listener, called on the worker thread; each call becomes a queued signal."""

    def __init__(self, worker: PlayWorker) -> None:
        self.worker = worker

    def step_started(self, index: int, step: Step) -> None:
        self.worker.step_started.emit(index, step)

    def step_finished(self, result: StepResult) -> None:
        self.worker.step_finished.emit(result)

    def paused(self, index: int) -> None:
        self.worker.paused.emit(index)

    def run_finished(self, report: RunReport) -> None:
        pass  # the job ends with ``finished``, once the run path has written the report and the history
