"""Start the demo application as a separate process and wait for its window, as a person would see it."""

from __future__ import annotations

import os
import subprocess
from typing import Any
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from deskpilot.ports import Window
from deskpilot.platform.x11.windows import X11Windows

TITLE = "Customer Master - ACME ERP"


@dataclass
class RunningApp:
    process: subprocess.Popen[bytes]
    out: Path
    window: Window | None

    def records(self) -> list[dict[str, object]]:
        import json

        if not self.out.exists():
            return []
        return [json.loads(line) for line in self.out.read_text(encoding="utf-8").splitlines() if line.strip()]

    def stop(self) -> None:
        end_process(self.process)


def end_process(process: subprocess.Popen[Any]) -> None:
    """Ask a program to quit, then make it: a test or the demo never leaves one behind."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)


def launch(out: Path, *args: str, display: str | None = None, wait: float = 20.0,
           title: str = TITLE, log: Path | None = None, env: dict[str, str] | None = None) -> RunningApp:
    """Run ``python -m deskpilot.demoapp --out OUT ARGS`` and wait until its window is mapped (slow mode included).

    ``env``: the display's own environment (its session bus: then the app joins the accessibility bus)."""
    env = dict(env if env is not None else os.environ)
    if display:
        env["DISPLAY"] = display
    env.pop("QT_QPA_PLATFORM", None)  # the tests' offscreen setting must not hide the real window
    stderr = open(log, "ab") if log else subprocess.DEVNULL  # noqa: SIM115 - handed to the child
    proc = subprocess.Popen([sys.executable, "-m", "deskpilot.demoapp", "--out", str(out), *args],
                            env=env, stdout=subprocess.DEVNULL, stderr=stderr)
    app = RunningApp(proc, out, None)
    if wait > 0:
        app.window = wait_for_window(title, display=env.get("DISPLAY"), timeout=wait, process=proc)
        time.sleep(0.3)  # let the first paint land: the window is mapped before Qt has drawn into it
    return app


def wait_for_window(title: str, *, display: str | None, timeout: float,
                    process: subprocess.Popen[bytes] | None = None) -> Window:
    windows = X11Windows(display)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = windows.find("^" + title)
        if found:
            return found[0]
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"the demo app exited with code {process.returncode} before showing its window")
        time.sleep(0.05)
    raise TimeoutError(f"no window titled {title!r} after {timeout:.0f} s")
