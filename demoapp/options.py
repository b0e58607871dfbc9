"""Command-line options of the demo app: each one a perturbation the tests and benchmark apply."""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from pathlib import Path

DEFAULT_TITLE = "Customer Master - ACME ERP"


@dataclass(frozen=True, kw_only=True)
class Options:
    out: Path
    x: int = 40
    y: int = 40
    width: int = 640
    height: int = 600
    font_scale: float = 1.0
    dark: bool = False
    extra_field: bool = False
    password_field: bool = False
    slow: float = 0.0
    title: str = DEFAULT_TITLE
    geometry_out: Path | None = None


def parse(argv: list[str] | None = None) -> Options:
    p = argparse.ArgumentParser(prog="python -m demoapp", description="A legacy-looking customer master form.")
    p.add_argument("--out", type=Path, required=True, help="JSON-lines file each saved record is appended to")
    p.add_argument("--x", type=int, default=40)
    p.add_argument("--y", type=int, default=40)
    p.add_argument("--width", type=int, default=640)
    p.add_argument("--height", type=int, default=600)
    p.add_argument("--font-scale", type=float, default=1.0)
    p.add_argument("--dark", action="store_true")
    p.add_argument("--extra-field", action="store_true", help="insert a 'Reference:' field above Customer ID")
    p.add_argument("--password-field", action="store_true", help="add a masked 'Password:' field at the end")
    p.add_argument("--slow", type=float, default=0.0, help="seconds before the window and each screen appear")
    p.add_argument("--title", default=DEFAULT_TITLE)
    p.add_argument("--geometry-out", type=Path, help="write label and field rectangles (ground truth) here")
    a = p.parse_args(argv)
    return Options(out=a.out, x=a.x, y=a.y, width=a.width, height=a.height, font_scale=a.font_scale, dark=a.dark,
                   extra_field=a.extra_field, password_field=a.password_field, slow=a.slow, title=a.title, geometry_out=a.geometry_out)
