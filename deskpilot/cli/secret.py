"""Secrets of a recording, in the OS keyring."""

from __future__ import annotations

from pathlib import Path

import click

from deskpilot.cli.common import fail, load, main, out
from deskpilot.errors import DataError


@main.group()
def secret() -> None:
    """Secrets of a recording, kept in the OS keyring for that recording only."""


@secret.command("set")
@click.argument("path", type=click.Path(path_type=Path))
@click.argument("name")
def secret_set(path: Path, name: str) -> None:
    """Store the value of secret NAME for the recording at PATH (asked for without echo)."""
    import getpass

    from deskpilot.secrets import store_secret

    loaded = load(path)
    if name not in loaded.routine.secrets:
        fail(DataError(f"{loaded.path}: declares no secret '{name}'; its secrets are "
                        f"{', '.join(loaded.routine.secrets) or 'none'}"))
    value = getpass.getpass(f"{name} for {loaded.path.parent.name} (not shown): ")
    try:
        store_secret(name, loaded.routine.folder, value)
    except Exception as exc:  # no keyring backend: say so, keep nothing
        fail(DataError(f"the OS keyring is not available ({exc}); set {name} in the environment instead"))
    out.print(f"stored {name} for {loaded.path.parent} in the keyring")
