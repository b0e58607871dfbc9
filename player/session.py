"""Build a player on the real machine: check the environment, then open screen, OCR, windows and input."""

from __future__ import annotations

import threading
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path

from deskpilot.environment import check_tesseract
from deskpilot.model import Routine
from deskpilot.platform import backend
from deskpilot.player.runner import Player, PlayOptions
from deskpilot.ports import Backend, Hotkey
from deskpilot.vision.resolve import Resolver
from deskpilot.vision.tesseract import SECOND_READING, TesseractOcr

DEFAULT_ABORT_HOTKEY = "<ctrl>+<alt>+<shift>+x"


@dataclass
class Session:
    """The real adapters, opened once; a data-driven run makes a player per row (and for its recovery)."""

    player: Player
    platform: Backend
    hotkey: str = DEFAULT_ABORT_HOTKEY

    def abort_hotkey(self, stop: threading.Event) -> AbstractContextManager[Hotkey]:
        return self.platform.hotkey(stop, self.hotkey)

    def player_for(self, routine: Routine, options: PlayOptions) -> Player:
        """Another player on the same screen, input and OCR; its own resolver when its images live elsewhere."""
        first = self.player
        resolver = first.resolver
        if routine.folder != first.routine.folder:
            resolver = Resolver(first.screen, TesseractOcr(), first.windows, routine.folder or Path("."),
                                lang=routine.lang, access=first.access)
        return Player(routine, driver=first.driver, resolver=resolver, screen=first.screen, options=options,
                      failsafe=first.failsafe, stop=first.stop, windows=first.windows, pointer=first.pointer,
                      other_ocr=first.other_ocr, access=first.access)


# how a typed field is read again before a mismatch fails its step: without borders, black and white, larger
OTHER_READINGS = (TesseractOcr(unlined=True), TesseractOcr(**SECOND_READING), TesseractOcr(scale=4.0))  # type: ignore[arg-type]


def open_session(routine: Routine, options: PlayOptions, platform: Backend | None = None) -> Session:
    """Fail fast, with the fix, before the first step: no display, Wayland, no Tesseract or language."""
    platform = platform or backend()
    platform.check()
    check_tesseract(routine.lang)
    screen = platform.screen()
    driver = platform.input()
    folder = routine.folder
    assert folder is not None, "a loaded routine knows its folder"
    windows = platform.windows()
    access = platform.accessibility()  # None where the applications expose no tree: then by the picture alone
    resolver = Resolver(screen, TesseractOcr(), windows, folder, lang=routine.lang, access=access)
    player = Player(routine, driver=driver, resolver=resolver, screen=screen, options=options,
                    failsafe=driver.failsafe_tripped, windows=windows, pointer=platform.pointer(),
                    other_ocr=OTHER_READINGS, access=access)
    return Session(player, platform)
