"""A session on fakes for the run path: the real Player on a scripted screen, a backend that touches nothing.

The routine enters a claim: its claimant must be on the screen (a row whose claimant
is not fails before it saves, so it may be retried), then a password is typed, Save
clicked, and "Saved" is the application's confirmation.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from deskpilot.format import LoadedRoutine, load_routine
from deskpilot.geometry import Rect
from deskpilot.model import Routine
from deskpilot.ports import Backend, Frame
from deskpilot.player.runner import Player, PlayOptions
from deskpilot.player.session import Session
from tests.unit.fakes import FakeClock, FakeDriver, FakeResolver, FakeScreen, found_at

ROUTINE = """deskpilot: 1
name: Enter claims
manual_seconds: 40
secrets: [password]
steps:
  - wait_for: {text: "{{ claimant }}", timeout: 0.2}
  - type: {text: "{{ password }}", verify: false}
  - click: Save
  - wait_for: {text: Saved, timeout: 0.2}
"""


class ChangingScreen(FakeScreen):
    """Each grab differs from the one before: the final check's "Saved" is new since the last input."""

    def grab(self, region: Rect | None = None) -> Frame:
        super().grab(region)
        return Frame(np.full((80, 120, 3), self.grabs * 97 % 256, np.uint8))


class FakeHotkey:
    pressed = False

    def __enter__(self) -> FakeHotkey:
        return self

    def __exit__(self, *exc: object) -> None:
        pass


def _unavailable() -> None:
    raise AssertionError("the run path must not build real adapters")


FAKE_BACKEND = Backend(name="fake", check=lambda: None, screen=_unavailable, windows=lambda: None,  # type: ignore[arg-type]
                       input=_unavailable, hooks=None, hotkey=lambda stop, keys: FakeHotkey(),  # type: ignore[arg-type]
                       pointer=lambda: None, accessibility=lambda: None)


class Opener:
    """Stands in for open_session: counts the sessions opened; the screen shows ``on_screen`` (and Save, Saved)."""

    def __init__(self, on_screen: tuple[str, ...] = ("Anna", "Cara")) -> None:
        self.opened = 0
        self.driver = FakeDriver()
        self.script = {text: (lambda n: found_at(60, 40)) for text in (*on_screen, "Save", "Saved")}

    def __call__(self, routine: Routine, options: PlayOptions, platform: Backend | None) -> Session:
        self.opened += 1
        clock = FakeClock()
        player = Player(routine, driver=self.driver, resolver=FakeResolver(self.script), screen=ChangingScreen(clock),
                        clock=clock, options=options)
        return Session(player, FAKE_BACKEND)


def claims_recording(folder: Path, data: str | None = None) -> LoadedRoutine:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "routine.yaml").write_text(ROUTINE, encoding="utf-8")
    if data is not None:
        (folder / "claims.csv").write_text(data, encoding="utf-8")
    return load_routine(folder)


CLAIMS = "claimant\nAnna\nBen\nCara\n"  # Ben is never on the screen: his row fails before it is saved
