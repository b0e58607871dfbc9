"""The step editor: the open routine's steps, the selected step's fields, and the file behind them.

Every change goes through RoutineDocument (undoable, validated, round-trip saved).
Unsaved edits are never lost: each valid change is autosaved beside the file, a
crash is offered back on the next open, and a file changed on disk is reloaded
only when there are no edits (else the person is asked).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from deskpilot import model as m
from deskpilot.atomic import write_atomic
from deskpilot.errors import DeskPilotError
from deskpilot.format.yamlio import dump
from deskpilot.gui.document import RoutineDocument
from deskpilot.gui.icons import icon
from deskpilot.gui.qt import (
    QAbstractItemView,
    QAction,
    QFileSystemWatcher,
    QFormLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QObject,
    QPoint,
    QPushButton,
    QSizePolicy,
    Qt,
    QTableView,
    QWidget,
    Signal,
)
from deskpilot.gui.step_table import PICTURE, ROW_HEIGHT, SentenceDelegate, StepTableModel
from deskpilot.gui.theme import colour

AUTOSAVE_SUFFIX = ".autosave"


def autosave_path(routine_file: Path) -> Path:
    return routine_file.with_name("." + routine_file.name + AUTOSAVE_SUFFIX)


class StepEditor(QObject):
    """Owns the document, the step table and the step's form; the window places them and listens."""

    opened = Signal()  # a routine was opened: ``doc`` and ``model`` are new
    changed = Signal()  # the document changed: an edit, an undo, a restore
    step_selected = Signal(int)  # the step shown in the form (0-based)
    message = Signal(str)  # for the status bar

    def __init__(self, parent: QWidget, *, ask_unsaved: Callable[[str], QMessageBox.StandardButton],
                 ask_restore: Callable[[Path], bool],
                 ask_variable_name: Callable[[str, str], str | None] | None = None) -> None:
        super().__init__(parent)
        self._host = parent  # dialogs open over the window
        self.ask_unsaved, self.ask_restore = ask_unsaved, ask_restore
        self.ask_variable_name = ask_variable_name or self._ask_variable_name  # (suggested, value) -> name or None
        self.row_actions: list[QAction] = []  # more entries for a step's context menu, after "Make this a variable"
        self.doc: RoutineDocument | None = None
        self.model: StepTableModel | None = None
        self._saving = False
        self._shown_row: int | None = None  # the step the Step panel shows
        self.watcher = QFileSystemWatcher(self)
        self.watcher.fileChanged.connect(self._on_file_changed)
        self.table = QTableView()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.table.setDragEnabled(True)
        self.table.setDropIndicatorShown(True)
        self.table.setWordWrap(True)  # a long sentence takes a second line, then ends in "…" (whole in its tooltip)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        rows = self.table.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(ROW_HEIGHT)  # the 48 px picture of each step, with room around it
        self.table.setIconSize(PICTURE)
        self.table.setItemDelegateForColumn(1, SentenceDelegate(self.table))
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._on_context_menu)
        self.properties = self._build_properties()

    def _build_properties(self) -> QWidget:
        box = QWidget()
        box.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)  # the anchors' picture gets the room
        form = QFormLayout(box)
        self.field_main = QLineEdit()
        self.field_main.setToolTip(self.tr("The step's text, key or label"))
        self.field_note = QLineEdit()
        self.field_timeout = QLineEdit()
        self.problems = QLabel()
        self.problems.setWordWrap(True)
        self.problems.setStyleSheet(f"color: {colour('problem').name()}")
        form.addRow(self.tr("Text / key"), self.field_main)
        form.addRow(self.tr("Note"), self.field_note)
        form.addRow(self.tr("Timeout (s)"), self.field_timeout)
        self.variable_info = QLabel()  # the variable a typing step types, and its default
        self.variable_info.setWordWrap(True)
        self.make_variable_button = QPushButton(icon("variable"), self.tr("Make this a variable"))
        self.make_variable_button.setToolTip(self.tr("Type a variable here instead of the recorded value: a data "
                                                     "file's column or the Variables panel then gives it; the "
                                                     "recorded value stays its default"))
        self.make_variable_button.clicked.connect(lambda: self.make_variable(self.selected_row()))
        form.addRow(self.variable_info)
        form.addRow(self.make_variable_button)
        form.addRow(self.problems)
        self._show_variable(None)
        self.field_main.editingFinished.connect(self._on_main_edited)
        self.field_note.editingFinished.connect(lambda: self._set("note", self.field_note.text()))
        self.field_timeout.editingFinished.connect(self._on_timeout_edited)
        return box

    # --- opening ---------------------------------------------------------------------------------------

    def open(self, path: Path) -> bool:
        """Open ``path`` once the open routine's edits are saved or dropped; False when it stays as it was."""
        if not self.may_discard():
            return False
        try:
            doc = RoutineDocument(path)
        except DeskPilotError as exc:
            QMessageBox.warning(self._host, self.tr("Cannot open"), str(exc))
            return False
        if self.doc is not None:
            self.watcher.removePaths(self.watcher.files())
        self.doc = doc
        self.model = StepTableModel(doc)
        self.table.setModel(self.model)
        header = self.table.horizontalHeader()
        for column, mode in ((0, QHeaderView.ResizeMode.ResizeToContents), (1, QHeaderView.ResizeMode.Stretch),
                             (2, QHeaderView.ResizeMode.ResizeToContents),
                             (3, QHeaderView.ResizeMode.ResizeToContents)):
            header.setSectionResizeMode(column, mode)
        self.model.current_changed.connect(self._on_current_changed)
        self._shown_row = None
        self._show_variable(None)
        self.table.selectionModel().currentRowChanged.connect(lambda cur, _prev: self.show_step(cur.row()))
        doc.changed.connect(self._on_doc_changed)
        self.watcher.addPath(str(doc.path))
        self.opened.emit()
        autosave = autosave_path(doc.path)
        if autosave.exists() and autosave.stat().st_mtime >= doc.path.stat().st_mtime:
            if self.ask_restore(autosave):
                doc.restore(autosave.read_text(encoding="utf-8"))
                self.message.emit(self.tr("Restored unsaved changes; Save keeps them, Undo drops them"))
            else:
                autosave.unlink(missing_ok=True)
        return True

    def open_again(self) -> None:
        if self.doc is not None:
            path = self.doc.path
            self.doc.undo.setClean()
            self.open(path)

    # --- the steps ---------------------------------------------------------------------------------------

    def selected_row(self) -> int | None:
        if self.model is None:
            return None
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else None

    def select_row(self, row: int) -> None:
        if self.model is not None and 0 <= row < self.model.rowCount():
            self.table.selectRow(row)

    def delete_step(self) -> None:
        row = self.selected_row()
        if self.doc is not None and row is not None:
            self.doc.delete(row)
            self.select_row(min(row, len(self.doc.steps) - 1))

    def duplicate_step(self) -> None:
        row = self.selected_row()
        if self.doc is not None and row is not None:
            self.doc.duplicate(row)
            self.select_row(row + 1)

    def move_step(self, by: int) -> None:
        row = self.selected_row()
        if self.doc is not None and row is not None:
            self.doc.move(row, row + by)
            self.select_row(row + by)

    def insert_step(self, kind: str) -> None:
        if self.doc is not None:
            row = self.selected_row()
            at = len(self.doc.steps) if row is None else row + 1
            self.doc.insert(at, kind)
            self.select_row(at)

    # --- making a typed value a variable ------------------------------------------------------------------

    def make_variable(self, row: int | None) -> bool:
        """The value step ``row`` types becomes a variable: named after its field's label (the person may change
        the name), the recorded value its default, the step typing ``{{ name }}``; one undo step."""
        if self.doc is None or row is None:
            return False
        value = self.doc.typed_value(row)
        if value is None:
            self.message.emit(self.tr("Only a step that types a plain value can make it a variable"))
            return False
        name = self.ask_variable_name(self.doc.suggested_variable(row), value)
        if not name:
            return False
        try:
            self.doc.make_variable(row, name.strip())
        except ValueError as exc:
            self.problems.setText(str(exc))
            self.message.emit(str(exc))
            return False
        self.select_row(row)
        self.show_step(row)
        self.message.emit(self.tr("Step {n} now types the variable {name}; its default is the recorded value").format(
            n=row + 1, name=name.strip()))
        return True

    def _ask_variable_name(self, suggested: str, value: str) -> str | None:
        name, ok = QInputDialog.getText(
            self._host, self.tr("Make this a variable"),
            self.tr("The step types “{value}”. Name of the variable (“{value}” stays its default):").format(
                value=value), QLineEdit.EchoMode.Normal, suggested)
        return name if ok else None

    def row_menu(self, row: int) -> QMenu:
        """A step's context menu: "Make this a variable" where it can be, then ``row_actions``."""
        menu = QMenu(self.table)
        plain = self.doc is not None and self.doc.typed_value(row) is not None
        said = None if plain else self._variable_text(row)  # already a variable (the recorder names labelled values)
        make = menu.addAction(icon("variable"), said or self.tr("Make this a variable…"))
        make.setEnabled(plain)
        make.triggered.connect(lambda: self.make_variable(row))
        if self.row_actions:
            menu.addSeparator()
            for action in self.row_actions:
                menu.addAction(action)
        return menu

    def _on_context_menu(self, pos: QPoint) -> None:
        index = self.table.indexAt(pos)
        if self.model is None or not index.isValid():
            return
        self.select_row(index.row())
        self.row_menu(index.row()).exec(self.table.viewport().mapToGlobal(pos))

    def _show_variable(self, row: int | None) -> None:
        """For a typing step: the variable it types and its default, or the button that makes its value one."""
        doc = self.doc
        plain = doc is not None and row is not None and doc.typed_value(row) is not None
        self.make_variable_button.setVisible(plain)
        text = self._variable_text(row)
        self.variable_info.setText(text or "")
        self.variable_info.setVisible(text is not None)
        if hasattr(self, "properties"):
            self._fit_properties()

    def _variable_text(self, row: int | None) -> str | None:
        """What a step that types one variable types, in words (and its default); None for any other step."""
        from deskpilot.variables import PLACEHOLDER

        doc = self.doc
        step = doc.step(row) if doc is not None and row is not None else None
        whole = PLACEHOLDER.fullmatch(step.text.strip()) if isinstance(step, m.Type) else None
        if whole is None or doc is None or doc.routine is None:
            return None
        name = whole.group(1)
        if name in doc.routine.secrets:
            return self.tr("Types the secret {name}: it is never saved in the routine").format(name=name)
        if name in doc.routine.variables:
            return self.tr("Types the variable {name}; its default is “{value}” (Variables panel)").format(
                name=name, value=doc.routine.variables[name])
        return self.tr("Types the variable {name}; it has no default: a run asks for it").format(name=name)

    def _fit_properties(self) -> None:
        """The Step panel as tall as its wrapped lines need: a dock takes no account of a wrapped label's height
        by itself, and would cut the variable's sentence off."""
        layout = self.properties.layout()
        if layout is not None and layout.hasHeightForWidth():
            self.properties.setMinimumHeight(layout.heightForWidth(max(self.properties.width(), 1)))

    def _on_current_changed(self, row: int | None) -> None:
        """Keep the step a run is on in sight."""
        if self.model is not None and row is not None and 0 <= row < self.model.rowCount():
            self.table.scrollTo(self.model.index(row, 1))

    def toggle_breakpoint(self) -> None:
        row = self.selected_row()
        if self.model is not None and row is not None:
            self.model.breakpoints ^= {row}
            self.model.refresh()

    def _set(self, key: str, value: object) -> None:
        row = self.selected_row()
        if self.doc is None or row is None:
            return
        current = self.doc.body(row).get(key) if isinstance(self.doc.body(row), dict) else None
        if (current or "") != (value or ""):
            self.doc.set_field(row, key, value)
            self.select_row(row)

    def _on_main_edited(self) -> None:
        row = self.selected_row()
        if self.doc is not None and row is not None:
            key = {"press": "key", "hotkey": "keys"}.get(self.doc.kind(row), "text")
            text = self.field_main.text()
            self._set(key, [k.strip() for k in text.split("+")] if key == "keys" else text)

    def _on_timeout_edited(self) -> None:
        text = self.field_timeout.text().strip()
        try:
            self._set("timeout", float(text) if text else None)
        except ValueError:
            self.problems.setText(self.tr("Timeout must be a number of seconds"))

    def show_step(self, row: int) -> None:
        if self.doc is None or row < 0:
            return
        body = self.doc.body(row)
        main = body if not isinstance(body, dict) else body.get("text", body.get("key", body.get("keys", "")))
        self.field_main.setText("+".join(main) if isinstance(main, list) else str(main))
        self.field_note.setText(str(body.get("note", "")) if isinstance(body, dict) else "")
        self.field_timeout.setText(str(body.get("timeout", "")) if isinstance(body, dict) else "")
        self._shown_row = row
        self._show_variable(row)
        self.step_selected.emit(row)

    def _on_doc_changed(self) -> None:
        assert self.doc is not None
        self.problems.setText("\n".join(str(p) for p in self.doc.problems[:5]))
        shown = self._shown_row
        self._show_variable(shown if shown is not None and shown < len(self.doc.steps) else None)  # a new default
        if self.doc.is_dirty() and not self.doc.problems:
            write_atomic(autosave_path(self.doc.path), dump(self.doc.loaded.document))
        self.changed.emit()

    # --- saving and changes on disk ------------------------------------------------------------------------

    def save(self) -> bool:
        if self.doc is None:
            return True
        if self.doc.problems:
            self.message.emit(self.tr("Not saved: fix the problems first"))
            return False
        self._saving = True
        try:
            self.doc.save()
        finally:
            self._saving = False
        autosave_path(self.doc.path).unlink(missing_ok=True)
        if str(self.doc.path) not in self.watcher.files():
            self.watcher.addPath(str(self.doc.path))
        self.message.emit(self.tr("Saved {path}").format(path=self.doc.path))
        return True

    def may_discard(self) -> bool:
        """True when nothing would be lost: no edits, saved now, or dropped on purpose."""
        if self.doc is None or not self.doc.is_dirty():
            return True
        answer = self.ask_unsaved(self.doc.path.parent.name)
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        if answer == QMessageBox.StandardButton.Discard:
            autosave_path(self.doc.path).unlink(missing_ok=True)  # discarded on purpose: not offered again
            return True
        return False

    def _on_file_changed(self, path: str) -> None:
        if self._saving or self.doc is None:
            return
        try:
            if Path(path).read_text(encoding="utf-8") == self.doc.loaded.text:
                return  # our own save, announced late: nothing changed behind our back
        except OSError:
            pass  # deleted or unreadable: treat it as a change
        if not self.doc.is_dirty():
            self.open_again()
            self.message.emit(self.tr("Reloaded: the file changed on disk"))
        else:
            answer = QMessageBox.question(self._host, self.tr("Changed on disk"),
                                          self.tr("{path} changed on disk. Reload and lose your edits?").format(path=path))
            if answer == QMessageBox.StandardButton.Yes:
                self.open_again()
        if self.doc is not None and str(self.doc.path) not in self.watcher.files() and self.doc.path.exists():
            self.watcher.addPath(str(self.doc.path))  # a replaced file is a new file to the watcher
