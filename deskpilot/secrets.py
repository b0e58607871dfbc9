"""Secret values: from an environment variable or the OS keyring, never from the routine or a log.

A recording keeps only ``{{ password }}``; at replay the value comes from
``DESKPILOT_SECRET_PASSWORD``, from the keyring entry of *that recording*
(``deskpilot / <the recording's key>/password``), or from a prompt that does not echo.

The keyring entry belongs to the recording's folder, not to the ``name:`` it declares:
a recording copied or written by someone else, claiming another routine's name, must not
receive that routine's stored password. There is no global fallback for the same reason.
"""

from __future__ import annotations

import hashlib
import logging
import os
from pathlib import Path

log = logging.getLogger(__name__)
SERVICE = "deskpilot"


def env_name(name: str) -> str:
    return "DESKPILOT_SECRET_" + name.upper()


def recording_key(folder: Path | None) -> str:
    """The keyring's name for one recording: its folder, wherever it is, as a short hash."""
    where = str(folder.resolve()) if folder is not None else "(no folder)"
    return hashlib.sha256(where.encode("utf-8")).hexdigest()[:16]


def secret_value(name: str, folder: Path | None) -> str | None:
    """The value of the secret ``name`` for the recording in ``folder``, or None when nobody stored one."""
    value = os.environ.get(env_name(name))
    if value is not None:
        return value
    try:
        import keyring

        return keyring.get_password(SERVICE, f"{recording_key(folder)}/{name}")
    except Exception as exc:  # no keyring backend on this machine: the other routes remain
        log.debug("keyring unavailable: %s", exc)
        return None


def store_secret(name: str, folder: Path | None, value: str) -> None:
    import keyring

    keyring.set_password(SERVICE, f"{recording_key(folder)}/{name}", value)
