"""The expense claim form: validation errors and an optional "Are you sure?" dialog to automate around."""

from __future__ import annotations

import re
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QLineEdit, QMessageBox, QVBoxLayout

from deskpilot.demoapp import confirm, records
from deskpilot.demoapp.options import Options
from deskpilot.demoapp.screen import ScreenWindow, button_row, heading

FIELDS = [("claimant", "Claimant:"), ("date", "Date:"), ("category", "Category:"), ("amount", "Amount:"),
          ("description", "Description:")]
AMOUNT_LIMIT = Decimal(10000)
_AMOUNT = re.compile(r"\d+(\.\d{1,2})?")


def check(record: dict[str, str]) -> str | None:
    """The error a save of ``record`` must show, or None when it may be saved."""
    if not record["claimant"].strip():
        return "Error: Claimant is required"
    amount = record["amount"].strip()
    if not _AMOUNT.fullmatch(amount):
        return "Error: Amount must be a number"
    if Decimal(amount) > AMOUNT_LIMIT:
        return "Error: Amount over limit"
    return None


class ExpenseWindow(ScreenWindow):
    SCREEN = "expense"

    def __init__(self, options: Options) -> None:
        super().__init__(options)
        self.fields: dict[str, QLineEdit] = {}
        self.attempts = 0  # valid save attempts, for --confirm-every
        self.confirm_box: QMessageBox | None = None
        self.status = QLabel(self.say("Ready"))
        self.status.setFrameShape(QLabel.Shape.StyledPanel)
        col = QVBoxLayout(self)
        col.addWidget(heading(self.say("Expense claim")))
        col.addLayout(self._form())
        col.addLayout(self._buttons())
        col.addStretch(1)
        col.addWidget(self.status)
        QShortcut(QKeySequence("Ctrl+S"), self, self.save)

    def _form(self) -> QFormLayout:
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        for key, label in FIELDS:
            edit = QLineEdit()
            edit.setMinimumWidth(280)
            edit.setObjectName(key)
            self.fields[key] = edit
            form.addRow(QLabel(self.say(label)), edit)
        return form

    def _buttons(self) -> QHBoxLayout:
        return button_row(((self.say("Save"), self.save), (self.say("Clear"), self.clear)))

    def record(self) -> dict[str, str]:
        return {key: edit.text() for key, edit in self.fields.items()}

    def save(self) -> None:
        record = self.record()
        error = check(record)
        if error:
            self.status.setText(self.say(error))
            return
        self.attempts += 1
        every = self.options.confirm_interval
        if every and self.attempts % every == 0:
            self._ask(record)
        else:
            self._commit(record)

    def _ask(self, record: dict[str, str]) -> None:
        self.confirm_box = confirm.ask(self, self.say, lambda yes: self._on_confirm_finished(yes, record))
        self.changed()

    def _on_confirm_finished(self, yes: bool, record: dict[str, str]) -> None:
        self.confirm_box = None
        if yes:
            self._commit(record)
        else:
            self.status.setText(self.say("Cancelled"))
        self.changed()

    def _commit(self, record: dict[str, str]) -> None:
        if self.options.slow > 0:
            self.status.setText(self.say("Saving..."))
        self.later(lambda: self._write(record))

    def _write(self, record: dict[str, str]) -> None:
        records.append(self.options.out, record)
        if not self.options.keep_values:
            self._clear_fields()
        self.status.setText(self.say("Saved claim {}", len(records.read_all(self.options.out))))

    def clear(self) -> None:
        self._clear_fields()
        self.status.setText(self.say("Cleared"))

    def _clear_fields(self) -> None:
        for edit in self.fields.values():
            edit.clear()
        self.fields["claimant"].setFocus()

    def screen_name(self) -> str:
        return "confirm" if self.confirm_box is not None else self.SCREEN
