"""Spreadsheet cell values as the text a person sees in the cell, because that text is what gets typed.

openpyxl hands back ``12.0`` for a cell that shows ``12`` and a ``datetime`` for one that
shows ``24/11/2026``; typing those raw would put ``12.0`` or ``2026-11-24 00:00:00`` into
the application. Thousands separators are left out on purpose: they depend on the locale
and most input fields reject them.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import ROUND_HALF_UP, Context, Decimal

# literal text ("EUR", \x, bare $ - + / ( ) :), colours and locales ([Red], [$€-407]), padding (_x), fill (*x)
_FORMAT_NOISE = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]|_.|\*.|[\s$+\-/():]')
# what is left of a fixed-decimals format: "0", "0.00", "#,##0.00", "0.0%"
_FIXED = re.compile(r"^[#,0]*0(?:\.(0+))?(%?)$")
# enough digits to write out 1e308, the largest number a cell holds, without an exponent
_WIDE = Context(prec=400)


def cell_text(value: object, number_format: str | None = None) -> str:
    """The text for one cell value; ``number_format`` matters only for numbers with fixed decimals."""
    if value is None:
        return ""
    if isinstance(value, bool):  # before int: bool is an int, and Excel shows TRUE/FALSE
        return "TRUE" if value else "FALSE"
    if isinstance(value, (int, float)):
        return number_text(value, number_format)
    if isinstance(value, dt.datetime):
        return _datetime_text(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.time):
        return _clock_text(value.hour, value.minute, value.second)
    if isinstance(value, dt.timedelta):
        return _duration_text(value)
    return str(value)


def number_text(value: float, number_format: str | None = None) -> str:
    """``12`` / ``12.5``, or exactly the decimals a format like ``0.00`` asks for."""
    fixed = fixed_decimals(number_format)
    exact = _decimal(value)
    if fixed is None:
        return _plain(exact)
    decimals, percent = fixed
    if percent:
        exact = exact * 100
    rounded = exact.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP, context=_WIDE)
    if rounded == 0:
        rounded = abs(rounded)  # no "-0.00"
    return f"{rounded:f}" + ("%" if percent else "")


def fixed_decimals(number_format: str | None) -> tuple[int, bool] | None:
    """(decimals, is_percent) for a format with a fixed number of decimals, else None (shown as General)."""
    if not number_format:
        return None
    first = number_format.split(";", 1)[0]  # the section for positive numbers
    match = _FIXED.match(_FORMAT_NOISE.sub("", first))
    if match is None:
        return None
    return len(match.group(1) or ""), bool(match.group(2))


def _decimal(value: float) -> Decimal:
    """Floats through 15 significant digits, as Excel does, so 0.1+0.2 is 0.3 and 2.675 rounds up."""
    if isinstance(value, int):
        return Decimal(value)
    return Decimal(f"{value:.15g}")


def _plain(exact: Decimal) -> str:
    """General format: no exponent, no trailing zeros, whole numbers without a decimal point."""
    if exact == 0:
        return "0"
    if exact == exact.to_integral_value():
        return f"{exact.quantize(Decimal(1), context=_WIDE):f}"
    return f"{exact.normalize():f}"


def _datetime_text(value: dt.datetime) -> str:
    if (value.hour, value.minute, value.second) == (0, 0, 0):
        return value.date().isoformat()
    return f"{value.date().isoformat()} {_clock_text(value.hour, value.minute, value.second)}"


def _clock_text(hour: int, minute: int, second: int) -> str:
    return f"{hour:02d}:{minute:02d}" + (f":{second:02d}" if second else "")


def _duration_text(value: dt.timedelta) -> str:
    total = round(value.total_seconds())
    sign = "-" if total < 0 else ""
    hours, rest = divmod(abs(total), 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{sign}{hours}:{minutes:02d}" + (f":{seconds:02d}" if seconds else "")
