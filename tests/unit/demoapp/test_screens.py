"""The back-office screens on Qt's offscreen platform: what each saves, refuses and shows."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton, QWidget

from deskpilot.demoapp import records
from deskpilot.demoapp.__main__ import build_window
from deskpilot.demoapp.options import Options, parse
from deskpilot.demoapp.reports import built_in_data, region_totals
from deskpilot.demoapp.sales import REGIONS

Build = Callable[..., Any]


@pytest.fixture
def build(qapp: QApplication, qtbot: Any, tmp_path: Path) -> Iterator[Build]:
    """Build a screen from command-line options, shown and active; the app's theme is put back afterwards."""
    font, palette, style = qapp.font(), qapp.palette(), qapp.style().name()

    def make(*args: str) -> Any:
        window = build_window(qapp, parse(["--out", str(tmp_path / "out.jsonl"), *args]))
        qtbot.addWidget(window)
        window.show()
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)  # focus and shortcuts need the active window
        return window

    yield make
    qapp.setStyle(style)
    qapp.setFont(font)
    qapp.setPalette(palette)


def saved(tmp_path: Path) -> list[dict[str, str]]:
    return records.read_all(tmp_path / "out.jsonl")


def fill(window: Any, **values: str) -> None:
    for key, value in values.items():
        window.fields[key].setText(value)


def click(qtbot: Any, window: QWidget, text: str) -> None:
    [button] = [b for b in window.findChildren(QPushButton) if b.text() == text and b.isVisible()]
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


# --- options ---------------------------------------------------------------------------------


def test_each_screen_has_its_own_title_unless_one_is_given(tmp_path: Path) -> None:
    titles = {s: parse(["--out", "x", "--screen", s]).title for s in ("customer", "expense", "terminal", "reports")}
    assert titles == {"customer": "Customer Master - ACME ERP", "expense": "Expense Claims - ACME ERP",
                      "terminal": "TERMINAL - CUSTMAINT", "reports": "Sales Report - ACME ERP"}
    assert Options(out=tmp_path, screen="reports").title == "Sales Report - ACME ERP"
    assert parse(["--out", "x", "--screen", "terminal", "--title", "Other"]).title == "Other"


@pytest.mark.parametrize("args", [["--screen", "terminal", "--confirm"], ["--data", "d.json"],
                                  ["--extra-field", "--screen", "reports"], ["--twin-labels", "--screen", "expense"],
                                  ["--screen", "reports", "--alter-total", "Nowhere=1"],
                                  ["--screen", "expense", "--confirm-every", "-1"]])
def test_options_that_do_not_fit_the_screen_are_refused(args: list[str]) -> None:
    with pytest.raises(SystemExit):
        parse(["--out", "x", *args])


# --- expense ---------------------------------------------------------------------------------

CLAIM = {"claimant": "Ann Lee", "date": "2024-03-01", "category": "Travel", "amount": "125.50",
         "description": "Train to Leeds"}


