"""Running a routine over a spreadsheet from the GUI: the same checks and results file as the command line.

The dialog shows the chosen file before anything plays: its first rows, and which column
fills which of the routine's values (matched in green; a value no column, default or
secret gives in red, with the column meant when the name is a near miss). It asks which
rows (those not done yet, from a row on, or some rows) and what a failed row does. The
rows then play on a worker thread (``batch_worker``), the run bar showing row r of R, the step and
a green or red line per row; Stop abandons the current row (it plays again next time). The dialog is
set as it was left for the recording (``DataChoice``), its file remembered across starts.

Its messages speak of the window ("Rows '3-x'") and never of the command line's flags.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from deskpilot import model as m
from deskpilot.batch import DataTable, read_table
from deskpilot.batch.columns import closest_column
from deskpilot.errors import DeskPilotError
from deskpilot.variables import variables_used
from deskpilot.gui.batch_worker import BatchWorker, RowsPlayed  # noqa: F401  (the rows' worker, from here too)
from deskpilot.gui.plain_words import window_words
from deskpilot.gui.qt import (
    QBrush,
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QSettings,
    QSpinBox,
    Qt,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from deskpilot.gui.run_bar import status_colour
from deskpilot.gui.theme import is_dark
from deskpilot.player.batch import FailurePolicy
from deskpilot.player.batch_session import BatchRequest

POLICY_CHOICES = ("stop", "skip", "retry:1", "retry:3")
PREVIEW_ROWS = 5


@dataclass(frozen=True)
class Mapping:
    """Where one of the routine's values comes from in a data run."""

    variable: str
    source: str  # "column", "default", "secret", "missing"
    column: str | None = None  # the column that fills it, or the near miss a missing one probably meant


def map_columns(table: DataTable, routine: m.Routine) -> list[Mapping]:
    """Each value the routine uses, and where a row gets it: the column of that exact name, else the routine's
    default, else a secret (asked once), else nowhere -- as ``check_columns`` decides before a run."""
    out = []
    for name in variables_used(routine):
        if name in table.columns:
            out.append(Mapping(name, "column", name))
        elif name in routine.variables:
            out.append(Mapping(name, "default"))
        elif name in routine.secrets:
            out.append(Mapping(name, "secret"))
        else:
            out.append(Mapping(name, "missing", closest_column(name, table.columns)))
    return out


