"""Start here: the window's centre while no recording is open.

It says how recording goes (name it, Record, do the task once, Stop), holds a name
and the big Record button, and puts the recent recordings and the examples one click
away. ``NameDialog`` asks for a name when Record is pressed without a usable one.
"""

from __future__ import annotations

import re
from pathlib import Path

from deskpilot.errors import DeskPilotError
from deskpilot.gui.icons import icon
from deskpilot.gui.library import Entry, RecordingList
from deskpilot.gui.qt import (
    QCoreApplication,
    QDialog,
    QDialogButtonBox,
    QFont,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSize,
    QSizePolicy,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)
from deskpilot.recorder.session import check_name

RECENT = 6  # recordings in "Recent": enough to find today's, few enough to read at a glance
WIDTH = 860  # the panel's content never gets wider: a line a person reads in one go
RECORD_RED = ("#c62828", "#b71c1c")  # the big button's fill and its pressed fill: white text reads on both


def clean_name(text: str) -> str:
    """What a person types, as a recording's folder name: spaces become '-' ("Enter claims" -> "Enter-claims")."""
    return re.sub(r"\s+", "-", text.strip())


def suggest_name(library: Path) -> str:
    """The first free "recording-N" in the library."""
    n = 1
    while (library / f"recording-{n}").exists():
        n += 1
    return f"recording-{n}"


def name_problem(library: Path, name: str) -> str | None:
    """Why ``name`` cannot be a new recording in ``library``, or None."""
    if not name:
        return QCoreApplication.translate("NameDialog", "Give the recording a name.")
    try:
        check_name(name)
    except DeskPilotError:
        return QCoreApplication.translate("NameDialog", "Use letters, digits, '-', '_' and '.' only (not starting "
                                                        "with '.').")
    if (library / name).exists():
        return QCoreApplication.translate("NameDialog", "{name} already exists in the library: choose another "
                                                        "name.").format(name=name)
    return None


def _font(widget: QWidget, scale: float, bold: bool = False) -> QFont:
    font = QFont(widget.font())
    font.setPointSizeF(font.pointSizeF() * scale)
    font.setBold(bold)
    return font


def _label(text: str, scale: float = 1.0, bold: bool = False, wrap: bool = True) -> QLabel:
    label = QLabel(text)
    label.setFont(_font(label, scale, bold))
    label.setWordWrap(wrap)
    return label


def record_button(text: str) -> QPushButton:
    """The big red Record button (white on red on a light window and on a dark one alike)."""
    button = QPushButton(icon("record", colour="#ffffff"), text)
    button.setObjectName("bigRecord")
    button.setIconSize(QSize(28, 28))
    button.setFont(_font(button, 1.3, bold=True))
    button.setMinimumHeight(48)
    button.setCursor(Qt.CursorShape.PointingHandCursor)
    fill, pressed = RECORD_RED
    button.setStyleSheet(f"QPushButton#bigRecord {{ background: {fill}; color: white; border: none; "
                         f"border-radius: 6px; padding: 6px 22px; }} "
                         f"QPushButton#bigRecord:pressed {{ background: {pressed}; }} "
                         f"QPushButton#bigRecord:focus {{ border: 2px solid palette(highlight); }}")
    return button


