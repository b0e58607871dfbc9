"""A simulated person: moves, clicks and types with xdotool, at a person's pace, on the virtual display."""

from __future__ import annotations

import json
import subprocess
import time
from pathlib import Path

from deskpilot.platform.x11.windows import X11Windows
from deskpilot.platform.x11.xvfb import VirtualDisplay


class Person:
    def __init__(self, display: VirtualDisplay, pace: float = 0.25) -> None:
        self.display, self.pace = display, pace

    def _xdo(self, *args: str) -> None:
        subprocess.run(["xdotool", *args], env=self.display.env(), check=True, capture_output=True)
        time.sleep(self.pace)

    def click(self, x: int, y: int, button: int = 1, repeat: int = 1) -> None:
        self._xdo("mousemove", str(x), str(y))
        self._xdo("click", "--repeat", str(repeat), "--delay", "80", str(button))

    def type(self, text: str) -> None:
        self._xdo("type", "--delay", "40" if text.isascii() else "120", text)

    def use_keyboard_with(self, chars: str) -> list[int]:
        """Give the keyboard keys for these characters, as a German or Chinese layout would have them;
        the keycodes it used, for :meth:`forget_keys`.

        Without it xdotool binds a missing character to a spare key just for the press, and both Qt and
        the hooks may read that key before they have reloaded the keymap (seen: "ü" lost by Qt). Xvfb has
        only 19 spare keycodes, shared by every test on the display and by the player's own typing: a test
        that takes many gives them back.
        """
        from Xlib import display as xdisplay

        conn = xdisplay.Display(self.display.name)
        first = conn.display.info.min_keycode
        count = conn.display.info.max_keycode - first + 1
        mapping = conn.get_keyboard_mapping(first, count)
        spare = [first + i for i in range(count - 1, -1, -1) if not any(mapping[i])]
        used = []
        for keycode, ch in zip(spare, dict.fromkeys(chars)):
            sym = ord(ch) if ord(ch) <= 0xFF else 0x01000000 | ord(ch)
            conn.change_keyboard_mapping(keycode, [[sym, sym]])
            used.append(keycode)
        conn.sync()
        conn.close()
        time.sleep(1.0)  # every client reloads its keymap
        return used

    def forget_keys(self, keycodes: list[int]) -> None:
        """Make the keys :meth:`use_keyboard_with` gave spare again."""
        from Xlib import display as xdisplay

        conn = xdisplay.Display(self.display.name)
        for keycode in keycodes:
            conn.change_keyboard_mapping(keycode, [[0, 0]])
        conn.sync()
        conn.close()

    def key(self, *keys: str) -> None:
        self._xdo("key", "--delay", "60", *keys)


def geometry(path: Path, timeout: float = 10) -> dict:
    """The demo app's own account of where its labels, fields and buttons are (what the person sees)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if path.exists():
            return json.loads(path.read_text(encoding="utf-8"))
        time.sleep(0.05)
    raise TimeoutError(f"no geometry written to {path}")


def centre_of(rect: list[int], dx: int = 0) -> tuple[int, int]:
    x, y, w, h = rect
    return x + min(w // 2, 60) + dx, y + h // 2


def find_on_screen(display: VirtualDisplay, text: str, *, within: str | None = None,
                   min_similarity: float = 0.9) -> tuple[int, int]:
    """Where a person sees ``text`` (optionally inside the window titled ``within``): read off the screen."""
    import os

    from deskpilot.geometry import Point
    from deskpilot.platform import backend
    from deskpilot.vision.tesseract import TesseractOcr
    from deskpilot.vision.text import find_phrases

    os.environ["DISPLAY"] = display.name
    frame = backend().screen().grab()
    region = X11Windows(display.name).find(within)[0].rect if within else frame.rect
    words = TesseractOcr().words(frame.crop(region)[0], Point(region.x, region.y), "eng")
    best = max(find_phrases(words, text), key=lambda p: p.similarity, default=None)
    if best is None or best.similarity < min_similarity:
        raise AssertionError(f"{text!r} is not on the screen; seen: {' '.join(w.text for w in words)[:300]}")
    return best.box.center.x, best.box.center.y


def typed_values(routine: object) -> list[str]:
    """What a routine's type steps type with its defaults: recorded values become variables named after labels."""
    from deskpilot.variables import substitute

    return [substitute(s.text, routine.variables) for s in routine.steps if s.kind == "type"]  # type: ignore[attr-defined]