class BatchDialog(QDialog):
    """Which data file (and sheet), its preview and column mapping, which rows, and what a failed row does."""

    def __init__(self, parent: QWidget | None = None, data: str = "", routine: m.Routine | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Run with data"))
        doc = getattr(parent, "doc", None)
        self.routine = routine if routine is not None else getattr(doc, "routine", None)
        self.table: DataTable | None = None
        self.mapping: list[Mapping] = []
        self.data = QLineEdit(data)
        self.data.setPlaceholderText(self.tr("claims.csv or claims.xlsx"))
        self.data.editingFinished.connect(self.refresh)
        browse = QPushButton(self.tr("Browse..."))
        browse.clicked.connect(self._browse)
        self.sheet = QComboBox()
        self.sheet.setEditable(True)
        self.sheet.setPlaceholderText(self.tr("first sheet"))
        self.sheet.lineEdit().setPlaceholderText(self.tr("first sheet"))  # type: ignore[union-attr]
        self.sheet.activated.connect(lambda _i: self.refresh())
        self.preview = QTableWidget(0, 0)
        self.preview.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.preview.setMinimumHeight(150)
        self.columns = QListWidget()
        self.columns.setMaximumHeight(130)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: " + status_colour("failed", is_dark()).name())
        self.problem.hide()
        self.all_rows = QRadioButton(self.tr("Every row not done yet"))
        self.from_row = QRadioButton(self.tr("From row"))
        self.some_rows = QRadioButton(self.tr("These rows"))
        self.all_rows.setChecked(True)
        self.row_group = QButtonGroup(self)
        for button in (self.all_rows, self.from_row, self.some_rows):
            self.row_group.addButton(button)
        self.first_row = QSpinBox()
        self.first_row.setRange(1, 1_000_000)
        self.rows = QLineEdit()
        self.rows.setPlaceholderText(self.tr("3, 7-9"))
        self.first_row.valueChanged.connect(lambda _v: self.from_row.setChecked(True))
        self.rows.textEdited.connect(lambda _t: self.some_rows.setChecked(True))
        self.policy = QComboBox()
        labels = {"stop": self.tr("Stop the run"), "skip": self.tr("Skip to the next row"),
                  "retry:1": self.tr("Retry the row once"), "retry:3": self.tr("Retry the row up to 3 times")}
        for key in POLICY_CHOICES:
            self.policy.addItem(labels[key], key)
        file_row = QHBoxLayout()
        file_row.addWidget(self.data, 1)
        file_row.addWidget(browse)
        rows_box = QVBoxLayout()
        rows_box.addWidget(self.all_rows)
        for button, field in ((self.from_row, self.first_row), (self.some_rows, self.rows)):
            line = QHBoxLayout()
            line.addWidget(button)
            line.addWidget(field, 1)
            rows_box.addLayout(line)
        form = QFormLayout()
        form.addRow(self.tr("Data file"), file_row)
        form.addRow(self.tr("Sheet (.xlsx)"), self.sheet)
        form.addRow(self.tr("Rows"), rows_box)
        form.addRow(self.tr("When a row fails"), self.policy)
        self.note = QLabel(self.tr("Results go beside the data file; running again resumes after the last finished "
                                   "row."))
        self.note.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Run"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        col = QVBoxLayout(self)
        col.addLayout(form)
        col.addWidget(QLabel(self.tr("The first rows, and the value each column fills:")))
        col.addWidget(self.preview, 1)
        col.addWidget(self.columns)
        col.addWidget(self.problem)
        col.addWidget(self.note)
        col.addWidget(self.buttons)
        self.resize(720, 620)
        self.refresh()

    # --- the file, previewed --------------------------------------------------------------------------------

    def _browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Data file"), self.data.text(),
                                              self.tr("Spreadsheets (*.csv *.xlsx)"))
        if path:
            self.data.setText(path)
            self.refresh()

    def refresh(self) -> None:
        """Read the file again: its sheets, its first rows, and where each value comes from."""
        text = self.data.text().strip()
        self.table, self.mapping = None, []
        self.preview.clear()
        self.preview.setRowCount(0)
        self.preview.setColumnCount(0)
        self.columns.clear()
        if not text:
            self.show_problem("")
            return
        path = Path(text)
        self._fill_sheets(path)
        try:
            self.table = read_table(path, self.sheet_name())
        except DeskPilotError as exc:
            self.show_problem(window_words(str(exc)))
            return
        self.mapping = map_columns(self.table, self.routine) if self.routine is not None else []
        self._show_preview(self.table)
        self._show_mapping(self.table)

    def _fill_sheets(self, path: Path) -> None:
        xlsx = path.suffix.lower() == ".xlsx"
        self.sheet.setEnabled(xlsx)
        chosen = self.sheet.currentText()
        names = sheet_names(path) if xlsx and path.is_file() else []
        self.sheet.blockSignals(True)
        self.sheet.clear()
        self.sheet.addItems(names)
        self.sheet.setCurrentText(chosen if chosen in names else (names[0] if names else ""))
        self.sheet.blockSignals(False)

    def _show_preview(self, table: DataTable) -> None:
        used = {mp.column for mp in self.mapping if mp.source == "column"}
        meant = {mp.column: mp.variable for mp in self.mapping if mp.source == "missing" and mp.column}
        self.preview.setColumnCount(len(table.columns))
        self.preview.setRowCount(min(PREVIEW_ROWS, len(table.rows)))
        for j, name in enumerate(table.columns):
            if self.routine is None or name in used:
                head = QTableWidgetItem(self.tr("✓ {column}").format(column=name))
                head.setToolTip(self.tr("Fills the value '{name}' of the routine").format(name=name))
                head.setForeground(QBrush(status_colour("ok", is_dark())))
            elif name in meant:  # the near miss of a value no column fills
                head = QTableWidgetItem(self.tr("✗ {column} (not '{name}')").format(column=name, name=meant[name]))
                head.setToolTip(self.tr("The routine's value is called '{name}': column names must match "
                                        "exactly").format(name=meant[name]))
                head.setForeground(QBrush(status_colour("failed", is_dark())))
            else:
                head = QTableWidgetItem(self.tr("{column} (not used)").format(column=name))
                head.setToolTip(self.tr("No value of the routine is called '{name}': this column is not typed "
                                        "anywhere").format(name=name))
            self.preview.setHorizontalHeaderItem(j, head)
        for i, row in enumerate(table.rows[:PREVIEW_ROWS]):
            self.preview.setVerticalHeaderItem(i, QTableWidgetItem(str(row.number)))
            for j, name in enumerate(table.columns):
                self.preview.setItem(i, j, QTableWidgetItem(row.values.get(name, "")))
        self.preview.resizeColumnsToContents()
        self.first_row.setMaximum(max(1, len(table.rows)))

    def _show_mapping(self, table: DataTable) -> None:
        ok, bad = status_colour("ok", is_dark()), status_colour("failed", is_dark())
        for mp in self.mapping:
            if mp.source == "column":
                text, colour = self.tr("✓ {name} ← column '{column}'").format(name=mp.variable, column=mp.column), ok
            elif mp.source == "default":
                text, colour = self.tr("✓ {name} ← the routine's default (no column)").format(name=mp.variable), ok
            elif mp.source == "secret":
                text, colour = self.tr("✓ {name} ← a secret, asked once").format(name=mp.variable), ok
            elif mp.column:
                text, colour = self.tr("✗ {name} ← no column of that name (did you mean '{column}'? names must match "
                                       "exactly)").format(name=mp.variable, column=mp.column), bad
            else:
                text, colour = self.tr("✗ {name} ← no column of that name").format(name=mp.variable), bad
            item = QListWidgetItem(text)
            item.setForeground(QBrush(colour))
            item.setData(Qt.ItemDataRole.UserRole, mp.source)
            item.setToolTip(text)
            self.columns.addItem(item)
        missing = [mp.variable for mp in self.mapping if mp.source == "missing"]
        where = table.where()
        if missing:
            self.show_problem(self.tr("{where} has no column for {names}: add the column to the data file, or give "
                                      "the value a default in the Variables panel.").format(
                where=where, names=", ".join(f"'{n}'" for n in missing)))
        else:
            rows = len(table.rows)
            self.show_problem("")
            self.note.setText(self.tr("{rows} rows in {where}. Results go beside the data file; running again "
                                      "resumes after the last finished row.").format(rows=rows, where=where))

    def show_problem(self, text: str) -> None:
        """Why the data cannot run as it is (in red); empty hides it. The chosen file stays in the field."""
        self.problem.setText(text)
        self.problem.setVisible(bool(text))
        missing = any(mp.source == "missing" for mp in self.mapping)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(self.table is not None and not missing)

    # --- the request --------------------------------------------------------------------------------------------

    def sheet_name(self) -> str | None:
        return (self.sheet.currentText().strip() or None) if self.sheet.isEnabled() else None

    def request(self) -> BatchRequest:
        """The run asked for; the rows are checked by the run path (``prepare``) as the command line's are."""
        from_row = self.first_row.value() if self.from_row.isChecked() else None
        rows = self.rows.text().strip() if self.some_rows.isChecked() else None
        return BatchRequest(data=Path(self.data.text().strip()), sheet=self.sheet_name(), from_row=from_row,
                            rows=rows, policy=FailurePolicy.parse(str(self.policy.currentData())))


