"""The library: the person's recordings and, apart from them, the examples shipped with DeskPilot; searchable.

Each entry says what the recording is and how it last ran; one click asks the window
to open it (the window decides whether unsaved edits allow that). An example is
listed once: not again when the library folder is the examples folder itself, or
holds an unchanged copy of it (a checkout's ``recordings/`` beside an installed
DeskPilot's own, examples copied into the library) -- that is what listed them twice.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from deskpilot.errors import DeskPilotError
from deskpilot.format import load_routine
from deskpilot.gui.i18n import status_text
from deskpilot.gui.qt import (
    QAbstractItemView,
    QFont,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSizePolicy,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)
from deskpilot.player.history import RunEntry, all_runs, recording_key
from deskpilot.shipped import RECORDINGS as EXAMPLES


@dataclass(frozen=True, slots=True, kw_only=True)
class Entry:
    """One recording as the library shows it."""

    path: Path  # its routine.yaml
    label: str  # "Enter claim — 12 steps, last run 2026-11-24 10:00 passed"
    example: bool
    last_run: str = ""  # ISO start of its last run; "" when it never ran
    modified: float = 0.0  # routine.yaml's mtime: the newest first among those that never ran


def recordings_in(folder: Path) -> tuple[list[Path], list[Path]]:
    """The routines in ``folder``, and the shipped examples that are not already among them."""
    mine = sorted(folder.glob("*/routine.yaml"))
    if _same_folder(folder, EXAMPLES):
        return mine, []
    copies = {path.parent.name: path for path in mine}
    examples = [path for path in sorted(EXAMPLES.glob("*/routine.yaml"))
                if not _same_text(path, copies.get(path.parent.name))]
    return mine, examples


def _same_folder(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def _same_text(a: Path, b: Path | None) -> bool:
    try:
        return b is not None and a.read_bytes() == b.read_bytes()
    except OSError:
        return False


class RecordingList(QListWidget):
    """A list whose labels wrap instead of being cut off at the dock's edge; ``fit``: as tall as its entries."""

    def __init__(self, fit: bool = False) -> None:
        super().__init__()
        self.fit = fit
        self.setWordWrap(True)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setSpacing(2)
        if fit:
            self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def fit_height(self) -> None:
        """The height of every entry at this width (a narrower list wraps more lines)."""
        if self.fit:
            height = self.contentsSize().height() + 2 * self.frameWidth() + 2
            if height != self.height():
                self.setFixedHeight(height)

    def updateGeometries(self) -> None:
        super().updateGeometries()  # the entries were laid out (again): at their height now
        self.fit_height()


def _heading(text: str) -> QLabel:
    label = QLabel(text)
    font = QFont(label.font())
    font.setBold(True)
    label.setFont(font)
    return label


