"""Build a player on the real machine: check the environment, then open screen, OCR, windows and input."""

from __future__ import annotations

import threading
from contextlib import AbstractContextManager
from dataclasses import dataclass

from deskpilot.environment import check_display, check_tesseract
from deskpilot.model import Routine
from deskpilot.vision.capture import MssScreen
from deskpilot.vision.resolve import Resolver
from deskpilot.vision.tesseract import TesseractOcr
from deskpilot.x11windows import X11Windows
from player.abort import DEFAULT_ABORT_HOTKEY, AbortHotkey
from player.driver import PyAutoGuiInput
from player.runner import Player, PlayOptions


@dataclass
class Session:
    player: Player
    hotkey: str = DEFAULT_ABORT_HOTKEY

    def abort_hotkey(self, stop: threading.Event) -> AbstractContextManager[AbortHotkey]:
        return AbortHotkey(stop, self.hotkey)


def open_session(routine: Routine, options: PlayOptions) -> Session:
    """Fail fast, with the fix, before the first step: no display, Wayland, no Tesseract or language."""
    check_display()
    check_tesseract(routine.lang)
    screen = MssScreen()
    driver = PyAutoGuiInput()
    folder = routine.folder
    assert folder is not None, "a loaded routine knows its folder"
    resolver = Resolver(screen, TesseractOcr(), X11Windows(), folder, lang=routine.lang)
    player = Player(routine, driver=driver, resolver=resolver, screen=screen, options=options,
                    failsafe=driver.failsafe_tripped)
    return Session(player)
