"""The command line: on top of everything, it wires the core, the player, the recorder and the GUI."""

from __future__ import annotations

from deskpilot.cli import audit, demo, doctor, heal, history, play, policy, purge, record, routines, secret, sign  # noqa: F401  (each registers its commands)
from deskpilot.cli.common import main

__all__ = ["main"]
