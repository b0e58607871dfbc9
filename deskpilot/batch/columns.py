"""Which variable comes from which column, checked once before the first row runs.

A run over 500 rows must not stop at row 1 because a column is called ``Amount`` and
the routine says ``{{ amount }}``; matching is exact (so nothing is guessed) and the
message suggests the near miss instead.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from deskpilot.batch.table import DataRow, DataTable
from deskpilot.errors import DataError


@dataclass(frozen=True, slots=True, kw_only=True)
class ColumnCheck:
    """How the routine's variables map onto the table; ``unused`` and ``shadowed`` are warnings to show."""

    used: tuple[str, ...]  # columns that fill a variable, in the routine's order
    unused: tuple[str, ...]  # columns no variable reads, in file order
    shadowed: tuple[str, ...]  # columns ignored because --var gives the same variable


def check_columns(
    table: DataTable,
    needed: list[str],
    *,
    defaults: Mapping[str, str],
    given: Mapping[str, str],
    secrets: Sequence[str],
) -> ColumnCheck:
    """Every needed variable must come from a column, a --var, a default or a secret, else a ``DataError``."""
    columns = set(table.columns)
    missing = [n for n in needed if n not in columns and n not in given and n not in defaults and n not in secrets]
    if missing:
        raise DataError(_missing_message(table, missing))
    wanted = set(needed)
    return ColumnCheck(
        used=tuple(n for n in needed if n in columns and n not in given),
        unused=tuple(c for c in table.columns if c not in wanted),
        shadowed=tuple(n for n in needed if n in columns and n in given),
    )


def row_values(row: DataRow, defaults: Mapping[str, str], given: Mapping[str, str]) -> dict[str, str]:
    """The values for one run: --var beats the row's column, which beats the routine's default.

    An empty cell is a value (the empty text), not a gap the default fills: what the sheet
    shows is what gets typed.
    """
    return {**defaults, **row.values, **given}


def closest_column(name: str, columns: Sequence[str]) -> str | None:
    """The column a person most likely meant: same name ignoring case and spacing, else a close spelling."""
    keys = {_key(c): c for c in reversed(columns)}  # reversed: the first column wins a tie
    key = _key(name)
    if key in keys:
        return keys[key]
    close = difflib.get_close_matches(key, list(keys), n=1, cutoff=0.75)
    return keys[close[0]] if close else None


def _missing_message(table: DataTable, missing: list[str]) -> str:
    names = ", ".join(f"'{n}'" for n in missing)
    hints = [(n, c) for n in missing if (c := closest_column(n, table.columns)) is not None]
    if len(missing) == 1 and hints:
        hint = f" (did you mean '{hints[0][1]}'? column names must match exactly)"
    elif hints:
        pairs = ", ".join(f"'{c}' for '{n}'" for n, c in hints)
        hint = f" (did you mean {pairs}? column names must match exactly)"
    else:
        hint = ""
    return (f"{table.where()} has no column for variable(s) {names}{hint}; "
            f"add the column(s) or give --var {missing[0]}=...")


def _key(text: str) -> str:
    """Case and separators removed: ``Claim Amount``, ``claim_amount`` and ``claim-amount`` are one key."""
    return re.sub(r"[\W_]+", "", text.casefold())
