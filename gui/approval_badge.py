"""The approval badge in the status bar: whether what is open is the version an approver signed.

An operator's policy may play only approved, unchanged recordings; an author editing one must
see at once that the approval no longer covers it (the edit makes a new version, which needs
signing and approving again), not learn it from a refused run later.
"""

from __future__ import annotations

from pathlib import Path

from deskpilot.errors import DeskPilotError
from deskpilot.gui.qt import QLabel, QWidget


class ApprovalBadge(QLabel):
    """``show_for(folder, dirty)``: approved, signed only, unsigned, or changed since approval (and what)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = ""  # "approved", "signed", "unsigned", "changed", "edited", "bad-signature": for tests
        self.setObjectName("approval-badge")

    def show_for(self, folder: Path | None, *, dirty: bool = False) -> None:
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
