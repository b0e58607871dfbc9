"""One long action off the GUI thread: a function run on a QThread, its result or error as a signal."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from deskpilot.errors import DeskPilotError
from gui.qt import QObject, QThread, Signal, Slot


class Task(QObject):
    done = Signal(object)
    failed = Signal(str)

    def __init__(self, fn: Callable[[], Any]) -> None:
        super().__init__()
        self.fn = fn

    @Slot()
    def run(self) -> None:
        try:
            result = self.fn()
        except DeskPilotError as exc:
            self.failed.emit(str(exc))
            return
        self.done.emit(result)


def start(parent: QObject, fn: Callable[[], Any], on_done: Callable[[Any], None],
          on_failed: Callable[[str], None]) -> QThread:
    """Run ``fn`` on a new thread; the callbacks run on the GUI thread; the thread ends itself."""
    thread = QThread(parent)
    task = Task(fn)
    task.moveToThread(thread)
    thread.started.connect(task.run)
    task.done.connect(on_done)
    task.failed.connect(on_failed)
    task.done.connect(thread.quit)
    task.failed.connect(thread.quit)
    thread.task = task  # type: ignore[attr-defined]  # keep it alive as long as the thread
    thread.start()
    return thread
