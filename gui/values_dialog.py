"""Values a run needs and nobody gave: asked once before playing, secrets typed without being shown.

What to ask comes from the run path (``deskpilot.player.run``), which also looks
the secrets up in the environment and the keyring; this module is only the form.
The Variables panel's "+" asks its name and default here too.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from deskpilot import model as m
from deskpilot.gui.qt import QCoreApplication, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QWidget
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


class NewVariableDialog(QDialog):
    """A new variable: its name and the default a run uses when no data row and no one gives another."""

    def __init__(self, taken: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("New variable"))
        self.taken = set(taken)
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("e.g. customer_id"))
        self.default = QLineEdit()
        self.default.setPlaceholderText(self.tr("what a run types when nothing else is given"))
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Default"), self.default)
        form.addRow(self.problem)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        self.name.textChanged.connect(self._check)
        self._check()

    def _check(self) -> None:
        why = name_problem(self.name.text().strip(), self.taken)
        self.problem.setText(why or "")
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(why is None)

    def answer(self) -> tuple[str, str]:
        return self.name.text().strip(), self.default.text()


def name_problem(name: str, taken: Collection[str]) -> str | None:
    """Why ``name`` cannot be a new variable's, in words; None when it can."""
    from deskpilot.variables import NAME

    if not name:
        return QCoreApplication.translate("NewVariableDialog", "Give the variable a name.")
    if not NAME.match(name):
        return QCoreApplication.translate("NewVariableDialog", "A name is letters, digits and _, and starts with a "
                                                               "letter (customer_id, 金额).")
    if name in taken:
        return QCoreApplication.translate("NewVariableDialog", "There is a variable '{name}' already.").format(
            name=name)
    return None
