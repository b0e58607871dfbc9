"""The "Are you sure?" question some screens ask before saving: the unexpected dialog a routine must handle."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QMessageBox, QWidget


def ask(parent: QWidget, say: Callable[[str], str], on_answer: Callable[[bool], None]) -> QMessageBox:
    """Open it without blocking (``open``, not ``exec``), so tests and robots can answer it; Yes is the default."""
    box = QMessageBox(QMessageBox.Icon.Question, say("Confirm"), say("Are you sure?"), parent=parent)
    yes = box.addButton(say("Yes"), QMessageBox.ButtonRole.YesRole)  # plain text: no mnemonic underline for OCR
    no = box.addButton(say("No"), QMessageBox.ButtonRole.NoRole)
    box.setDefaultButton(yes)
    box.setEscapeButton(no)

    def finished(_result: int) -> None:
        box.deleteLater()
        on_answer(box.clickedButton() is yes)

    box.finished.connect(finished)
    box.open()
    return box
