"""Values a run needs and nobody gave: asked once before playing, secrets typed without being shown.

What to ask comes from the run path (``deskpilot.player.run``), which also looks
the secrets up in the environment and the keyring; this module is only the form.
"""

from __future__ import annotations

from collections.abc import Sequence

from deskpilot import model as m
from deskpilot.gui.qt import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QWidget
from deskpilot.player.run import Question, look_up


def values_to_ask(routine: m.Routine) -> tuple[list[str], dict[str, str]]:
    """The names to ask for (plain values first, then secrets), and the secrets the environment or keyring hold."""
    pending = look_up(routine, {})
    return [q.name for q in _form_order(pending.questions)], pending.known


def _form_order(questions: Sequence[Question]) -> list[Question]:
    return [q for q in questions if not q.secret] + [q for q in questions if q.secret]


class ValuesDialog(QDialog):
    def __init__(self, names: list[str], secrets: tuple[str, ...], parent: object = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self.setWindowTitle(self.tr("Values for this run"))
        self.edits: dict[str, QLineEdit] = {}
        form = QFormLayout(self)
        form.addRow(QLabel(self.tr("This routine needs values that it does not have:")))
        for name in names:
            edit = QLineEdit()
            edit.setObjectName(name)
            if name in secrets:
                edit.setEchoMode(QLineEdit.EchoMode.Password)
                edit.setToolTip(self.tr("Not shown and never saved; store it in the keyring to skip this question"))
            self.edits[name] = edit
            form.addRow(name, edit)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def values(self) -> dict[str, str]:
        return {name: edit.text() for name, edit in self.edits.items()}


class FormAsk:
    """The run path's ``ask`` for the GUI: one form with every question, shown when the first one is asked.

    The person answers everything at once; Cancel answers nothing, and the run path then stops before playing."""

    def __init__(self, parent: QWidget | None, questions: Sequence[Question]) -> None:
        self.parent, self.questions = parent, _form_order(questions)
        self.answers: dict[str, str] | None = None
        self.cancelled = False

    def __call__(self, name: str, secret: bool) -> str | None:
        if self.answers is None and not self.cancelled:
            dialog = ValuesDialog([q.name for q in self.questions], tuple(q.name for q in self.questions if q.secret),
                                  self.parent)
            if dialog.exec():
                self.answers = dialog.values()
            else:
                self.cancelled = True
        return None if self.answers is None else self.answers.get(name)
