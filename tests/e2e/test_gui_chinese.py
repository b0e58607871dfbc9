"""The desktop app on a Chinese desktop: started with LANG=zh_CN.UTF-8, its window read back by Tesseract chi_sim.

What a person sees, not what the widgets hold: the real window on the X server, real CJK fonts, real OCR. Each
word is looked for where it is shown -- the menu bar's in the menu bar, the toolbar's in the toolbar, Settings in
the File menu opened with a click -- so a word said by some sentence in a panel does not stand in for a button.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from deskpilot.geometry import Point
from deskpilot.platform.x11.windows import X11Windows
from deskpilot.platform.x11.xvfb import VirtualDisplay
from deskpilot.ports import Word

# what each part shows, and what must be read there; the rest may be lost to OCR on any one screen (tried:
# 立即查找 and 保存 under their icons, 锚点 and 修复 on the tabs are often misread)
MENU_BAR = ("文件", "编辑", "步骤", "运行", "视图")  # File Edit Step Run View
TOOLBAR = ("录制", "运行", "暂停", "停止", "批量运行", "立即查找", "保存")  # Record Play Pause Stop Data Find Save
PANELS = ("录制库", "搜索录制", "我的录制", "示例", "结果", "变量", "运行记录", "详细信息")
FILE_MENU = ("设置", "关闭录制", "退出")  # Settings, Close recording, Quit: shown only while the File menu is open
MUST = {"menu bar": {"文件"}, "toolbar": {"录制", "运行", "停止"}, "File menu": {"设置"}}
ENOUGH = {"menu bar": 4, "toolbar": 4, "panels": 6, "File menu": 2}
ENGLISH = ("File", "Edit", "View", "Run", "Step", "Save", "Undo", "Play", "Record", "Stop", "Pause", "Settings",
           "Quit", "Library", "Anchors", "Variables", "Examples", "Details", "Ready", "result")
ROUTINE = Path(__file__).resolve().parents[1] / "data" / "routines" / "valid" / "chinese" / "routine.yaml"
TITLE = " DeskPilot$"
HAN = re.compile(r"[^\u4e00-\u9fff]")


def han(words: Sequence[Word]) -> str:
    """The Chinese of some words, run together (OCR splits words and adds stray quotes and "(F)" shortcuts)."""
    return HAN.sub("", "".join(w.text for w in words))


def found(expected: Sequence[str], text: str) -> list[str]:
    """The expected words in ``text``, each on its own: "运行" inside "批量运行" is not the Play button."""
    out = []
    for word in expected:
        rest = text
        for longer in (*MENU_BAR, *TOOLBAR, *PANELS, *FILE_MENU):
            if word != longer and word in longer:
                rest = rest.replace(longer, "")
        if word in rest:
            out.append(word)
    return out


def row(words: Sequence[Word], anchor: Word) -> list[Word]:
    """The words on the same line of the screen as ``anchor``, left to right."""
    middle = anchor.box.y + anchor.box.h / 2
    return sorted((w for w in words if abs(w.box.y + w.box.h / 2 - middle) <= max(w.box.h, anchor.box.h) / 2),
                  key=lambda w: w.box.x)


def parts(words: Sequence[Word]) -> dict[str, list[Word]]:
    """The menu bar (the top line), the toolbar (the first line below it with a toolbar word) and the rest."""
    if not words:
        return {"menu bar": [], "toolbar": [], "panels": []}
    menu = row(words, min(words, key=lambda w: w.box.y))
    bottom = max(w.box.y + w.box.h for w in menu)
    pieces = {piece for word in TOOLBAR for piece in (word, word[:2], word[2:]) if piece}
    below = [w for w in words if w.box.y >= bottom and han([w]) in pieces]
    tools = row(words, min(below, key=lambda w: w.box.y)) if below else []
    return {"menu bar": menu, "toolbar": tools, "panels": [w for w in words if w not in menu and w not in tools]}


def read_window(display: VirtualDisplay) -> list[Word]:
    """The window's words as Tesseract reads them (chi_sim+eng), with their places on the screen."""
    from deskpilot.platform import backend
    from deskpilot.vision.tesseract import TesseractOcr

    os.environ["DISPLAY"] = display.name
    region = X11Windows(display.name).find(TITLE)[0].rect
    pixels, clipped = backend().screen().grab().crop(region)
    return TesseractOcr().words(pixels, Point(clipped.x, clipped.y), "chi_sim+eng")


def verdict(seen: dict[str, list[str]], expected: dict[str, Sequence[str]]) -> list[str]:
    """What is wrong with what was read: a part short of its must-read words or of enough of its words."""
    return [f"{part}: read {seen[part]} of {list(words)}" for part, words in expected.items()
            if not MUST.get(part, set()) <= set(seen[part]) or len(seen[part]) < ENOUGH[part]]


def read_until(display: VirtualDisplay, expected: dict[str, Sequence[str]],
               split: Callable[[list[Word]], dict[str, list[Word]]]) -> tuple[list[Word], list[str]]:
    """Read the window until every part shows its words, or 15 s have gone (mapped is not yet painted)."""
    deadline = time.monotonic() + 15
    while True:
        words = read_window(display)
        shown = split(words)
        wrong = verdict({part: found(want, han(shown[part])) for part, want in expected.items()}, expected)
        if not wrong or time.monotonic() > deadline:
            return words, wrong
        time.sleep(0.5)


def test_the_window_speaks_chinese_on_a_chinese_desktop(xdisplay: VirtualDisplay, tmp_path: Path) -> None:
    library = tmp_path / "library"
    shutil.copytree(ROUTINE.parent, library / "chinese")  # open: the step list and its panels are on the window too
    env = {k: v for k, v in xdisplay.env().items()
           if k not in ("QT_QPA_PLATFORM", "LC_ALL", "LC_MESSAGES", "LANGUAGE", "DESKPILOT_LANG")}
    env |= {"LANG": "zh_CN.UTF-8", "XDG_CONFIG_HOME": str(tmp_path / "config"), "XDG_DATA_HOME": str(tmp_path / "data")}
    gui = subprocess.Popen([sys.executable, "-m", "deskpilot.cli", "gui", "--library", str(library),
                            str(library / "chinese" / "routine.yaml")], env=env, cwd=tmp_path, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE)
    try:
        subprocess.run(["xdotool", "search", "--sync", "--onlyvisible", "--name", TITLE], env=env,
                       timeout=30, check=True, capture_output=True)
        words, wrong = read_until(xdisplay, {"menu bar": MENU_BAR, "toolbar": TOOLBAR, "panels": PANELS}, parts)
        assert not wrong, f"{wrong}; seen: {' '.join(w.text for w in words)[:400]}"
        english = [w.text for w in words if w.text in ENGLISH]
        assert not english, f"still English on the window: {english}"

        file_menu = next(w for w in parts(words)["menu bar"] if "文件" in w.text)
        subprocess.run(["xdotool", "mousemove", str(file_menu.box.x + file_menu.box.w // 2),
                        str(file_menu.box.y + file_menu.box.h // 2), "click", "1"], env=env, check=True)
        words, wrong = read_until(xdisplay, {"File menu": FILE_MENU}, lambda ws: {"File menu": ws})
        assert not wrong, f"{wrong}; seen: {' '.join(w.text for w in words)[:400]}"
        english = [w.text for w in words if w.text in ENGLISH]
        assert not english, f"still English in the File menu: {english}"
    finally:
        gui.terminate()
        gui.wait(timeout=10)