def sheet_names(path: Path) -> list[str]:
    """The sheets of an .xlsx file, in their order; none when it cannot be read (the preview says why)."""
    try:
        import openpyxl

        book = openpyxl.load_workbook(path, read_only=True)
        try:
            return list(book.sheetnames)
        finally:
            book.close()
    except Exception:  # a damaged or locked file: read_table gives the message
        return []


@dataclass(frozen=True)
class DataChoice:
    """What the Run with data dialog was set to, kept per recording: the file is not asked for again."""

    data: str
    sheet: str = ""
    policy: int = 0
    rows: str = "all"  # "all", "from" or "some"
    first_row: int = 1
    some_rows: str = ""

    @staticmethod
    def of(dialog: BatchDialog) -> DataChoice:
        rows = "from" if dialog.from_row.isChecked() else "some" if dialog.some_rows.isChecked() else "all"
        return DataChoice(dialog.data.text().strip(), dialog.sheet.currentText(), dialog.policy.currentIndex(), rows,
                          dialog.first_row.value(), dialog.rows.text())

    def apply(self, dialog: BatchDialog) -> None:
        dialog.policy.setCurrentIndex(self.policy)
        dialog.first_row.setValue(self.first_row)
        dialog.rows.setText(self.some_rows)
        {"from": dialog.from_row, "some": dialog.some_rows}.get(self.rows, dialog.all_rows).setChecked(True)
        if self.sheet:
            dialog.sheet.setCurrentText(self.sheet)
            dialog.refresh()


def _settings_key(recording: str) -> str:
    return "runWithData/" + hashlib.sha1(recording.encode("utf-8")).hexdigest()[:16]


def remembered_data(recording: str) -> str:
    """The data file last run with this recording, from an earlier start of the window."""
    return str(QSettings("DeskPilot", "DeskPilot").value(_settings_key(recording), "") or "")


def remember_data(recording: str, data: str) -> None:
    QSettings("DeskPilot", "DeskPilot").setValue(_settings_key(recording), data)
