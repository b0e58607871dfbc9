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


SECRET_SERVICE_BACKEND = "keyring.backends.SecretService"


def keyring_running() -> bool:
    """Whether the keyring can be asked without starting one: another backend, or a Secret Service already running.

    Asking a session bus whose Secret Service is not running makes D-Bus start gnome-keyring, which puts a
    "create a keyring" prompt on the display and waits for someone forever: a run on a robot's display,
    a test's Xvfb, a remote session would hang there. No running service means no stored secret to find.
    """
    try:
        import keyring

        if type(keyring.get_keyring()).__module__ != SECRET_SERVICE_BACKEND:
            return True
        import secretstorage
        from jeepney.bus_messages import message_bus
        from jeepney.io.blocking import Proxy
        from secretstorage.util import BUS_NAME

        connection = secretstorage.dbus_init()
        try:
            return bool(Proxy(message_bus, connection).NameHasOwner(BUS_NAME)[0] == 1)
        finally:
            connection.close()
    except Exception as exc:  # noqa: BLE001 -- no bus, no jeepney, a refused call: nothing to ask
        log.debug("keyring not reachable: %s", exc)
        return False


def secret_value(name: str, folder: Path | None) -> str | None:
    """The value of the secret ``name`` for the recording in ``folder``, or None when nobody stored one."""
    value = os.environ.get(env_name(name))
    if value is not None:
        return value
    if not keyring_running():
        return None
    try:
        import keyring

        return keyring.get_password(SERVICE, f"{recording_key(folder)}/{name}")
    except Exception as exc:  # no keyring backend on this machine: the other routes remain
        log.debug("keyring unavailable: %s", exc)
        return None


def store_secret(name: str, folder: Path | None, value: str) -> None:
    import keyring

    keyring.set_password(SERVICE, f"{recording_key(folder)}/{name}", value)
