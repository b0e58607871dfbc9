"""The main window: the recordings library, the step list, a step's properties, and playing.

A thin view: every change goes through RoutineDocument (undoable, validated,
round-trip saved), every run through PlayWorker on its own thread.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from deskpilot import model as m
from deskpilot.atomic import write_atomic
from deskpilot.errors import DeskPilotError
from deskpilot.format import load_routine
from deskpilot.format.yamlio import dump
from deskpilot.geometry import Point, Rect
from deskpilot.ports import Frame
from deskpilot.result import RunReport, StepResult
from deskpilot.gui import task
from deskpilot.gui.anchor_editor import AnchorPanel, file_pixmap
from deskpilot.gui.batch_run import BatchBar, BatchDialog, BatchWorker
from deskpilot.gui.document import NEW_STEPS, RoutineDocument
from deskpilot.gui.panels import HistoryPanel, VariablesPanel
from deskpilot.gui.play_worker import PlayWorker
from deskpilot.gui.qt import (
    QAbstractItemView,
    QAction,
    QApplication,
    QDockWidget,
    QFileSystemWatcher,
    QFormLayout,
    QGuiApplication,
    QHeaderView,
    QKeySequence,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QObject,
    QPixmap,
    QPushButton,
    Qt,
    QTableView,
    QThread,
    QTimer,
    QVBoxLayout,
    QWidget,
)
from deskpilot.gui.recording import RecordingBar, RecordWorker
from deskpilot.gui.repick import LiveLook, Repicked, find_live, repick_crop, repick_label, repick_point, step_target
from deskpilot.gui.settings import SettingsDialog, load_settings, save_settings
from deskpilot.gui.step_table import StepTableModel
from deskpilot.gui.theme import apply_scheme, colour
from deskpilot.gui.values_dialog import ValuesDialog, values_to_ask
from deskpilot.player.batch import BatchSummary
from deskpilot.player.history import history_file, runs_of
from deskpilot.player.runner import PlayOptions

from deskpilot.shipped import RECORDINGS as EXAMPLES  # noqa: E402
AUTOSAVE_SUFFIX = ".autosave"


class MainWindow(QMainWindow):
    def __init__(self, library: Path | None = None) -> None:
        super().__init__()
        self.setWindowTitle(self.tr("DeskPilot"))
        self._fit_to_screen()
        self.settings = load_settings()
        self.library = library or Path(self.settings.library)
        self.doc: RoutineDocument | None = None
        self.model: StepTableModel | None = None
        self._thread: QThread | None = None
        self._worker: PlayWorker | None = None
        self._saving = False
        self._paused_at: int | None = None
        self._batch: BatchWorker | None = None
        self._batch_bar: BatchBar | None = None
        self.last_batch: BatchSummary | None = None
        self._task_token = 0  # bumped by Cancel: a task's result counts only while its token is current
        self._tasks: list[QThread] = []
        self.watcher = QFileSystemWatcher(self)
        self.watcher.fileChanged.connect(self._on_file_changed)
        self.table = QTableView()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.table.setDragEnabled(True)
        self.table.setDropIndicatorShown(True)
        self.setCentralWidget(self.table)
        self._build_library()
        self._build_properties()
        self._build_panels()
        self._build_actions()
        self.refresh_library()

    # --- layout ----------------------------------------------------------------------------------

    def _fit_to_screen(self) -> None:
        """1180x720 where there is room; never larger than nine tenths of the screen (small or high-DPI ones)."""
        screen = QGuiApplication.primaryScreen()
        room = screen.availableGeometry() if screen is not None else None
        w, h = 1180, 720
        if room is not None:
            w, h = min(w, int(room.width() * 0.9)), min(h, int(room.height() * 0.9))
        self.resize(w, h)

    def _build_library(self) -> None:
        box = QWidget()
        col = QVBoxLayout(box)
        self.search = QLineEdit(placeholderText=self.tr("Search recordings"))
        self.new_name = QLineEdit(placeholderText=self.tr("Name of a new recording"))
        self.record_button = QPushButton(self.tr("Record"))
        self.record_button.setToolTip(self.tr("Record a new routine (Ctrl+R)"))
        self.record_button.setShortcut(QKeySequence("Ctrl+R"))
        self.record_button.clicked.connect(self.start_recording)
        self.search.textChanged.connect(self.refresh_library)
        self.recordings = QListWidget()
        self.recordings.itemActivated.connect(lambda item: self.open(Path(item.data(Qt.ItemDataRole.UserRole))))
        col.addWidget(self.search)
        col.addWidget(self.recordings)
        col.addWidget(self.new_name)
        col.addWidget(self.record_button)
        dock = QDockWidget(self.tr("Library"), self)
        dock.setObjectName("library")
        dock.setWidget(box)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, dock)

    def _build_properties(self) -> None:
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
        dock = QDockWidget(self.tr("Step"), self)
        dock.setObjectName("properties")
        dock.setWidget(box)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)

    def _build_panels(self) -> None:
        self.anchor_panel = AnchorPanel()
        self.anchor_panel.find_requested.connect(self.find_now)
        self.anchor_panel.picture.picked.connect(self._on_picked)
        self.anchor_panel.picture.cropped.connect(self._on_cropped)
        self.anchor_panel.cancel_requested.connect(self.cancel_task)
        self.history = HistoryPanel()
        self.variables = VariablesPanel()
        self.variables.edited.connect(lambda name, value: self.doc and self.doc.set_variable(name, value))
        for title, name, widget in ((self.tr("Anchors"), "anchors", self.anchor_panel),
                                    (self.tr("Variables"), "variables", self.variables),
                                    (self.tr("Runs"), "runs", self.history)):
            dock = QDockWidget(title, self)
            dock.setObjectName(name)
            dock.setWidget(widget)
            self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
            if name != "anchors":
                self.tabifyDockWidget(self.findChild(QDockWidget, "anchors"), dock)
        self.findChild(QDockWidget, "anchors").raise_()

    def _build_actions(self) -> None:
        bar = self.addToolBar(self.tr("Steps"))
        bar.setObjectName("steps")
        spec = [
            ("save", self.tr("Save"), QKeySequence.StandardKey.Save, self.save),
            ("undo", self.tr("Undo"), QKeySequence.StandardKey.Undo, lambda: self.doc and self.doc.undo.undo()),
            ("redo", self.tr("Redo"), QKeySequence.StandardKey.Redo, lambda: self.doc and self.doc.undo.redo()),
            ("delete", self.tr("Delete step"), QKeySequence.StandardKey.Delete, self.delete_step),
            ("duplicate", self.tr("Duplicate step"), QKeySequence("Ctrl+D"), self.duplicate_step),
            ("up", self.tr("Move up"), QKeySequence("Alt+Up"), lambda: self.move_step(-1)),
            ("down", self.tr("Move down"), QKeySequence("Alt+Down"), lambda: self.move_step(1)),
            ("play", self.tr("Play"), QKeySequence("F5"), lambda: self.play(1)),
            ("play_from", self.tr("Play from here"), QKeySequence("Shift+F5"), self.play_from_selected),
            ("play_data", self.tr("Run with data..."), QKeySequence("Ctrl+F5"), self.play_with_data),
            ("stop", self.tr("Stop / cancel"), QKeySequence("Esc"), self.stop_run),
            ("step", self.tr("Run this step"), QKeySequence("F10"), self.play_selected_step),
            ("breakpoint", self.tr("Breakpoint"), QKeySequence("F9"), self.toggle_breakpoint),
            ("pause", self.tr("Pause / resume"), QKeySequence("F6"), self.toggle_pause),
            ("find", self.tr("Find now"), QKeySequence("Ctrl+F"), self.find_now),
            ("settings", self.tr("Settings"), QKeySequence.StandardKey.Preferences, self.edit_settings),
        ]
        self.actions_by_name: dict[str, QAction] = {}
        for name, text, keys, slot in spec:
            action = QAction(text, self, shortcut=QKeySequence(keys), toolTip=f"{text} ({QKeySequence(keys).toString()})")
            action.triggered.connect(slot)
            bar.addAction(action)
            self.actions_by_name[name] = action
        for kind in NEW_STEPS:
            action = QAction(self.tr("Insert {kind}").format(kind=kind), self)
            action.triggered.connect(lambda _=False, k=kind: self.insert_step(k))
            self.actions_by_name["insert_" + kind] = action
            bar.addAction(action)
        self.statusBar().showMessage(self.tr("Ready"))

    # --- library ----------------------------------------------------------------------------------

    def edit_settings(self) -> None:
        dialog = SettingsDialog(self.settings, self)
        if dialog.exec():
            self.apply_settings(dialog.settings())

    def apply_settings(self, settings: object) -> None:
        save_settings(settings)  # type: ignore[arg-type]
        self.settings = settings  # type: ignore[assignment]
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_scheme(app, self.settings.theme)
        self.library = Path(self.settings.library)
        self.refresh_library()

    def refresh_library(self) -> None:
        needle = self.search.text().casefold()
        self.recordings.clear()
        examples = [] if EXAMPLES.resolve() == self.library.resolve() else sorted(EXAMPLES.glob("*/routine.yaml"))
        for path in sorted(self.library.glob("*/routine.yaml")) + examples:
            try:
                routine = load_routine(path).routine
                label = f"{routine.name} — {len(routine.steps)} steps" + self._last_run(path.parent)
            except DeskPilotError as exc:
                label = f"{path.parent.name} — {self.tr('invalid')}: {exc}"
            if path in examples:
                label += self.tr(" (example)")
            if needle in label.casefold():
                item = QListWidgetItem(label)
                item.setData(Qt.ItemDataRole.UserRole, str(path))
                self.recordings.addItem(item)

    def _last_run(self, folder: Path) -> str:
        """", last run 2026-11-24 10:00 passed", or nothing when it never ran."""
        runs = runs_of(folder)
        if not runs:
            return ""
        last = runs[0]  # newest first
        when = last.started[:16].replace("T", " ")
        return self.tr(", last run {when} {status}").format(when=when, status=last.status)

    # --- the open routine ---------------------------------------------------------------------------

    def open(self, path: Path) -> None:
        if not self._may_discard():
            return
        try:
            doc = RoutineDocument(path)
        except DeskPilotError as exc:
            QMessageBox.warning(self, self.tr("Cannot open"), str(exc))
            return
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
        self.table.selectionModel().currentRowChanged.connect(lambda cur, _prev: self._show_step(cur.row()))
        doc.changed.connect(self._on_doc_changed)
        self.watcher.addPath(str(doc.path))
        self.setWindowTitle(f"{doc.loaded.routine.name} — DeskPilot")
        self.history.show_runs(doc.path.parent)
        self.anchor_panel.show_step(None, None)
        self.variables.show_routine(doc.routine)
        autosave = _autosave_path(doc.path)
        if autosave.exists() and autosave.stat().st_mtime >= doc.path.stat().st_mtime:
            if self.ask_restore(autosave):
                doc.restore(autosave.read_text(encoding="utf-8"))
                self.statusBar().showMessage(self.tr("Restored unsaved changes; Save keeps them, Undo drops them"))
            else:
                autosave.unlink(missing_ok=True)

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

    def _show_step(self, row: int) -> None:
        if self.doc is None or row < 0:
            return
        body = self.doc.body(row)
        main = body if not isinstance(body, dict) else body.get("text", body.get("key", body.get("keys", "")))
        self.field_main.setText("+".join(main) if isinstance(main, list) else str(main))
        self.field_note.setText(str(body.get("note", "")) if isinstance(body, dict) else "")
        self.field_timeout.setText(str(body.get("timeout", "")) if isinstance(body, dict) else "")
        self.anchor_panel.show_step(self.doc.step(row), self.doc.path.parent)

    def _on_doc_changed(self) -> None:
        assert self.doc is not None
        self.variables.show_routine(self.doc.routine)
        self.problems.setText("\n".join(str(p) for p in self.doc.problems[:5]))
        self.actions_by_name["save"].setEnabled(not self.doc.problems)
        dirty = self.doc.is_dirty()
        self.setWindowTitle(("• " if dirty else "") + f"{self.doc.path.parent.name} — DeskPilot")
        if dirty and not self.doc.problems:
            write_atomic(_autosave_path(self.doc.path), dump(self.doc.loaded.document))

    # --- saving and changes on disk --------------------------------------------------------------------

    def save(self) -> bool:
        if self.doc is None:
            return True
        if self.doc.problems:
            self.statusBar().showMessage(self.tr("Not saved: fix the problems first"))
            return False
        self._saving = True
        try:
            self.doc.save()
        finally:
            self._saving = False
        _autosave_path(self.doc.path).unlink(missing_ok=True)
        if str(self.doc.path) not in self.watcher.files():
            self.watcher.addPath(str(self.doc.path))
        self.statusBar().showMessage(self.tr("Saved {path}").format(path=self.doc.path))
        self.refresh_library()
        return True

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
            self.statusBar().showMessage(self.tr("Reloaded: the file changed on disk"))
        else:
            answer = QMessageBox.question(self, self.tr("Changed on disk"),
                                          self.tr("{path} changed on disk. Reload and lose your edits?").format(path=path))
            if answer == QMessageBox.StandardButton.Yes:
                self.open_again()
        if self.doc is not None and str(self.doc.path) not in self.watcher.files() and self.doc.path.exists():
            self.watcher.addPath(str(self.doc.path))  # a replaced file is a new file to the watcher

    def open_again(self) -> None:
        if self.doc is not None:
            path = self.doc.path
            self.doc.undo.setClean()
            self.open(path)

    def _may_discard(self) -> bool:
        if self.doc is None or not self.doc.is_dirty():
            return True
        answer = self.ask_unsaved(self.doc.path.parent.name)
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        if answer == QMessageBox.StandardButton.Discard:
            _autosave_path(self.doc.path).unlink(missing_ok=True)  # discarded on purpose: not offered again
            return True
        return False

    def ask_restore(self, autosave: Path) -> bool:
        """Whether to bring back edits that were never saved (a crash, a kill); tests answer directly."""
        answer = QMessageBox.question(self, self.tr("Unsaved changes found"),
                                      self.tr("This routine has changes that were never saved ({path}). Restore them?")
                                      .format(path=autosave.name))
        return answer == QMessageBox.StandardButton.Yes

    def ask_unsaved(self, name: str) -> QMessageBox.StandardButton:
        """Save, Discard or Cancel; a separate method so tests answer without a modal dialog."""
        return QMessageBox.question(
            self, self.tr("Unsaved changes"), self.tr("Save the changes to {name}?").format(name=name),
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel)

    def closeEvent(self, event: object) -> None:
        if self._may_discard():
            self.stop_run()
            self._task_token += 1
            for thread in list(self._tasks):  # a running OCR must not outlive its QThread object
                thread.wait(15000)
            event.accept()  # type: ignore[attr-defined]
        else:
            event.ignore()  # type: ignore[attr-defined]

    # --- recording -------------------------------------------------------------------------------------

    def start_recording(self) -> None:
        name = self.new_name.text().strip()
        if not name or self._thread is not None:
            self.statusBar().showMessage(self.tr("Give the new recording a name first"))
            return
        self.bar = RecordingBar()
        self.library.mkdir(parents=True, exist_ok=True)
        self._record_worker = RecordWorker(name, self.library, self.settings.lang, lambda: [self.bar.area()],
                                           self.settings.stop_hotkey, self.settings.pause_hotkey)
        self._thread = self._thread_for(self._record_worker)
        self._record_worker.step_recorded.connect(self.bar.add_step)
        self._record_worker.state_changed.connect(self.bar.set_state)
        self._record_worker.finished.connect(self._on_recorded)
        self._record_worker.failed.connect(self._on_record_failed)
        worker = self._record_worker  # the worker's thread is busy recording: call it directly (it sets an Event)
        self.bar.stop_requested.connect(lambda: worker.stop())
        self.bar.pause_toggled.connect(lambda paused: worker.pause(paused))
        self.showMinimized()
        self.bar.show()
        self._thread.start()

    def _on_recorded(self, folder: str) -> None:
        self._finish_recording()
        self.refresh_library()
        self.open(Path(folder) / "routine.yaml")
        self.statusBar().showMessage(self.tr("Recorded {path}").format(path=folder))

    def _on_record_failed(self, message: str) -> None:
        self._finish_recording()
        QMessageBox.warning(self, self.tr("Cannot record"), message)

    def _finish_recording(self) -> None:
        self.bar.close()
        self.showNormal()
        if self._thread is not None:
            self._thread.quit()
            self._thread.wait(5000)
        self._thread = None

    # --- playing ---------------------------------------------------------------------------------------

    def play_from_selected(self) -> None:
        self.play((self.selected_row() or 0) + 1)

    def play_selected_step(self) -> None:
        row = self.selected_row()
        if row is not None:
            self.play(row + 1, stop_after=row + 1)

    def toggle_breakpoint(self) -> None:
        row = self.selected_row()
        if self.model is not None and row is not None:
            self.model.breakpoints ^= {row}
            self.model.mark(self.model.current)

    def toggle_pause(self) -> None:
        if self._worker is None:
            return
        if self._paused_at is not None:
            self._paused_at = None
            self.showMinimized()
            self._worker.resume.set()
        else:
            self._worker.pause_requested.set()

    def _on_paused(self, index: int) -> None:
        self._paused_at = index
        self.showNormal()
        self.select_row(index - 1)
        self.statusBar().showMessage(self.tr("Paused before step {n}: F6 resumes, Esc stops").format(n=index))

    def _thread_for(self, worker: QObject) -> QThread:
        """A thread that runs ``worker.run`` once started; the caller connects the worker's signals, then starts it."""
        thread = QThread(self)
        worker.moveToThread(thread)
        thread.started.connect(worker.run)  # type: ignore[attr-defined]
        return thread

    def _report_dir(self) -> Path:
        """A new report folder beside the run history, not in whatever folder the GUI was started from."""
        assert self.doc is not None
        return history_file().parent / "reports" / f"{self.doc.path.parent.name}-{dt.datetime.now():%Y%m%d-%H%M%S}"

    def play_with_data(self) -> None:
        """Once per row of a spreadsheet: the dialog, the same checks as the command line, then the rows bar."""
        if self.doc is None or self.doc.routine is None or self._thread is not None:
            return
        dialog = BatchDialog(self)
        if not dialog.exec():
            return
        self.start_batch(dialog)

    def start_batch(self, dialog: BatchDialog) -> bool:
        """Check everything first; a problem is one message and nothing plays."""
        from deskpilot.player.batch_session import prepare

        assert self.doc is not None and self.doc.routine is not None
        if not self._may_discard():  # rows play the routine as saved: its id goes into the results file
            return False
        try:
            loaded = load_routine(self.doc.path)
            request = dialog.request()
            secrets = {n for n in loaded.routine.secrets}
            names, known = values_to_ask(loaded.routine)
            asked = [n for n in names if n in secrets]
            if asked:
                values = ValuesDialog(asked, loaded.routine.secrets, self)
                if not values.exec():
                    return False
                known |= values.values()
            prepared = prepare(loaded, known, request)
        except DeskPilotError as exc:
            QMessageBox.warning(self, self.tr("Cannot run with this data"), str(exc))
            return False
        if not prepared.rows:
            prepared.results.close()
            QMessageBox.information(self, self.tr("Nothing to do"),
                                    self.tr("All rows are finished in {f}.").format(f=prepared.results.path.name))
            return False
        report_dir = self._report_dir()
        options = PlayOptions(report_dir=report_dir, timeout=self.settings.timeout)
        self._batch = BatchWorker(loaded, known, options, request, prepared)
        self._batch_bar = BatchBar(len(prepared.rows))
        self._batch_bar.stop_requested.connect(self._batch.stop.set)
        self._thread = self._thread_for(self._batch)
        self._batch.started_row.connect(self._batch_bar.row_started)
        self._batch.finished_row.connect(self._batch_bar.row_finished)
        self._batch.finished.connect(self._on_batch_finished)
        self._batch.failed.connect(self._on_failed_to_start)
        self._batch_bar.show()
        self.showMinimized()
        self._thread.start()
        return True

    def _on_batch_finished(self, summary: BatchSummary) -> None:
        results = self._batch.prepared.results.path if self._batch is not None else ""
        if self._batch_bar is not None:
            self._batch_bar.close()
        self._batch, self._batch_bar = None, None
        self._end_run()
        entered = self.tr("{n} entered, not confirmed, ").format(n=summary.entered) if summary.entered else ""
        text = self.tr("{ok} ok, {entered}{failed} failed of {total} rows in {s:.1f} s; results: {path}").format(
            ok=summary.ok, entered=entered, failed=summary.failed, total=summary.total, s=summary.seconds,
            path=results)
        if summary.aborted_at is not None:
            text = self.tr("Stopped at row {n} (it runs again next time). ").format(n=summary.aborted_at) + text
        elif summary.stopped_at is not None:
            text = self.tr("Row {n} failed; the run stopped. ").format(n=summary.stopped_at) + text
        self.last_batch = summary
        self.statusBar().showMessage(text)

    def play(self, start_at: int, stop_after: int | None = None) -> None:
        if self.doc is None or self.doc.routine is None or self._thread is not None:
            return
        values = self.ask_values(self.doc.routine)
        if values is None:
            return
        report_dir = self._report_dir()
        breakpoints = frozenset(r + 1 for r in self.model.breakpoints) if self.model is not None else frozenset()
        self._paused_at: int | None = None
        self._worker = PlayWorker(self.doc.routine, values, report_dir.resolve(), start_at, stop_after, breakpoints,
                                  timeout=self.settings.timeout)
        self._thread = self._thread_for(self._worker)
        self._worker.step_started.connect(self._on_step_started)
        self._worker.step_finished.connect(self._on_step_finished)
        self._worker.run_finished.connect(self._on_run_finished)
        self._worker.failed_to_start.connect(self._on_failed_to_start)
        self._worker.paused.connect(self._on_paused)
        self.showMinimized()  # get out of the way of the application being driven
        self._thread.start()

    def ask_values(self, routine: m.Routine) -> dict[str, str] | None:
        """Every value the run needs that has no default (and secrets not in the keyring); None when cancelled."""
        names, known = values_to_ask(routine)
        if not names:
            return known
        dialog = ValuesDialog(names, routine.secrets, self)
        return known | dialog.values() if dialog.exec() else None

    def find_now(self) -> None:
        """Resolve the selected step's target on the live screen, with this window out of the way."""
        row = self.selected_row()
        target = step_target(self.doc.step(row)) if self.doc is not None and row is not None else None
        if target is None or self.doc is None or self.doc.routine is None:
            return
        folder, lang = self.doc.path.parent, self.doc.routine.lang
        self.showMinimized()
        QTimer.singleShot(400, lambda: self._run(self.tr("Looking for the target on the screen ..."),
                                                 lambda: find_live(target, folder, lang), self._on_found))

    def _on_found(self, look: LiveLook) -> None:
        pixmap = QPixmap()
        pixmap.loadFromData(look.png)
        self.anchor_panel.set_picture(pixmap, look.frame)
        self.anchor_panel.summary.setText(look.text + "\n" + self.tr("Click the picture to re-pick the target there."))
        self.statusBar().showMessage(self.tr("Find now: {text}").format(text=look.text))

    def _run(self, what: str, fn: Callable[[], object], on_done: Callable[[Any], None]) -> None:
        """One long action off the GUI thread, with the busy bar and Cancel; a cancelled result is dropped."""
        self._task_token += 1
        token = self._task_token
        self.anchor_panel.set_busy(what)
        self.statusBar().showMessage(what)

        def done(result: object) -> None:
            if token == self._task_token:
                self._task_ended()
                on_done(result)

        def failed(message: str) -> None:
            if token == self._task_token:
                self._task_ended()
                QMessageBox.warning(self, self.tr("DeskPilot"), message)

        thread = task.start(self, fn, done, failed)
        self._tasks.append(thread)
        thread.finished.connect(lambda: self._tasks.remove(thread) if thread in self._tasks else None)

    def _task_ended(self) -> None:
        self.anchor_panel.set_busy(None)
        self.showNormal()

    def cancel_task(self) -> None:
        """Stop waiting: the window is usable at once; OCR already under way finishes unseen."""
        if self.anchor_panel.busy.isVisible():
            self._task_token += 1
            self._task_ended()
            self.statusBar().showMessage(self.tr("Cancelled"))

    def _repick_context(self) -> tuple[int, m.Step, Path, str, Frame] | None:
        row, frame = self.selected_row(), self.anchor_panel.frame
        if frame is None or row is None or self.doc is None or self.doc.routine is None:
            return None
        step = self.doc.step(row)
        if step is None or isinstance(step, m.Drag) or step_target(step) is None:
            self.statusBar().showMessage(self.tr("Re-pick works on steps with one target; edit a drag's from/to by hand"))
            return None
        return row, step, self.doc.path.parent, self.doc.routine.lang, frame

    def _on_picked(self, x: int, y: int) -> None:
        """A click on the shown screen: the point (every anchor anew) or, in Label mode, the label."""
        context = self._repick_context()
        if context is None:
            return
        row, step, folder, lang, frame = context
        target, point = step_target(step), Point(frame.origin.x + x, frame.origin.y + y)
        live = not self.anchor_panel.recorded
        if self.anchor_panel.mode == "label":
            self._run(self.tr("Reading the label at ({x}, {y}) ...").format(x=point.x, y=point.y),
                      lambda: repick_label(frame, point, target, folder, lang), lambda r: self._on_repicked(row, r))
            return
        name = _free_anchor_name(folder)
        self._run(self.tr("Building anchors at ({x}, {y}) ...").format(x=point.x, y=point.y),
                  lambda: repick_point(frame, point, target, folder, lang, name, live=live),
                  lambda r: self._on_repicked(row, r))

    def _on_cropped(self, x: int, y: int, w: int, h: int) -> None:
        """A rectangle drawn on the recorded screen becomes the image anchor."""
        context = self._repick_context()
        if context is None:
            return
        row, step, folder, lang, frame = context
        target, region, name = step_target(step), Rect(frame.origin.x + x, frame.origin.y + y, w, h), \
            _free_anchor_name(folder)
        self._run(self.tr("Checking the picture ..."), lambda: repick_crop(frame, region, target, folder, lang, name),
                  lambda r: self._on_repicked(row, r))

    def _on_repicked(self, row: int, picked: Repicked) -> None:
        assert self.doc is not None
        self.doc.set_target(row, picked.target, picked.weak, picked.frame)
        self.select_row(row)
        self._show_step(row)
        self.statusBar().showMessage(self.tr("Re-picked step {n}").format(n=row + 1)
                                     + (f" (weak: {picked.weak})" if picked.weak else ""))

    def stop_run(self) -> None:
        """Esc: stop the run, or stop waiting for a Find now / re-pick."""
        self.cancel_task()
        if self._batch is not None:
            self._batch.stop.set()
        if self._worker is not None:
            self._worker.stop.set()
            self._worker.resume.set()

    def _on_step_started(self, index: int, description: str) -> None:
        if self.model is not None:
            self.model.mark(index - 1)
        self.statusBar().showMessage(self.tr("Step {n}: {what}").format(n=index, what=description))

    def _on_step_finished(self, result: StepResult) -> None:
        if self.model is not None:
            self.model.results[result.index - 1] = result.status

    def _on_run_finished(self, report: RunReport) -> None:
        report_dir = self._worker.options.report_dir if self._worker else None
        self._end_run()
        self.statusBar().showMessage(self.tr("Run {status} in {s:.1f} s").format(status=report.status, s=report.seconds)
                                     + (f": {report.error}" if report.error else ""))
        if self.doc is not None:
            self.history.show_runs(self.doc.path.parent)
        failed = next((s for s in report.steps if s.status == "failed"), None)
        if failed is not None:  # the failure next to its step, "Find now" one click away
            self.select_row(failed.index - 1)
            self.anchor_panel.summary.setText(f"{failed.error}\n" + self.anchor_panel.summary.text())
            if failed.screenshot and report_dir is not None:
                self.anchor_panel.set_picture(file_pixmap(report_dir / failed.screenshot))

    def _on_failed_to_start(self, message: str) -> None:
        if self._batch_bar is not None:
            self._batch_bar.close()
        self._batch, self._batch_bar = None, None
        self._end_run()
        QMessageBox.warning(self, self.tr("Cannot play"), message)

    def _end_run(self) -> None:
        self.showNormal()
        if self.model is not None:
            self.model.mark(None)
        if self._thread is not None:
            self._thread.quit()
            self._thread.wait(5000)
        self._thread, self._worker = None, None


def _free_anchor_name(folder: Path) -> str:
    n = 1
    while (folder / f"anchors/{n:03d}.png").exists():
        n += 1
    return f"anchors/{n:03d}.png"


def _autosave_path(routine_file: Path) -> Path:
    return routine_file.with_name("." + routine_file.name + AUTOSAVE_SUFFIX)
