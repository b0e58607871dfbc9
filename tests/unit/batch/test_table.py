"""Reading CSV and .xlsx data files: values as a person sees them, and every mistake named with its fix."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

import openpyxl
import pytest

from deskpilot.batch.table import DataTable, read_table
from deskpilot.errors import DataError


def write_csv(tmp_path: Path, text: str, name: str = "claims.csv", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def write_xlsx(tmp_path: Path, rows: Sequence[Sequence[object]], name: str = "claims.xlsx",
               formats: dict[str, str] | None = None, title: str = "Claims") -> Path:
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = title
    for row in rows:
        ws.append(list(row))
    for ref, fmt in (formats or {}).items():
        ws[ref].number_format = fmt
    path = tmp_path / name
    book.save(path)
    return path


def values(table: DataTable) -> list[dict[str, str]]:
    return [r.values for r in table.rows]


def error_of(path: Path, sheet: str | None = None) -> str:
    with pytest.raises(DataError) as info:
        read_table(path, sheet)
    return str(info.value)


# --- CSV --------------------------------------------------------------------------------


def test_csv_values_are_kept_exactly_as_written_and_header_names_are_stripped(tmp_path: Path) -> None:
    path = write_csv(tmp_path, " name , amount ,code\nBob Smith ,  12.50,00123\n")
    table = read_table(path)
    assert table.columns == ["name", "amount", "code"]
    assert values(table) == [{"name": "Bob Smith ", "amount": "  12.50", "code": "00123"}]
    assert table.rows[0].number == 1 and table.rows[0].line == 2
    assert table.path == path and table.sheet is None


def test_semicolon_delimited_csv_is_sniffed_and_commas_stay_in_values(tmp_path: Path) -> None:
    path = write_csv(tmp_path, "name;amount\nBob;12,50\nAnn;7,00\n")
    table = read_table(path)
    assert table.columns == ["name", "amount"]
    assert values(table) == [{"name": "Bob", "amount": "12,50"}, {"name": "Ann", "amount": "7,00"}]


def test_tab_delimited_csv_is_sniffed(tmp_path: Path) -> None:
    table = read_table(write_csv(tmp_path, "name\tnote\nBob\ta, b; c\n"))
    assert values(table) == [{"name": "Bob", "note": "a, b; c"}]


def test_single_column_csv_falls_back_to_comma(tmp_path: Path) -> None:
    table = read_table(write_csv(tmp_path, "name\nBob\nAnn\n"))
    assert table.columns == ["name"]
    assert [r.values["name"] for r in table.rows] == ["Bob", "Ann"]


def test_utf8_bom_is_not_part_of_the_first_column_name(tmp_path: Path) -> None:
    table = read_table(write_csv(tmp_path, "\ufeffname,city\nJosé,Zürich\n"))
    assert table.columns == ["name", "city"]
    assert values(table) == [{"name": "José", "city": "Zürich"}]


def test_empty_rows_are_skipped_and_data_rows_are_numbered_densely(tmp_path: Path) -> None:
    path = write_csv(tmp_path, "name,amount\r\nBob,1\r\n,\r\n\r\nAnn,2\r\n\r\n,\r\n")
    table = read_table(path)
    assert [(r.number, r.line, r.values["name"]) for r in table.rows] == [(1, 2, "Bob"), (2, 5, "Ann")]


def test_quoted_cell_over_several_lines_keeps_line_numbers_right(tmp_path: Path) -> None:
    path = write_csv(tmp_path, 'name,note\nBob,"one line"\nAnn,"x"\nCy,y\n')
    table = read_table(path)
    assert [(r.line, r.values["note"]) for r in table.rows] == [(2, "one line"), (3, "x"), (4, "y")]


def test_a_cell_with_a_line_break_or_a_backspace_is_refused_not_typed_as_keys(tmp_path: Path) -> None:
    """A line break in a cell would be typed as Enter (submitting a form half filled), a backspace as Backspace."""
    message = error_of(write_csv(tmp_path, 'name,note\nBob,"two\nlines"\nAnn,x\n'))
    assert message == ("claims.csv:2: column 'note' holds a line break, which would be typed as a key; remove it from "
                       "the cell (a step presses keys)")
    assert "holds a backspace" in error_of(write_csv(tmp_path, "name,note\nBob,a\bc\n"))


def test_short_rows_are_padded_and_trailing_unnamed_empty_columns_dropped(tmp_path: Path) -> None:
    table = read_table(write_csv(tmp_path, "name,amount,,\nBob,,,\nAnn\n"))
    assert table.columns == ["name", "amount"]
    assert values(table) == [{"name": "Bob", "amount": ""}, {"name": "Ann", "amount": ""}]


def test_missing_file_names_the_path(tmp_path: Path) -> None:
    message = error_of(tmp_path / "nope.csv")
    assert "nope.csv" in message and "not found" in message and "check the path" in message


@pytest.mark.parametrize("name", ["claims.xls", "claims.txt", "claims"])
def test_unsupported_extension_says_to_save_as_csv_or_xlsx(tmp_path: Path, name: str) -> None:
    path = write_csv(tmp_path, "name\nBob\n", name=name)
    message = error_of(path)
    assert name in message and "save it as CSV or .xlsx" in message


@pytest.mark.parametrize("text", ["", "\n\n", ",,\n"])
def test_empty_csv_says_where_the_header_goes(tmp_path: Path, text: str) -> None:
    message = error_of(write_csv(tmp_path, text))
    assert message.startswith("claims.csv is empty") and "column names in the first row" in message


def test_header_without_rows_says_no_data_rows(tmp_path: Path) -> None:
    message = error_of(write_csv(tmp_path, "name,amount\n\n"))
    assert message.startswith("claims.csv has a header but no data rows") and "add one row per run" in message


def test_empty_column_name_in_csv_is_named_by_number(tmp_path: Path) -> None:
    message = error_of(write_csv(tmp_path, "\nname, ,amount\nBob,x,1\n"))
    assert message.startswith("claims.csv:2: column 2 has no name") and "put a name" in message


def test_trailing_unnamed_column_with_data_is_an_error(tmp_path: Path) -> None:
    message = error_of(write_csv(tmp_path, "name,\nBob,oops\n"))
    assert message.startswith("claims.csv:1: column 2 has no name")


def test_duplicate_column_name_in_csv_names_both_columns(tmp_path: Path) -> None:
    message = error_of(write_csv(tmp_path, "name,amount,Amount, amount\nBob,1,2,3\n"))
    assert message.startswith("claims.csv:1: the column name 'amount' is used twice (columns 2 and 4)")
    assert "rename one" in message


def test_row_with_more_cells_than_the_header_gives_its_line(tmp_path: Path) -> None:
    message = error_of(write_csv(tmp_path, "name,amount\nBob,1\nAnn,2,extra\n"))
    assert message.startswith("claims.csv:3: this row has a value in column 3")
    assert "header has only 2 columns" in message and "name that column" in message


def test_trailing_empty_extra_cells_are_tolerated(tmp_path: Path) -> None:
    assert values(read_table(write_csv(tmp_path, "name\nBob,,\n"))) == [{"name": "Bob"}]


def test_a_csv_in_a_legacy_encoding_is_read_and_says_which_it_was(tmp_path: Path) -> None:
    """A Chinese Excel saves CSV as GBK; a western one as Windows-1252."""
    chinese = write_csv(tmp_path, "报销人,金额\n张三,12.50\n李四,7.00\n王五,99.90\n", encoding="gbk")
    table = read_table(chinese)
    assert table.encoding == "gb18030" and values(table)[0] == {"报销人": "张三", "金额": "12.50"}
    western = read_table(write_csv(tmp_path, "name,city\nBob,Paris\nJosé,Zürich\nAnne,Köln\n", encoding="cp1252"))
    assert values(western)[1] == {"name": "José", "city": "Zürich"} and western.encoding is not None
    assert read_table(write_csv(tmp_path, "name\nBob\n")).encoding is None  # UTF-8: nothing to say


def test_sheet_option_on_a_csv_is_refused(tmp_path: Path) -> None:
    message = error_of(write_csv(tmp_path, "name\nBob\n"), sheet="Claims")
    assert "claims.csv" in message and "--sheet 'Claims' only applies to .xlsx" in message


# --- xlsx --------------------------------------------------------------------------------


def test_xlsx_cells_become_the_text_a_person_sees(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path, [
        ["name", "count", "amount", "price", "total", "date", "when", "code", "paid", "share", "ratio"],
        ["Bob", 12, 12.5, 12.5, 1234.5, dt.datetime(2026, 11, 24), dt.datetime(2026, 11, 24, 13, 5),
         "00123", True, 0.125, 0.1 + 0.2],
        ["Ann", 7, 12.0, 3, 2.675, dt.date(2026, 1, 2), dt.time(9, 30), None, False, 1, 1e20],
    ], formats={"D2": "0.00", "E2": "#,##0.00", "D3": "0.00", "E3": "#,##0.00", "J2": "0.0%", "J3": "0%"})
    table = read_table(path)
    assert values(table) == [
        {"name": "Bob", "count": "12", "amount": "12.5", "price": "12.50", "total": "1234.50",
         "date": "2026-11-24", "when": "2026-11-24 13:05", "code": "00123", "paid": "TRUE", "share": "12.5%",
         "ratio": "0.3"},
        {"name": "Ann", "count": "7", "amount": "12", "price": "3.00", "total": "2.68",
         "date": "2026-01-02", "when": "09:30", "code": "", "paid": "FALSE", "share": "100%",
         "ratio": "100000000000000000000"},
    ]
    assert table.sheet == "Claims"
    assert [r.line for r in table.rows] == [2, 3]


def test_xlsx_numeric_header_and_empty_rows(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path, [[None], ["name", 2026], ["Bob", 1], [None, None], ["Ann", 2], [None], [None]])
    table = read_table(path)
    assert table.columns == ["name", "2026"]
    assert [(r.number, r.line, r.values["name"]) for r in table.rows] == [(1, 3, "Bob"), (2, 5, "Ann")]


def test_xlsx_sheet_is_chosen_by_name_and_first_sheet_is_the_default(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.active.title = "Summary"
    book.active.append(["total"])
    book.active.append([3])
    second = book.create_sheet("Claims")
    second.append(["name"])
    second.append(["Bob"])
    path = tmp_path / "claims.xlsx"
    book.save(path)
    assert values(read_table(path)) == [{"total": "3"}]
    assert values(read_table(path, "Claims")) == [{"name": "Bob"}]


def test_unknown_sheet_lists_the_sheet_names(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path, [["name"], ["Bob"]])
    message = error_of(path, sheet="claims")
    assert message == ("claims.xlsx: no sheet named 'claims'; the sheets are 'Claims'; "
                       "pass one of them with --sheet")


def test_empty_xlsx_sheet(tmp_path: Path) -> None:
    message = error_of(write_xlsx(tmp_path, []))
    assert message.startswith("claims.xlsx, sheet 'Claims' is empty") and "column names in the first row" in message


def test_xlsx_header_without_rows(tmp_path: Path) -> None:
    message = error_of(write_xlsx(tmp_path, [["name", "amount"]]))
    assert message.startswith("claims.xlsx, sheet 'Claims' has a header but no data rows")


def test_xlsx_empty_column_name_is_named_by_letter(tmp_path: Path) -> None:
    message = error_of(write_xlsx(tmp_path, [["name", None, "amount"], ["Bob", 1, 2]]))
    assert message.startswith("claims.xlsx, sheet 'Claims', row 1: column B has no name")


def test_xlsx_duplicate_column_names_are_named_by_letter(tmp_path: Path) -> None:
    message = error_of(write_xlsx(tmp_path, [["name", "amount", "amount"], ["Bob", 1, 2]]))
    assert message.startswith("claims.xlsx, sheet 'Claims', row 1: the column name 'amount' is used twice "
                              "(columns B and C)")


def test_xlsx_value_right_of_the_header_gives_row_and_column(tmp_path: Path) -> None:
    message = error_of(write_xlsx(tmp_path, [["name"], ["Bob"], ["Ann", "x"]]))
    assert message.startswith("claims.xlsx, sheet 'Claims', row 3: this row has a value in column B")


@pytest.mark.parametrize("content", [b"", b"not a zip at all", b"PK\x03\x04 truncated zip"])
def test_corrupt_xlsx_says_to_save_it_again(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "claims.xlsx"
    path.write_bytes(content)
    message = error_of(path)
    assert message.startswith("claims.xlsx: cannot open it as an .xlsx workbook")
    assert "save it again as .xlsx" in message


def test_csv_renamed_to_xlsx_is_reported_as_corrupt(tmp_path: Path) -> None:
    path = write_csv(tmp_path, "name\nBob\n", name="claims.xlsx")
    assert "cannot open it as an .xlsx workbook" in error_of(path)


def test_a_folder_given_as_data_is_explained(tmp_path: Path) -> None:
    (tmp_path / "claims.csv").mkdir()
    message = error_of(tmp_path / "claims.csv")
    assert "claims.csv: is a folder or a device, not a data file" in message and "give the path of the .csv" in message


def test_a_formula_the_file_never_stored_a_value_for_is_refused_with_its_cell(tmp_path: Path) -> None:
    """openpyxl writes formulas without values; read as data they would be typed as nothing."""
    import openpyxl

    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "Claims"
    ws.append(["name", "amount"])
    ws.append(["Bob", "=2*6.25"])
    path = tmp_path / "claims.xlsx"
    book.save(path)
    message = error_of(path)
    assert message.startswith("claims.xlsx, sheet 'Claims', cell B2: the formula =2*6.25 has no stored value")
