"""What every command shares: the consoles, the exit codes, one line per problem, loading a recording."""

from __future__ import annotations

import sys
from enum import IntEnum
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import click
from rich.console import Console

from deskpilot.errors import DeskPilotError, RoutineError

if TYPE_CHECKING:
    from deskpilot.format.loader import LoadedRoutine

console = Console(stderr=True, highlight=False)
out = Console(highlight=False, soft_wrap=True)


class Exit(IntEnum):
    OK = 0
    STEP_FAILED = 1
    BAD_INPUT = 2


def fail(exc: DeskPilotError) -> NoReturn:
    """One line per problem, then the exit code for bad input or environment."""
    lines = exc.all_lines() if isinstance(exc, RoutineError) else [str(exc)]
    for line in lines:
        console.print(f"[red]error:[/red] {line}", markup=True, soft_wrap=True)
    sys.exit(Exit.BAD_INPUT)


@click.group(invoke_without_command=True)
@click.version_option(package_name="deskpilot")
@click.pass_context
def main(ctx: click.Context) -> None:
    """DeskPilot: record a desktop routine once, replay it by what is on the screen."""
    if ctx.invoked_subcommand is None:
        from deskpilot.cli.record import gui

        ctx.invoke(gui)


def load(path: Path) -> LoadedRoutine:
    """The recording at ``path``, or every problem in it on stderr and exit 2."""
    from deskpilot.format import load_routine

    try:
        return load_routine(path)
    except DeskPilotError as exc:
        fail(exc)


