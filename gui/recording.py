"""Recording from the GUI: a worker thread runs the recorder; a small always-on-top bar shows it and stops it."""

from __future__ import annotations

from pathlib import Path

from deskpilot.errors import DeskPilotError
from deskpilot.geometry import Rect
from deskpilot.model import Step
from deskpilot.gui.job_runner import Job
from deskpilot.gui.qt import (
    QCoreApplication,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)


class RecordWorker(Job):
    """Lives on a QThread: start, wait for stop, write the routine folder; ``finished`` carries the folder."""

    step_recorded = Signal(int, str)
    state_changed = Signal(str)

    def __init__(self, name: str, out: Path, lang: str, ignore_areas: object, stop_hotkey: str = "ctrl+alt+shift+s",
                 pause_hotkey: str = "ctrl+alt+shift+p") -> None:
        super().__init__()
        self.name, self.out, self.lang, self.ignore_areas = name, out, lang, ignore_areas
        self.stop_keys = frozenset(k.strip().lower() for k in stop_hotkey.split("+") if k.strip())
        self.pause_keys = frozenset(k.strip().lower() for k in pause_hotkey.split("+") if k.strip())
        self.recorder: object | None = None

    def work(self) -> str:
        from deskpilot.environment import check_tesseract
        from deskpilot.platform import backend
        from deskpilot.recorder.session import RecordOptions, check_name, open_recorder

        check_name(self.name)  # "../../x" would record outside the library
        backend().check()
        check_tesseract(self.lang)
        if (self.out / self.name).exists():
            raise DeskPilotError(self.tr("{path} already exists: choose another name").format(
                path=self.out / self.name))
        options = RecordOptions(name=self.name, out=self.out, lang=self.lang, stop_keys=self.stop_keys,
                                pause_keys=self.pause_keys, ignore_areas=self.ignore_areas)  # type: ignore[arg-type]
        recorder = open_recorder(options, listener=_Relay(self))
        self.recorder = recorder
        recorder.start()
        recorder.wait()
        self.state_changed.emit("finishing")
        return str(recorder.stop())

    def stop(self) -> None:
        """Called on the GUI thread while the job's thread is busy recording: it sets an Event."""
        if self.recorder is not None:
            self.recorder.stopped.set()  # type: ignore[attr-defined]

    def pause(self, paused: bool) -> None:
        if self.recorder is not None:
            self.recorder.set_paused(paused)  # type: ignore[attr-defined]


class _Relay:
    def __init__(self, worker: RecordWorker) -> None:
        self.worker = worker

    def step_recorded(self, index: int, step: Step) -> None:
        text = step.describe()
        if step.weak:
            text = QCoreApplication.translate("RecordingBar", "{step}  (weak: {why})").format(step=text, why=step.weak)
        self.worker.step_recorded.emit(index, text)

    def state_changed(self, state: str) -> None:
        self.worker.state_changed.emit(state)


class RecordingBar(QWidget):
    """Always on top, out of the way: state, steps so far, Pause and Stop."""

    stop_requested = Signal()
    pause_toggled = Signal(bool)

    def __init__(self) -> None:
        super().__init__(None, Qt.WindowType.Tool | Qt.WindowType.WindowStaysOnTopHint)
        self.setWindowTitle(self.tr("DeskPilot recording"))
        self.state = QLabel(self.tr("starting..."))
        self.steps = QListWidget()
        self.steps.setMaximumHeight(120)
        self.pause = QPushButton(self.tr("Pause"))
        self.pause.setCheckable(True)
        self.pause.toggled.connect(self._on_pause_toggled)
        self.stop = QPushButton(self.tr("Stop"))
        self.stop.clicked.connect(self.stop_requested.emit)
        row = QHBoxLayout()
        row.addWidget(self.state, 1)
        row.addWidget(self.pause)
        row.addWidget(self.stop)
        col = QVBoxLayout(self)
        col.addLayout(row)
        col.addWidget(self.steps)
        self.resize(420, 170)

    def _on_pause_toggled(self, paused: bool) -> None:
        self.pause.setText(self.tr("Resume") if paused else self.tr("Pause"))
        self.pause_toggled.emit(paused)

    def add_step(self, index: int, description: str) -> None:
        self.steps.addItem(f"{index:>3}  {description}")
        self.steps.scrollToBottom()
        self.state.setText(self.tr("recording: {n} steps").format(n=self.steps.count()))

    def set_state(self, state: str) -> None:
        """The recorder's state ("recording", "paused", "finishing", "stopped") in the window's words."""
        if state == "recording":
            self.state.setText(self.tr("recording: {n} steps").format(n=self.steps.count()))
            return
        words = {"paused": self.tr("paused"), "finishing": self.tr("finishing..."), "stopped": self.tr("stopped")}
        self.state.setText(words.get(state, state))

    def area(self) -> Rect:
        """Where the bar is on screen, frame included: clicks there are not part of the routine."""
        g = self.frameGeometry()
        return Rect(g.x(), g.y(), g.width(), g.height())
