"""Choosing rows: --rows specs, --from-row, and resume skipping finished rows."""

from __future__ import annotations

from pathlib import Path

import pytest

from deskpilot.batch.selection import parse_rows, pick_rows
from deskpilot.batch.table import DataRow, DataTable
from deskpilot.errors import DataError


def table(count: int) -> DataTable:
    rows = [DataRow(number=n, line=n + 1, values={"n": str(n)}) for n in range(1, count + 1)]
    return DataTable(path=Path("claims.csv"), columns=["n"], rows=rows)


def numbers(rows: list[DataRow]) -> list[int]:
    return [r.number for r in rows]


@pytest.mark.parametrize(("spec", "expected"), [
    ("3", {3}), ("2-5", {2, 3, 4, 5}), ("1,4,7-9", {1, 4, 7, 8, 9}), (" 2 - 3 , 3 ", {2, 3}), ("4-4", {4}),
])
def test_parse_rows(spec: str, expected: set[int]) -> None:
    assert parse_rows(spec) == expected


@pytest.mark.parametrize(("spec", "fragment"), [
    ("0", "rows are numbered from 1"),
    ("0-3", "rows are numbered from 1"),
    ("5-2", "the range 5-2 runs backwards; write 2-5"),
    ("abc", "cannot read 'abc'; write row numbers like 3, 2-5 or 1,4,7-9"),
    ("1,,2", "cannot read ''"),
    ("-3", "cannot read '-3'"),
    ("", "no rows given"),
])
def test_parse_rows_errors_say_how_to_write_it(spec: str, fragment: str) -> None:
    with pytest.raises(DataError) as info:
        parse_rows(spec)
    assert str(info.value).startswith(f"--rows '{spec}': ")
    assert fragment in str(info.value)


def test_resume_skips_finished_rows_only() -> None:
    assert numbers(pick_rows(table(6), from_row=None, rows=None, done={1, 2, 4, 99})) == [3, 5, 6]


def test_everything_done_leaves_nothing_to_play() -> None:
    assert pick_rows(table(2), from_row=None, rows=None, done={1, 2}) == []


def test_explicit_rows_run_even_when_done() -> None:
    assert numbers(pick_rows(table(9), from_row=None, rows="8,2-3", done={2, 3, 8})) == [2, 3, 8]


def test_from_row_runs_that_row_and_the_rest_even_when_done() -> None:
    assert numbers(pick_rows(table(5), from_row=3, rows=None, done={3, 4})) == [3, 4, 5]


def test_from_row_beyond_the_last_row_names_the_file_and_the_range() -> None:
    with pytest.raises(DataError) as info:
        pick_rows(table(5), from_row=6, rows=None, done=set())
    assert str(info.value) == "--from-row 6: claims.csv has 5 data rows; pick a row from 1 to 5"


def test_rows_beyond_the_last_row_name_the_first_missing_one() -> None:
    with pytest.raises(DataError) as info:
        pick_rows(table(5), from_row=None, rows="2,4-99999999999", done=set())
    assert str(info.value) == ("--rows '2,4-99999999999': claims.csv has only 5 data rows, so there is no row 6; "
                               "pick rows from 1 to 5")


def test_rows_and_from_row_together_are_refused() -> None:
    with pytest.raises(DataError, match="either --rows or --from-row"):
        pick_rows(table(5), from_row=2, rows="3", done=set())
