"""Screen capture on a real X server (Xvfb), one monitor and two side by side."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator

import pytest

from deskpilot.geometry import Rect


def xvfb(*screens: str) -> Iterator[str]:
    """A private Xvfb; -displayfd picks a free display number and reports it once the server accepts clients."""
    if shutil.which("Xvfb") is None:
        pytest.fail("these tests need Xvfb: sudo apt-get install xvfb (or make setup)")
    read_fd, write_fd = os.pipe()
    args = ["Xvfb", "-displayfd", str(write_fd), "-nolisten", "tcp"]
    for i, size in enumerate(screens):
        args += ["-screen", str(i), size]
    with tempfile.TemporaryFile() as log:  # not a pipe: a chatty server must never block on a full one
        proc = subprocess.Popen(args, pass_fds=(write_fd,), stderr=log)
        os.close(write_fd)
        with os.fdopen(read_fd) as pipe:
            number = pipe.readline().strip()
        try:
            if not number.isdigit():
                proc.wait(timeout=5)
                log.seek(0)
                pytest.fail(f"Xvfb did not start: {log.read().decode(errors='replace')[-500:]}")
            yield ":" + number
        finally:
            if proc.poll() is None:
                proc.terminate()
                proc.wait(timeout=5)


@pytest.fixture
def one_screen(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    for display in xvfb("640x480x24"):
        monkeypatch.setenv("DISPLAY", display)
        yield display


@pytest.fixture
def wide_desktop(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    # Xvfb cannot emulate separate RandR monitors; a desktop as wide as two side by side stands in for them.
    for display in xvfb("1440x600x24"):
        monkeypatch.setenv("DISPLAY", display)
        yield display


def test_whole_screen_and_region_grabs(one_screen: str) -> None:
    from deskpilot.platform.mss_screen import MssScreen

    screen = MssScreen()
    frame = screen.grab()
    assert frame.pixels.shape == (480, 640, 3) and screen.bounds() == Rect(0, 0, 640, 480)
    part = screen.grab(Rect(100, 50, 30, 20))
    assert part.pixels.shape == (20, 30, 3) and (part.origin.x, part.origin.y) == (100, 50)


def test_capture_and_coordinates_span_the_whole_virtual_desktop(wide_desktop: str) -> None:
    from deskpilot.platform.mss_screen import MssScreen

    screen = MssScreen()
    assert screen.bounds() == Rect(0, 0, 1440, 600)
    assert screen.grab().pixels.shape == (600, 1440, 3)
    right = screen.grab(Rect(1000, 100, 50, 50))  # a region where a second monitor would be
    assert right.pixels.shape == (50, 50, 3) and (right.origin.x, right.origin.y) == (1000, 100)
    assert screen.grab().crop(Rect(1000, 100, 50, 50))[1] == Rect(1000, 100, 50, 50)


def test_a_region_partly_off_the_screen_is_clipped_and_one_wholly_off_is_empty(one_screen: str) -> None:
    from deskpilot.platform.mss_screen import MssScreen

    screen = MssScreen()
    edge = screen.grab(Rect(600, 460, 100, 100))
    assert edge.pixels.shape == (20, 40, 3) and edge.rect == Rect(600, 460, 40, 20)
    off = screen.grab(Rect(700, 500, 10, 10))
    assert off.pixels.size == 0 and off.crop(Rect(700, 500, 10, 10))[0].size == 0


def test_each_thread_captures_through_its_own_handle(one_screen: str) -> None:
    from concurrent.futures import ThreadPoolExecutor

    from deskpilot.platform.mss_screen import MssScreen

    screen = MssScreen()
    screen.grab()
    with ThreadPoolExecutor(2) as pool:
        shapes = list(pool.map(lambda _: screen.grab(Rect(0, 0, 64, 48)).pixels.shape, range(4)))
    assert shapes == [(48, 64, 3)] * 4


@pytest.mark.parametrize("display", [None, ":987"], ids=["unset", "dead"])
def test_no_display_is_reported_with_the_fix(monkeypatch: pytest.MonkeyPatch, display: str | None) -> None:
    from deskpilot.errors import DisplayUnavailable
    from deskpilot.platform.mss_screen import MssScreen

    if display is None:
        monkeypatch.delenv("DISPLAY", raising=False)
    else:
        monkeypatch.setenv("DISPLAY", display)
    with pytest.raises(DisplayUnavailable) as err:
        MssScreen().grab()
    where = f" at DISPLAY={display}" if display else ""
    assert str(err.value) == f"no X display{where}: set DISPLAY or run under Xvfb (xvfb-run deskpilot ...)"
