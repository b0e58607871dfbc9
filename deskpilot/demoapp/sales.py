"""The sales report's data, without Qt: tests compute the totals the screen must show from the same code."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

REGIONS = ("North", "South", "East", "West")


@dataclass(frozen=True, slots=True)
class Invoice:
    number: str
    customer: str
    amount: Decimal  # Decimal, so a total of cents never comes out as 1234.4999999


Data = dict[str, list[Invoice]]

_BUILT_IN: dict[str, list[tuple[str, str, str]]] = {
    "North": [("INV-1001", "Acme Corp", "1234.50"), ("INV-1004", "Baltic Trading", "310.00"),
              ("INV-1009", "Nordic Tools", "2045.75"), ("INV-1013", "Polar Foods", "89.90"),
              ("INV-1017", "Fjord Shipping", "5600.00")],
    "South": [("INV-1002", "Sunrise Hotels", "760.25"), ("INV-1006", "Delta Farms", "1899.00"),
              ("INV-1010", "Coastal Inns", "425.40"), ("INV-1015", "Southern Rail", "3120.10")],
    "East": [("INV-1003", "Orient Textiles", "980.00"), ("INV-1007", "Eastgate Bank", "12450.00"),
             ("INV-1011", "Harbor Foods", "56.75"), ("INV-1014", "Rising Sun Co", "1005.05"),
             ("INV-1018", "Pearl Imports", "730.60"), ("INV-1020", "Lotus Media", "2210.35")],
    "West": [("INV-1005", "Pacific Wood", "4300.00"), ("INV-1008", "Canyon Motors", "615.20"),
             ("INV-1012", "Golden Gate Trust", "1777.77"), ("INV-1016", "Mesa Supplies", "249.99"),
             ("INV-1019", "Sierra Water", "88.01")],
}


def built_in_data() -> Data:
    """The report's default invoices: 4 to 6 per region, a fresh copy each call."""
    return {region: [Invoice(n, c, Decimal(a)) for n, c, a in rows] for region, rows in _BUILT_IN.items()}


def load_data(path: Path) -> Data:
    """Read ``{"North": [["INV-1001", "Acme", 1234.5], ...], ...}``; a malformed file is a ValueError naming it."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise ValueError(f"{path}: not JSON ({exc})") from exc
    if not isinstance(raw, dict):
        raise ValueError(f"{path}: expected an object of regions, got {type(raw).__name__}")  # noqa: TRY004 - bad file content
    try:
        return {str(region): [as_invoice(row) for row in rows] for region, rows in raw.items()}
    except (TypeError, ValueError) as exc:
        raise ValueError(f"{path}: {exc}") from exc


def as_invoice(row: Invoice | Sequence[object]) -> Invoice:
    """An Invoice from itself or from a ``[number, customer, amount]`` row as the JSON file holds it."""
    if isinstance(row, Invoice):
        return row
    if isinstance(row, (str, bytes)) or len(row) != 3:
        raise ValueError(f"expected [invoice, customer, amount], got {row!r}")
    number, customer, amount = row
    try:
        return Invoice(str(number), str(customer), Decimal(str(amount)))
    except InvalidOperation as exc:
        raise ValueError(f"amount {amount!r} is not a number") from exc


def format_amount(amount: Decimal) -> str:
    """``1,234.50``: thousands separator and two decimals, as the old report printed money."""
    return f"{amount:,.2f}"


def region_total(rows: Sequence[Invoice | Sequence[object]]) -> Decimal:
    return sum((as_invoice(row).amount for row in rows), Decimal(0))


def region_totals(data: Mapping[str, Sequence[Invoice | Sequence[object]]]) -> dict[str, str]:
    """The true, formatted total of every region in ``data`` (built-in, loaded, or raw JSON rows)."""
    return {region: format_amount(region_total(rows)) for region, rows in data.items()}
