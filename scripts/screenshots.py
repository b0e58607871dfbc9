"""Screenshots for the README, taken under Xvfb: a dry run's annotations, and the GUI on a fresh real recording,
in English and in Simplified Chinese.

``scripts/screenshots.py`` makes all three; ``--only gui-zh_CN`` (repeatable) makes only the ones named.
"""

from __future__ import annotations

import argparse
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
# docs/<name>.png -> the window's language, for the GUI shots
GUI_SHOTS = {"gui": "en", "gui-zh_CN": "zh_CN"}
SHOTS = ("dry-run", *GUI_SHOTS)
LOCALES = {"en": "C.UTF-8", "zh_CN": "zh_CN.UTF-8"}  # LANG as such a desktop sets it


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", action="append", choices=SHOTS, help="make only this screenshot (repeatable)")
    wanted = parser.parse_args(argv).only or list(SHOTS)
    with VirtualDisplay(1280, 800) as display, tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "DISPLAY": display.name}
        app = launch(Path(tmp) / "c.jsonl", "--geometry-out", str(Path(tmp) / "geo.json"), display=display.name)
        library = Path(tmp) / "library"
        try:
            if "dry-run" in wanted:
                subprocess.run([sys.executable, "-m", "deskpilot.cli", "play", str(REPO / "recordings" / "demo"),
                                "--dry-run", "--report", tmp], env=env, capture_output=True, check=False)
            if set(wanted) & set(GUI_SHOTS):
                record_form(env, Path(tmp) / "geo.json", library, values={"customer_id": "C-2001",
                                                                            "company": "Baltic Trading Ltd"})
        finally:
            app.stop()
        (REPO / "docs").mkdir(exist_ok=True)
        if "dry-run" in wanted:
            shutil.copy(Path(tmp) / "step-001.png", REPO / "docs" / "dry-run.png")
        for name, language in GUI_SHOTS.items():
            if name in wanted:
                gui_shot(display, library, REPO / "docs" / f"{name}.png", language, Path(tmp) / f"config-{name}")
    print("wrote " + ", ".join(f"docs/{name}.png" for name in wanted))
    return 0


def gui_shot(display: VirtualDisplay, library: Path, out: Path, language: str = "en",
             config: Path | None = None) -> None:
    """The main window with a fresh recording open, its second click selected, the anchor editor showing it.

    ``language``: the window's, as a desktop in that language starts it (LANG); DESKPILOT_LANG makes sure of it
    whatever the Settings of the person taking the shots say. ``config``: fresh settings (default theme and all).
    """
    import time

    from deskpilot.images import write_png
    from deskpilot.platform import backend

    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "LC_ALL", "LC_MESSAGES", "LANGUAGE")}
    env |= {"DISPLAY": display.name, "LANG": LOCALES[language], "DESKPILOT_LANG": language}
    if config is not None:
        env["XDG_CONFIG_HOME"] = str(config)
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
        write_png(out, pixels, compression=9)
    finally:
        gui.terminate()
        gui.wait(timeout=10)


if __name__ == "__main__":
    sys.exit(main())
