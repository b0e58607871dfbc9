"""Stopping a run by hotkey or fail-safe corner, and typing checked by reading the field back."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from deskpilot.platform.x11.xvfb import VirtualDisplay
from tests.e2e.conftest import xdotool

WAITING = """deskpilot: 1
name: waits a long time
steps:
  - press: tab
  - wait_for: {text: "This text never appears", timeout: 60}
"""


def start_play(xdisplay: VirtualDisplay, tmp_path: Path) -> subprocess.Popen[str]:
    folder = tmp_path / "waiting"
    folder.mkdir()
    (folder / "routine.yaml").write_text(WAITING, encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "deskpilot.cli", "play", str(folder), "--report",
                             str(tmp_path / "report")], env=xdisplay.env(), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    time.sleep(4)  # set-up, not a measurement: let the player start and its hotkey listener attach
    assert proc.poll() is None, proc.communicate()
    return proc


@pytest.mark.parametrize("how", ["hotkey", "corner"])
def test_a_run_stops_within_moments_and_the_report_says_where(how: str, xdisplay: VirtualDisplay, demo_app: Callable,
                                                             tmp_path: Path) -> None:
    demo_app()
    proc = start_play(xdisplay, tmp_path)
    xdotool(xdisplay, "mousemove", "300", "300")
    asked = time.monotonic()
    if how == "hotkey":
        xdotool(xdisplay, "key", "ctrl+alt+shift+x")
    else:
        xdotool(xdisplay, "mousemove", "0", "0")
    _, err = proc.communicate(timeout=30)
    stopped_after = time.monotonic() - asked
    assert proc.returncode == 1, err
    assert stopped_after < 10, "the 60 s wait was not interrupted"  # a bound on behaviour, not a benchmark
    report = json.loads((tmp_path / "report" / "report.json").read_text(encoding="utf-8"))
    assert report["status"] == "aborted"
    assert [s["status"] for s in report["steps"]] == ["ok", "aborted"]
    reason = "abort hotkey" if how == "hotkey" else "fail-safe"
    assert reason in report["error"] and report["error"].startswith('step 2 (wait for "This text never appears")')
    xdotool(xdisplay, "mousemove", "300", "300")


VERIFY = """deskpilot: 1
name: typed and checked
steps:
  - click: {{text: "{label}", offset: [{dx}, 0]}}
  - type: {{text: "Zoë-4711", verify: true, timeout: 3}}
"""


@pytest.mark.parametrize("label, dx, ok", [("Customer ID:", 116, True), ("Postcode:", 129, False)],
                         ids=["field-takes-it", "field-truncates-it"])
def test_type_verify_reads_the_field_back(label: str, dx: int, ok: bool, demo_app: Callable, cli: Callable,
                                          tmp_path: Path) -> None:
    demo_app()  # its Postcode field keeps 5 characters and silently drops the rest
    folder = tmp_path / "verify"
    folder.mkdir()
    (folder / "routine.yaml").write_text(VERIFY.format(label=label, dx=dx), encoding="utf-8")
    proc = cli("play", str(folder), "--report", str(tmp_path / "report"))
    if ok:
        assert proc.returncode == 0, proc.stderr
    else:
        assert proc.returncode == 1
        assert "step 2 (type 'Zoë-4711'): typed 'Zoë-4711', but the field holds" in proc.stderr
