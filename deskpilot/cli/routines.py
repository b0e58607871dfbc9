"""Reading a recording without playing it: check and show."""

from __future__ import annotations

from pathlib import Path

import click
from rich.table import Table

from deskpilot.cli.common import load, main, out
from deskpilot.variables import variables_used


@main.command()
@click.argument("path", type=click.Path(path_type=Path))
def check(path: Path) -> None:
    """Validate a recording folder (or its routine.yaml) and list every problem."""
    loaded = load(path)
    routine = loaded.routine
    names = variables_used(routine)
    out.print(f"{loaded.path}: OK, {len(routine.steps)} steps" + (f"; variables: {', '.join(names)}" if names else ""))


@main.command()
@click.argument("path", type=click.Path(path_type=Path))
def show(path: Path) -> None:
    """Print the steps of a recording as a readable table."""
    loaded = load(path)
    routine = loaded.routine
    table = Table(title=f"{routine.name} ({len(routine.steps)} steps)")
    for col in ("#", "line", "step", "anchors", "note"):
        table.add_column(col)
    for i, (step, line) in enumerate(zip(routine.steps, loaded.step_lines), start=1):
        target = getattr(step, "target", None) or getattr(step, "source", None)
        kinds = ", ".join(type(a).__name__.replace("Anchor", "").lower() for a in getattr(target, "anchors", ()))
        table.add_row(str(i), str(line), step.describe(), kinds, step.note or "")
    out.print(table)
