"""One job at a time off the GUI thread: recording, playing and data runs share one start-to-clean-up path.

A job is a ``Job`` (a QObject with ``work()``) moved to a QThread of its own. Its
life is always the same: the thread starts it, it reports progress through its
own signals, then it ends with ``finished(result)`` or ``failed(message)``, the
thread stops and both go. The end signals reach the runner's slots, which live
on the GUI thread, so the callbacks given to ``start`` may touch widgets.

A progress slot must be a method of an object on the GUI thread (a widget, the
window): Qt then queues the call there. A lambda would run on the worker thread.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import Any

from deskpilot.errors import DeskPilotError
from deskpilot.gui.qt import QObject, QThread, Signal, Slot

log = logging.getLogger(__name__)


class Job(QObject):
    """Lives on the job's thread and never touches a widget; ``work`` returns the result or raises."""

    finished = Signal(object)
    failed = Signal(str)

    @Slot()
    def run(self) -> None:
        try:
            result = self.work()
        except DeskPilotError as exc:  # the machine is not ready, the input is wrong: one line for the person
            self.failed.emit(str(exc))
            return
        except Exception as exc:  # a bug must reach the person as a message, not leave the window busy forever
            log.exception("%s failed", type(self).__name__)
            self.failed.emit(f"{type(exc).__name__}: {exc}")
            return
        self.finished.emit(result)

    def work(self) -> object:
        raise NotImplementedError

    def request_stop(self) -> None:
        """Called on the GUI thread: ask the work to end soon (it sets an Event the work checks)."""


Progress = Sequence[tuple[Any, Callable[..., Any]]]  # (a job's signal, a GUI-thread slot)


class JobRunner(QObject):
    """Starts a job on its own thread, wires its signals, and cleans up when it ends; one job at a time."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.worker_thread: QThread | None = None
        self.job: Job | None = None
        self._finished: Callable[[Any], None] | None = None
        self._failed: Callable[[str], None] | None = None

    @property
    def busy(self) -> bool:
        return self.worker_thread is not None

    def start(self, job: Job, *, finished: Callable[[Any], None], failed: Callable[[str], None],
              progress: Progress = ()) -> bool:
        """Run ``job``; False (and nothing started) while another job runs."""
        if self.busy:
            return False
        thread = QThread(self)
        job.moveToThread(thread)
        thread.started.connect(job.run)
        for signal, slot in progress:
            signal.connect(slot)
        job.finished.connect(self._on_finished)
        job.failed.connect(self._on_failed)
        self.worker_thread, self.job, self._finished, self._failed = thread, job, finished, failed
        thread.start()
        return True

    def stop(self) -> None:
        if self.job is not None:
            self.job.request_stop()

    @Slot(object)
    def _on_finished(self, result: object) -> None:
        callback = self._finished
        self._end()
        if callback is not None:
            callback(result)

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        callback = self._failed
        self._end()
        if callback is not None:
            callback(message)

    def _end(self) -> None:
        """The job has said its last word: stop its thread and let both go, before the callback runs."""
        thread = self.worker_thread
        self.worker_thread, self.job, self._finished, self._failed = None, None, None, None
        if thread is not None:
            thread.quit()
            thread.wait(5000)
            thread.deleteLater()
