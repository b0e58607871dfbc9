"""The environment a run needs, each missing piece reported in one line with the fix, exit 2."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests.e2e.conftest import REPO

DEMO = REPO / "recordings" / "demo"


def run_cli(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "deskpilot.cli", *args], env=env, capture_output=True, text=True,
                          timeout=120)


def base_env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "XDG_SESSION_TYPE")}


def one_error_line(proc: subprocess.CompletedProcess[str]) -> str:
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert proc.returncode == 2, proc.stderr
    assert len(lines) == 1, proc.stderr
    return lines[0]


def test_no_display_is_one_line_with_the_fix() -> None:
    line = one_error_line(run_cli("play", str(DEMO), env=base_env()))
    assert line.startswith("error: no display: DISPLAY is not set") and "Xvfb" in line


def test_wayland_is_refused_clearly() -> None:
    env = {**base_env(), "WAYLAND_DISPLAY": "wayland-0", "XDG_SESSION_TYPE": "wayland"}
    line = one_error_line(run_cli("play", str(DEMO), env=env))
    assert "Wayland" in line and "X11" in line


def test_missing_tesseract_names_the_package(xdisplay, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # a PATH with everything but tesseract: link the tools the run needs into a private bin folder
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for tool in ("Xvfb", "xdotool"):
        found = shutil.which(tool)
        if found:
            (bin_dir / tool).symlink_to(found)
    env = {**xdisplay.env(), "PATH": str(bin_dir)}
    line = one_error_line(run_cli("play", str(DEMO), env=env))
    assert line == ("error: Tesseract OCR is not installed: sudo apt-get install tesseract-ocr "
                    "(and tesseract-ocr-chi-sim for Chinese)")


def test_a_missing_language_pack_names_its_package(xdisplay, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    routine = tmp_path / "r"
    routine.mkdir()
    (routine / "routine.yaml").write_text("deskpilot: 1\nname: x\nlang: eng+klingon_tlh\nsteps:\n  - press: tab\n")
    line = one_error_line(run_cli("play", str(routine), env=xdisplay.env()))
    assert "sudo apt-get install tesseract-ocr-klingon-tlh" in line


def test_a_dead_display_is_reported_not_a_traceback() -> None:
    line = one_error_line(run_cli("play", str(DEMO), env={**base_env(), "DISPLAY": ":987"}))
    assert "cannot open display ':987'" in line
