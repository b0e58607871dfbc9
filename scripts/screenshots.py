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
    print("wrote docs/dry-run.png")
    return 0


if __name__ == "__main__":
    sys.exit(main())
