"""A data file (CSV or .xlsx) read into rows of named text values, one row per run.

Values stay text exactly as the person sees them: the routine types them into another
program, so ``00123`` must not become ``123`` and ``12.50`` must not become ``12.5``.
"""

from __future__ import annotations

import dataclasses
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from deskpilot.batch.csv_source import read_csv_records
from deskpilot.batch.xlsx_source import column_letter, read_xlsx_records
from deskpilot.errors import DataError

SUFFIXES = (".csv", ".xlsx")

Record = tuple[int, list[str]]
_T = TypeVar("_T")


@dataclass(frozen=True, slots=True, kw_only=True)
class DataRow:
    """One run's values. ``number`` counts data rows from 1 (what --rows and the results use);
    ``line`` is where the row sits in the file (CSV line or sheet row), for messages."""

    number: int
    line: int
    values: dict[str, str]


@dataclass(frozen=True, slots=True, kw_only=True)
class DataTable:
    path: Path
    columns: list[str]
    rows: list[DataRow]
    sheet: str | None = None
    encoding: str | None = None  # a CSV file's text encoding, when it was not UTF-8 (said to the person)

    def where(self, line: int | None = None) -> str:
        """The location prefix for a message: ``claims.csv:4`` or ``claims.xlsx, sheet 'Claims', row 4``."""
        return _where(self.path.name, self.sheet, line)


def read_table(path: Path, sheet: str | None = None) -> DataTable:
    """Read ``path``; every problem a person can fix is a ``DataError`` naming the file, the place and the fix."""
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        kind = f"'{path.suffix}' files are" if path.suffix else "files without an extension are"
        raise DataError(f"{path.name}: {kind} not supported as data; save it as CSV or .xlsx")
    if not path.exists():
        raise DataError(f"{path}: data file not found; check the path and the name")
    if not path.is_file():
        raise DataError(f"{path}: is a folder or a device, not a data file; give the path of the .csv or .xlsx file")
    size = path.stat().st_size
    if size > MAX_DATA_BYTES:
        raise DataError(f"{path.name}: the file is {size:,} bytes; data files are at most {MAX_DATA_BYTES:,} bytes "
                        "-- split it into several")
    if suffix == ".csv":
        if sheet is not None:
            raise DataError(f"{path.name}: --sheet '{sheet}' only applies to .xlsx files; leave it out for a CSV file")
        encoding, records = _read_or_explain(path, lambda: read_csv_records(path))
        table = _build(path, None, records, str)
        return dataclasses.replace(table, encoding=None if encoding == "utf-8" else encoding)
    title, records = _read_or_explain(path, lambda: read_xlsx_records(path, sheet))
    return _build(path, title, records, column_letter)


def _read_or_explain(path: Path, read: Callable[[], _T]) -> _T:
    try:
        return read()
    except PermissionError:
        raise DataError(f"{path}: no permission to read the data file; check who owns it, "
                        "or close it in the program that has it locked") from None


def _build(path: Path, sheet: str | None, records: list[Record], label: Callable[[int], str]) -> DataTable:
    """Header from the first non-empty record, then every non-empty record after it as a row."""
    filled = [(line, cells) for line, cells in records if any(c.strip() for c in cells)]
    if not filled:
        place = f"{path.name}, sheet '{sheet}'" if sheet is not None else path.name
        raise DataError(f"{place} is empty; put the column names in the first row and one row per run below them")
    (header_line, header_cells), body = filled[0], filled[1:]
    columns = _columns(header_cells, body, lambda msg: f"{_where(path.name, sheet, header_line)}: {msg}", label)
    if not body:
        raise DataError(f"{_where(path.name, sheet, None)} has a header but no data rows; "
                        "add one row per run under the column names")
    rows = []
    for number, (line, cells) in enumerate(body, start=1):
        extra = [i for i, c in enumerate(cells[len(columns):], start=len(columns) + 1) if c.strip()]
        if extra:
            raise DataError(f"{_where(path.name, sheet, line)}: this row has a value in column {label(extra[0])} "
                            f"but the header has only {len(columns)} columns; name that column in the header "
                            "or remove the extra value")
        padded = cells + [""] * (len(columns) - len(cells))
        for column, value in zip(columns, padded):
            bad = next((ch for ch in value if _typed_as_a_key(ch)), None)
            if bad is not None:
                raise DataError(f"{_where(path.name, sheet, line)}: column '{column}' holds {_control_name(bad)}, "
                                "which would be typed as a key; remove it from the cell (a step presses keys)")
        rows.append(DataRow(number=number, line=line, values=dict(zip(columns, padded))))
    return DataTable(path=path, columns=columns, rows=rows, sheet=sheet)


def _columns(cells: list[str], body: list[Record], at: Callable[[str], str], label: Callable[[int], str]) -> list[str]:
    """Header names, stripped; trailing unnamed columns with nothing under them are dropped, not errors."""
    names = [c.strip() for c in cells]
    width = max([len(names)] + [len(c) for _, c in body])
    used = [any(i < len(c) and c[i].strip() for _, c in body) for i in range(width)]
    while names and not names[-1] and not used[len(names) - 1]:
        names.pop()
    for i, name in enumerate(names, start=1):
        if not name:
            raise DataError(at(f"column {label(i)} has no name; put a name for it in the header row"))
    seen: dict[str, int] = {}
    for i, name in enumerate(names, start=1):
        if name in seen:
            raise DataError(at(f"the column name '{name}' is used twice (columns {label(seen[name])} and {label(i)}); "
                               "rename one so every column has its own name"))
        seen[name] = i
    return names


MAX_DATA_BYTES = 50_000_000
_CONTROL_NAMES = {"\n": "a line break", "\r": "a carriage return", "\t": "a tab", "\b": "a backspace",
                  "\x1b": "an escape"}


def _typed_as_a_key(ch: str) -> bool:
    return ch in _CONTROL_NAMES or (unicodedata.category(ch) == "Cc")


def _control_name(ch: str) -> str:
    return _CONTROL_NAMES.get(ch, f"a control character (U+{ord(ch):04X})")


def _where(name: str, sheet: str | None, line: int | None) -> str:
    if sheet is None:
        return name if line is None else f"{name}:{line}"
    return f"{name}, sheet '{sheet}'" + ("" if line is None else f", row {line}")
