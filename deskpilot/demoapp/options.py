"""Command-line options of the demo app: each one a perturbation the tests and benchmark apply."""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from pathlib import Path

from deskpilot.demoapp import sales
from deskpilot.demoapp.chinese import LANGS, say

DEFAULT_TITLE = "Customer Master - ACME ERP"
SCREEN_TITLES = {
    "customer": DEFAULT_TITLE,
    "expense": "Expense Claims - ACME ERP",
    "terminal": "TERMINAL - CUSTMAINT",
    "reports": "Sales Report - ACME ERP",
}


def title_of(screen: str, lang: str = "en") -> str:
    """A screen's window title in ``lang``."""
    return say(lang, SCREEN_TITLES[screen])


@dataclass(frozen=True, kw_only=True)
class Options:
    out: Path
    screen: str = "customer"
    x: int = 40
    y: int = 40
    width: int = 640
    height: int = 600
    font_scale: float = 1.0
    dark: bool = False
    extra_field: bool = False
    password_field: bool = False
    twin_labels: bool = False
    slow: float = 0.0
    title: str = ""  # empty: the screen's own title, so Options(screen=...) alone gets it right
    geometry_out: Path | None = None
    confirm: bool = False
    confirm_every: int = 0
    data: Path | None = None
    alter_total: tuple[tuple[str, str], ...] = ()
    keep_values: bool = False  # fields keep what they hold after a save, as many old forms do
    lang: str = "en"  # "zh": the screen in Chinese (customer and expense)

    def __post_init__(self) -> None:
        if not self.title:
            object.__setattr__(self, "title", title_of(self.screen, self.lang))

    @property
    def confirm_interval(self) -> int:
        """Every how many saves the confirm dialog appears (0: never); --confirm alone means every save."""
        return self.confirm_every or (1 if self.confirm else 0)


# options that only mean something on one screen: given elsewhere they are a mistake in the caller
_SCREEN_ONLY = {"extra_field": ("customer",), "password_field": ("customer",), "twin_labels": ("customer",),
                "confirm": ("expense", "customer"), "confirm_every": ("expense", "customer"), "data": ("reports",),
                "alter_total": ("reports",), "keep_values": ("customer", "expense", "terminal"),
                "lang": ("customer", "expense")}


def parse(argv: list[str] | None = None) -> Options:
    p = argparse.ArgumentParser(prog="python -m deskpilot.demoapp", description="Legacy-looking back-office screens.")
    p.add_argument("--out", type=Path, required=True, help="JSON-lines file each saved record is appended to")
    p.add_argument("--screen", choices=list(SCREEN_TITLES), default="customer", help="which application to show")
    p.add_argument("--x", type=int, default=40)
    p.add_argument("--y", type=int, default=40)
    p.add_argument("--width", type=int, default=640)
    p.add_argument("--height", type=int, default=600)
    p.add_argument("--font-scale", type=float, default=1.0)
    p.add_argument("--dark", action="store_true")
    p.add_argument("--extra-field", action="store_true", help="insert a 'Reference:' field above Customer ID")
    p.add_argument("--password-field", action="store_true", help="add a masked 'Password:' field at the end")
    p.add_argument("--twin-labels", action="store_true",
                   help="add a 'Delivery address' block under the form with its own Street:, City:, Postcode:")
    p.add_argument("--slow", type=float, default=0.0, help="seconds before the window and each screen appear")
    p.add_argument("--title", default="", help="window title (default: the screen's own)")
    p.add_argument("--geometry-out", type=Path, help="write label and field rectangles (ground truth) here")
    p.add_argument("--confirm", action="store_true", help="expense, customer: ask 'Are you sure?' before every save")
    p.add_argument("--confirm-every", type=_non_negative, default=0, metavar="N",
                   help="expense, customer: ask 'Are you sure?' only on every N-th save (0: never, unless --confirm)")
    p.add_argument("--data", type=Path, metavar="FILE",
                   help='reports: invoices as JSON {"North": [["INV-1001", "Acme", 1234.5], ...], ...}')
    p.add_argument("--alter-total", type=_region_value, action="append", default=[], metavar="REGION=VALUE",
                   help="reports: show VALUE as REGION's total instead of the sum (repeatable)")
    p.add_argument("--keep-values", action="store_true",
                   help="customer, expense, terminal: the fields keep their values after Save")
    p.add_argument("--lang", choices=LANGS, default="en", help="customer, expense: the screen's language (zh: Chinese)")
    a = p.parse_args(argv)
    for name, screens in _SCREEN_ONLY.items():
        if getattr(a, name) and getattr(a, name) != "en" and a.screen not in screens:
            p.error(f"--{name.replace('_', '-')} only applies to --screen {' or '.join(screens)}")
    if a.data is not None:
        try:
            sales.load_data(a.data)
        except (OSError, ValueError) as exc:
            p.error(f"--data: {exc}")
    return Options(out=a.out, screen=a.screen, x=a.x, y=a.y, width=a.width, height=a.height,
                   font_scale=a.font_scale, dark=a.dark, extra_field=a.extra_field, twin_labels=a.twin_labels,
                   password_field=a.password_field, slow=a.slow, title=a.title, geometry_out=a.geometry_out,
                   confirm=a.confirm, confirm_every=a.confirm_every, data=a.data, alter_total=tuple(a.alter_total),
                   keep_values=a.keep_values, lang=a.lang)


def _non_negative(text: str) -> int:
    value = int(text)
    if value < 0:
        raise argparse.ArgumentTypeError(f"must be 0 or more, not {value}")
    return value


def _region_value(text: str) -> tuple[str, str]:
    region, sep, value = text.partition("=")
    if not sep or region not in sales.REGIONS:
        raise argparse.ArgumentTypeError(f"expected REGION=VALUE with REGION one of {', '.join(sales.REGIONS)}")
    return region, value
