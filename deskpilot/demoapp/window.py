"""The main window: a customer form, a search list, and a status line, like an old ERP client."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from deskpilot.demoapp import confirm, records
from deskpilot.demoapp.chinese import say
from deskpilot.demoapp.geometry_dump import GeometryDump
from deskpilot.demoapp.options import Options
from deskpilot.demoapp.screen import button_row


class MainWindow(QWidget):
    def __init__(self, options: Options) -> None:
        super().__init__()
        self.options = options
        self.setWindowTitle(options.title)
        self.resize(options.width, options.height)
        self.fields: dict[str, QLineEdit] = {}
        self.attempts = 0  # valid save attempts, for --confirm-every
        self.pages = QStackedWidget()
        self.pages.addWidget(self._form_page())
        self.pages.addWidget(self._search_page())
        self.pages.addWidget(QLabel(self.say("Loading..."), alignment=Qt.AlignmentFlag.AlignCenter))
        self.status = QLabel(self.say("Ready"))
        self.status.setFrameShape(QLabel.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.status)
        QShortcut(QKeySequence("Ctrl+S"), self, activated=self.save)
        self.geometry_dump = GeometryDump(self, options.geometry_out) if options.geometry_out else None

    # --- pages -------------------------------------------------------------------------

    def _form_page(self) -> QWidget:
        page = QWidget()
        col = QVBoxLayout(page)
        heading = QLabel(self.say("Customer master data"))
        font = heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.3)
        heading.setFont(font)
        col.addWidget(heading)
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        wanted = ([records.EXTRA_FIELD] if self.options.extra_field else []) + records.FIELDS
        wanted += [records.PASSWORD_FIELD] if self.options.password_field else []
        for key, label in wanted:
            edit = QLineEdit()
            edit.setMinimumWidth(280)
            edit.setObjectName(key)
            if key == "password":
                edit.setEchoMode(QLineEdit.EchoMode.Password)
            if key == "postcode":
                edit.setMaxLength(5)  # like many legacy forms, it silently drops what does not fit
            self.fields[key] = edit
            form.addRow(QLabel(self.say(label)), edit)
        col.addLayout(form)
        if self.options.twin_labels:  # the same labels a second time: which "City:" is meant?
            col.addWidget(QLabel(self.say("Delivery address")))
            twin = QFormLayout()
            twin.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
            for key, label in (("delivery_street", "Street:"), ("delivery_city", "City:"),
                               ("delivery_postcode", "Postcode:")):
                edit = QLineEdit()
                edit.setMinimumWidth(280)
                edit.setObjectName(key)
                twin.addRow(QLabel(self.say(label)), edit)
            col.addLayout(twin)
        col.addLayout(button_row(((self.say("Save"), self.save), (self.say("Clear"), self.clear),
                                  (self.say("Search"), self.show_search))))
        col.addStretch(1)
        return page

    def _search_page(self) -> QWidget:
        page = QWidget()
        col = QVBoxLayout(page)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.say("Find:")))
        self.find = QLineEdit()
        self.find.textChanged.connect(self._fill_table)
        row.addWidget(self.find, 1)
        col.addLayout(row)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels([self.say(h) for h in ("Customer ID", "Company", "City")])
        col.addWidget(self.table, 1)
        back = QPushButton(self.say("Back"))
        back.clicked.connect(self.show_form)
        col.addWidget(back, 0, Qt.AlignmentFlag.AlignLeft)
        return page

    def say(self, english: str, *values: object) -> str:
        """``english`` in the window's language (``--lang``)."""
        return say(self.options.lang, english, *values)

    # --- actions ------------------------------------------------------------------------

    def record(self) -> dict[str, str]:
        return {key: edit.text() for key, edit in self.fields.items()}

    def save(self) -> None:
        record = self.record()
        if not record["customer_id"].strip():
            self.status.setText(self.say("Error: Customer ID is required"))
            return
        self.attempts += 1
        every = self.options.confirm_interval
        if every and self.attempts % every == 0:
            confirm.ask(self, self.say, lambda yes: self._saving(record) if yes else self.status.setText(self.say("Cancelled")))
            return
        self._saving(record)

    def _saving(self, record: dict[str, str]) -> None:
        if self.options.slow > 0:
            self.status.setText(self.say("Saving..."))
            QTimer.singleShot(int(self.options.slow * 1000), lambda: self._write(record))
        else:
            self._write(record)

    def _write(self, record: dict[str, str]) -> None:
        records.append(self.options.out, record)
        if not self.options.keep_values:
            for edit in self.fields.values():
                edit.clear()
        next(iter(self.fields.values())).setFocus()
        self.status.setText(self.say("Saved {}", record['customer_id']))

    def clear(self) -> None:
        for edit in self.fields.values():
            edit.clear()
        self.status.setText(self.say("Cleared"))

    def show_search(self) -> None:
        if self.options.slow > 0:
            self.pages.setCurrentIndex(2)
            QTimer.singleShot(int(self.options.slow * 1000), self._show_list)
        else:
            self._show_list()

    def _show_list(self) -> None:
        self._fill_table()
        self.pages.setCurrentIndex(1)
        self._changed()

    def show_form(self) -> None:
        self.pages.setCurrentIndex(0)
        self.status.setText(self.say("Ready"))
        self._changed()

    def _fill_table(self) -> None:
        needle = self.find.text().casefold()
        rows = [r for r in records.read_all(self.options.out)
                if not needle or any(needle in str(r.get(k, "")).casefold() for k in ("customer_id", "company", "city"))]
        self.table.setRowCount(len(rows))
        for i, r in enumerate(rows):
            for j, key in enumerate(("customer_id", "company", "city")):
                self.table.setItem(i, j, QTableWidgetItem(str(r.get(key, ""))))
        if self.pages.currentIndex() == 1 or not needle:
            self.status.setText(self.say("{} customers", len(rows)))

    def screen_name(self) -> str:
        return {0: "form", 1: "search"}.get(self.pages.currentIndex(), "loading")

    def _changed(self) -> None:
        if self.geometry_dump:
            self.geometry_dump.schedule()

    def moveEvent(self, event: object) -> None:  # noqa: N802 - Qt override
        self._changed()

    def resizeEvent(self, event: object) -> None:  # noqa: N802 - Qt override
        self._changed()

    def showEvent(self, event: object) -> None:  # noqa: N802 - Qt override
        self._changed()
