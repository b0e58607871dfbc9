"""Secrets in the OS keyring: a recording's own, and the passwords of VNC servers."""

from __future__ import annotations

from pathlib import Path

import click

from deskpilot.cli.common import fail, load, main, out
from deskpilot.errors import DataError


@main.group()
def secret() -> None:
    """Secrets kept in the OS keyring: a recording's (for that recording only), a VNC server's password."""


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


@secret.command("set-vnc")
@click.argument("remote", metavar="HOST:DISPLAY")
def secret_set_vnc(remote: str) -> None:
    """Store the password of the VNC server HOST:DISPLAY (or HOST::PORT) in the keyring (asked without echo).

    `deskpilot play --vnc HOST:DISPLAY` then logs in with it; DESKPILOT_VNC_PASSWORD, when set, wins.
    """
    import getpass

    from deskpilot.platform.vnc.address import parse_address
    from deskpilot.platform.vnc.password import PASSWORD_ENV, store_vnc_password

    try:
        address = parse_address(remote)
    except DataError as exc:
        fail(exc)
    value = getpass.getpass(f"VNC password for {address.text} (not shown): ")
    if not value:
        fail(DataError(f"no password given: nothing stored for {address.text}"))
    try:
        store_vnc_password(address.text, value)
    except Exception as exc:  # no keyring backend: say so, keep nothing
        fail(DataError(f"the OS keyring is not available ({type(exc).__name__}); set {PASSWORD_ENV} in the "
                       "environment instead"))
    if len(value) > 8:
        out.print("note: VNC password login uses only the first 8 characters")
    out.print(f"stored the VNC password for {address.text} in the keyring")
