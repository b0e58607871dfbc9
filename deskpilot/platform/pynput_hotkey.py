"""The abort hotkey: a global key combination that stops a run between two actions.

pynput's X backend listens through the RECORD extension; the listener only sets
an event, and the player checks it while it polls, so a stop takes effect within
one poll interval (a fraction of a second).
"""

from __future__ import annotations

import logging
import threading
from typing import Any

log = logging.getLogger(__name__)

DEFAULT_ABORT_HOTKEY = "<ctrl>+<alt>+<shift>+x"


class AbortHotkey:
    """Sets ``stop`` when the person presses the hotkey; a no-op where hooks are unavailable."""

    def __init__(self, stop: threading.Event, combination: str = DEFAULT_ABORT_HOTKEY) -> None:
        self._stop = stop
        self._combination = combination
        self._listener: Any = None
        self.pressed = False

    def __enter__(self) -> AbortHotkey:
        try:
            from pynput import keyboard

            self._listener = keyboard.GlobalHotKeys({self._combination: self._on_hotkey})
            self._listener.start()
            self._listener.wait()
        except Exception as exc:  # no RECORD extension, no display: the fail-safe corner still works
            log.warning("abort hotkey %s unavailable: %s", self._combination, exc)
            self._listener = None
        return self

    def _on_hotkey(self) -> None:
        self.pressed = True
        self._stop.set()

    def __exit__(self, *exc: object) -> None:
        if self._listener is not None:
            from deskpilot.platform.pynput_hooks import stop_listener

            stop_listener(self._listener)
            self._listener.join(timeout=2)
