"""The approval badge in the status bar: whether what is open is the version an approver signed.

An operator's policy may play only approved, unchanged recordings; an author editing one must
see at once that the approval no longer covers it (the edit makes a new version, which needs
signing and approving again), not learn it from a refused run later. A click (or a right-click)
on it offers the same Sign / Approve this version actions as the File menu (``approval_actions``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from deskpilot.errors import DeskPilotError
from deskpilot.gui.qt import QAction, QLabel, QMenu, Qt, QWidget, Signal


class ApprovalBadge(QLabel):
    """``show_for(folder, dirty)``: approved, signed only, unsigned, or changed since approval (and what)."""

    shown = Signal()  # after every show_for: what the actions may do follows the state

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = ""  # "approved", "signed", "unsigned", "changed", "edited", "bad-signature": for tests
        self.setObjectName("approval-badge")
        self.menu = QMenu(self)  # the same actions on a click as on a right-click
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)

    def offer(self, actions: list[QAction]) -> None:
        """The actions a click or right-click on the badge offers (they stay the window's own)."""
        self.addActions(actions)
        self.menu.addActions(actions)
        self.setCursor(Qt.CursorShape.PointingHandCursor)

    def mouseReleaseEvent(self, event: Any) -> None:  # a QMouseEvent
        if event.button() == Qt.MouseButton.LeftButton and self.text() and self.menu.actions():
            self.menu.popup(event.globalPosition().toPoint())
            return
        super().mouseReleaseEvent(event)

    def set_busy(self, text: str) -> None:
        """Signing or approving is under way: the badge says so until the next ``show_for``."""
        self.setText(text)

    def show_for(self, folder: Path | None, *, dirty: bool = False) -> None:
        self._show(folder, dirty)
        self.shown.emit()

    def _show(self, folder: Path | None, dirty: bool) -> None:
        from deskpilot.compliance.approval import verify

        if folder is None:
            self.state = ""
            self.clear()
            self.setToolTip("")
            return
        try:
            verdict = verify(folder)
        except DeskPilotError as exc:  # a routine.yaml that does not load: the step list says why
            self.state = "unsigned"
            self.setText(self.tr("Not signed"))
            self.setToolTip(str(exc))
            return
        self.state = verdict.status
        approvers = ", ".join(a.user for a in verdict.approvers)
        if verdict.status == "approved" and dirty:
            self.state = "edited"
            self.setText("⚠ " + self.tr("Edited: the approval by {who} no longer applies").format(who=approvers))
        elif verdict.status == "approved":
            self.setText("✔ " + self.tr("Approved by {who}").format(who=approvers))
        elif verdict.status == "signed":
            self.setText(self.tr("Signed by {who}, not approved").format(who=verdict.author.user if verdict.author else "?"))
        elif verdict.status == "changed":
            self.setText("⚠ " + self.tr("Changed since it was signed: {files}").format(files=", ".join(verdict.changed)))
        elif verdict.status == "bad-signature":
            self.setText("⚠ " + self.tr("A signature does not match: do not run this recording"))
        else:
            self.setText(self.tr("Not signed"))
        self.setToolTip("\n".join(verdict.lines()))
