"""Cells of one worksheet of an .xlsx file as the text a person sees, for ``read_table``.

Read-only mode streams the sheet instead of building it in memory, and ``data_only``
gives the values formulas last showed rather than the formulas themselves.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import ParseError

from deskpilot.batch.cells import cell_text
from deskpilot.errors import DataError

Record = tuple[int, list[str]]  # (row number in the sheet, its cells)


def read_xlsx_records(path: Path, sheet: str | None) -> tuple[str, list[Record]]:
    """The chosen sheet's title and every row of it, empty rows included (the caller skips them)."""
    import openpyxl  # imported here so the rest of the CLI starts without it
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, ParseError, EOFError) as exc:
        raise DataError(f"{path.name}: cannot open it as an .xlsx workbook, the file is damaged or not really "
                        f"a workbook ({type(exc).__name__}); open it in Excel or LibreOffice and save it again "
                        "as .xlsx, or save it as CSV") from None
    try:
        ws = _pick_sheet(book, path.name, sheet)
        ws.reset_dimensions()  # some writers store a wrong size; trust the rows actually present
        rows = [list(cells) for cells in ws.iter_rows()]
        records = [(number, [_text(c) for c in cells]) for number, cells in enumerate(rows, start=1)]
        title = str(ws.title)
    finally:
        book.close()  # read-only mode keeps the zip file open until closed
    empty = {(r, c) for r, cells in enumerate(rows, start=1) for c, cell in enumerate(cells, start=1)
             if cell.value is None}
    if empty:
        _refuse_uncached_formulas(openpyxl, path, title, empty)
    return title, records


def _refuse_uncached_formulas(openpyxl: Any, path: Path, title: str, empty: set[tuple[int, int]]) -> None:
    """A formula whose value the file never stored (written by a program, not saved by Excel) reads as empty:
    it would be typed as nothing. Refused, with the cell named."""
    book = openpyxl.load_workbook(path, read_only=True, data_only=False)
    try:
        ws = book[title]
        ws.reset_dimensions()
        for r, cells in enumerate(ws.iter_rows(), start=1):
            for c, cell in enumerate(cells, start=1):
                if (r, c) in empty and isinstance(cell.value, str) and cell.value.startswith("="):
                    raise DataError(f"{path.name}, sheet '{title}', cell {column_letter(c)}{r}: the formula "
                                    f"{cell.value} has no stored value; open the file in Excel or LibreOffice and "
                                    "save it again, so the value is kept")
    finally:
        book.close()


def column_letter(index: int) -> str:
    """``1`` -> ``A``, ``27`` -> ``AA``: how spreadsheet users name columns."""
    letters = ""
    while index > 0:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def _pick_sheet(book: Any, name: str, sheet: str | None) -> Any:
    sheets = list(book.worksheets)  # worksheets only: a chart sheet has no cells
    if not sheets:
        raise DataError(f"{name}: the workbook has no worksheet; add one with the column names in row 1")
    if sheet is None:
        return sheets[0]
    for ws in sheets:
        if ws.title == sheet:
            return ws
    titles = ", ".join(f"'{ws.title}'" for ws in sheets)
    raise DataError(f"{name}: no sheet named '{sheet}'; the sheets are {titles}; pass one of them with --sheet")


def _text(cell: Any) -> str:
    return cell_text(cell.value, getattr(cell, "number_format", None))
