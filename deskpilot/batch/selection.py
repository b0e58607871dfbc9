"""Which rows a run plays: the ones asked for, or, when resuming, the ones not finished yet.

Resuming is the default so that re-running the same command after a crash or a
failed row carries on where it stopped instead of entering every claim twice.
"""

from __future__ import annotations

import re

from deskpilot.batch.table import DataRow, DataTable
from deskpilot.errors import DataError

_PART = re.compile(r"^(\d+)(?:\s*-\s*(\d+))?$")
_EXAMPLE = "write row numbers like 3, 2-5 or 1,4,7-9"


def parse_rows(spec: str) -> set[int]:
    """``"1,4,7-9"`` -> ``{1, 4, 7, 8, 9}``; row numbers count data rows from 1, the header not included."""
    return {n for first, last in parse_ranges(spec) for n in range(first, last + 1)}


def parse_ranges(spec: str) -> list[tuple[int, int]]:
    """``"1,4,7-9"`` -> ``[(1, 1), (4, 4), (7, 9)]``: checked, but not expanded, so ``1-99999999`` costs nothing."""
    if not spec.strip():
        raise DataError(f"--rows '{spec}': no rows given; {_EXAMPLE}")
    ranges = []
    for part in spec.split(","):
        match = _PART.match(part.strip())
        if match is None:
            raise DataError(f"--rows '{spec}': cannot read '{part.strip()}'; {_EXAMPLE}")
        first = int(match.group(1))
        last = int(match.group(2)) if match.group(2) is not None else first
        if first == 0 or last == 0:
            raise DataError(f"--rows '{spec}': rows are numbered from 1 (the first row under the header); {_EXAMPLE}")
        if last < first:
            raise DataError(f"--rows '{spec}': the range {first}-{last} runs backwards; write {last}-{first}")
        ranges.append((first, last))
    return ranges


def pick_rows(table: DataTable, *, from_row: int | None, rows: str | None, done: set[int]) -> list[DataRow]:
    """The rows to play, in file order.

    With neither ``rows`` nor ``from_row`` the rows in ``done`` are skipped (resume); a row
    asked for explicitly runs even if it is done, because asking is how a person re-runs it.
    """
    count = len(table.rows)
    if rows is not None and from_row is not None:
        raise DataError("give either --rows or --from-row, not both; --rows 5-9 plays rows 5 to 9")
    if rows is not None:
        ranges = parse_ranges(rows)
        beyond = min((max(first, count + 1) for first, last in ranges if last > count), default=None)
        if beyond is not None:
            raise DataError(f"--rows '{rows}': {table.where()} has only {count} data row{_s(count)}, "
                            f"so there is no row {beyond}; pick rows from 1 to {count}")
        return [r for r in table.rows if any(first <= r.number <= last for first, last in ranges)]
    if from_row is not None:
        if not 1 <= from_row <= count:
            raise DataError(f"--from-row {from_row}: {table.where()} has {count} data row{_s(count)}; "
                            f"pick a row from 1 to {count}")
        return [r for r in table.rows if r.number >= from_row]
    return [r for r in table.rows if r.number not in done]


def _s(count: int) -> str:
    return "" if count == 1 else "s"

