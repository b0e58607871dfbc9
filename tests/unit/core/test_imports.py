"""Every module imports with no display: pyautogui and pynput open X at import, so they must be wrapped."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]


def all_modules() -> list[str]:
    names = []
    for path in (REPO / "deskpilot").rglob("*.py"):  # recorder/, player/ and gui/ are linked in
        parts = path.relative_to(REPO).with_suffix("").parts
        if parts[-1] == "__main__" or parts[1] in ("gui", "demoapp"):
            continue  # running, not importing; the Qt programs are checked by their own tests
        names.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return sorted(set(names))


def test_every_core_player_and_recorder_module_imports_without_a_display() -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    modules = all_modules()
    assert "deskpilot.platform.x11.input" in modules and "deskpilot.cli" in modules
    code = "import importlib, sys\nfor name in sys.argv[1:]:\n    importlib.import_module(name)\n"
    proc = subprocess.run([sys.executable, "-c", code, *modules], env=env, cwd=REPO, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr[-2000:]
