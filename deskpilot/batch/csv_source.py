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


def read_csv_records(path: Path) -> tuple[str, list[Record]]:
    """The encoding the file was read in, and every record of it, blank lines included (the caller skips)."""
    text, encoding = decode_text(path.read_bytes(), path.name)
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
    return encoding, records


# what spreadsheets save CSV as where UTF-8 is not the default; GB18030 reads GBK and GB2312 too
LEGACY = ("gb18030", "big5", "shift_jis", "euc_kr", "cp1252", "cp1251", "cp1250", "iso8859_2", "latin_1")
_CJK_FAMILY = {"gbk": "gb18030", "gb2312": "gb18030", "hz": "gb18030", "cp936": "gb18030"}


def decode_text(data: bytes, name: str) -> tuple[str, str]:
    """The text (without a BOM) and the encoding it was in: UTF-8 or UTF-16 when it is, else the legacy
    encoding the bytes read best in (a Chinese Excel saves GBK), judged by charset-normalizer."""
    for bom, codec in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            return _decode(data, codec, name), codec.replace("-sig", "")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as first:
        from charset_normalizer import from_bytes

        best = from_bytes(data, cp_isolation=list(LEGACY)).best()
        if best is None:
            line = data[: first.start].count(b"\n") + 1
            raise DataError(f"{name}:{line}: the file is in no text encoding DeskPilot can tell; save it as UTF-8 "
                            "(in Excel: Save As > CSV UTF-8)") from None
        codec = _CJK_FAMILY.get(best.encoding, best.encoding)
        return _decode(data, codec, name), codec


def _decode(data: bytes, codec: str, name: str) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise DataError(f"{name}:{line}: the file is not valid {codec} text; save it as UTF-8") from None


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
