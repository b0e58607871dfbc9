"""The Heal panel: the anchors the newest run proposes to repair, each on its step, with Accept and Reject.

A recording is never rewritten without a person: Accept makes the change as an undoable
edit of the open document (saved with the rest), copying the proposal's picture into the
recording only then; Reject hides it for good (remembered in the report folder). The
report is found by the same rule as ``deskpilot heal``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from deskpilot.errors import DeskPilotError
from deskpilot.format import heal
from deskpilot.gui.qt import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)

if TYPE_CHECKING:
    from deskpilot.gui.step_editor import StepEditor


def report_roots() -> list[Path]:
    """Where runs leave their reports: the window's own runs (beside the run history) and ``deskpilot play``'s."""
    from deskpilot.player.history import history_file

    return [history_file().parent / "reports", Path("reports").resolve()]


class HealPanel(QWidget):
    """The proposals of the open routine's newest report with any; selecting one shows its step."""

    step_chosen = Signal(int)  # the 0-based row of the selected proposal's step

    def __init__(self, editor: StepEditor, roots: Callable[[], list[Path]] = report_roots) -> None:
        super().__init__()
        self.editor, self.roots = editor, roots
        self.report: Path | None = None
        self.error = ""  # why the reports could not be read
        self.proposals: list[heal.Proposal] = []  # the report's, less those rejected
        self.edits: dict[int, heal.Edit | str] = {}  # per proposal: its edit now, or why it does not fit
        self.header = QLabel()
        self.header.setWordWrap(True)
        self.items = QListWidget()
        self.items.currentRowChanged.connect(self._on_current_changed)
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.accept_button = QPushButton(self.tr("Accept"))
        self.reject_button = QPushButton(self.tr("Reject"))
        self.look_button = QPushButton(self.tr("Look again"))
        self.accept_button.clicked.connect(lambda: self.accept())
        self.reject_button.clicked.connect(lambda: self.reject())
        self.look_button.clicked.connect(self.refresh)
        buttons = QHBoxLayout()
        for button in (self.accept_button, self.reject_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.look_button)
        col = QVBoxLayout(self)
        col.setContentsMargins(0, 0, 0, 0)
        for widget in (self.header, self.items, self.detail):
            col.addWidget(widget, 1 if widget is self.items else 0)
        col.addLayout(buttons)
        editor.opened.connect(self.refresh)
        editor.changed.connect(self._show)
        editor.step_selected.connect(self._on_step_selected)
        self.refresh()

    # --- what is shown ---------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Find the newest report with proposals for the open routine (a run may have written one since)."""
        doc = self.editor.doc
        self.report, self.proposals, self.error = None, [], ""
        if doc is not None:
            try:
                self.report = heal.find_report(doc.path, self.roots())
                self.proposals = heal.pending(self.report) if self.report is not None else []
            except (DeskPilotError, OSError) as exc:
                self.error = str(exc)
        self._show()

    def shown(self) -> list[heal.Proposal]:
        """The proposals in the list, in order: those not yet in the routine."""
        return [p for i, p in enumerate(self.proposals) if not self._done(i)]

    def _done(self, i: int) -> bool:
        edit = self.edits.get(i)
        return isinstance(edit, heal.Edit) and edit.done

    def _show(self) -> None:
        """List each proposal that the routine does not have yet; one that no longer fits says why."""
        doc = self.editor.doc
        self.edits = {}
        for i, p in enumerate(self.proposals if doc is not None and self.report is not None else []):
            assert doc is not None and self.report is not None
            try:
                self.edits[i] = heal.plan(doc.loaded.document, doc.path.parent, [p], self.report,
                                          file=str(doc.path))[0]
            except DeskPilotError as exc:
                self.edits[i] = str(exc)
        current = self.items.currentRow()
        self.items.blockSignals(True)
        self.items.clear()
        for i, p in enumerate(self.proposals):
            if self._done(i):
                continue
            text = p.describe()
            item = QListWidgetItem(text[0].upper() + text[1:] + (f" — {p.why}" if p.why else ""))
            item.setData(Qt.ItemDataRole.UserRole, i)
            item.setToolTip(p.why)
            self.items.addItem(item)
        self.items.blockSignals(False)
        if self.items.count():
            self.items.setCurrentRow(min(max(current, 0), self.items.count() - 1))
        if self.error:
            self.header.setText(self.error)
        elif doc is None:
            self.header.setText(self.tr("Open a recording to see the repairs its runs propose."))
        elif self.report is None:
            self.header.setText(self.tr("No run of this recording proposes a repair."))
        else:
            self.header.setText(self.tr("Proposed by the run in {folder}: {n} to review").format(
                folder=self.report.name, n=self.items.count()))
        self._show_current()

    def _current(self) -> int | None:
        item = self.items.currentItem()
        return int(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None

    def _on_current_changed(self, _row: int) -> None:
        """A proposal chosen in the list: its step is shown too."""
        edit = self._show_current()
        if isinstance(edit, heal.Edit):
            self.step_chosen.emit(edit.where[0])

    def _show_current(self) -> heal.Edit | str | None:
        i = self._current()
        edit = self.edits.get(i) if i is not None else None
        doc = self.editor.doc
        why = "" if i is None else self.proposals[i].why
        if i is not None and doc is not None and doc.problems:
            why = self.tr("Fix the routine's problems first: {p}").format(p=doc.problems[0])
        elif isinstance(edit, str):
            why = edit
        self.detail.setText(why)
        self.accept_button.setEnabled(isinstance(edit, heal.Edit) and doc is not None and not doc.problems)
        self.reject_button.setEnabled(i is not None)
        return edit

    def _on_step_selected(self, row: int) -> None:
        """A step chosen in the table shows its proposal, when it has one."""
        for n in range(self.items.count()):
            edit = self.edits.get(int(self.items.item(n).data(Qt.ItemDataRole.UserRole)))
            if isinstance(edit, heal.Edit) and edit.where[0] == row and n != self.items.currentRow():
                self.items.blockSignals(True)
                self.items.setCurrentRow(n)
                self.items.blockSignals(False)
                self._show_current()
                return

    def showEvent(self, event: object) -> None:
        self.refresh()  # a run may have proposed something since the panel was last seen
        super().showEvent(event)  # type: ignore[arg-type]

    # --- what a person decides ---------------------------------------------------------------------------

    def accept(self, i: int | None = None) -> bool:
        """Make the proposal in the open document (undoable); its picture is copied into the recording now."""
        i = self._current() if i is None else i
        doc = self.editor.doc
        if i is None or doc is None or self.report is None:
            return False
        try:
            edit = heal.plan(doc.loaded.document, doc.path.parent, [self.proposals[i]], self.report,
                             file=str(doc.path))[0]
            if not edit.done and edit.picture is not None:
                heal.copy_picture(edit, doc.path.parent)
        except DeskPilotError as exc:
            self.detail.setText(str(exc))
            return False
        if not edit.done:
            doc.set_anchor(edit)  # the document's change signal lists the proposals again
        self.editor.message.emit(self.tr("Healed {what}; Save keeps it, Undo takes it back").format(
            what=self.proposals[i].describe()))
        return True

    def reject(self, i: int | None = None) -> bool:
        """Hide the proposal for good: the report folder remembers it was turned down."""
        i = self._current() if i is None else i
        if i is None or self.report is None:
            return False
        proposal = self.proposals[i]
        try:
            heal.reject(self.report, proposal)
        except OSError as exc:
            self.detail.setText(self.tr("Cannot remember the rejection in {folder}: {e}").format(
                folder=self.report, e=exc))
            return False
        self.proposals.pop(i)
        self._show()
        self.editor.message.emit(self.tr("Rejected {what}").format(what=proposal.describe()))
        return True
