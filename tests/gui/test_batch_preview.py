"""Run with data: the chosen file previewed with each column's value, a missing one marked with the column
meant; which rows; the file kept after an error; and every message in the window's words, never a flag."""

from __future__ import annotations

from pathlib import Path

import pytest

from deskpilot.format import load_routine
from deskpilot.gui.batch_run import BatchDialog, map_columns
from deskpilot.gui.main_window import EXAMPLES, MainWindow
from deskpilot.gui.qt import QDialogButtonBox, Qt
from deskpilot.batch import read_table

CLAIMS = EXAMPLES / "expense-claims"


@pytest.fixture
def routine():  # type: ignore[no-untyped-def]
    return load_routine(CLAIMS).routine


def test_the_preview_maps_each_column_and_marks_a_missing_one(qtbot, tmp_path: Path, routine) -> None:  # type: ignore[no-untyped-def]
    data = tmp_path / "claims.csv"
    data.write_text("claimant,date,category,Amount,description,notes\n"
                    "Dora,2026-11-04,Taxi,12.00,Airport,x\nEli,2026-11-05,Hotel,99.00,Visit,y\n", encoding="utf-8")
    dialog = BatchDialog(None, str(data), routine=routine)
    qtbot.addWidget(dialog)
    assert dialog.preview.rowCount() == 2 and dialog.preview.columnCount() == 6
    heads = [dialog.preview.horizontalHeaderItem(j).text() for j in range(6)]
    assert heads == ["✓ claimant", "✓ date", "✓ category", "✗ Amount (not 'amount')", "✓ description",
                     "notes (not used)"]
    assert dialog.preview.item(1, 0).text() == "Eli" and dialog.preview.verticalHeaderItem(0).text() == "1"
    lines = {dialog.columns.item(i).text(): dialog.columns.item(i).data(Qt.ItemDataRole.UserRole)
             for i in range(dialog.columns.count())}
    assert lines["✓ claimant ← column 'claimant'"] == "column"
    assert lines["✗ amount ← no column of that name (did you mean 'Amount'? names must match exactly)"] == "missing"
    assert not dialog.problem.isHidden() and "'amount'" in dialog.problem.text() and "--" not in dialog.problem.text()
    assert not dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()  # nothing plays like this
    data.write_text("claimant,date,category,amount,description\nDora,2026-11-04,Taxi,12.00,Airport\n",
                    encoding="utf-8")
    dialog.refresh()
    assert dialog.problem.isHidden() and dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
    assert dialog.note.text().startswith("1 rows in claims.csv.")


def test_defaults_and_secrets_fill_what_no_column_does(tmp_path: Path, routine) -> None:  # type: ignore[no-untyped-def]
    import dataclasses

    data = tmp_path / "d.csv"
    data.write_text("claimant,date\nA,1\n", encoding="utf-8")
    with_more = dataclasses.replace(routine, variables={"category": "Taxi"}, secrets=("amount",))
    sources = {mp.variable: mp.source for mp in map_columns(read_table(data), with_more)}
    assert sources == {"claimant": "column", "date": "column", "category": "default", "amount": "secret",
                       "description": "missing"}


def test_the_rows_chosen_become_the_request(qtbot, routine) -> None:  # type: ignore[no-untyped-def]
    dialog = BatchDialog(None, "x.csv", routine=routine)
    qtbot.addWidget(dialog)
    assert dialog.request().rows is None and dialog.request().from_row is None  # every row not done yet
    dialog.rows.setText("3, 7-9")
    dialog.some_rows.setChecked(True)
    assert dialog.request().rows == "3, 7-9" and dialog.request().from_row is None
    dialog.first_row.setValue(1)
    dialog.from_row.setChecked(True)
    assert dialog.request().from_row == 1 and dialog.request().rows is None
    assert "--" not in dialog.problem.text() and "not found" in dialog.problem.text()  # x.csv is nowhere


def test_an_xlsx_offers_its_sheets(qtbot, tmp_path: Path, routine) -> None:  # type: ignore[no-untyped-def]
    import openpyxl

    book = openpyxl.Workbook()
    book.active.title = "Oct"
    book.create_sheet("Nov").append(["claimant", "date", "category", "amount", "description"])
    book["Nov"].append(["Dora", "2026-11-04", "Taxi", "12.00", "Airport"])
    book["Oct"].append(["claimant"])
    book["Oct"].append(["Old"])
    book.save(tmp_path / "c.xlsx")
    dialog = BatchDialog(None, str(tmp_path / "c.xlsx"), routine=routine)
    qtbot.addWidget(dialog)
    assert [dialog.sheet.itemText(i) for i in range(dialog.sheet.count())] == ["Oct", "Nov"]
    dialog.sheet.setCurrentText("Nov")
    dialog.refresh()
    assert dialog.preview.item(0, 0).text() == "Dora" and dialog.problem.isHidden()
    assert dialog.request().sheet == "Nov"


def test_an_error_keeps_the_file_and_speaks_of_the_window(qtbot, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil

    from deskpilot.gui.qt import QMessageBox

    shutil.copytree(CLAIMS, tmp_path / "claims")
    data = tmp_path / "claims.csv"
    data.write_text("claimant,date,category,amount,description\nDora,2026-11-04,Taxi,12.00,Airport\n",
                    encoding="utf-8")
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: shown.append(a[2]))
    win = MainWindow(tmp_path)
    qtbot.addWidget(win)
    win.open(tmp_path / "claims" / "routine.yaml")
    runs: list[BatchDialog] = []

    def exec_(dialog: BatchDialog) -> int:  # the clerk: first rows "3-x", then (the dialog as it was) Cancel
        runs.append(dialog)
        if len(runs) == 1:
            dialog.data.setText(str(data))
            dialog.refresh()
            dialog.rows.setText("3-x")
            dialog.some_rows.setChecked(True)
            return 1
        return 0

    monkeypatch.setattr(BatchDialog, "exec", exec_)
    win.runs.play_with_data()
    assert len(runs) == 2 and runs[0] is runs[1]  # the same dialog again, its file still in it
    assert runs[1].data.text() == str(data) and "Rows '3-x'" in runs[1].problem.text()
    assert len(shown) == 1 and "--" not in shown[0] and shown[0].startswith("Rows '3-x': cannot read '3-x'")
    assert win._thread is None
    again: list[BatchDialog] = []
    monkeypatch.setattr(BatchDialog, "exec", lambda d: again.append(d) and 0)
    win.runs.play_with_data()  # opened again later: the file is remembered
    assert again[0].data.text() == str(data) and again[0].rows.text() == "3-x" and again[0].some_rows.isChecked()
