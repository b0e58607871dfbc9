"""Where results rows live on disk: a CSV file that only grows, or an .xlsx workbook replaced whole.

Both keep every finished row through a crash. A CSV line is appended and fsynced;
a workbook cannot be appended to, so it is rebuilt and swapped in atomically.
Under ``encrypt: at_rest`` a new CSV is sealed line by line and a workbook sealed whole
(``deskpilot.compliance.sealing``); loading opens both, so a resume works the same.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol
from xml.etree.ElementTree import ParseError

from deskpilot.atomic import write_atomic
from deskpilot.batch.cells import cell_text
from deskpilot.batch.csv_source import decode_text
from deskpilot.compliance.sealing import (
    LineAppender,
    is_sealed_lines,
    open_lines,
    read_private,
    sealed_lines,
    sealing_on,
    write_private,
)
from deskpilot.errors import DataError

Record = dict[str, str]
SHEET = "results"
_NEWLINES = re.compile(r"\r\n|\r|\n")
_ILLEGAL_XML = re.compile(r"[\000-\010\013\014\016-\037]")  # characters an .xlsx cannot hold


@dataclass(frozen=True, slots=True, kw_only=True)
class Loaded:
    """An existing results file: its header, its records with their line (or sheet row), and whether a cut
    last line was left out."""

    header: list[str]
    records: list[tuple[int, Record]]
    cut_tail: bool = False


class ResultsStore(Protocol):
    def load(self) -> Loaded | None:
        """The file's contents, or None when there is no file yet (or an empty one)."""

    def create(self, header: list[str]) -> None:
        """Start the file with only its header."""

    def drop_cut_tail(self) -> None:
        """Rewrite the file without the cut last line that ``load`` left out."""

    def append(self, header: list[str], record: Record) -> None:
        """Add one record and return only once it is on disk."""


def store_for(path: Path) -> ResultsStore:
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return CsvStore(path)
    if suffix == ".xlsx":
        return XlsxStore(path)
    raise DataError(f"{path.name}: a results file must end in .csv or .xlsx; pass --results NAME.csv")


