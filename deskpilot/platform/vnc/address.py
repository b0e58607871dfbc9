"""Where a VNC server is: ``HOST:DISPLAY`` (port 5900 + DISPLAY) or ``HOST::PORT``, as vncviewer writes it.

Parsed here, once, so a typo is refused with the fix before anything tries to connect, and so the
keyring, the error messages and the connection all name the server the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from deskpilot.errors import DataError

BASE_PORT = 5900
_FORM = re.compile(r"^(?P<host>\[[0-9A-Fa-f:.]+\]|[^\s:\[\]]+)(?P<sep>::?)(?P<number>\d{1,5})$")
HINT = "give HOST:DISPLAY (e.g. 192.168.1.20:1, port 5901) or HOST::PORT (e.g. 192.168.1.20::5901)"


@dataclass(frozen=True, slots=True)
class VncAddress:
    """A VNC server; ``text`` is what the person wrote, used in every message and as the keyring user."""

    text: str
    host: str  # without the brackets of an IPv6 literal
    port: int

    @property
    def server(self) -> str:
        """The form vncdotool parses unambiguously: always ``HOST::PORT``."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{host}::{self.port}"


def parse_address(remote: str) -> VncAddress:
    """The server named by ``remote``; a DataError with the accepted forms when it names none."""
    text = remote.strip()
    match = _FORM.match(text)
    if match is None:
        raise DataError(f"bad VNC server address {remote!r}: {HINT}")
    host = match["host"].strip("[]")
    number = int(match["number"])
    port = number if match["sep"] == "::" else BASE_PORT + number
    if not 0 < port < 65536:
        raise DataError(f"bad VNC server address {remote!r}: port {port} is out of range; {HINT}")
    return VncAddress(text=text, host=host, port=port)
