"""A virtual X display (Xvfb) with a small window manager, for the demo, the tests and the benchmark.

Real desktops have a window manager, and windows under one are reparented into
frames; running the same way here keeps coordinates honest. Real desktops also have an
accessibility bus: a private session bus and at-spi-bus-launcher are started before any
application, because Qt (5 and 6) joins the accessibility bus only through a session bus, and
looks for it when it starts; GTK 3 also finds it by the address the launcher puts on the root
window (AT_SPI_BUS), as DeskPilot itself does.
"""

from __future__ import annotations

import logging
import os
import select
import shutil
import signal
import subprocess
import tempfile
import time
from dataclasses import dataclass, field

from deskpilot.errors import DisplayUnavailable

log = logging.getLogger(__name__)

INSTALL_HINT = "sudo apt-get install xvfb openbox (or run 'make setup')"
# where Debian and Ubuntu (old and new layouts) put the launcher of the accessibility bus (package at-spi2-core)
BUS_LAUNCHERS = ("/usr/libexec/at-spi-bus-launcher", "/usr/lib/at-spi2-core/at-spi-bus-launcher",
                 "/usr/lib/at-spi2/at-spi-bus-launcher")


@dataclass
class VirtualDisplay:
    """Xvfb on a free display number; ``with VirtualDisplay() as d:`` sets nothing globally."""

    width: int = 1280
    height: int = 800
    window_manager: bool = True
    accessibility: bool = True  # a private session bus and an accessibility bus; skipped if not installed
    name: str = ""
    bus_address: str = ""  # the private session bus, once started ("" without one)
    _procs: list[subprocess.Popen[bytes]] = field(default_factory=list)
    _groups: set[int] = field(default_factory=set)  # processes that lead a group: their children go with them
    _runtime: str = ""  # the accessibility bus's own XDG_RUNTIME_DIR (its socket), removed at stop

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
        # -noreset: the launcher sets AT_SPI_BUS and disconnects; were it the only client, the server's reset
        # on its last client leaving would take the root window's properties with it
        keep = ["-noreset"] if self.accessibility else []
        proc = subprocess.Popen(
            [xvfb, "-displayfd", str(write_fd), "-screen", "0", f"{self.width}x{self.height}x24",
             "-nolisten", "tcp", "+extension", "RECORD", "+extension", "XTEST", *keep],
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
        if self.accessibility:
            self._start_accessibility_bus()
        if self.window_manager:
            self._start_window_manager()
        return self.name

    def _start_accessibility_bus(self) -> None:
        """A session bus of the display's own, then the AT-SPI bus on it: before any application starts."""
        dbus = shutil.which("dbus-daemon")
        launcher = next((p for p in BUS_LAUNCHERS if os.access(p, os.X_OK)), None)
        if dbus is None or launcher is None:
            log.info("no accessibility bus on %s: dbus-daemon or at-spi-bus-launcher is not installed "
                     "(sudo apt-get install dbus at-spi2-core)", self.name)
            return
        self._runtime = tempfile.mkdtemp(prefix="deskpilot-a11y-")
        env = {k: v for k, v in os.environ.items() if k not in ("DBUS_SESSION_BUS_ADDRESS", "NO_AT_BRIDGE")}
        env.update(DISPLAY=self.name, XDG_RUNTIME_DIR=self._runtime)
        bus = self._spawn_group([dbus, "--session", "--print-address=1", "--nofork"], env, stdout=subprocess.PIPE)
        address = _first_line(bus, timeout=5.0)
        if not address:
            log.warning("the session bus for %s did not start: no accessibility on it", self.name)
            return
        self.bus_address = address
        self._spawn_group([launcher, "--launch-immediately"], {**env, "DBUS_SESSION_BUS_ADDRESS": address})
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline and not _root_property(self.name, "AT_SPI_BUS"):
            time.sleep(0.02)

    def _spawn_group(self, args: list[str], env: dict[str, str], stdout: int = subprocess.DEVNULL
                     ) -> subprocess.Popen[bytes]:
        proc = subprocess.Popen(args, env=env, stdout=stdout, stderr=subprocess.DEVNULL, start_new_session=True)
        self._procs.append(proc)
        self._groups.add(proc.pid)
        return proc

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
        if self.bus_address:  # Qt finds the accessibility bus only through it (AT_SPI_BUS alone is not enough)
            env["DBUS_SESSION_BUS_ADDRESS"] = self.bus_address
            env.pop("NO_AT_BRIDGE", None)
        return env

    def stop(self) -> None:
        for proc in reversed(self._procs):
            group = proc.pid in self._groups
            _signal(proc, signal.SIGTERM, group)
            try:
                proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                _signal(proc, signal.SIGKILL, group)
                proc.wait(timeout=5)
            if group:  # what the bus started (the accessibility bus, its registry) leaves with it
                _signal(proc, signal.SIGKILL, group)
            if proc.stdout is not None:
                proc.stdout.close()
        self._procs.clear()
        self._groups.clear()
        self.bus_address = ""
        if self._runtime:
            shutil.rmtree(self._runtime, ignore_errors=True)
            self._runtime = ""


def _signal(proc: subprocess.Popen[bytes], sig: int, group: bool) -> None:
    try:
        if group:
            os.killpg(proc.pid, sig)
        else:
            proc.send_signal(sig)
    except (ProcessLookupError, PermissionError):
        pass


def _first_line(proc: subprocess.Popen[bytes], timeout: float) -> str:
    """The first line a child prints (dbus-daemon's address), waiting at most ``timeout``."""
    assert proc.stdout is not None
    ready, _, _ = select.select([proc.stdout], [], [], timeout)
    return proc.stdout.readline().decode("utf-8", "replace").strip() if ready else ""


def _root_property(display: str, name: str) -> bool:
    """Whether the root window has the property yet (AT_SPI_BUS: the launcher is up)."""
    from Xlib import X
    from Xlib import display as xdisplay

    try:
        conn = xdisplay.Display(display)
    except Exception:
        return False
    try:
        return conn.screen().root.get_full_property(conn.intern_atom(name), X.AnyPropertyType) is not None
    finally:
        conn.close()


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