def test_expense_saves_the_claim_as_typed_and_starts_over(build: Build, qtbot: Any, tmp_path: Path) -> None:
    window = build("--screen", "expense")
    assert window.windowTitle() == "Expense Claims - ACME ERP"
    fill(window, **CLAIM)
    click(qtbot, window, "Save")
    assert saved(tmp_path) == [CLAIM]
    assert window.status.text() == "Saved claim 1"
    assert all(not edit.text() for edit in window.fields.values())
    assert window.fields["claimant"].hasFocus()
    fill(window, claimant="Bo", amount="7")
    qtbot.keyClick(window.fields["amount"], Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert [r["amount"] for r in saved(tmp_path)] == ["125.50", "7"]
    assert window.status.text() == "Saved claim 2"


@pytest.mark.parametrize(("changes", "error"), [
    ({"claimant": "  "}, "Error: Claimant is required"),
    ({"amount": ""}, "Error: Amount must be a number"),
    ({"amount": "12.345"}, "Error: Amount must be a number"),
    ({"amount": "ten"}, "Error: Amount must be a number"),
    ({"amount": "10000.01"}, "Error: Amount over limit"),
])
def test_expense_refuses_a_bad_claim_and_keeps_the_fields(build: Build, qtbot: Any, tmp_path: Path,
                                                          changes: dict[str, str], error: str) -> None:
    window = build("--screen", "expense")
    fill(window, **{**CLAIM, **changes})
    click(qtbot, window, "Save")
    assert window.status.text() == error
    assert saved(tmp_path) == []
    assert window.record() == {**CLAIM, **changes}


def test_expense_limit_itself_is_allowed(build: Build, qtbot: Any, tmp_path: Path) -> None:
    window = build("--screen", "expense")
    fill(window, **{**CLAIM, "amount": "10000.00"})
    click(qtbot, window, "Save")
    assert window.status.text() == "Saved claim 1"


def answer(qtbot: Any, window: Any, text: str) -> None:
    box = window.confirm_box
    assert isinstance(box, QMessageBox) and box.isVisible()
    assert (box.windowTitle(), box.text()) == ("Confirm", "Are you sure?")
    assert window.screen_name() == "confirm"
    [button] = [b for b in box.buttons() if b.text() == text]
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.confirm_box is None)


def test_expense_confirm_yes_saves_and_no_cancels(build: Build, qtbot: Any, tmp_path: Path) -> None:
    window = build("--screen", "expense", "--confirm")
    fill(window, **CLAIM)
    click(qtbot, window, "Save")
    assert saved(tmp_path) == []  # nothing until the question is answered
    answer(qtbot, window, "No")
    assert window.status.text() == "Cancelled"
    assert saved(tmp_path) == [] and window.record() == CLAIM
    click(qtbot, window, "Save")
    answer(qtbot, window, "Yes")
    assert saved(tmp_path) == [CLAIM]
    assert window.status.text() == "Saved claim 1"


def test_expense_confirm_every_third_save_only(build: Build, qtbot: Any, tmp_path: Path) -> None:
    window = build("--screen", "expense", "--confirm-every", "3")
    asked = []
    for n in range(1, 7):
        fill(window, **{**CLAIM, "description": f"claim {n}"})
        click(qtbot, window, "Save")
        asked.append(window.confirm_box is not None)
        if window.confirm_box is not None:
            answer(qtbot, window, "Yes")
    assert asked == [False, False, True, False, False, True]
    assert [r["description"] for r in saved(tmp_path)] == [f"claim {n}" for n in range(1, 7)]


def test_expense_clear_empties_the_form(build: Build, qtbot: Any, tmp_path: Path) -> None:
    window = build("--screen", "expense")
    fill(window, **CLAIM)
    click(qtbot, window, "Clear")
    assert window.record() == dict.fromkeys(CLAIM, "")
    assert window.status.text() == "Cleared"


def test_expense_slow_saves_after_the_delay(build: Build, qtbot: Any, tmp_path: Path) -> None:
    window = build("--screen", "expense", "--slow", "0.05")
    fill(window, **CLAIM)
    click(qtbot, window, "Save")
    assert window.status.text() == "Saving..."
    qtbot.waitUntil(lambda: window.status.text() == "Saved claim 1")
    assert saved(tmp_path) == [CLAIM]


# --- terminal --------------------------------------------------------------------------------

CUSTOMER = {"customer_id": "C-200", "company": "Globex", "contact": "Hank Scorpio", "city": "Cypress Creek",
            "postcode": "90210", "country": "USA"}


