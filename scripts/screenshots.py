"""Screenshots for the README, taken under Xvfb: a dry run's annotations, and the GUI on a fresh real recording,
in English (light and dark) and in Simplified Chinese.

``scripts/screenshots.py`` makes all four; ``--only gui-dark`` (repeatable) makes only the ones named.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.recording import record_form
from deskpilot.demoapp.launch import launch
from deskpilot.geometry import Point, Rect
from deskpilot.platform.x11.xvfb import VirtualDisplay

REPO = Path(__file__).resolve().parents[1]
# docs/<name>.png -> the window's language and theme (Settings: "system", "light" or "dark"), for the GUI shots
GUI_SHOTS = {"gui": ("en", "light"), "gui-dark": ("en", "dark"), "gui-zh_CN": ("zh_CN", "system")}
SHOTS = ("dry-run", *GUI_SHOTS)
TABS = {"en": "Anchors", "zh_CN": "锚点"}  # the tab of the anchor editor, as the window names it
OCR_LANG = {"en": "eng", "zh_CN": "chi_sim"}
STEP_ROW_Y = (130, 188, 246)  # the middle of the step list's first rows, from the window's top (58 px a row)
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
        for name, (language, theme) in GUI_SHOTS.items():
            if name in wanted:
                gui_shot(display, library, REPO / "docs" / f"{name}.png", language, Path(tmp) / f"config-{name}",
                         theme)
    print("wrote " + ", ".join(f"docs/{name}.png" for name in wanted))
    return 0


def gui_shot(display: VirtualDisplay, library: Path, out: Path, language: str = "en",
             config: Path | None = None, theme: str = "system") -> None:
    """The main window with a fresh recording open, its second click selected, the anchor editor showing it.

    ``language``: the window's, as a desktop in that language starts it (LANG); DESKPILOT_LANG makes sure of it
    whatever the Settings of the person taking the shots say. ``config``: fresh settings (default theme and all,
    ``theme`` as Settings -> Theme stores it: "system", "light" or "dark") and no run history.
    """
    from deskpilot.images import write_png
    from deskpilot.platform import backend

    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "LC_ALL", "LC_MESSAGES", "LANGUAGE")}
    env |= {"DISPLAY": display.name, "LANG": LOCALES[language], "DESKPILOT_LANG": language}
    if config is not None:  # and no run history of this machine's in the picture
        env |= {"XDG_CONFIG_HOME": str(config), "XDG_DATA_HOME": str(config / "data")}
        (config / "DeskPilot").mkdir(parents=True, exist_ok=True)
        (config / "DeskPilot" / "DeskPilot.conf").write_text(f"[General]\ntheme={theme}\n", encoding="utf-8")
    gui = subprocess.Popen([sys.executable, "-m", "deskpilot.cli", "gui", "--library", str(library),
                            str(library / "customer" / "routine.yaml")], env=env)
    try:
        subprocess.run(["xdotool", "search", "--sync", "--onlyvisible", "--name", "DeskPilot"], env=env, check=True,
                       capture_output=True, timeout=30)
        time.sleep(1.5)
        os.environ["DISPLAY"] = display.name
        win = backend().windows().find("DeskPilot")[0].rect  # type: ignore[union-attr]
        click(env, win.x + 450, win.y + STEP_ROW_Y[2])  # the third step: the click into "Company:"
        tab = _find_text(display, TABS[language], OCR_LANG[language], within=win)
        if tab is not None:  # the anchor editor in front (after a recording the Variables panel is)
            click(env, *tab)
        subprocess.run(["xdotool", "mousemove", str(win.x + win.w // 2), str(win.bottom - 4)], env=env, check=True)
        time.sleep(1.0)
        frame = backend().screen().grab()
        pixels, _ = frame.crop(win.grow(2))
        write_png(out, pixels, compression=9)
    finally:
        gui.terminate()
        gui.wait(timeout=10)


def click(env: dict[str, str], x: int, y: int) -> None:
    subprocess.run(["xdotool", "mousemove", str(x), str(y), "click", "1"], env=env, check=True)
    time.sleep(0.6)


def _find_text(display: VirtualDisplay, text: str, lang: str, within: Rect) -> tuple[int, int] | None:
    """Where ``text`` reads lowest in the window (a tab, under its panel's title), or None."""
    from deskpilot.platform import backend
    from deskpilot.vision.tesseract import TesseractOcr
    from deskpilot.vision.text import find_phrases

    os.environ["DISPLAY"] = display.name
    pixels, rect = backend().screen().grab().crop(within)
    found = find_phrases(TesseractOcr().words(pixels, Point(rect.x, rect.y), lang), text, min_similarity=0.9)
    if not found:
        print(f"{text!r} not found on the window: the shot shows the panel in front", file=sys.stderr)
        return None
    box = max(found, key=lambda p: p.box.y).box
    return box.center.x, box.center.y


if __name__ == "__main__":
    sys.exit(main())
