"""The VNC backend: a remote desktop driven over RFB with vncdotool -- capture and input, nothing more.

A remote desktop is one picture: there is no window list, no pointer shape, no accessibility tree and no
way to hear the person's keys, so it plays recordings but cannot record them. Targets are found on the
picture alone (text and image anchors), which is what every recording carries. The abort hotkey still
listens on the local display, where the person sits, when there is one.
"""

from __future__ import annotations

import os
import sys
import threading

from deskpilot.platform.vnc.address import VncAddress, parse_address
from deskpilot.platform.vnc.link import VncLink
from deskpilot.platform.vnc.password import vnc_password
from deskpilot.ports import Accessibility, Backend, Hotkey, Input, Pointer, Screen, WindowList

__all__ = ["VncAddress", "close_connection", "parse_address", "vnc_backend"]


class NoHotkey:
    """ports.Hotkey where no local display can hear one: the run is stopped with Ctrl+C instead."""

    pressed = False

    def __enter__(self) -> NoHotkey:
        return self

    def __exit__(self, *exc: object) -> None:
        return None


def _local_display() -> bool:
    """Whether the person has a desktop here to press the abort key on (X11 needs DISPLAY; others have one)."""
    if sys.platform.startswith(("linux", "freebsd", "openbsd")):
        return bool(os.environ.get("DISPLAY"))
    return True


def _hotkey(stop: threading.Event, combination: str) -> Hotkey:
    if not _local_display():
        return NoHotkey()
    from deskpilot.platform.pynput_hotkey import AbortHotkey

    return AbortHotkey(stop, combination)


def vnc_backend(remote: str) -> Backend:
    """The backend for the VNC server ``remote`` (HOST:DISPLAY or HOST::PORT); one connection, opened lazily.

    A bad address is refused here, before anything else happens; ``check()`` then connects and logs in.
    """
    address = parse_address(remote)
    link = VncLink(address, lambda: vnc_password(address.text))

    def screen() -> Screen:
        from deskpilot.platform.vnc.screen import VncScreen

        return VncScreen(link)

    def driver() -> Input:
        from deskpilot.platform.vnc.input import VncInput

        return VncInput(link)

    def windows() -> WindowList | None:
        return None  # a remote desktop is one picture

    def pointer() -> Pointer | None:
        # RFB can send the cursor's image (the client asks for it, then drops it); classifying it as the X11
        # pointer does is not done yet, so a typed field is judged by reading it back alone
        return None

    def accessibility() -> Accessibility | None:
        return None

    return Backend(name="vnc", check=link.open, screen=screen, windows=windows, input=driver, hooks=None,
                   hotkey=_hotkey, pointer=pointer, accessibility=accessibility)


def close_connection(backend: Backend) -> None:
    """Hang up the connection a VNC backend opened (a program that moves on to another desktop, the tests).

    Any other backend is left alone; the next use of this one connects again.
    """
    link = getattr(backend.check, "__self__", None)
    if isinstance(link, VncLink):
        link.close()
