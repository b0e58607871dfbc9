"""Screenshots for the README, taken under Xvfb: a dry run's annotations, and the GUI on a fresh real recording."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.recording import record_form
from deskpilot.demoapp.launch import launch
from deskpilot.platform.x11.xvfb import VirtualDisplay

REPO = Path(__file__).resolve().parents[1]


def main() -> int:
    with VirtualDisplay(1280, 800) as display, tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "DISPLAY": display.name}
        app = launch(Path(tmp) / "c.jsonl", "--geometry-out", str(Path(tmp) / "geo.json"), display=display.name)
        try:
            subprocess.run([sys.executable, "-m", "deskpilot.cli", "play", str(REPO / "recordings" / "demo"),
                            "--dry-run", "--report", tmp], env=env, capture_output=True, check=False)
            library = Path(tmp) / "library"
            record_form(env, Path(tmp) / "geo.json", library, values={"customer_id": "C-2001",
                                                                        "company": "Baltic Trading Ltd"})
        finally:
            app.stop()
        (REPO / "docs").mkdir(exist_ok=True)
        shutil.copy(Path(tmp) / "step-001.png", REPO / "docs" / "dry-run.png")
        gui_shot(display, library)
    print("wrote docs/dry-run.png and docs/gui.png")
    return 0


def gui_shot(display: VirtualDisplay, library: Path) -> None:
    """The main window with a fresh recording open, its second click selected, the anchor editor showing it."""
    import time

    from deskpilot.images import write_png
    from deskpilot.platform import backend

    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"} | {"DISPLAY": display.name}
    gui = subprocess.Popen([sys.executable, "-m", "deskpilot.cli", "gui", "--library", str(library),
                            str(library / "customer" / "routine.yaml")], env=env)
    try:
        subprocess.run(["xdotool", "search", "--sync", "--onlyvisible", "--name", "DeskPilot"], env=env, check=True,
                       capture_output=True, timeout=30)
        time.sleep(1.5)
        os.environ["DISPLAY"] = display.name
        win = backend().windows().find("DeskPilot")[0].rect  # type: ignore[union-attr]
        subprocess.run(["xdotool", "mousemove", str(win.x + 400), str(win.y + 70), "click", "1", "key", "Down",
                        "Down"], env=env, check=True)
        time.sleep(1.0)
        frame = backend().screen().grab()
        pixels, _ = frame.crop(win.grow(2))
        write_png(REPO / "docs" / "deskpilot.gui.png", pixels, compression=9)
    finally:
        gui.terminate()
        gui.wait(timeout=10)


if __name__ == "__main__":
    sys.exit(main())