class StartPanel(QWidget):
    record_requested = Signal()
    open_requested = Signal(object)  # the routine.yaml to open

    def __init__(self) -> None:
        super().__init__()
        self.new_name = QLineEdit(placeholderText=self.tr("Name of a new recording"))
        self.new_name.setToolTip(self.tr("A short name, e.g. enter-claims: letters, digits, - and _"))
        self.new_name.setMinimumHeight(40)
        self.new_name.setFont(_font(self.new_name, 1.15))
        self.new_name.returnPressed.connect(self.record_requested.emit)
        self.record_button = record_button(self.tr("Record"))
        self.record_button.setToolTip(self.tr("Record a new routine (Ctrl+R)"))
        self.record_button.clicked.connect(self.record_requested.emit)
        self.stop_note = _label("")
        self.recent, self.examples = RecordingList(fit=True), RecordingList(fit=True)
        self.no_recent = _label(self.tr("Your recordings will be listed here."))
        for view in (self.recent, self.examples):
            view.setIconSize(QSize(20, 20))
            view.setSpacing(3)
            view.itemClicked.connect(self._on_chosen)
            view.itemActivated.connect(self._on_chosen)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self._content())
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        self.set_stop_hotkey("ctrl+alt+shift+s")

    def _content(self) -> QWidget:
        page = QWidget()
        box = QWidget()
        box.setMaximumWidth(WIDTH)
        col = QVBoxLayout(box)
        col.setSpacing(14)
        col.addWidget(_label(self.tr("Start here"), 1.8, bold=True))
        col.addWidget(_label(self.tr("Do a routine once while DeskPilot records it; then it can do it for you, "
                                     "as often as you like.")))
        col.addLayout(self._guide())
        row = QHBoxLayout()
        row.addWidget(self.new_name, 1)
        row.addWidget(self.record_button)
        col.addLayout(row)
        col.addWidget(self.stop_note)
        lists = QGridLayout()
        lists.setHorizontalSpacing(18)
        lists.addWidget(_label(self.tr("Recent recordings"), 1.15, bold=True), 0, 0)
        lists.addWidget(_label(self.tr("Examples to try"), 1.15, bold=True), 0, 1)
        recent = QVBoxLayout()
        recent.addWidget(self.no_recent, 0, Qt.AlignmentFlag.AlignTop)
        recent.addWidget(self.recent)
        recent.addStretch(1)
        lists.addLayout(recent, 1, 0)
        lists.addWidget(self.examples, 1, 1)
        lists.setColumnStretch(0, 1)
        lists.setColumnStretch(1, 1)
        lists.addWidget(_label(self.tr("One click opens a recording: its steps, ready to play or change.")), 2, 0, 1, 2)
        col.addLayout(lists)
        col.addStretch(1)
        centre = QHBoxLayout(page)
        centre.addStretch(1)
        centre.addWidget(box, 100)
        centre.addStretch(1)
        return page

    def _guide(self) -> QHBoxLayout:
        """Name it -> Record -> do the task once -> Stop, as four numbered cards."""
        steps = ((self.tr("Name it"), self.tr("Type a short name for the routine.")),
                 (self.tr("Record"), self.tr("Press the red button. This window steps aside.")),
                 (self.tr("Do the task once"), self.tr("Work in your application as you always do.")),
                 (self.tr("Stop"), self.tr("Press Stop on the small bar. Your steps appear here.")))
        row = QHBoxLayout()
        row.setSpacing(6)
        for n, (title, text) in enumerate(steps, 1):
            if n > 1:
                arrow = _label("→", 1.6, wrap=False)  # an arrow, in any language
                arrow.setAlignment(Qt.AlignmentFlag.AlignCenter)
                row.addWidget(arrow)
            card = QFrame()
            card.setFrameShape(QFrame.Shape.StyledPanel)
            card.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
            inner = QVBoxLayout(card)
            inner.addWidget(_label(f"{n}. {title}", 1.15, bold=True))
            inner.addWidget(_label(text))
            inner.addStretch(1)
            row.addWidget(card, 1)
        return row

    def set_stop_hotkey(self, keys: str) -> None:
        self.stop_note.setText(self.tr("To stop, press Stop on the small bar or the keys {keys}.").format(
            keys="+".join(k.strip().capitalize() for k in keys.split("+") if k.strip())))

    def show_entries(self, entries: list[Entry]) -> None:
        """The newest of the person's recordings (by last run, then by change) and every example."""
        mine = sorted((e for e in entries if not e.example), key=lambda e: (e.last_run, e.modified), reverse=True)
        for view, shown, what in ((self.recent, mine[:RECENT], "recent"),
                                  (self.examples, [e for e in entries if e.example], "example")):
            view.clear()
            for entry in shown:
                item = QListWidgetItem(icon(what), entry.label)
                item.setData(Qt.ItemDataRole.UserRole, str(entry.path))
                item.setToolTip(self.tr("Click to open {path}").format(path=entry.path.parent))
                view.addItem(item)
        self.no_recent.setVisible(not mine)
        self.recent.setVisible(bool(mine))

    def _on_chosen(self, item: QListWidgetItem) -> None:
        self.open_requested.emit(Path(item.data(Qt.ItemDataRole.UserRole)))


class NameDialog(QDialog):
    """The new recording's name, suggested and checked as it is typed (OK only for a name that can be used)."""

    def __init__(self, library: Path, suggested: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self.setWindowTitle(self.tr("New recording"))
        self.name = QLineEdit(suggested)
        self.name.selectAll()
        self.problem = _label("")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Record"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        col = QVBoxLayout(self)
        col.addWidget(_label(self.tr("What is the routine called? Use a short name, e.g. enter-claims.")))
        col.addWidget(self.name)
        col.addWidget(self.problem)
        col.addWidget(self.buttons)
        self.name.textChanged.connect(self._check)
        self._check()
        self.setMinimumWidth(420)

    def value(self) -> str:
        return clean_name(self.name.text())

    def _check(self) -> None:
        problem = name_problem(self.library, self.value())
        self.problem.setText(problem or "")
        self.problem.setVisible(bool(problem))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(problem is None)
