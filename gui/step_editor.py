"""The step editor: the open routine's steps, the selected step's fields, and the file behind them.

Every change goes through RoutineDocument (undoable, validated, round-trip saved).
Unsaved edits are never lost: each valid change is autosaved beside the file, a
crash is offered back on the next open, and a file changed on disk is reloaded
only when there are no edits (else the person is asked).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from deskpilot.atomic import write_atomic
from deskpilot.errors import DeskPilotError
from deskpilot.format.yamlio import dump
from deskpilot.gui.document import RoutineDocument
from deskpilot.gui.qt import (
    QAbstractItemView,
    QFileSystemWatcher,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QObject,
    QTableView,
    QWidget,
    Signal,
)
from deskpilot.gui.step_table import StepTableModel
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
                 ask_restore: Callable[[Path], bool]) -> None:
        super().__init__(parent)
        self._host = parent  # dialogs open over the window
        self.ask_unsaved, self.ask_restore = ask_unsaved, ask_restore
        self.doc: RoutineDocument | None = None
        self.model: StepTableModel | None = None
        self._saving = False
        self.watcher = QFileSystemWatcher(self)
        self.watcher.fileChanged.connect(self._on_file_changed)
        self.table = QTableView()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.table.setDragEnabled(True)
        self.table.setDropIndicatorShown(True)
        self.properties = self._build_properties()

    def _build_properties(self) -> QWidget:
        box = QWidget()
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
        form.addRow(self.problems)
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
                             (2, QHeaderView.ResizeMode.ResizeToContents)):
            header.setSectionResizeMode(column, mode)
        header.resizeSection(3, 160)
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

    def toggle_breakpoint(self) -> None:
        row = self.selected_row()
        if self.model is not None and row is not None:
            self.model.breakpoints ^= {row}
            self.model.mark(self.model.current)

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
        self.step_selected.emit(row)

    def _on_doc_changed(self) -> None:
        assert self.doc is not None
        self.problems.setText("\n".join(str(p) for p in self.doc.problems[:5]))
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
