"""Recording from the GUI: a worker thread runs the recorder; a small always-on-top bar shows it and stops it.

The bar says that it records (a red dot and the time), how many steps it has, the keys
that stop and pause it, and each step as it is recorded. A click becomes a step only
once the recorder knows what follows it (a second click would make it a double click),
and typing only when it ends, so the bar lists each action as *pending* the moment the
recorder sees it, and puts the step in its place when it comes. After Stop it says the
final check the recorder added (the application's confirmation), or that none was seen.

The bar is kept out of what the recorder sees (``own_windows``): its steps and its timer
are DeskPilot's words, not the application's.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from deskpilot import model as m
from deskpilot.errors import DeskPilotError
from deskpilot.geometry import Rect
from deskpilot.ports import Backend
from deskpilot.gui.job_runner import Job
from deskpilot.gui.own_windows import device_rect
from deskpilot.gui.qt import (
    QBrush,
    QColor,
    QCoreApplication,
    QFont,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    Qt,
    QTimer,
    QVBoxLayout,
    Signal,
)
from deskpilot.gui.run_bar import CornerBar, key_text, step_sentence
from deskpilot.gui.theme import is_dark

DOUBLE_CLICK = 0.5  # seconds: a second click this soon at the same place is the same (double) click
FAMILY = {"click": "click", "drag": "click", "type": "type", "press": "key"}  # step kind -> the action it came from


class RecordWorker(Job):
    """Lives on a QThread: start, wait for stop, write the routine folder; ``finished`` carries the folder."""

    step_recorded = Signal(int, object)  # its number and the step
    action_seen = Signal(str, str)  # "click" / "type" / "key", and where or which key: not a step yet
    state_changed = Signal(str)
    final_check = Signal(object)  # the check the recorder ended the routine with, or None

    def __init__(self, name: str, out: Path, lang: str, ignore_areas: object, stop_hotkey: str = "ctrl+alt+shift+s",
                 pause_hotkey: str = "ctrl+alt+shift+p", platform: Backend | None = None) -> None:
        super().__init__()
        self.name, self.out, self.lang, self.ignore_areas = name, out, lang, ignore_areas
        self.stop_keys = frozenset(k.strip().lower() for k in stop_hotkey.split("+") if k.strip())
        self.pause_keys = frozenset(k.strip().lower() for k in pause_hotkey.split("+") if k.strip())
        self.platform = platform
        self.recorder: object | None = None

    def work(self) -> str:
        from deskpilot.compliance.roles import require_role
        from deskpilot.environment import check_tesseract
        from deskpilot.platform import backend
        from deskpilot.recorder.session import RecordOptions, check_name, open_recorder

        check_name(self.name)  # "../../x" would record outside the library
        require_role("author", self.out / self.name, "record")  # refused before anyone records for nothing
        platform = self.platform or backend()
        platform.check()
        check_tesseract(self.lang)
        if (self.out / self.name).exists():
            raise DeskPilotError(self.tr("{path} already exists: choose another name").format(
                path=self.out / self.name))
        options = RecordOptions(name=self.name, out=self.out, lang=self.lang, stop_keys=self.stop_keys,
                                pause_keys=self.pause_keys, ignore_areas=self.ignore_areas)  # type: ignore[arg-type]
        recorder = open_recorder(options, listener=_Relay(self), platform=platform)
        self.recorder = recorder
        recorder.start()
        recorder.wait()
        self.state_changed.emit("finishing")
        folder = recorder.stop()
        self.final_check.emit(recorder.assembler.confirmation)
        return str(folder)

    def stop(self) -> None:
        """Called on the GUI thread while the job's thread is busy recording: it sets an Event."""
        if self.recorder is not None:
            self.recorder.stopped.set()  # type: ignore[attr-defined]

    def pause(self, paused: bool) -> None:
        if self.recorder is not None:
            self.recorder.set_paused(paused)  # type: ignore[attr-defined]


class _Relay:
    """The recorder's listener, called on its threads; each call becomes a queued signal."""

    def __init__(self, worker: RecordWorker) -> None:
        self.worker = worker

    def step_recorded(self, index: int, step: m.Step) -> None:
        self.worker.step_recorded.emit(index, step)

    def action_seen(self, kind: str, detail: str) -> None:
        self.worker.action_seen.emit(kind, detail)

    def state_changed(self, state: str) -> None:
        self.worker.state_changed.emit(state)


