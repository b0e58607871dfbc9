"""Variables to columns: exact matching, near misses suggested, precedence --var > column > default."""

from __future__ import annotations

from pathlib import Path

import pytest

from deskpilot.batch.columns import check_columns, closest_column, row_values
from deskpilot.batch.table import DataRow, DataTable
from deskpilot.errors import DataError


def table(*columns: str, name: str = "claims.csv", sheet: str | None = None) -> DataTable:
    row = DataRow(number=1, line=2, values={c: f"{c}-1" for c in columns})
    return DataTable(path=Path("/data") / name, columns=list(columns), rows=[row], sheet=sheet)


def missing(t: DataTable, needed: list[str], **kwargs: object) -> str:
    options: dict[str, object] = {"defaults": {}, "given": {}, "secrets": ()}
    options.update(kwargs)
    with pytest.raises(DataError) as info:
        check_columns(t, needed, **options)  # type: ignore[arg-type]
    return str(info.value)


def test_every_variable_found_reports_used_unused_and_shadowed_columns() -> None:
    check = check_columns(table("name", "amount", "notes", "date"), ["date", "amount", "name", "user", "pw"],
                          defaults={"user": "bob"}, given={"name": "Ann"}, secrets=["pw"])
    assert check.used == ("date", "amount")
    assert check.unused == ("notes",)
    assert check.shadowed == ("name",)


def test_missing_variables_are_listed_with_the_fix() -> None:
    message = missing(table("name"), ["name", "amount", "date"])
    assert message == ("claims.csv has no column for variable(s) 'amount', 'date'; "
                       "add the column(s) or give --var amount=...")


def test_a_column_differing_only_in_case_is_suggested_but_not_used() -> None:
    message = missing(table("Amount", "name"), ["amount"])
    assert message == ("claims.csv has no column for variable(s) 'amount' (did you mean 'Amount'? column names "
                       "must match exactly); add the column(s) or give --var amount=...")


def test_suggestions_for_several_variables_name_each_pair() -> None:
    message = missing(table("Claim Amount", "Dates", "xyz"), ["claim_amount", "date", "city"])
    assert "variable(s) 'claim_amount', 'date', 'city'" in message
    assert "(did you mean 'Claim Amount' for 'claim_amount', 'Dates' for 'date'?" in message
    assert message.endswith("give --var claim_amount=...")


def test_xlsx_message_names_the_sheet() -> None:
    message = missing(table("name", name="claims.xlsx", sheet="Claims"), ["amount"])
    assert message.startswith("claims.xlsx, sheet 'Claims' has no column for variable(s) 'amount'")


def test_closest_column_prefers_the_same_name_ignoring_case_over_a_close_spelling() -> None:
    assert closest_column("amount", ["amounts", "AMOUNT"]) == "AMOUNT"
    assert closest_column("amount", ["amonut"]) == "amonut"
    assert closest_column("amount", ["date", "name"]) is None


def test_row_values_precedence_given_over_column_over_default() -> None:
    row = DataRow(number=3, line=4, values={"amount": "12.50", "name": "", "extra": "x"})
    values = row_values(row, defaults={"amount": "0", "name": "nobody", "city": "Paris"}, given={"amount": "99"})
    assert values == {"amount": "99", "name": "", "city": "Paris", "extra": "x"}