class CsvStore:
    """One record per line (newlines inside values become spaces), so a crash can only cut the last line."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._kept = b""

    def load(self) -> Loaded | None:
        if not self.path.exists():
            return None
        data = self.path.read_bytes()
        if not data.strip():
            return None
        self._kept = data[: data.rfind(b"\n") + 1]  # bytes, before decoding: the cut may split a character
        text = self._text(data)
        if text is None:
            return None
        reader = csv.reader(io.StringIO(text, newline=""))
        rows = [(reader.line_num, cells) for cells in reader]
        header = [c.strip() for c in rows[0][1]]
        records = [(line, _record(header, cells)) for line, cells in rows[1:] if any(c.strip() for c in cells)]
        return Loaded(header=header, records=records, cut_tail=len(self._kept) < len(data))

    def _text(self, data: bytes) -> str | None:
        """The complete lines as text (a sealed file's opened); None for a sealed file that holds no line yet."""
        if is_sealed_lines(data):
            opened = open_lines(self._kept, self.path.name, where=str(self.path))
            if opened.lines:
                return "".join(line + "\n" for line in opened.lines).removeprefix("\ufeff")
            if len(self._kept) == len(data):
                return None
        elif self._kept.strip():
            return decode_text(self._kept, self.path.name)[0]
        raise DataError(f"{self.path.name}: its first line is incomplete, so it is not a results file "
                        "DeskPilot can continue; move it away or pass --results NEW.csv")

    def create(self, header: list[str]) -> None:
        if sealing_on():  # sealed line by line; no BOM: no spreadsheet opens it anyway
            write_atomic(self.path, sealed_lines([_csv_line(header).removesuffix("\n")], self.path.name,
                                                 where=str(self.path)))
        else:
            write_atomic(self.path, "\ufeff" + _csv_line(header))  # the BOM tells Excel the file is UTF-8

    def drop_cut_tail(self) -> None:
        write_atomic(self.path, self._kept)

    def append(self, header: list[str], record: Record) -> None:
        """One line, sealed when the file is; on disk when this returns."""
        line = _csv_line([record.get(name, "") for name in header])
        with LineAppender(self.path) as results:
            results.append(line.removesuffix("\n"))
            results.sync()


class XlsxStore:
    """The whole sheet kept in memory and written again on every append (results are small)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._header: list[str] = []
        self._records: list[Record] = []

    def load(self) -> Loaded | None:
        if not self.path.exists() or self.path.stat().st_size == 0:
            return None
        rows = _read_sheet(self.path)
        if not rows:
            return None
        header = [c.strip() for c in rows[0][1]]
        records = [(line, _record(header, cells)) for line, cells in rows[1:] if any(c.strip() for c in cells)]
        self._header, self._records = header, [r for _, r in records]
        return Loaded(header=header, records=records)

    def create(self, header: list[str]) -> None:
        self._header, self._records = list(header), []
        self._save()

    def drop_cut_tail(self) -> None:
        """Nothing to do: a workbook is only ever replaced whole."""

    def append(self, header: list[str], record: Record) -> None:
        self._header = list(header)
        self._records.append(record)
        self._save()

    def _save(self) -> None:
        import openpyxl

        book = openpyxl.Workbook(write_only=True)
        ws = book.create_sheet(SHEET)
        ws.append([_text_cell(ws, name) for name in self._header])
        for record in self._records:
            ws.append([_cell(ws, name, record.get(name, "")) for name in self._header])
        buffer = io.BytesIO()
        book.save(buffer)
        write_private(self.path, buffer.getvalue())


def _record(header: list[str], cells: list[str]) -> Record:
    return {name: cells[i] if i < len(cells) else "" for i, name in enumerate(header)}


def _csv_line(cells: list[str]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow([neutral(_NEWLINES.sub(" ", c)) for c in cells])
    return out.getvalue()


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?\d[\d.,' ]*")


def neutral(cell: str) -> str:
    """A cell a spreadsheet will not run: one that starts like a formula gets a leading apostrophe (OWASP's
    advice for CSV injection). "-12.50" stays a number: a signed plain number is no formula."""
    if cell.startswith(_FORMULA_START) and not _PLAIN_NUMBER.fullmatch(cell):
        return "'" + cell
    return cell


def _read_sheet(path: Path) -> list[tuple[int, list[str]]]:
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = openpyxl.load_workbook(io.BytesIO(read_private(path)), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, ParseError, EOFError):
        raise DataError(f"{path.name}: cannot open it as an .xlsx workbook, the file is damaged; "
                        "move it away or pass --results NEW.xlsx") from None
    try:
        sheets = list(book.worksheets)
        ws = next((s for s in sheets if s.title == SHEET), sheets[0] if sheets else None)
        if ws is None:
            return []
        ws.reset_dimensions()
        return [(n, [cell_text(c.value, getattr(c, "number_format", None)) for c in cells])
                for n, cells in enumerate(ws.iter_rows(), start=1)]
    finally:
        book.close()


def _cell(ws: Any, name: str, text: str) -> Any:
    """Numbers for ``row`` and ``seconds`` so the sheet sorts and sums; text for everything else."""
    from openpyxl.cell import WriteOnlyCell

    if name == "seconds":
        try:
            cell = WriteOnlyCell(ws, value=float(text))
        except ValueError:
            return _text_cell(ws, text)
        cell.number_format = "0.00"
        return cell
    if name == "row" and text.isascii() and text.isdigit():
        return WriteOnlyCell(ws, value=int(text))
    return _text_cell(ws, text)


def _text_cell(ws: Any, text: str) -> Any:
    """Always a string cell: a value read from the screen that starts with ``=`` must not become a formula."""
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(ws, value=_ILLEGAL_XML.sub("", text))
    cell.data_type = "s"
    return cell
