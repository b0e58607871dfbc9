"""Is there an X display to drive? Refused with the fix when there is none, or when the session is Wayland."""

from __future__ import annotations

import os

from deskpilot.errors import DisplayUnavailable, WaylandUnsupported


def check_display() -> str:
    """The X display to use; Wayland sessions without an X display are refused, not half-driven."""
    display = os.environ.get("DISPLAY", "")
    wayland = os.environ.get("WAYLAND_DISPLAY") or os.environ.get("XDG_SESSION_TYPE") == "wayland"
    if not display:
        if wayland:
            raise WaylandUnsupported(
                "Wayland session without X: DeskPilot drives X11 only; log in to an X11 (Xorg) session "
                "or run under Xvfb (xvfb-run deskpilot ...)"
            )
        raise DisplayUnavailable(
            "no display: DISPLAY is not set; run on a desktop session or under Xvfb (xvfb-run deskpilot ...)"
        )
    if wayland and os.environ.get("DESKPILOT_ALLOW_XWAYLAND") != "1":
        raise WaylandUnsupported(
            "Wayland session: input capture and replay only reach XWayland windows; log in to an X11 (Xorg) "
            "session, or set DESKPILOT_ALLOW_XWAYLAND=1 to try anyway"
        )
    if not _x_answers(display):
        raise DisplayUnavailable(f"cannot open display {display!r}: is the X server running? (DISPLAY={display})")
    return display


def _x_answers(display: str) -> bool:
    """True when an X server answers on ``display``; asks Xlib directly so no tool is needed."""
    from Xlib import display as xdisplay  # python-xlib, already needed by the input libraries

    try:
        xdisplay.Display(display).close()
    except Exception:  # Xlib raises assorted errors (DisplayError, OSError, ConnectionError) for a dead socket
        return False
    return True
