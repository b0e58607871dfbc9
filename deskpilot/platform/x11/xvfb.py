"""A virtual X display (Xvfb) with a small window manager, for the demo, the tests and the benchmark.

Real desktops have a window manager, and windows under one are reparented into
frames; running the same way here keeps coordinates honest.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from dataclasses import dataclass, field

from deskpilot.errors import DisplayUnavailable

INSTALL_HINT = "sudo apt-get install xvfb openbox (or run 'make setup')"


@dataclass
class VirtualDisplay:
    """Xvfb on a free display number; ``with VirtualDisplay() as d:`` sets nothing globally."""

    width: int = 1280
    height: int = 800
    window_manager: bool = True
    name: str = ""
    _procs: list[subprocess.Popen[bytes]] = field(default_factory=list)

    def __enter__(self) -> VirtualDisplay:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def start(self) -> str:
        xvfb = shutil.which("Xvfb")
        if xvfb is None:
            raise DisplayUnavailable(f"Xvfb is not installed: {INSTALL_HINT}")
        read_fd, write_fd = os.pipe()
        proc = subprocess.Popen(
            [xvfb, "-displayfd", str(write_fd), "-screen", "0", f"{self.width}x{self.height}x24",
             "-nolisten", "tcp", "+extension", "RECORD", "+extension", "XTEST"],
            pass_fds=(write_fd,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        os.close(write_fd)
        self._procs.append(proc)
        with os.fdopen(read_fd) as pipe:
            number = pipe.readline().strip()
        if not number:
            self.stop()
            raise DisplayUnavailable("Xvfb did not start (no display number reported)")
        self.name = f":{number}"
        if self.window_manager:
            self._start_window_manager()
        return self.name

    def _start_window_manager(self) -> None:
        openbox = shutil.which("openbox")
        if openbox is None:
            raise DisplayUnavailable(f"openbox is not installed: {INSTALL_HINT}")
        env = {**os.environ, "DISPLAY": self.name}
        self._procs.append(subprocess.Popen([openbox, "--sm-disable"], env=env,
                                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and not _has_wm(self.name):
            time.sleep(0.05)

    def env(self) -> dict[str, str]:
        """The environment a child process needs to run on this display (and only on it)."""
        env = {k: v for k, v in os.environ.items() if k not in ("WAYLAND_DISPLAY", "XDG_SESSION_TYPE")}
        env["DISPLAY"] = self.name
        return env

    def stop(self) -> None:
        for proc in reversed(self._procs):
            proc.terminate()
            try:
                proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                proc.kill()
        self._procs.clear()


def _has_wm(display: str) -> bool:
    """True once the window manager has claimed the screen (it sets _NET_SUPPORTING_WM_CHECK)."""
    from Xlib import display as xdisplay

    try:
        conn = xdisplay.Display(display)
    except Exception:
        return False
    try:
        root = conn.screen().root
        return root.get_full_property(conn.intern_atom("_NET_SUPPORTING_WM_CHECK"), 0) is not None
    finally:
        conn.close()
