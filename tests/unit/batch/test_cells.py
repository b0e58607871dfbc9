"""Cell values to text: the digits a format shows, dates as ISO, no float noise."""

from __future__ import annotations

import datetime as dt

import pytest

from deskpilot.batch.cells import cell_text, fixed_decimals


@pytest.mark.parametrize(("value", "fmt", "expected"), [
    (None, None, ""),
    ("  keep  me ", None, "  keep  me "),
    (12, "General", "12"),
    (12.0, "General", "12"),
    (12.5, None, "12.5"),
    (-0.0, None, "0"),
    (0.1 + 0.2, None, "0.3"),
    (1.5e-7, None, "0.00000015"),
    (12.5, "0.00", "12.50"),
    (12, "0.00", "12.00"),
    (12.345, "0.0", "12.3"),
    (2.675, "0.00", "2.68"),  # Excel rounds half away from zero on what it displays
    (-2.5, "0", "-3"),
    (-0.001, "0.00", "0.00"),
    (1234567.891, "#,##0.00", "1234567.89"),
    (1234.5, '"$"#,##0.00', "1234.50"),
    (1234.5, "$#,##0.00_);($#,##0.00)", "1234.50"),
    (1234.5, "[$€-407] #,##0.00", "1234.50"),
    (0.125, "0.00%", "12.50%"),
    (12.5, "0.00E+00", "12.5"),  # not fixed decimals: shown as General
    (12.5, "0.0#", "12.5"),
    (True, None, "TRUE"),
    (dt.datetime(2026, 11, 24), "dd/mm/yyyy", "2026-11-24"),
    (dt.datetime(2026, 11, 24, 13, 5), None, "2026-11-24 13:05"),
    (dt.datetime(2026, 11, 24, 13, 5, 9), None, "2026-11-24 13:05:09"),
    (dt.date(2026, 1, 2), None, "2026-01-02"),
    (dt.time(7, 3), None, "07:03"),
    (dt.timedelta(hours=26, minutes=5), "[h]:mm", "26:05"),
])
def test_cell_text(value: object, fmt: str | None, expected: str) -> None:
    assert cell_text(value, fmt) == expected


@pytest.mark.parametrize(("fmt", "expected"), [
    ("0", (0, False)), ("0.00", (2, False)), ("#,##0.000", (3, False)), ("0.0%", (1, True)),
    ("General", None), ("@", None), ("", None), (None, None), ("dd/mm/yyyy", None),
])
def test_fixed_decimals(fmt: str | None, expected: tuple[int, bool] | None) -> None:
    assert fixed_decimals(fmt) == expected
