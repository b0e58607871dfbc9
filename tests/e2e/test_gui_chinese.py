"""The desktop app on a Chinese desktop: started with LANG=zh_CN.UTF-8, its window read back by Tesseract chi_sim.

What a person sees, not what the widgets hold: the real window on the X server, real CJK fonts, real OCR.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from deskpilot.geometry import Point
from deskpilot.platform.x11.windows import X11Windows
from deskpilot.platform.x11.xvfb import VirtualDisplay

# words of the toolbar, the docks, the library and the form that Tesseract reads back at the window's own font
# size (tried: 重做, 断点, 锚点, 修复 and 就绪 are shown too but often misread; a rare glyph or one word alone)
EXPECTED = ("保存", "撤销", "删除步骤", "复制步骤", "运行", "立即查找", "设置", "录制库", "录制", "步骤", "变量", "运行记录")
MAIN = ("录制", "运行", "设置")  # Record, Play, Settings: these must all be read
ENOUGH = 9  # of the twelve: a word or two may be lost to OCR on any one screen, the window must not be
ENGLISH = ("Save", "Undo", "Redo", "Play", "Record", "Settings", "Library", "Anchors", "Variables", "Ready")


def read_window(display: VirtualDisplay, title: str) -> tuple[str, list[str]]:
    """The window's text as Tesseract reads it (chi_sim+eng): all of it run together, and the words one by one."""
    from deskpilot.platform import backend
    from deskpilot.vision.tesseract import TesseractOcr

    os.environ["DISPLAY"] = display.name
    region = X11Windows(display.name).find(title)[0].rect
    pixels, clipped = backend().screen().grab().crop(region)
    words = TesseractOcr().words(pixels, Point(clipped.x, clipped.y), "chi_sim+eng")
    return "".join(w.text for w in words).replace(" ", ""), [w.text for w in words]


def test_the_window_speaks_chinese_on_a_chinese_desktop(xdisplay: VirtualDisplay, tmp_path: Path) -> None:
    library = tmp_path / "library"
    library.mkdir()
    env = {k: v for k, v in xdisplay.env().items()
           if k not in ("QT_QPA_PLATFORM", "LC_ALL", "LC_MESSAGES", "LANGUAGE", "DESKPILOT_LANG")}
    env |= {"LANG": "zh_CN.UTF-8", "XDG_CONFIG_HOME": str(tmp_path / "config"), "XDG_DATA_HOME": str(tmp_path / "data")}
    gui = subprocess.Popen([sys.executable, "-m", "deskpilot.cli", "gui", "--library", str(library)], env=env,
                           cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        subprocess.run(["xdotool", "search", "--sync", "--onlyvisible", "--name", "^DeskPilot$"], env=env,
                       timeout=30, check=True, capture_output=True)
        deadline = time.monotonic() + 15  # mapped is not yet painted: read until the words are there
        while True:
            text, words = read_window(xdisplay, "^DeskPilot$")
            found = [w for w in EXPECTED if w in text]
            if (len(found) >= ENOUGH and set(MAIN) <= set(found)) or time.monotonic() > deadline:
                break
            time.sleep(0.5)
        assert len(found) >= ENOUGH and set(MAIN) <= set(found), \
            f"read {found} of {EXPECTED}; seen: {' '.join(words)[:400]}"
        english = [w for w in ENGLISH if w in words]
        assert not english, f"still English on the window: {english}"
    finally:
        gui.terminate()
        gui.wait(timeout=10)
