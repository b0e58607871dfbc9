"""A real VNC server (x11vnc) serving a virtual X display, and addresses where nothing answers.

The same Xvfb is then reachable both ways, so the X11 and the VNC backend can be held to the same
assertions about the same pixels, windows and keys.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from deskpilot.platform.x11.xvfb import VirtualDisplay

INSTALL = "sudo apt-get install x11vnc (or make setup)"


@dataclass(frozen=True)
class VncServer:
    port: int
    password: str
    log: Path

    @property
    def remote(self) -> str:
        return f"127.0.0.1::{self.port}"


def free_port() -> int:
    """A local TCP port nothing listens on (bound and released at once)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def dead_x_display() -> str:
    """An X display number no server owns on this machine."""
    for number in range(240, 400):
        if not Path(f"/tmp/.X11-unix/X{number}").exists() and not Path(f"/tmp/.X{number}-lock").exists():
            return f":{number}"
    raise RuntimeError("no free X display number between 240 and 400")


@contextmanager
def x11vnc(display: VirtualDisplay, password: str, log: Path) -> Iterator[VncServer]:
    """x11vnc on a free local port, password protected; stopped (and killed if it lingers) afterwards."""
    exe = shutil.which("x11vnc")
    if exe is None:
        raise RuntimeError(f"the VNC tests need x11vnc: {INSTALL}")
    port = free_port()
    with open(log, "ab") as err:
        proc = subprocess.Popen([exe, "-display", display.name, "-rfbport", str(port), "-localhost", "-passwd", password,
                                 "-forever", "-shared", "-noxdamage", "-quiet"],
                                env=display.env(), stdout=subprocess.DEVNULL, stderr=err)
    try:
        _wait_for_banner(port, proc, log)
        yield VncServer(port=port, password=password, log=log)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=3)
        except subprocess.TimeoutExpired:  # x11vnc sometimes hangs in its exit handler
            proc.kill()
            proc.wait(timeout=3)


def _wait_for_banner(port: int, proc: subprocess.Popen[bytes], log: Path, timeout: float = 15) -> None:
    """Until the server greets with its RFB version: listening is not yet serving."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"x11vnc exited with {proc.returncode}; see {log}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1) as s:
                if s.recv(12).startswith(b"RFB "):
                    return
        except OSError:
            pass
        time.sleep(0.1)
    raise RuntimeError(f"x11vnc did not answer on port {port} within {timeout:.0f} s; see {log}")


def env_without_display() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "XDG_SESSION_TYPE")}
