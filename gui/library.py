"""The library: the recordings in the library folder and the shipped examples, searchable, and Record for a new one.

Each entry says what the recording is and how it last ran; choosing one asks the
window to open it (the window decides whether unsaved edits allow that).
"""

from __future__ import annotations

from pathlib import Path

from deskpilot.errors import DeskPilotError
from deskpilot.format import load_routine
from deskpilot.gui.i18n import status_text
from deskpilot.gui.qt import (
    QKeySequence,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)
from deskpilot.player.history import RunEntry, all_runs, recording_key
from deskpilot.shipped import RECORDINGS as EXAMPLES


class LibraryPanel(QWidget):
    open_requested = Signal(object)  # the routine.yaml to open
    record_requested = Signal()

    def __init__(self, folder: Path) -> None:
        super().__init__()
        self.folder = folder
        self.search = QLineEdit(placeholderText=self.tr("Search recordings"))
        self.new_name = QLineEdit(placeholderText=self.tr("Name of a new recording"))
        self.record_button = QPushButton(self.tr("Record"))
        self.record_button.setToolTip(self.tr("Record a new routine (Ctrl+R)"))
        self.record_button.setShortcut(QKeySequence("Ctrl+R"))
        self.record_button.clicked.connect(self.record_requested.emit)
        self.search.textChanged.connect(self.refresh)
        self.recordings = QListWidget()
        self.recordings.itemActivated.connect(self._on_activated)
        col = QVBoxLayout(self)
        col.addWidget(self.search)
        col.addWidget(self.recordings)
        col.addWidget(self.new_name)
        col.addWidget(self.record_button)

    def set_folder(self, folder: Path) -> None:
        self.folder = folder
        self.refresh()

    def refresh(self) -> None:
        needle = self.search.text().casefold()
        self.recordings.clear()
        examples = [] if EXAMPLES.resolve() == self.folder.resolve() else sorted(EXAMPLES.glob("*/routine.yaml"))
        last = {entry.recording: entry for entry in all_runs()}  # the history read once, not once per recording
        for path in sorted(self.folder.glob("*/routine.yaml")) + examples:
            try:
                routine = load_routine(path).routine
                label = self._label(routine.name, len(routine.steps), last.get(recording_key(path)))
            except DeskPilotError as exc:
                label = self.tr("{name} — invalid: {error}").format(name=path.parent.name, error=exc)
            if path in examples:
                label = self.tr("{label} (example)").format(label=label)
            if needle in label.casefold():
                item = QListWidgetItem(label)
                item.setData(Qt.ItemDataRole.UserRole, str(path))
                self.recordings.addItem(item)

    def _label(self, name: str, steps: int, last: RunEntry | None) -> str:
        """"Enter claim — 12 steps, last run 2026-11-24 10:00 passed", without the last run when it never ran."""
        if last is None:
            return self.tr("{name} — {n} steps").format(name=name, n=steps)
        when = last.started[:16].replace("T", " ")
        return self.tr("{name} — {n} steps, last run {when} {status}").format(name=name, n=steps, when=when,
                                                                              status=status_text(last.status))

    def _on_activated(self, item: QListWidgetItem) -> None:
        self.open_requested.emit(Path(item.data(Qt.ItemDataRole.UserRole)))
