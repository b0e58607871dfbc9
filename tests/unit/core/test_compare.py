"""Numbers and dates as screens show them, and the comparisons expect makes (both values in a mismatch)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from deskpilot.compare import field_mismatch, mismatch, parse_date, parse_number, parse_value


@pytest.mark.parametrize("text, value", [
    ("1,234.50", "1234.50"), ("1.234,50", "1234.50"), ("1 234,50 €", "1234.50"), ("EUR 12.00", "12.00"),
    ("(12.00)", "-12.00"), ("12.00-", "-12.00"), ("−7", "-7"), ("12,5", "12.5"), ("1,234", "1234"),
    ("1.234.567", "1234567"), ("$9,280.15", "9280.15"), ("0.5", "0.5"), ("1'000.25", "1000.25"),
])
def test_numbers_as_people_write_them(text: str, value: str) -> None:
    assert parse_number(text) == Decimal(value)


@pytest.mark.parametrize("text", ["", "abc", "12.3.4,5,6x", "--", "€", "1,2,3", "12 of 30"])
def test_what_is_not_a_number(text: str) -> None:
    assert parse_number(text) is None


@pytest.mark.parametrize("text, date", [
    ("2026-11-24", dt.date(2026, 11, 24)), ("24.11.2026", dt.date(2026, 11, 24)), ("24/11/2026", dt.date(2026, 11, 24)),
    ("11/24/2026", dt.date(2026, 11, 24)), ("03/04/2026", dt.date(2026, 4, 3)), ("24 Nov 2026", dt.date(2026, 11, 24)),
    ("Nov 24, 2026", dt.date(2026, 11, 24)), ("24.11.26", dt.date(2026, 11, 24)),
])
def test_dates_day_first_unless_that_cannot_be(text: str, date: dt.date) -> None:
    assert parse_date(text) == date


def test_parse_value_keeps_a_plain_form_or_says_what_was_read() -> None:
    assert parse_value("Total: 1,234.50", "number", None) == ("1234.50", "")  # a label caught in the region is no harm
    assert parse_value("12 of 30", "number", None) == (None, "read '12 of 30', which is not a number")
    assert parse_value("1,234.50", "number", None) == ("1234.50", "")
    assert parse_value("31.02.2026", "date", None)[0] is None
    assert parse_value("INV-1001", None, r"INV-\d{4}") == ("INV-1001", "")
    assert "does not match the pattern" in parse_value("INV-10", None, r"INV-\d{4}")[1]


def test_comparisons_pass_and_fail_with_both_values() -> None:
    assert mismatch("number", "1234.5", "1,234.50") is None
    assert mismatch("number", "1234.50", "1,234.504") is None  # within the default ±0.005
    assert mismatch("number", "1234.50", "1,243.50") == "expected 1234.50 (number ±0.005), saw '1,243.50'"
    assert mismatch("number", "10", "10.4", "0.5") is None
    assert mismatch("equals", "Saved claim 3", "Saved c1aim 3") is None  # OCR's l/1
    assert mismatch("equals", "Saved claim 3", "Error: Amount over limit") == (
        "expected equals 'Saved claim 3', saw 'Error: Amount over limit'")
    assert mismatch("contains", "over limit", "Error: Amount over limit") is None
    assert mismatch("matches", r"^Saved claim \d+$", "Saved claim 12") is None
    assert mismatch("matches", r"^Saved claim \d+$", "Saving...") is not None


# --- a typed field read back --------------------------------------------------------------------


@pytest.mark.parametrize("seen, typed", [("C-1002", "C-1002"), ("C-1OO2", "C-1002"), ("C-1002|", "C-1002"),
                                         ("Comer Shop", "Corner Shop"), ("Zo0é-4711", "Zoë-4711"),
                                         ("Nordwind Handel AC", "Nordwind Handel AG")])
def test_a_field_that_holds_what_was_typed_passes_despite_ocr_slips(seen: str, typed: str) -> None:
    assert field_mismatch(seen, typed, whole=True) is None


def test_a_field_holding_the_previous_value_and_the_new_one_never_passes() -> None:
    problem = field_mismatch("C-1001C-1002", "C-1002", whole=True)
    assert problem is not None and "more than was typed" in problem
    assert field_mismatch("Nordwind Handel A", "Nordwind Handel AG", whole=True) is not None  # a key dropped
    assert field_mismatch("三", "张三", whole=True) is not None
    assert field_mismatch("", "x", whole=True) == "typed 'x', but the field reads empty"


def test_typed_after_what_a_field_held_it_must_end_with_the_typed_text() -> None:
    assert field_mismatch("/home/clerk/note.txt", "note.txt", whole=False) is None
    assert field_mismatch("/home/clerk/", "note.txt", whole=False) is not None


def test_a_key_the_application_never_got_fails_however_long_or_accented_the_value() -> None:
    from deskpilot.compare import field_mismatch

    assert field_mismatch("by Jrgen Weber", "by Jürgen Weber", whole=True) is not None  # the ü never arrived
    assert field_mismatch("by Jiirgen Weber", "by Jürgen Weber", whole=True) is None  # its mark read as a glyph
    assert field_mismatch("by Jurgen Weber", "by Jürgen Weber", whole=True) is None  # its mark not read
    long = "Invoice 4711 approved by accounting"
    assert field_mismatch("Invoice 4711 approved by accountng", long, whole=True) is not None  # a dropped key
    assert field_mismatch("Invoice 4711 approved by acc0unting", long, whole=True) is None  # a misread glyph
    assert field_mismatch("Ref Invoice 4711 approved by accountng", long, whole=False) is not None
