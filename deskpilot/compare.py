"""Values read off a screen: numbers and dates as people write them, and the checks ``expect`` makes.

Screens show "1,234.50", "1.234,50 €" or "(12.00)"; spreadsheets hold "1234.5".
Comparing them as text would fail on spelling, so numbers are compared as
decimals (exactly, within a tolerance) and dates as dates. Text comparisons allow
for OCR's small misreadings the way the vision code does, because an exact string
match against OCR would fail on a stray accent or a 0 read as O.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation

from deskpilot.model import COMPARISONS
from deskpilot.vision.text import fold, merge_digraphs, similarity

__all__ = ["COMPARISONS", "mismatch", "parse_date", "parse_number", "parse_value"]

TEXT_EQUAL = 0.9  # folded similarity at which OCR'd text counts as equal
DEFAULT_TOLERANCE = Decimal("0.005")

_MONTHS = {m: i for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov",
                                       "dec"), start=1)}


def parse_number(text: str) -> Decimal | None:
    """The number in ``text`` as a person reads it, or None.

    The last of ``.`` and ``,`` is the decimal separator when it has one to three
    digits after it and the other separator also occurs (or it is a comma with
    one or two digits after it); the rest are thousands separators. Currency
    signs and codes around it are ignored; "(12.00)" and a trailing "-" are negative.
    """
    s = text.strip().replace("\u2212", "-").replace("\u00a0", " ").replace("'", "").replace(" ", "")
    negative = s.startswith("(") and s.endswith(")") or s.endswith("-") or s.startswith("-")
    s = re.sub(r"^[^\d.,-]+|[^\d.,]+$", "", s.strip("()")).lstrip("-")
    if not s or not re.fullmatch(r"[\d.,]+", s) or not any(ch.isdigit() for ch in s):
        return None
    last_dot, last_comma = s.rfind("."), s.rfind(",")
    decimal_sep = None
    if last_dot >= 0 and last_comma >= 0:
        decimal_sep = "." if last_dot > last_comma else ","
    elif last_comma >= 0:
        decimal_sep = "," if len(s) - last_comma - 1 in (1, 2) or s.count(",") == 1 and len(s) - last_comma - 1 != 3 else None
    elif last_dot >= 0:
        decimal_sep = "." if s.count(".") == 1 else None
    if decimal_sep is not None:
        whole, _, frac = s.rpartition(decimal_sep)
        if decimal_sep in whole or not _grouped(whole):
            return None
        s = f"{whole.replace('.', '').replace(',', '') or '0'}.{frac}"
    else:
        if not _grouped(s):
            return None
        s = s.replace(".", "").replace(",", "")
    try:
        value = Decimal(s)
    except InvalidOperation:
        return None
    return -value if negative else value


def _grouped(whole: str) -> bool:
    """Thousands separators only between groups of three: "1,234,567" yes, "12,3,4" no."""
    groups = re.split(r"[.,]", whole)
    return len(groups) == 1 or (0 < len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:]))


def number_text(value: Decimal) -> str:
    """A plain decimal with the digits as shown: "1234.50"."""
    return format(value, "f")


def parse_date(text: str) -> dt.date | None:
    """ISO "2026-11-24", "24.11.2026", "24/11/2026" (day first unless the day part cannot be a day), "24 Nov 2026"."""
    s = text.strip()
    m = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", s)
    if m:
        return _date(int(m[1]), int(m[2]), int(m[3]))
    m = re.fullmatch(r"(\d{1,2})[./](\d{1,2})[./](\d{2,4})", s)
    if m:
        a, b, year = int(m[1]), int(m[2]), _year(m[3])
        return _date(year, b, a) if b <= 12 else _date(year, a, b)  # 11/24/2026 can only be month first
    m = re.fullmatch(r"(\d{1,2})\.?\s+([A-Za-z]{3})[A-Za-z]*\.?,?\s+(\d{4})", s)
    if m and m[2].lower() in _MONTHS:
        return _date(int(m[3]), _MONTHS[m[2].lower()], int(m[1]))
    m = re.fullmatch(r"([A-Za-z]{3})[A-Za-z]*\.?\s+(\d{1,2}),?\s+(\d{4})", s)
    if m and m[1].lower() in _MONTHS:
        return _date(int(m[3]), _MONTHS[m[1].lower()], int(m[2]))
    return None


def _year(text: str) -> int:
    return int(text) + (2000 if len(text) == 2 else 0)


def _date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def parse_value(text: str, how: str | None, pattern: str | None) -> tuple[str | None, str]:
    """(the value to keep, or None) and why not: ``how`` is None, "number" or "date"."""
    if pattern is not None and not re.fullmatch(pattern, text.strip()):
        return None, f"read {text!r}, which does not match the pattern {pattern!r}"
    if how == "number":
        number = parse_number(text)
        return (number_text(number), "") if number is not None else (None, f"read {text!r}, which is not a number")
    if how == "date":
        date = parse_date(text)
        return (date.isoformat(), "") if date is not None else (None, f"read {text!r}, which is not a date")
    return text, ""


def mismatch(kind: str, expected: str, seen: str, tolerance: str | None = None) -> str | None:
    """None when ``seen`` passes the check, else a message with both values."""
    if kind == "number":
        want, got = parse_number(expected), parse_number(seen)
        tol = Decimal(tolerance) if tolerance is not None else DEFAULT_TOLERANCE
        if want is None:
            return f"expected value {expected!r} is not a number"
        if got is not None and abs(want - got) <= tol:
            return None
        return f"expected {expected} (number ±{tol}), saw {seen!r}"
    if kind == "equals":
        ok = fold(expected) == fold(seen) or similarity(expected, seen) >= TEXT_EQUAL
    elif kind == "contains":
        ok = fold(expected) in fold(seen)
    elif kind == "matches":
        ok = re.search(expected, seen) is not None
    else:
        raise ValueError(f"unknown comparison {kind!r}")
    return None if ok else f"expected {kind} {expected!r}, saw {seen!r}"


CARET_GLYPHS = set("lj_t")  # a caret after the last letter reads as "|", "I", "l" (folded to "l"), "j", a block "T"
# read back from a field that holds what was typed, a monospaced "7" often reads "T": nothing turns one into the other
FIELD_LOOKALIKES = str.maketrans({"7": "t"})
EDITS_PER_CHARS = 12  # OCR may misread one character in this many of a long value; a short value must read exact


def field_mismatch(seen: str, typed: str, *, whole: bool) -> str | None:
    """None when a field that was read back holds what was typed, else why not, with both values.

    ``whole``: the field must hold the typed text and nothing else (a replaced field);
    otherwise it must end with it (typed after what it held). OCR's usual confusions
    (0/O, 1/l) do not count; an extra or missing character in a short value does, so a
    value appended to the previous row's (``C-1001C-1002``) or a dropped key never passes.
    """
    got = merge_digraphs(fold(seen)).translate(FIELD_LOOKALIKES)
    want, accents = merge_digraphs(fold(typed)).translate(FIELD_LOOKALIKES), _accented(typed)
    for cut in (1, 2):  # a caret after the text (a terminal's block caret reads as two glyphs), not letters of it
        if (not _close(got, want, whole, accents) and len(got) > cut and set(got[-cut:]) <= CARET_GLYPHS
                and _close(got[:-cut], want, whole, accents)):
            got = got[:-cut]
    if _close(got, want, whole, accents):
        return None
    if not got:
        return f"typed {typed!r}, but the field reads empty"
    if whole and want and want in got:
        return f"typed {typed!r}, but the field holds {seen.strip()!r}: more than was typed (an earlier value kept?)"
    return f"typed {typed!r}, but the field holds {seen.strip()!r}"


def _close(got: str, want: str, whole: bool, accents: int = 0) -> bool:
    allowed = len(want) // EDITS_PER_CHARS + accents
    if whole:
        return got == want or (allowed > 0 and _slips_only(got, want, allowed))
    if got.endswith(want):
        return True
    tail = got[-len(want):] if want else ""
    return allowed > 0 and len(got) >= len(want) and _slips_only(tail, want, allowed)


MISSING = 2  # a typed character the field does not show (a dropped key) is never one of OCR's slips


def _slips_only(got: str, want: str, allowed: int) -> bool:
    """What was read differs from what was typed only as OCR differs: misread or extra glyphs (a mark read
    as a glyph of its own), within ``allowed``. A typed character that is not there at all is a key the
    application never got -- "by Jrgen Weber" for "by Jürgen Weber" -- and no allowance covers it."""
    cost, missing = _alignment(got, want)
    return missing == 0 and cost <= allowed


def _edits(got: str, want: str) -> int:
    """Edits from what was typed to what was read: an extra or misread glyph counts 1, a missing one 2."""
    return _alignment(got, want)[0]


def _alignment(got: str, want: str) -> tuple[int, int]:
    """The cheapest edit from typed to read, and how many typed characters it leaves out."""
    previous = [(j * MISSING, j) for j in range(len(want) + 1)]
    for i, ca in enumerate(got, 1):
        current = [(i, 0)]
        for j, cb in enumerate(want, 1):
            extra, left_out, swapped = previous[j], current[j - 1], previous[j - 1]
            current.append(min((extra[0] + 1, extra[1]), (left_out[0] + MISSING, left_out[1] + 1),
                               (swapped[0] + (ca != cb), swapped[1])))
        previous = current
    return previous[-1]


def _accented(text: str) -> int:
    """Latin letters with marks (é, ü): OCR often reads a mark as a glyph of its own."""
    import unicodedata

    return sum(1 for ch in text if ch.isalpha() and ch.isascii() is False and ord(ch) < 0x250
               and any(unicodedata.combining(c) for c in unicodedata.normalize("NFKD", ch)))
