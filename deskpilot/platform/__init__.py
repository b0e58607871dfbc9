"""The platform seam: ``backend()`` is the one place that chooses and builds what touches a screen.

Everything above (recorder, player, GUI, command line) asks it for a screen, a window list, input, hooks and
accessibility; nothing else constructs a platform class. X11 on a local display, or a remote desktop over
VNC when a run names one. Windows and macOS adapters are planned in docs/platforms.md.
"""

from __future__ import annotations

import os
import sys

from deskpilot.errors import DisplayUnavailable
from deskpilot.ports import Backend

VNC_ENV = "DESKPILOT_VNC"  # HOST:DISPLAY of a remote desktop to drive instead of the local one


def backend(vnc: str | None = None) -> Backend:
    """The backend for this run: VNC when ``vnc`` (or DESKPILOT_VNC) names a server, else the local X display."""
    remote = vnc or os.environ.get(VNC_ENV)
    if remote:
        from deskpilot.platform.vnc import vnc_backend

        return vnc_backend(remote)
    if sys.platform.startswith(("linux", "freebsd", "openbsd")):
        from deskpilot.platform.x11 import x11_backend

        return x11_backend()
    raise DisplayUnavailable(f"DeskPilot has no backend for {sys.platform} yet (X11 and VNC only); "
                             "drive the machine over VNC with --vnc HOST:DISPLAY (see docs/platforms.md)")
