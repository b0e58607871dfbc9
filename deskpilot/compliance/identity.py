"""Who is acting: the OS user unless the team configured an identity, and the host they act on.

A team running robots under one service account names each person with ``DESKPILOT_USER``
(set by their login script); the trail then says who, not which account.
"""

from __future__ import annotations

import getpass
import os
import socket
from dataclasses import dataclass

USER_VARIABLE = "DESKPILOT_USER"


@dataclass(frozen=True)
class Actor:
    """A person (or a robot's account) acting on one host."""

    user: str
    host: str


def current_actor() -> Actor:
    """The acting user: ``DESKPILOT_USER`` when set, else the OS login name."""
    user = os.environ.get(USER_VARIABLE, "").strip()
    if not user:
        try:
            user = getpass.getuser()
        except (KeyError, OSError):  # no passwd entry (a container's arbitrary uid)
            user = f"uid-{os.getuid()}"
    return Actor(user=user, host=socket.gethostname())
