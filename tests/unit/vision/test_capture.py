"""Screen capture on a real X server (Xvfb), one monitor and two side by side."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Iterator

import pytest

from deskpilot.geometry import Rect


def xvfb(*screens: str) -> Iterator[str]:
    if shutil.which("Xvfb") is None:
        pytest.fail("these tests need Xvfb: sudo apt-get install xvfb (or make setup)")
    read_fd, write_fd = os.pipe()
    args = ["Xvfb", "-displayfd", str(write_fd), "-nolisten", "tcp"]
    for i, size in enumerate(screens):
        args += ["-screen", str(i), size]
    proc = subprocess.Popen(args, pass_fds=(write_fd,), stderr=subprocess.DEVNULL)
    os.close(write_fd)
    with os.fdopen(read_fd) as pipe:
        display = ":" + pipe.readline().strip()
    time.sleep(0.1)
    try:
        yield display
    finally:
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
    from deskpilot.vision.capture import MssScreen

    screen = MssScreen()
    frame = screen.grab()
    assert frame.pixels.shape == (480, 640, 3) and screen.bounds() == Rect(0, 0, 640, 480)
    part = screen.grab(Rect(100, 50, 30, 20))
    assert part.pixels.shape == (20, 30, 3) and (part.origin.x, part.origin.y) == (100, 50)


def test_capture_and_coordinates_span_the_whole_virtual_desktop(wide_desktop: str) -> None:
    from deskpilot.vision.capture import MssScreen

    screen = MssScreen()
    assert screen.bounds() == Rect(0, 0, 1440, 600)
    assert screen.grab().pixels.shape == (600, 1440, 3)
    right = screen.grab(Rect(1000, 100, 50, 50))  # a region where a second monitor would be
    assert right.pixels.shape == (50, 50, 3) and (right.origin.x, right.origin.y) == (1000, 100)
    assert screen.grab().crop(Rect(1000, 100, 50, 50))[1] == Rect(1000, 100, 50, 50)
