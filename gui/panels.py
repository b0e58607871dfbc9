"""Side panels: the routine's variables.

The anchor editor and the Runs panel (``history_panel``) have their own modules.
"""

from __future__ import annotations

from collections.abc import Callable

from deskpilot import model as m
from deskpilot.gui.qt import (
    QHBoxLayout,
    QLabel,
    Qt,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
    Signal,
)


class VariablesPanel(QWidget):
    """The routine's variables and their defaults: + adds one (a name and a default), − removes one no step uses
    (refused, with the steps that use it, otherwise), and editing a default sets it; every change undoable."""

    edited = Signal(str, str)  # a default set, or a variable added with its default
    removed = Signal(str)  # a variable no step uses, to drop

    def __init__(self) -> None:
        super().__init__()
        from deskpilot.gui.icons import icon
        from deskpilot.gui.theme import colour

        self.table = QTableWidget(0, 2)
        self.table.setHorizontalHeaderLabels([self.tr("variable"), self.tr("default")])
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.setToolTip(self.tr("Double-click a default to change it"))
        self.add_button = QToolButton()
        self.add_button.setIcon(icon("add"))
        self.add_button.setText(self.tr("Add"))
        self.add_button.setToolTip(self.tr("Add a variable: a name and its default"))
        self.add_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.add_button.clicked.connect(self._on_add_clicked)
        self.remove_button = QToolButton()
        self.remove_button.setIcon(icon("remove"))
        self.remove_button.setText(self.tr("Remove"))
        self.remove_button.setToolTip(self.tr("Remove the selected variable (only when no step uses it)"))
        self.remove_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.remove_button.clicked.connect(self._on_remove_clicked)
        self.message = QLabel()  # why a removal was refused, or what a variable is for
        self.message.setWordWrap(True)
        self.message.setStyleSheet(f"color: {colour('problem').name()}")
        self.hint = QLabel(self.tr("No variables yet. Press Add, or choose “Make this a variable” on a step that "
                                   "types a value."))
        self.hint.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        col = QVBoxLayout(self)
        col.setContentsMargins(0, 0, 0, 0)
        col.addLayout(buttons)
        col.addWidget(self.hint)
        col.addWidget(self.table, 1)
        col.addWidget(self.message)
        self.routine: m.Routine | None = None
        self._filling = False
        self.table.itemChanged.connect(self._on_item_changed)
        self.table.itemSelectionChanged.connect(lambda: self.message.clear())
        self.ask_new: Callable[[list[str]], tuple[str, str] | None] = self._ask_new  # tests answer here
        self.show_routine(None)

    # the table, as a table widget answers: what a test or a caller reads
    def rowCount(self) -> int:
        return self.table.rowCount()

    def item(self, row: int, column: int) -> QTableWidgetItem:
        return self.table.item(row, column)

    def names(self) -> list[str]:
        return [self.table.item(i, 0).text() for i in range(self.table.rowCount())]

    def show_routine(self, routine: m.Routine | None) -> None:
        from deskpilot.variables import variables_used

        self.routine = routine
        self._filling = True
        names = list(routine.variables) if routine else []
        names += [n for n in (routine.secrets if routine else ()) if n not in names]
        names += [n for n in (variables_used(routine) if routine else []) if n not in names]
        self.table.setRowCount(len(names))
        for i, name in enumerate(names):
            key = QTableWidgetItem(name)
            key.setFlags(key.flags() & ~Qt.ItemFlag.ItemIsEditable)
            secret = routine is not None and name in routine.secrets
            value = QTableWidgetItem("••••" if secret else str(routine.variables.get(name, "")) if routine else "")
            if secret:
                value.setFlags(value.flags() & ~Qt.ItemFlag.ItemIsEditable)
                value.setToolTip(self.tr("A secret: set it in the keyring or DESKPILOT_SECRET_{n}").format(n=name.upper()))
            elif routine is not None and name not in routine.variables:
                value.setToolTip(self.tr("No default: a run asks for it, or a data file's column gives it"))
            self.table.setItem(i, 0, key)
            self.table.setItem(i, 1, value)
        self.hint.setVisible(routine is not None and not names)
        self.table.setVisible(bool(names))
        self.add_button.setEnabled(routine is not None)
        self.remove_button.setEnabled(bool(names))
        self._filling = False

    def add_variable(self, name: str, default: str) -> bool:
        """Add ``name`` with ``default``; False (and why, under the table) when the name cannot be used."""
        from deskpilot.gui.values_dialog import name_problem

        why = name_problem(name, self.names())
        if why is not None:
            self.message.setText(why)
            return False
        self.message.clear()
        self.edited.emit(name, default)
        return True

    def remove_variable(self, name: str) -> bool:
        """Remove ``name``; refused, with the steps that use it, while one does."""
        from deskpilot.gui.sentences import sentence

        used = self._used_by(name)
        if used:
            routine = self.routine
            assert routine is not None
            first = used[0]
            what = sentence(routine.steps[first], before=routine.steps[first - 1] if first else None,
                            secrets=routine.secrets)
            steps = ", ".join(str(i + 1) for i in used)
            self.message.setText(self.tr("“{name}” cannot be removed: step {steps} uses it ({what}). Change those "
                                         "steps first.").format(name=name, steps=steps, what=what))
            return False
        self.message.clear()
        self.removed.emit(name)
        return True

    def _used_by(self, name: str) -> list[int]:
        from deskpilot.variables import steps_using

        return steps_using(self.routine, name) if self.routine is not None else []

    def _on_add_clicked(self) -> None:
        answer = self.ask_new(self.names())
        if answer is not None:
            self.add_variable(*answer)

    def _ask_new(self, taken: list[str]) -> tuple[str, str] | None:
        from deskpilot.gui.values_dialog import NewVariableDialog

        dialog = NewVariableDialog(taken, self)
        return dialog.answer() if dialog.exec() else None

    def _on_remove_clicked(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            self.message.setText(self.tr("Select the variable to remove first."))
            return
        self.remove_variable(self.table.item(rows[0].row(), 0).text())

    def _on_item_changed(self, item: QTableWidgetItem) -> None:
        if not self._filling and item.column() == 1:
            self.edited.emit(self.table.item(item.row(), 0).text(), item.text())
