"""`deskpilot demo` on a machine with no display: it brings its own virtual display, plays, and reports --
from the checkout, and installed from the wheel, where the shipped recording is package data."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def _headless_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "XDG_SESSION_TYPE")}
    return env | extra


def _played_the_demo(proc: subprocess.CompletedProcess[str], report: Path) -> None:
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "running on a virtual X display" in proc.stdout
    assert "'customer_id': 'C-1001'" in proc.stdout and "'contact': '张三'" in proc.stdout
    assert "Traceback" not in proc.stdout + proc.stderr  # the hooks stop before the virtual display goes
    data = json.loads((report / "report.json").read_text(encoding="utf-8"))
    assert data["status"] == "passed" and len(data["steps"]) == 18
    assert (report / "report.html").exists()


def test_demo_runs_headless_and_leaves_its_report(tmp_path: Path) -> None:
    proc = subprocess.run([sys.executable, "-m", "deskpilot.cli", "demo", "--report", str(tmp_path / "r")],
                          env=_headless_env(), capture_output=True, text=True, timeout=240, cwd=tmp_path)
    _played_the_demo(proc, tmp_path / "r")


def test_the_installed_package_claims_one_name_and_its_demo_finds_its_recording(tmp_path: Path) -> None:
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target",
                    str(target), str(REPO)], check=True, capture_output=True, timeout=300, cwd=tmp_path)
    names = sorted(p.name for p in target.iterdir() if not p.name.endswith((".dist-info", ".egg-info")))
    assert names in (["deskpilot"], ["bin", "deskpilot"]), names  # no generic top-level package
    assert (target / "deskpilot" / "recordings" / "demo" / "routine.yaml").is_file()
    where = subprocess.run([sys.executable, "-c", "import deskpilot.player.runner as r; print(r.__file__)"],
                           env=_headless_env(PYTHONPATH=str(target)), capture_output=True, text=True, cwd=tmp_path)
    assert where.stdout.strip().startswith(str(target)), where.stdout + where.stderr  # the wheel, not the checkout
    proc = subprocess.run([sys.executable, "-m", "deskpilot.cli", "demo", "--report", str(tmp_path / "r")],
                          env=_headless_env(PYTHONPATH=str(target)), capture_output=True, text=True, timeout=240,
                          cwd=tmp_path)
    _played_the_demo(proc, tmp_path / "r")
