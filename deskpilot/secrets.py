"""Secret values: from an environment variable or the OS keyring, never from the routine or a log.

A recording keeps only ``{{ password }}``; at replay the value comes from
``DESKPILOT_SECRET_PASSWORD``, from the keyring entry ``deskpilot / <routine>/password``
(or ``deskpilot / password``), or from a prompt that does not echo.
"""

from __future__ import annotations

import logging
import os

log = logging.getLogger(__name__)
SERVICE = "deskpilot"


def env_name(name: str) -> str:
    return "DESKPILOT_SECRET_" + name.upper()


def secret_value(name: str, routine: str) -> str | None:
    value = os.environ.get(env_name(name))
    if value is not None:
        return value
    try:
        import keyring

        return keyring.get_password(SERVICE, f"{routine}/{name}") or keyring.get_password(SERVICE, name)
    except Exception as exc:  # no keyring backend on this machine: the other routes remain
        log.debug("keyring unavailable: %s", exc)
        return None


def store_secret(name: str, routine: str, value: str) -> None:
    import keyring

    keyring.set_password(SERVICE, f"{routine}/{name}", value)
