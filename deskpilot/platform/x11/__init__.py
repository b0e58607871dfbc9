"""The X11 backend: mss capture, the X window list and pointer shape, pyautogui and keysym input, pynput hooks."""

from __future__ import annotations

import os
import threading

from deskpilot.ports import Accessibility, Backend, Hotkey, Input, InputHooks, Pointer, Screen, WindowList


def _check() -> None:
    from deskpilot.platform.x11.environment import check_display

    check_display()


def _screen() -> Screen:
    from deskpilot.platform.mss_screen import MssScreen

    return MssScreen()


def _windows() -> WindowList | None:
    from deskpilot.platform.x11.windows import X11Windows

    return X11Windows()


def _input() -> Input:
    from deskpilot.platform.x11.input import PyAutoGuiInput

    return PyAutoGuiInput()


def _hooks() -> InputHooks:
    from deskpilot.platform.pynput_hooks import PynputHooks
    from deskpilot.platform.x11.pointer import X11Pointer

    return PynputHooks(pointer=X11Pointer(), access=_accessibility())


def _hotkey(stop: threading.Event, combination: str) -> Hotkey:
    from deskpilot.platform.pynput_hotkey import AbortHotkey

    return AbortHotkey(stop, combination)


def _pointer() -> Pointer | None:
    from deskpilot.platform.x11.pointer import X11Pointer

    return X11Pointer()


ACCESSIBILITY_SWITCH = "DESKPILOT_ACCESSIBILITY"  # "off": targets by the picture alone (to compare, or to rule it out)


def _accessibility() -> Accessibility | None:
    """AT-SPI when this display has an accessibility bus; None (found in at most ~0.5 s) when it has none."""
    if os.environ.get(ACCESSIBILITY_SWITCH, "").strip().lower() in ("off", "0", "no", "false"):
        return None
    from deskpilot.platform.atspi import connect

    return connect()


def x11_backend() -> Backend:
    return Backend(name="x11", check=_check, screen=_screen, windows=_windows, input=_input, hooks=_hooks,
                   hotkey=_hotkey, pointer=_pointer, accessibility=_accessibility)
