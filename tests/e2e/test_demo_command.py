"""`deskpilot demo` on a machine with no display: it brings its own virtual display, plays, and reports."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path


def test_demo_runs_headless_and_leaves_its_report(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "XDG_SESSION_TYPE")}
    proc = subprocess.run([sys.executable, "-m", "deskpilot.cli", "demo", "--report", str(tmp_path / "r")],
                          env=env, capture_output=True, text=True, timeout=240, cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "running on a virtual X display" in proc.stdout
    assert "'customer_id': 'C-1001'" in proc.stdout and "'contact': '张三'" in proc.stdout
    report = json.loads((tmp_path / "r" / "report.json").read_text(encoding="utf-8"))
    assert report["status"] == "passed" and len(report["steps"]) == 18
    assert (tmp_path / "r" / "report.html").exists()
