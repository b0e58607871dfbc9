"""Values a run needs and nobody gave: asked once before playing, secrets typed without being shown."""

from __future__ import annotations

from deskpilot import model as m
from deskpilot.secrets import secret_value
from deskpilot.variables import missing_values
from deskpilot.gui.qt import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit


def values_to_ask(routine: m.Routine) -> tuple[list[str], dict[str, str]]:
    """The names to ask for, and the secrets the environment or the keyring already hold."""
    known: dict[str, str] = {}
    for name in routine.secrets:
        value = secret_value(name, routine.folder)
        if value is not None:
            known[name] = value
    ask = [n for n in missing_values(routine, known) if n not in routine.secrets]
    ask += [n for n in routine.secrets if n not in known]
    return ask, known


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
