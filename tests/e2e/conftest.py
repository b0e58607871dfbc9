"""End-to-end fixtures: a real X server (Xvfb) with openbox, the real demo app, the real CLI.

Nothing here is faked. A missing tool makes these tests fail with the install
command, never skip.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from deskpilot.demoapp.launch import TITLE, RunningApp, launch
from deskpilot.platform.x11.xvfb import VirtualDisplay

REPO = Path(__file__).resolve().parents[2]
os.environ.setdefault("DESKPILOT_LANG", "en")  # the window the tests read is the English one, whatever this desktop's
# language; the Chinese window has its own test (test_gui_chinese), which starts it with LANG=zh_CN
REQUIRED = {"Xvfb": "xvfb", "openbox": "openbox", "xdotool": "xdotool", "tesseract": "tesseract-ocr"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if Path(str(item.fspath)).is_relative_to(Path(__file__).parent):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def xdisplay() -> Iterator[VirtualDisplay]:
    missing = [pkg for exe, pkg in REQUIRED.items() if shutil.which(exe) is None]
    if missing:
        pytest.fail(f"end-to-end tests need {', '.join(missing)}: sudo apt-get install {' '.join(missing)} (or make setup)")
    with VirtualDisplay(1280, 800) as display:
        yield display


@pytest.fixture
def demo_app(xdisplay: VirtualDisplay, tmp_path: Path) -> Iterator[Callable[..., RunningApp]]:
    """Start a fresh demo app instance with perturbation options; stopped after the test."""
    started: list[RunningApp] = []

    def start(*args: str, name: str = "customers.jsonl", title: str = TITLE) -> RunningApp:
        app = launch(tmp_path / name, *args, display=xdisplay.name, log=tmp_path / "deskpilot.demoapp.log", title=title,
                     env=xdisplay.env())  # its session bus: the app exposes its accessibility tree, as on a desktop
        started.append(app)
        return app

    yield start
    for app in started:
        app.stop()


@pytest.fixture
def cli(xdisplay: VirtualDisplay, tmp_path: Path) -> Callable[..., subprocess.CompletedProcess[str]]:
    """Run ``deskpilot ARGS`` as a person would, on the virtual display."""

    def run(*args: str, env: dict[str, str] | None = None, timeout: float = 180) -> subprocess.CompletedProcess[str]:
        full_env = {**xdisplay.env(), "COLUMNS": "200", "XDG_DATA_HOME": str(tmp_path / "data"), **(env or {})}
        return subprocess.run([sys.executable, "-m", "deskpilot.cli", *args], cwd=tmp_path, env=full_env,
                              capture_output=True, text=True, timeout=timeout)

    return run


def xdotool(display: VirtualDisplay, *args: str) -> str:
    return subprocess.run(["xdotool", *args], env=display.env(), capture_output=True, text=True, check=True).stdout


def without(env: dict[str, str], *names: str) -> dict[str, str]:
    return {k: v for k, v in env.items() if k not in names}


