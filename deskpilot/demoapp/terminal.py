"""A green-screen (3270-like) customer form: fixed grid, function keys, one message line, no buttons."""

from __future__ import annotations

from itertools import pairwise

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import QGridLayout, QLabel, QLineEdit, QWidget

from deskpilot.demoapp import records, theme
from deskpilot.demoapp.options import Options
from deskpilot.demoapp.screen import ScreenWindow

TOP_LINE = "CUSTMAINT            CUSTOMER MAINTENANCE"
BOTTOM_LINE = "F3=Exit  F5=Clear  F10=Save"
# key, label, field length in characters (as a 3270 map would fix it)
FIELDS = [("customer_id", "CUST ID . . :", 10), ("company", "COMPANY . . :", 40), ("contact", "CONTACT . . :", 40),
          ("city", "CITY  . . . :", 30), ("postcode", "POSTCODE  . :", 10), ("country", "COUNTRY . . :", 30)]
GREEN = "#33ff33"  # bright enough on black for OCR, like a P1 phosphor
STYLE = f"""
QWidget#terminal, QLabel {{ background: black; color: {GREEN}; }}
QLineEdit {{ background: black; color: {GREEN}; border: none; border-bottom: 1px solid {GREEN};
             padding: 0px; selection-background-color: {GREEN}; selection-color: black; }}
"""


def terminal_font(font_scale: float) -> QFont:
    font = QFont("DejaVu Sans Mono")
    font.setStyleHint(QFont.StyleHint.TypeWriter)
    font.setFixedPitch(True)
    font.setPointSizeF(theme.BASE_POINT_SIZE * font_scale)
    return font


class TerminalWindow(ScreenWindow):
    SCREEN = "terminal"

    def __init__(self, options: Options) -> None:
        super().__init__(options)
        self.setObjectName("terminal")
        self.setFont(terminal_font(options.font_scale))
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet(STYLE)
        self.fields: dict[str, QLineEdit] = {}
        self.message = _line("")
        self.message.setObjectName("message")
        grid = QGridLayout(self)
        grid.setContentsMargins(24, 16, 24, 16)
        grid.setHorizontalSpacing(self.fontMetrics().horizontalAdvance(" ") * 2)
        grid.setVerticalSpacing(self.fontMetrics().height() // 2)
        grid.addWidget(_line(TOP_LINE), 0, 0, 1, 2)
        grid.setRowMinimumHeight(1, self.fontMetrics().height())
        for row, (key, label, length) in enumerate(FIELDS, start=2):
            grid.addWidget(_line(label), row, 0)
            grid.addWidget(self._field(key, length), row, 1, Qt.AlignmentFlag.AlignLeft)
        grid.setRowStretch(len(FIELDS) + 2, 1)
        grid.addWidget(self.message, len(FIELDS) + 3, 0, 1, 2)
        grid.addWidget(_line(BOTTOM_LINE), len(FIELDS) + 4, 0, 1, 2)
        grid.setColumnStretch(1, 1)
        edits = list(self.fields.values())
        for first, second in pairwise(edits):
            QWidget.setTabOrder(first, second)
        for keys, slot in (("F10", self.save), ("Ctrl+S", self.save), ("F5", self.clear), ("F3", self.close)):
            QShortcut(QKeySequence(keys), self, slot)
        edits[0].setFocus()

    def _field(self, key: str, length: int) -> QLineEdit:
        edit = QLineEdit()
        edit.setObjectName(key)
        edit.setFrame(False)
        edit.setMaxLength(length)
        edit.setFixedWidth(self.fontMetrics().horizontalAdvance("M" * length) + 4)
        self.fields[key] = edit
        return edit

    def record(self) -> dict[str, str]:
        return {key: edit.text() for key, edit in self.fields.items()}

    def save(self) -> None:
        record = self.record()
        if not record["customer_id"].strip():
            self.message.setText("CUST ID REQUIRED")
            self.fields["customer_id"].setFocus()
            return
        if self.options.slow > 0:
            self.message.setText("PROCESSING")
        self.later(lambda: self._write(record))

    def _write(self, record: dict[str, str]) -> None:
        records.append(self.options.out, record)
        if not self.options.keep_values:
            self._clear_fields()
        self.message.setText(f"RECORD ADDED {record['customer_id']}")

    def clear(self) -> None:
        self._clear_fields()
        self.message.setText("")

    def _clear_fields(self) -> None:
        for edit in self.fields.values():
            edit.clear()
        self.fields["customer_id"].setFocus()


def _line(text: str) -> QLabel:
    """A line of screen text: plain, so runs of spaces stay as the map lays them out."""
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label
