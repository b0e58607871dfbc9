"""The VNC password: from DESKPILOT_VNC_PASSWORD, else the OS keyring; never printed, logged or written.

It belongs to the server (the keyring user is the address as the person wrote it), not to a recording:
every routine played on that desktop uses the same one.
"""

from __future__ import annotations

import logging
import os

from deskpilot.secrets import keyring_running
log = logging.getLogger(__name__)

PASSWORD_ENV = "DESKPILOT_VNC_PASSWORD"
KEYRING_SERVICE = "deskpilot-vnc"


def vnc_password(remote: str) -> str | None:
    """The password for ``remote``, or None when nobody gave one (the server may need none)."""
    value = os.environ.get(PASSWORD_ENV)
    if value is not None:
        return value
    if not keyring_running():  # a keyring D-Bus would have to start would prompt on the display and wait
        return None
    try:
        import keyring

        stored: str | None = keyring.get_password(KEYRING_SERVICE, remote.strip())
        return stored
    except Exception as exc:  # no keyring backend on this machine: the environment remains
        log.debug("keyring unavailable for the VNC password: %s", type(exc).__name__)
        return None


def store_vnc_password(remote: str, value: str) -> None:
    """Keep the password in the OS keyring; raises the keyring's own error when there is none."""
    import keyring

    keyring.set_password(KEYRING_SERVICE, remote.strip(), value)
