"""The backends under contract, each on the same real Xvfb: X11 directly, and VNC through x11vnc serving it.

Nothing is faked. The ``under`` fixture is parametrized, so every contract test runs against both.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import pytest

from deskpilot.platform.x11.xvfb import VirtualDisplay
from deskpilot.ports import Backend
from tests.contract.servers import INSTALL, VncServer, x11vnc
from tests.e2e.conftest import demo_app, xdisplay  # noqa: F401  (fixtures: the same Xvfb and demo app as e2e)

VNC_PASSWORD = "dp-c0ntr"  # VNC passwords count 8 characters


@pytest.fixture
def vnc_server(xdisplay: VirtualDisplay, tmp_path: Path) -> Iterator[VncServer]:  # noqa: F811
    """A fresh x11vnc per test: no test inherits another's clients, added keysyms or key autorepeat setting."""
    if shutil.which("x11vnc") is None:
        pytest.fail(f"the VNC contract tests need x11vnc: {INSTALL}")
    with x11vnc(xdisplay, VNC_PASSWORD, tmp_path / "x11vnc.log") as server:
        yield server


@dataclass(frozen=True)
class Under:
    """A backend under test, checked as a run checks it, and the display it drives (the same Xvfb for both)."""

    kind: str
    backend: Backend
    display: VirtualDisplay
    make: Callable[[], Backend]  # another backend of the same kind, not yet checked


@pytest.fixture(params=["x11", "vnc"])
def under(request: pytest.FixtureRequest, xdisplay: VirtualDisplay,  # noqa: F811
          monkeypatch: pytest.MonkeyPatch) -> Iterator[Under]:
    """A fresh backend per test: a run connects anew, and a VNC server's first seconds with a client differ."""
    from deskpilot.platform.vnc import close_connection, vnc_backend
    from deskpilot.platform.x11 import x11_backend

    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.delenv("XDG_SESSION_TYPE", raising=False)
    if request.param == "x11":
        monkeypatch.setenv("DISPLAY", xdisplay.name)
        make: Callable[[], Backend] = x11_backend
    else:
        server: VncServer = request.getfixturevalue("vnc_server")
        monkeypatch.delenv("DISPLAY", raising=False)  # a remote desktop needs no local one
        monkeypatch.setenv("DESKPILOT_VNC_PASSWORD", server.password)
        make = partial(vnc_backend, server.remote)
    backend = make()
    backend.check()
    yield Under(request.param, backend, xdisplay, make)
    close_connection(backend)