def test_terminal_f10_adds_the_record(build: Build, qtbot: Any, tmp_path: Path) -> None:
    window = build("--screen", "terminal")
    assert window.windowTitle() == "TERMINAL - CUSTMAINT"
    assert window.font().fixedPitch() or window.fontInfo().fixedPitch()
    fill(window, **CUSTOMER)
    qtbot.keyClick(window.fields["country"], Qt.Key.Key_F10)
    assert saved(tmp_path) == [CUSTOMER]
    assert window.message.text() == "RECORD ADDED C-200"
    assert all(not edit.text() for edit in window.fields.values())
    assert window.fields["customer_id"].hasFocus()


def test_terminal_ctrl_s_saves_too_and_f5_clears(build: Build, qtbot: Any, tmp_path: Path) -> None:
    window = build("--screen", "terminal")
    fill(window, customer_id="C-1")
    qtbot.keyClick(window.fields["customer_id"], Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert saved(tmp_path) == [{**dict.fromkeys(CUSTOMER, ""), "customer_id": "C-1"}]
    fill(window, customer_id="C-2", city="Oslo")
    qtbot.keyClick(window.fields["city"], Qt.Key.Key_F5)
    assert window.record() == dict.fromkeys(CUSTOMER, "")
    assert window.message.text() == ""


def test_terminal_needs_a_customer_id(build: Build, qtbot: Any, tmp_path: Path) -> None:
    window = build("--screen", "terminal")
    fill(window, **{**CUSTOMER, "customer_id": " "})
    qtbot.keyClick(window.fields["company"], Qt.Key.Key_F10)
    assert window.message.text() == "CUST ID REQUIRED"
    assert saved(tmp_path) == []
    assert window.fields["company"].text() == "Globex"


def test_terminal_tab_walks_the_fields_in_order(build: Build, qtbot: Any) -> None:
    window = build("--screen", "terminal")
    assert window.fields["customer_id"].hasFocus()
    seen = []
    for _ in CUSTOMER:
        seen.append(QApplication.focusWidget().objectName())
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert seen == list(CUSTOMER)
    assert window.fields["customer_id"].hasFocus()  # and round again


def test_terminal_geometry_dump_names_labels_and_fields(build: Build, qtbot: Any, tmp_path: Path) -> None:
    out = tmp_path / "geometry.json"
    window = build("--screen", "terminal", "--geometry-out", str(out))
    window.geometry_dump.write()
    data = json.loads(out.read_text())
    assert data["title"] == "TERMINAL - CUSTMAINT" and data["screen"] == "terminal"
    texts = [label["text"] for label in data["labels"]]
    assert texts[:2] == ["CUSTMAINT            CUSTOMER MAINTENANCE", "CUST ID . . :"]
    assert "F3=Exit  F5=Clear  F10=Save" in texts
    assert [f["name"] for f in data["fields"]] == list(CUSTOMER)
    assert data["buttons"] == []


# --- reports ---------------------------------------------------------------------------------


def shown(window: Any) -> tuple[str, list[list[str]], str]:
    table = window.table
    rows = [[table.item(i, j).text() for j in range(3)] for i in range(table.rowCount())]
    return window.heading.text(), rows, window.total.text()


def test_reports_totals_match_region_totals(build: Build, qtbot: Any) -> None:
    window = build("--screen", "reports")
    assert window.windowTitle() == "Sales Report - ACME ERP"
    data, totals = built_in_data(), region_totals(built_in_data())
    assert window.heading.text() == "Region: North"
    for region in REGIONS:
        click(qtbot, window, region)
        heading, rows, total = shown(window)
        assert heading == f"Region: {region}"
        assert 4 <= len(rows) <= 6
        assert [r[0] for r in rows] == [invoice.number for invoice in data[region]]
        assert total == totals[region]
    assert totals == {"North": "9,280.15", "South": "6,204.75", "East": "17,432.75", "West": "7,030.97"}
    assert shown(window)[1][0] == ["INV-1005", "Pacific Wood", "4,300.00"]


def test_reports_alter_total_changes_that_region_only(build: Build, qtbot: Any) -> None:
    window = build("--screen", "reports", "--alter-total", "East=17,423.75")
    totals = region_totals(built_in_data())
    for region in REGIONS:
        click(qtbot, window, region)
        assert window.total.text() == ("17,423.75" if region == "East" else totals[region])


def test_reports_data_file_replaces_the_built_in_invoices(build: Build, qtbot: Any, tmp_path: Path) -> None:
    raw = {"North": [["INV-1", "Acme", 1234.5], ["INV-2", "Initech", 0.25]], "West": [["INV-3", "Hooli", 2000000]]}
    path = tmp_path / "sales.json"
    path.write_text(json.dumps(raw))
    window = build("--screen", "reports", "--data", str(path))
    assert shown(window) == ("Region: North", [["INV-1", "Acme", "1,234.50"], ["INV-2", "Initech", "0.25"]],
                             "1,234.75")
    assert region_totals(raw) == {"North": "1,234.75", "West": "2,000,000.00"}
    click(qtbot, window, "West")
    assert window.total.text() == "2,000,000.00"
    click(qtbot, window, "South")
    assert shown(window) == ("Region: South", [], "0.00")


def test_reports_refuses_a_malformed_data_file(tmp_path: Path) -> None:
    path = tmp_path / "sales.json"
    path.write_text('{"North": [["INV-1", "Acme"]]}')
    with pytest.raises(SystemExit):
        parse(["--out", "x", "--screen", "reports", "--data", str(path)])


def test_reports_slow_shows_loading_first(build: Build, qtbot: Any) -> None:
    window = build("--screen", "reports", "--slow", "0.05")
    click(qtbot, window, "South")
    assert window.screen_name() == "loading"
    qtbot.waitUntil(lambda: window.screen_name() == "reports")
    assert window.heading.text() == "Region: South"


# --- the customer form stays as it was -------------------------------------------------------


def test_customer_form_is_still_the_default(build: Build, qtbot: Any, tmp_path: Path) -> None:
    window = build()
    assert window.windowTitle() == "Customer Master - ACME ERP"
    window.fields["customer_id"].setText("C-100")
    click(qtbot, window, "Save")
    assert window.status.text() == "Saved C-100"
    assert saved(tmp_path)[0]["customer_id"] == "C-100"


def test_expense_geometry_dump_shows_the_confirm_dialog(build: Build, qtbot: Any, tmp_path: Path) -> None:
    out = tmp_path / "geometry.json"
    window = build("--screen", "expense", "--confirm", "--geometry-out", str(out))
    fill(window, **CLAIM)
    click(qtbot, window, "Save")
    window.geometry_dump.write()
    data = json.loads(out.read_text())
    assert data["title"] == "Expense Claims - ACME ERP" and data["screen"] == "confirm"
    assert {"Claimant:", "Description:", "Are you sure?"} <= {label["text"] for label in data["labels"]}
    assert [f["name"] for f in data["fields"]] == list(CLAIM)
    assert {"Save", "Clear", "Yes", "No"} == {b["text"] for b in data["buttons"]}


def test_the_customer_form_can_ask_before_saving_and_repeat_its_labels(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from deskpilot.demoapp import records
    from deskpilot.demoapp.window import MainWindow

    out = tmp_path / "c.jsonl"
    win = MainWindow(parse(["--out", str(out), "--confirm", "--twin-labels"]))
    qtbot.addWidget(win)
    labels = [lab.text() for lab in win.findChildren(type(win.status)) if lab.text().endswith(":")]
    assert labels.count("City:") == 2 and labels.count("Street:") == 2
    win.fields["customer_id"].setText("C-1")
    win.save()
    box = win.findChild(QMessageBox)
    assert box is not None and box.text() == "Are you sure?" and records.read_all(out) == []
    next(b for b in box.buttons() if b.text() == "Yes").click()
    qtbot.waitUntil(lambda: bool(records.read_all(out)))
    assert records.read_all(out)[0]["customer_id"] == "C-1" and "delivery_city" not in records.read_all(out)[0]