@dataclass
class _Pending:
    family: str
    detail: str
    item: QListWidgetItem
    seen: float
    count: int = 1


class RecordingBar(CornerBar):
    """Always on top, out of the way: a red dot and the time, the steps so far (the last one pending), the
    stop and pause keys, Pause and Stop."""

    stop_requested = Signal()
    pause_toggled = Signal(bool)

    def __init__(self, stop_hotkey: str = "ctrl+alt+shift+s", pause_hotkey: str = "ctrl+alt+shift+p") -> None:
        super().__init__(self.tr("DeskPilot recording"))
        self.recorded = 0
        self.state_name = "starting"
        self.elapsed, self._since = 0.0, None  # seconds recorded, and since when the clock runs
        self.pending: list[_Pending] = []
        self.dot = QLabel("●")
        self.dot.setStyleSheet("color: #9e9e9e; font-size: 16pt")
        self.state = QLabel(self.tr("Starting ..."))
        self.state.setStyleSheet("font-weight: bold")
        self.clock = QLabel("0:00")
        self.count = QLabel(self.tr("{n} steps").format(n=0))
        self.keys = QLabel(self.tr("Stop: {stop} · Pause: {pause}").format(stop=key_text(stop_hotkey),
                                                                          pause=key_text(pause_hotkey)))
        self.keys.setToolTip(self.tr("These keys work in any window while recording (Settings changes them)"))
        self.steps = QListWidget()
        self.steps.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.steps.setMinimumHeight(120)
        self.pause = QPushButton(self.tr("Pause"))
        self.pause.setCheckable(True)
        self.pause.toggled.connect(self._on_pause_toggled)
        self.stop = QPushButton(self.tr("Stop"))
        self.stop.clicked.connect(self.stop_requested.emit)
        for button in (self.pause, self.stop):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        row = QHBoxLayout()
        for widget in (self.dot, self.state, self.clock, self.count):
            row.addWidget(widget)
        row.addStretch(1)
        row.addWidget(self.pause)
        row.addWidget(self.stop)
        col = QVBoxLayout(self)
        col.setContentsMargins(10, 6, 10, 8)
        col.addLayout(row)
        col.addWidget(self.keys)
        col.addWidget(self.steps)
        self.setFixedWidth(420)
        self.resize(420, 230)
        self.ticker = QTimer(self)
        self.ticker.setInterval(500)
        self.ticker.timeout.connect(self._tick)
        self.ticker.start()

    # --- the clock and the state ---------------------------------------------------------------------------

    def seconds(self) -> float:
        return self.elapsed + (time.monotonic() - self._since if self._since is not None else 0.0)

    def _tick(self) -> None:
        total = int(self.seconds())
        self.clock.setText(f"{total // 60}:{total % 60:02d}")

    def set_state(self, state: str) -> None:
        """The recorder's state ("recording", "paused", "finishing", "stopped") in the window's words."""
        self.state_name = state
        running = state == "recording"
        if running and self._since is None:
            self._since = time.monotonic()
        elif not running and self._since is not None:
            self.elapsed, self._since = self.seconds(), None
        words = {"recording": self.tr("Recording"), "paused": self.tr("Paused"),
                 "finishing": self.tr("Finishing the last steps ..."), "stopped": self.tr("Stopped")}
        self.state.setText(words.get(state, state))
        self.dot.setText("●" if state != "paused" else "❚❚")
        self.dot.setStyleSheet(f"color: {'#d32f2f' if running else '#9e9e9e'}; font-size: 16pt")
        if state in ("paused", "recording"):
            self.pause.blockSignals(True)
            self.pause.setChecked(state == "paused")
            self.pause.setText(self.tr("Resume") if state == "paused" else self.tr("Pause"))
            self.pause.blockSignals(False)
        if state in ("finishing", "stopped"):
            self.pause.setEnabled(False)
            self.stop.setEnabled(False)
        self._tick()

    def _on_pause_toggled(self, paused: bool) -> None:
        self.pause.setText(self.tr("Resume") if paused else self.tr("Pause"))
        self.pause_toggled.emit(paused)

    # --- the steps -------------------------------------------------------------------------------------------

    def action_seen(self, kind: str, detail: str) -> None:
        """The person just did something the recorder has not made a step of yet: list it as pending."""
        now = time.monotonic()
        last = self.pending[-1] if self.pending else None
        if last is not None and last.family == kind == "type":
            return  # still the same typing: the recorder starts a run again after each Shift ("C-7001")
        if last is not None and last.family == kind and kind in ("click", "key") and last.detail == detail \
                and (kind == "key" or now - last.seen <= DOUBLE_CLICK):
            last.count += 1
            last.seen = now
            last.item.setText(self._pending_text(last))
            return
        pending = _Pending(kind, detail, QListWidgetItem(), now)
        pending.item.setText(self._pending_text(pending))
        font = QFont(pending.item.font())
        font.setItalic(True)
        pending.item.setFont(font)
        pending.item.setForeground(QBrush(QColor("#9e9e9e" if is_dark() else "#6d6d6d")))
        pending.item.setToolTip(self.tr("Recorded as a step as soon as DeskPilot knows what follows it"))
        self.pending.append(pending)
        self.steps.addItem(pending.item)
        self.steps.scrollToBottom()

    def _pending_text(self, pending: _Pending) -> str:
        if pending.family == "click":
            what = self.tr("Click at ({at})").format(at=pending.detail) if pending.count == 1 else \
                self.tr("Double-click at ({at})").format(at=pending.detail)
        elif pending.family == "type":
            what = self.tr("Typing")
        else:
            what = self.tr("Press {key}").format(key=key_text(pending.detail)) if pending.count == 1 else \
                self.tr("Press {key} ×{n}").format(key=key_text(pending.detail), n=pending.count)
        return self.tr("  …  {what} (being recorded)").format(what=what)

    def add_step(self, index: int, step: object) -> None:
        """Step ``index`` is recorded: in place of the action it came from, or before what is still pending."""
        if isinstance(step, m.Step):
            text = step_sentence(step)
            if step.weak:
                text = self.tr("{step}  (weak: {why})").format(step=text, why=step.weak)
            family = FAMILY.get(step.kind)
        else:
            text, family = str(step), None
        line = f"{index:>3}  {text}"
        self.recorded += 1
        self.count.setText(self.tr("{n} steps").format(n=self.recorded))
        match = next((k for k, p in enumerate(self.pending) if p.family == family), None) if family else None
        if match is not None:
            for gone in self.pending[:match]:  # actions that made no step (typing taken back with Backspace)
                self.steps.takeItem(self.steps.row(gone.item))
            item = self.pending[match].item
            del self.pending[:match + 1]
            item.setText(line)
            item.setFont(QFont(self.steps.font()))
            item.setForeground(QBrush(self.steps.palette().text().color()))
            item.setToolTip(text)
        else:
            item = QListWidgetItem(line)
            item.setToolTip(text)
            at = self.steps.row(self.pending[0].item) if self.pending else self.steps.count()
            self.steps.insertItem(at, item)
        if isinstance(step, m.Step) and step.weak:
            item.setForeground(QBrush(QColor("#ffb347" if is_dark() else "#b36b00")))
        self.steps.scrollToBottom()

    def add_final_check(self, check: object) -> None:
        """Say the check the recorder ended with (the application's confirmation), or that there is none."""
        for gone in self.pending:
            self.steps.takeItem(self.steps.row(gone.item))
        self.pending.clear()
        if isinstance(check, m.Step):
            item = QListWidgetItem(self.tr("  ✓  Final check: {step} (the application's confirmation)").format(
                step=step_sentence(check)))
            self.recorded += 1
            self.count.setText(self.tr("{n} steps").format(n=self.recorded))
        else:
            item = QListWidgetItem(self.tr("  !  No confirmation was seen after the last action: runs will say "
                                           "\"entered, not confirmed\""))
        item.setToolTip(item.text())
        self.steps.addItem(item)
        self.steps.scrollToBottom()

    def area(self) -> Rect:
        """Where the bar is on screen, frame included: clicks there are not part of the routine."""
        return device_rect(self)


def final_check_words(check: object) -> str:
    """The final check for the status line after recording."""
    if isinstance(check, m.Step):
        return QCoreApplication.translate("RecordingBar", "it ends by checking: {step}").format(
            step=step_sentence(check))
    return QCoreApplication.translate("RecordingBar", "no confirmation was seen after the last action, so runs "
                                                      "will say \"entered, not confirmed\"")
