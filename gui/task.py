"""One long action off the GUI thread: a function run on a QThread, its result or error as a signal.

The callbacks must run on the GUI thread, since they touch widgets. A signal
connected to a plain Python function is delivered directly, on the emitting
(worker) thread; connected to a slot of an object that lives on the GUI thread
it is queued there. So the callbacks sit behind such an object, ``_Relay``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from deskpilot.errors import DeskPilotError
from deskpilot.gui.qt import QObject, QThread, Signal, Slot


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
        except Exception as exc:  # a bug must reach the person as a message, not kill the thread silently
            self.failed.emit(f"{type(exc).__name__}: {exc}")
            return
        self.done.emit(result)


class _Relay(QObject):
    """Lives on the GUI thread, so the task's signals reach the callbacks there."""

    def __init__(self, parent: QObject, on_done: Callable[[Any], None], on_failed: Callable[[str], None]) -> None:
        super().__init__(parent)
        self.on_done, self.on_failed = on_done, on_failed

    @Slot(object)
    def done(self, result: object) -> None:
        self.on_done(result)

    @Slot(str)
    def failed(self, message: str) -> None:
        self.on_failed(message)


def start(parent: QObject, fn: Callable[[], Any], on_done: Callable[[Any], None],
          on_failed: Callable[[str], None]) -> QThread:
    """Run ``fn`` on a new thread; the callbacks run on the GUI thread; the thread ends itself."""
    thread = QThread(parent)
    task = Task(fn)
    task.moveToThread(thread)
    relay = _Relay(parent, on_done, on_failed)
    thread.started.connect(task.run)
    task.done.connect(relay.done)
    task.failed.connect(relay.failed)
    task.done.connect(thread.quit)
    task.failed.connect(thread.quit)
    thread.finished.connect(relay.deleteLater)
    thread.task = task  # type: ignore[attr-defined]  # keep it alive as long as the thread
    thread.start()
    return thread
