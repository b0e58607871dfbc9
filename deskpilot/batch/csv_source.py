"""Cells of a CSV file as written, with the line each record starts on, for ``read_table``.

Spreadsheet programs save CSV with a BOM, with ``;`` in locales where ``,`` is the decimal
mark, or with tabs; people do not know which, so the delimiter is sniffed, not asked for.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from deskpilot.errors import DataError

DELIMITERS = ",;\t"
_SAMPLE_CHARS = 16 * 1024  # the Sniffer slows down sharply on bigger samples

Record = tuple[int, list[str]]  # (first line of the record in the file, its cells)


def read_csv_records(path: Path) -> list[Record]:
    """Every record of the file, blank lines included (the caller decides what to skip)."""
    text = decode_utf8(path.read_bytes(), path.name)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(text))
    records: list[Record] = []
    start = 1
    try:
        for cells in reader:
            records.append((start, cells))
            start = reader.line_num + 1  # a quoted cell may span lines; the next record starts after it
    except csv.Error as exc:
        raise DataError(f"{path.name}:{start}: cannot read this line as CSV ({exc}); "
                        "check its quotes, or save the file again from the spreadsheet as CSV") from None
    return records


def decode_utf8(data: bytes, name: str) -> str:
    """The text without its BOM; other encodings are refused with the line of the first bad byte."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise DataError(f"{name}:{line}: the file is not UTF-8 text; save it as UTF-8 "
                        "(in Excel: Save As > CSV UTF-8)") from None


def sniff_delimiter(text: str) -> str:
    """``,`` ``;`` or tab, judged on whole lines from the start of the file; ``,`` when unsure."""
    sample = text[:_SAMPLE_CHARS]
    if len(text) > _SAMPLE_CHARS and "\n" in sample:
        sample = sample[: sample.rindex("\n")]  # a cut line would look like a short row
    try:
        delimiter = csv.Sniffer().sniff(sample, delimiters=DELIMITERS).delimiter
    except csv.Error:
        return ","
    header = sample.split("\n", 1)[0]
    return delimiter if delimiter in header else ","  # a header without it means the sniffer guessed