class LibraryPanel(QWidget):
    open_requested = Signal(object)  # the routine.yaml to open
    listed = Signal()  # the folder was read again: ``entries`` is new

    def __init__(self, folder: Path) -> None:
        super().__init__()
        self.folder = folder
        self.entries: list[Entry] = []
        self.open_path: Path | None = None  # the recording the window has open: selected in the list
        self.search = QLineEdit(placeholderText=self.tr("Search recordings"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._show)
        self.hint = QLabel(self.tr("Click a recording to open it."))
        self.hint.setWordWrap(True)
        self.folder_label = QLabel()
        self.folder_label.setWordWrap(True)
        self.folder_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.recordings = RecordingList()
        self.empty = QLabel()
        self.empty.setWordWrap(True)
        self.examples = RecordingList(fit=True)
        self.examples_heading = _heading(self.tr("Examples"))
        for view in (self.recordings, self.examples):
            view.itemClicked.connect(self._on_chosen)
            view.itemActivated.connect(self._on_chosen)  # Enter on the keyboard; the window ignores a second open
        col = QVBoxLayout(self)
        col.addWidget(self.search)
        col.addWidget(self.hint)
        col.addWidget(_heading(self.tr("My recordings")))
        col.addWidget(self.folder_label)
        col.addWidget(self.empty)
        col.addWidget(self.recordings, 1)
        col.addWidget(self.examples_heading)
        col.addWidget(self.examples)
        col.addStretch(0)  # takes the room the person's recordings leave (none yet)

    def set_folder(self, folder: Path) -> None:
        self.folder = folder
        self.refresh()

    def refresh(self) -> None:
        """Read the folder (and the run history, once) again."""
        mine, examples = recordings_in(self.folder)
        try:
            runs = all_runs()  # the history read once, not once per recording
        except DeskPilotError:  # sealed, and this keyring cannot open it: the recordings are listed all the same
            runs = []
        last = {entry.recording: entry for entry in runs}
        self.entries = [self._entry(path, path in examples, last.get(recording_key(path))) for path in mine + examples]
        self.folder_label.setText(self.tr("in {folder}").format(folder=self.folder))
        self.folder_label.setToolTip(str(self.folder))
        self._show()
        self.listed.emit()

    def _entry(self, path: Path, example: bool, last: RunEntry | None) -> Entry:
        try:
            routine = load_routine(path).routine
            label = self._label(routine.name, len(routine.steps), last)
        except DeskPilotError as exc:
            label = self.tr("{name} — invalid: {error}").format(name=path.parent.name, error=exc)
        try:
            modified = path.stat().st_mtime
        except OSError:
            modified = 0.0
        return Entry(path=path, label=label, example=example, last_run=last.started if last else "", modified=modified)

    def _show(self) -> None:
        needle = self.search.text().casefold()
        for view, example in ((self.recordings, False), (self.examples, True)):
            view.clear()
            for entry in self.entries:
                if entry.example == example and needle in entry.label.casefold():
                    view.addItem(self._item(entry))
                    if entry.path == self.open_path:
                        view.setCurrentRow(view.count() - 1)
        mine = any(not e.example for e in self.entries)
        self.empty.setText(self.tr("Nothing matches the search.") if mine or needle else
                           self.tr("No recordings here yet: press Record to make the first one."))
        self.empty.setVisible(self.recordings.count() == 0)
        self.recordings.setVisible(self.recordings.count() > 0)
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.setStretch(layout.count() - 1, 0 if self.recordings.count() else 1)
        shown = self.examples.count() > 0
        self.examples_heading.setVisible(shown)
        self.examples.setVisible(shown)

    def show_open(self, path: Path | None) -> None:
        """Mark the recording that is open (none: nothing marked)."""
        self.open_path = path
        for view in (self.recordings, self.examples):  # selected, not listed anew: this may run inside a click
            view.clearSelection()
            for row in range(view.count()):
                if Path(view.item(row).data(Qt.ItemDataRole.UserRole)) == path:
                    view.setCurrentRow(row)

    def _item(self, entry: Entry) -> QListWidgetItem:
        item = QListWidgetItem(entry.label)
        item.setData(Qt.ItemDataRole.UserRole, str(entry.path))
        item.setToolTip(self.tr("{label}\n{folder}\nClick to open it.").format(label=entry.label,
                                                                              folder=entry.path.parent))
        return item

    def _label(self, name: str, steps: int, last: RunEntry | None) -> str:
        """"Enter claim — 12 steps, last run 2026-11-24 10:00 passed", without the last run when it never ran."""
        if last is None:
            return self.tr("{name} — {n} steps").format(name=name, n=steps)
        when = last.started[:16].replace("T", " ")
        return self.tr("{name} — {n} steps, last run {when} {status}").format(name=name, n=steps, when=when,
                                                                              status=status_text(last.status))

    def _on_chosen(self, item: QListWidgetItem) -> None:
        self.open_requested.emit(Path(item.data(Qt.ItemDataRole.UserRole)))
