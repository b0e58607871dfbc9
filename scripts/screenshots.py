"""Screenshots for the README, taken under Xvfb: the demo app with a dry run's annotations on it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from demoapp.launch import launch
from deskpilot.xserver import VirtualDisplay

REPO = Path(__file__).resolve().parents[1]


def main() -> int:
    with VirtualDisplay(1280, 800) as display, tempfile.TemporaryDirectory() as tmp:
        app = launch(Path(tmp) / "c.jsonl", display=display.name)
        try:
            subprocess.run([sys.executable, "-m", "deskpilot.cli", "play", str(REPO / "recordings" / "demo"),
                            "--dry-run", "--report", tmp], env={**os.environ, "DISPLAY": display.name},
                           capture_output=True, check=False)
        finally:
            app.stop()
        (REPO / "docs").mkdir(exist_ok=True)
        shutil.copy(Path(tmp) / "step-001.png", REPO / "docs" / "dry-run.png")
        gui_shot(display)
    print("wrote docs/dry-run.png and docs/gui.png")
    return 0


def gui_shot(display: VirtualDisplay) -> None:
    """The main window with the demo recording open and a step selected."""
    import time

    import cv2

    from deskpilot.vision.capture import MssScreen
    from deskpilot.x11windows import X11Windows

    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"} | {"DISPLAY": display.name}
    gui = subprocess.Popen([sys.executable, "-m", "deskpilot.cli", "gui", "--library", str(REPO / "recordings"),
                            str(REPO / "recordings" / "demo" / "routine.yaml")], env=env)
    try:
        subprocess.run(["xdotool", "search", "--sync", "--onlyvisible", "--name", "DeskPilot"], env=env, check=True,
                       capture_output=True, timeout=30)
        time.sleep(1.5)
        os.environ["DISPLAY"] = display.name
        win = X11Windows(display.name).find("DeskPilot")[0].rect
        subprocess.run(["xdotool", "mousemove", str(win.x + 400), str(win.y + 120), "click", "1"], env=env, check=True)
        time.sleep(0.8)
        frame = MssScreen().grab()
        pixels, _ = frame.crop(win.grow(2))
        cv2.imwrite(str(REPO / "docs" / "gui.png"), pixels, [cv2.IMWRITE_PNG_COMPRESSION, 9])
    finally:
        gui.terminate()
        gui.wait(timeout=10)


if __name__ == "__main__":
    sys.exit(main())
