"""The main window: it places the library, the step editor and the side panels, and holds the actions.

The parts live in their own modules: the recordings list (``library``), the
start-here page shown while nothing is open (``start_panel``), the toolbar and
menus (``menus``), the open routine's steps and file (``step_editor``),
recording and playing (``runs``, on the one ``JobRunner``). What stays here is
what ties them together, and Find now / re-pick on the anchor panel (short
tasks with Cancel).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from deskpilot import model as m
from deskpilot.geometry import Point, Rect
from deskpilot.ports import Frame
from deskpilot.gui import menus, task
from deskpilot.gui.approval_actions import ApprovalActions
from deskpilot.gui.approval_badge import ApprovalBadge
from deskpilot.gui.anchor_editor import AnchorPanel
from deskpilot.gui.batch_run import BatchDialog, BatchWorker
from deskpilot.gui.document import RoutineDocument
from deskpilot.gui.heal_panel import HealPanel
from deskpilot.gui.library import EXAMPLES, LibraryPanel
from deskpilot.gui.history_panel import HistoryPanel
from deskpilot.gui.panels import VariablesPanel
from deskpilot.gui.play_worker import PlayWorker
from deskpilot.gui.qt import (
    QAction,
    QApplication,
    QDockWidget,
    QGuiApplication,
    QMainWindow,
    QMenu,
    QMessageBox,
    QPixmap,
    QStackedWidget,
    Qt,
    QThread,
    QTimer,
    QToolBar,
    QWidget,
)
from deskpilot.gui.repick import LiveLook, Repicked, find_live, repick_crop, repick_label, repick_point, step_target
from deskpilot.gui.runs import RunControl
from deskpilot.gui.settings import Settings, SettingsDialog, load_settings, save_settings
from deskpilot.gui.start_panel import NameDialog, StartPanel, clean_name, name_problem, suggest_name
from deskpilot.gui.step_editor import StepEditor
from deskpilot.gui.step_table import StepTableModel
from deskpilot.gui.theme import apply_scheme
from deskpilot.gui.values_dialog import FormAsk
from deskpilot.player.batch import BatchSummary
from deskpilot.player.run import ValueMissing, look_up

__all__ = ["EXAMPLES", "MainWindow"]

ROUTINE_PANELS = ("properties", "anchors", "variables", "runs", "heal")  # about the open recording: hidden without one


class MainWindow(QMainWindow):
    def __init__(self, library: Path | None = None) -> None:
        super().__init__()
        self.setWindowTitle(self.tr("DeskPilot"))
        self._fit_to_screen()
        self.settings = load_settings()
        self.library = library or Path(self.settings.library).expanduser()
        self._task_token = 0  # bumped by Cancel: a task's result counts only while its token is current
        self._tasks: list[QThread] = []
        self.editor = StepEditor(self, ask_unsaved=lambda name: self.ask_unsaved(name),
                                 ask_restore=lambda path: self.ask_restore(path))  # late-bound: tests answer
        self.table, self.watcher = self.editor.table, self.editor.watcher
        self.field_main, self.field_note = self.editor.field_main, self.editor.field_note
        self.field_timeout, self.problems = self.editor.field_timeout, self.editor.problems
        self.editor.opened.connect(self._on_opened)
        self.editor.changed.connect(self._on_doc_changed)
        self.editor.step_selected.connect(self._on_step_selected)
        self.editor.message.connect(self.statusBar().showMessage)
        self.start_panel = StartPanel()  # the centre while no recording is open; the steps when one is
        self.new_name, self.record_button = self.start_panel.new_name, self.start_panel.record_button
        self.start_panel.record_requested.connect(self.record)
        self.start_panel.open_requested.connect(self.open_chosen)
        self.start_panel.set_stop_hotkey(self.settings.stop_hotkey)
        self.centre = QStackedWidget()
        self.centre.addWidget(self.start_panel)
        self.centre.addWidget(self.table)
        self.setCentralWidget(self.centre)
        self.library_panel = LibraryPanel(self.library)
        self.search, self.recordings = self.library_panel.search, self.library_panel.recordings
        self.runs = RunControl(self)
        self.library_panel.open_requested.connect(self.open_chosen)
        self.library_panel.listed.connect(lambda: self.start_panel.show_entries(self.library_panel.entries))
        shelf = self._dock(self.tr("Library"), "library", self.library_panel, Qt.DockWidgetArea.LeftDockWidgetArea)
        shelf.setMinimumWidth(250)  # the recordings' names wrap rather than being cut off
        self._dock(self.tr("Step"), "properties", self.editor.properties, Qt.DockWidgetArea.RightDockWidgetArea)
        self._build_panels()
        self._build_actions()
        self._panels_shown, self._panels_wanted = True, set(ROUTINE_PANELS)
        self.refresh_library()
        self._show_centre()

    # --- layout ----------------------------------------------------------------------------------

    def _fit_to_screen(self) -> None:
        """1180x720 where there is room; never larger than nine tenths of the screen (small or high-DPI ones)."""
        screen = QGuiApplication.primaryScreen()
        room = screen.availableGeometry() if screen is not None else None
        w, h = 1180, 720
        if room is not None:
            w, h = min(w, int(room.width() * 0.9)), min(h, int(room.height() * 0.9))
        self.resize(w, h)

    def _dock(self, title: str, name: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        return dock

    def _build_panels(self) -> None:
        self.anchor_panel = AnchorPanel()
        self.anchor_panel.find_requested.connect(self.find_now)
        self.anchor_panel.picture.picked.connect(self._on_picked)
        self.anchor_panel.picture.cropped.connect(self._on_cropped)
        self.anchor_panel.cancel_requested.connect(self.cancel_task)
        self.history = HistoryPanel()
        self.variables = VariablesPanel()
        self.variables.edited.connect(lambda name, value: self.doc and self.doc.set_variable(name, value))
        self.variables.removed.connect(lambda name: self.doc and self.doc.remove_variable(name))
        self.heal = HealPanel(self.editor)  # it follows the open routine itself
        self.heal.step_chosen.connect(self.select_row)
        anchors = self._dock(self.tr("Anchors"), "anchors", self.anchor_panel, Qt.DockWidgetArea.RightDockWidgetArea)
        for title, name, widget in ((self.tr("Variables"), "variables", self.variables),
                                    (self.tr("Runs"), "runs", self.history), (self.tr("Heal"), "heal", self.heal)):
            self.tabifyDockWidget(anchors, self._dock(title, name, widget, Qt.DockWidgetArea.RightDockWidgetArea))
        anchors.raise_()

    def _build_actions(self) -> None:
        """The main toolbar and the menu bar (``menus``); the View menu shows and hides each panel."""
        self.view_menu: QMenu
        self.main_toolbar: QToolBar
        self.actions_by_name: dict[str, QAction] = menus.build(self)
        for dock in self.findChildren(QDockWidget):
            self.view_menu.addAction(dock.toggleViewAction())
        self.view_menu.addSeparator()
        self.view_menu.addAction(self.main_toolbar.toggleViewAction())
        self.statusBar().showMessage(self.tr("Ready"))
        self.approval = ApprovalBadge()
        self.statusBar().addPermanentWidget(self.approval)
        self.approval_actions = ApprovalActions(self, self.approval, self.actions_by_name["sign"],
                                                self.actions_by_name["approve"])

    def _show_centre(self) -> None:
        """The steps while a recording is open, else the start panel; the actions and the panels about the open
        recording follow (the panels come back as they were left)."""
        open_ = self.doc is not None
        self.centre.setCurrentWidget(self.table if open_ else self.start_panel)
        for name, action in self.actions_by_name.items():
            if name in menus.NEEDS_ROUTINE or name.startswith("insert_"):
                action.setEnabled(open_ and (name != "save" or not (self.doc and self.doc.problems)))
        if open_ == self._panels_shown:
            return
        self._panels_shown = open_
        docks = [d for d in self.findChildren(QDockWidget) if d.objectName() in ROUTINE_PANELS]
        if not open_:
            self._panels_wanted = {d.objectName() for d in docks if not d.isHidden()}
        for dock in docks:
            dock.setVisible(open_ and dock.objectName() in self._panels_wanted)

    # --- the parts, as one window -----------------------------------------------------------------------

    @property
    def doc(self) -> RoutineDocument | None:
        return self.editor.doc

    @property
    def model(self) -> StepTableModel | None:
        return self.editor.model

    @property
    def _thread(self) -> QThread | None:
        return self.runs.jobs.worker_thread

    @property
    def _worker(self) -> PlayWorker | None:
        return self.runs.job(PlayWorker)  # type: ignore[return-value]

    @property
    def _batch(self) -> BatchWorker | None:
        return self.runs.job(BatchWorker)  # type: ignore[return-value]

    @property
    def last_batch(self) -> BatchSummary | None:
        return self.runs.last_batch

    def open(self, path: Path) -> None:
        self.editor.open(path)

    def open_chosen(self, path: Path) -> None:
        """A click in the library or on the start panel: open it, unless it is the one open already."""
        if self.doc is not None and self.doc.path.resolve() == path.resolve():
            self._show_centre()
            return
        self.open(path)

    def close_recording(self) -> bool:
        """Back to the start panel, once the edits are saved or dropped; False when it stays open."""
        editor = self.editor
        if editor.doc is None or not editor.may_discard():
            return editor.doc is None
        editor.watcher.removePaths(editor.watcher.files())
        editor.doc, editor.model = None, None
        editor.table.setModel(None)
        self.approval.show_for(None)
        self.setWindowTitle(self.tr("DeskPilot"))
        self.anchor_panel.show_step(None, None)
        self.variables.show_routine(None)
        self.heal.refresh()
        self.library_panel.show_open(None)
        self._show_centre()
        return True

    def record(self) -> None:
        """Record a new routine under the start panel's name, or under one asked for (a name is suggested)."""
        name = clean_name(self.new_name.text())
        if self.centre.currentWidget() is not self.start_panel or name_problem(self.library, name) is not None:
            asked = self.ask_name(name or suggest_name(self.library))
            if asked is None:
                return
            name = asked
        self.new_name.setText(name)
        self.runs.start_recording()

    def save(self) -> bool:
        if not self.editor.save():
            return False
        self.refresh_library()
        if self.doc is not None:  # the saved text is a new version: the badge says whether it is still approved
            self.approval.show_for(self.doc.path.parent, dirty=False)
        return True

    def selected_row(self) -> int | None:
        return self.editor.selected_row()

    def select_row(self, row: int) -> None:
        self.editor.select_row(row)

    def refresh_library(self) -> None:
        self.library_panel.set_folder(self.library)

    def play(self, start_at: int, stop_after: int | None = None) -> None:
        self.runs.play(start_at, stop_after)

    def play_from_selected(self) -> None:
        self.play((self.selected_row() or 0) + 1)

    def play_selected_step(self) -> None:
        row = self.selected_row()
        if row is not None:
            self.play(row + 1, stop_after=row + 1)

    def start_batch(self, dialog: BatchDialog) -> bool:
        return self.runs.start_batch(dialog)

    def stop_run(self) -> None:
        """Esc: stop the run, or stop waiting for a Find now / re-pick."""
        self.cancel_task()
        self.runs.stop_run()

    def _on_opened(self) -> None:
        doc = self.editor.doc
        assert doc is not None
        self.setWindowTitle(self.tr("{name} — DeskPilot").format(name=doc.loaded.routine.name))
        self.history.show_runs(doc.path.parent)
        self.anchor_panel.show_step(None, None)
        self.variables.show_routine(doc.routine)
        self.new_name.clear()  # that name is taken now
        self.library_panel.show_open(doc.path)
        self.approval.show_for(doc.path.parent, dirty=False)
        self._show_centre()

    def _on_doc_changed(self) -> None:
        doc = self.editor.doc
        assert doc is not None
        self.variables.show_routine(doc.routine)
        self.actions_by_name["save"].setEnabled(not doc.problems)
        title = self.tr("{name} — DeskPilot").format(name=doc.path.parent.name)
        self.setWindowTitle(("• " if doc.is_dirty() else "") + title)  # the dot: unsaved, in any language
        self.approval.show_for(doc.path.parent, dirty=doc.is_dirty())

    def _on_step_selected(self, row: int) -> None:
        if self.doc is not None:
            self.anchor_panel.show_step(self.doc.step(row), self.doc.path.parent)

    # --- questions to the person (separate methods, so tests answer without a modal dialog) ----------------

    def ask_values(self, routine: m.Routine, rows: bool = False) -> dict[str, str] | None:
        """Every value the run needs that has no default and no stored secret (only secrets for a data run: its
        columns give the rest), from one form on the run path's questions; None when cancelled."""
        pending = look_up(routine, {}, rows=rows)
        try:
            return pending.answered(FormAsk(self, pending.questions))
        except ValueMissing:
            return None  # the form was cancelled: nothing plays

    def ask_name(self, suggested: str) -> str | None:
        """The new recording's name (checked as it is typed), or None when cancelled."""
        dialog = NameDialog(self.library, suggested, self)
        return dialog.value() if dialog.exec() else None

    def ask_restore(self, autosave: Path) -> bool:
        """Whether to bring back edits that were never saved (a crash, a kill)."""
        answer = QMessageBox.question(self, self.tr("Unsaved changes found"),
                                      self.tr("This routine has changes that were never saved ({path}). Restore them?")
                                      .format(path=autosave.name))
        return answer == QMessageBox.StandardButton.Yes

    def ask_unsaved(self, name: str) -> QMessageBox.StandardButton:
        """Save, Discard or Cancel."""
        return QMessageBox.question(
            self, self.tr("Unsaved changes"), self.tr("Save the changes to {name}?").format(name=name),
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel)

    def edit_settings(self) -> None:
        """Settings as the window uses them: the folder shown is this window's library, whatever set it."""
        dialog = SettingsDialog(self.settings, self, library=self.library)
        if dialog.exec():
            chosen, folder = dialog.settings(), dialog.folder()
            if folder == self.library:  # not changed: a folder given for this start does not become the usual one
                chosen = replace(chosen, library=self.settings.library)
            self.apply_settings(chosen, folder)

    def apply_settings(self, settings: Settings, library: Path | None = None) -> None:
        """Keep ``settings`` and use them now; ``library`` (or a changed stored folder) becomes the one shown."""
        language_changed = settings.language != self.settings.language
        if library is None and settings.library != self.settings.library:
            library = Path(settings.library).expanduser()
        save_settings(settings)
        self.settings = settings
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_scheme(app, self.settings.theme)
        menus.restyle(self, self.actions_by_name)  # icons in the new palette's colours
        self.start_panel.set_stop_hotkey(settings.stop_hotkey)
        said = []
        if library is not None and library != self.library:
            self.library = library
            self.refresh_library()
            said.append(self.tr("The library now shows {folder}.").format(folder=library))
        if language_changed:
            said.append(self.tr("The language changes the next time DeskPilot starts."))
        if said:
            self.statusBar().showMessage(" ".join(said))

    def closeEvent(self, event: object) -> None:
        if self.editor.may_discard():
            self.stop_run()
            self._task_token += 1
            for thread in list(self._tasks):  # a running OCR must not outlive its QThread object
                thread.wait(15000)
            event.accept()  # type: ignore[attr-defined]
        else:
            event.ignore()  # type: ignore[attr-defined]

    # --- Find now and re-pick: short tasks off the GUI thread, with Cancel -----------------------------------

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
        self.editor.show_step(row)
        if picked.weak:
            self.statusBar().showMessage(self.tr("Re-picked step {n} (weak: {why})").format(n=row + 1, why=picked.weak))
        else:
            self.statusBar().showMessage(self.tr("Re-picked step {n}").format(n=row + 1))


def _free_anchor_name(folder: Path) -> str:
    n = 1
    while (folder / f"anchors/{n:03d}.png").exists():
        n += 1
    return f"anchors/{n:03d}.png"
