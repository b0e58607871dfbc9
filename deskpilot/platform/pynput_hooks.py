"""Global mouse and keyboard hooks with pynput; each callback only timestamps and enqueues.

pynput runs callbacks on its own listener threads; anything slow there would
make the person's own input lag, so screenshots, OCR and disk I/O all happen on
the consumer side of the queue.
"""

from __future__ import annotations

import logging
import queue
import time
from typing import Any

from deskpilot.errors import DisplayUnavailable
from deskpilot.input_events import RawEvent
from deskpilot.platform.hover import Hover, shape_and_element
from deskpilot.ports import Accessibility, Pointer

log = logging.getLogger(__name__)
KEY_NAMES = {"page_up": "pageup", "page_down": "pagedown", "caps_lock": "capslock", "print_screen": "printscreen",
             "escape": "esc", "return": "enter", "num_lock": "numlock", "scroll_lock": "scrolllock"}


class PynputHooks:
    """ports.InputHooks: start() installs both listeners, stop() removes them; events go to ``events``.

    With a ``pointer``, each press carries the pointer's shape read at once, on the listener's thread, and
    with ``access`` the element under it: a click on a menu item closes the menu within milliseconds, and the
    field under the menu would answer instead. (The element costs a few milliseconds of this thread; the
    person's input does not wait for it, only its queueing does.)
    """

    def __init__(self, events: queue.Queue[RawEvent] | None = None, pointer: Pointer | None = None,
                 access: Accessibility | None = None) -> None:
        self.events: queue.Queue[RawEvent] = events or queue.Queue()
        self._pointer, self._access = pointer, access
        self.hover = Hover(pointer, access)  # what is under the pointer while the person aims
        self._listeners: list[Any] = []

    def start(self) -> None:
        try:
            from pynput import keyboard, mouse
        except Exception as exc:  # pynput opens the display at import on X11
            raise DisplayUnavailable(f"cannot install input hooks ({exc}); is DISPLAY set to a running X server?") from exc
        self._listeners = [
            mouse.Listener(on_click=self._on_click, on_scroll=self._on_scroll, on_move=self._on_move),
            _fresh_keymap_listener(keyboard)(on_press=self._on_press, on_release=self._on_release),
        ]
        for listener in self._listeners:
            listener.start()
        for listener in self._listeners:
            listener.wait()
        self.hover.start()

    def stop(self) -> None:
        self.hover.stop()
        for listener in self._listeners:
            stop_listener(listener)
        for listener in self._listeners:
            listener.join(timeout=2)
        self._listeners = []

    # --- callbacks: return at once ----------------------------------------------------------

    def _on_click(self, x: int, y: int, button: Any, pressed: bool) -> None:
        t = time.monotonic()
        cursor, element = None, None
        if pressed:  # what the person aimed at: the look while the pointer rested there, else one now
            cursor, element = shape_and_element(self.hover.before(int(x), int(y), t), self._pointer)
        self.events.put(RawEvent(t=t, kind="press" if pressed else "release", x=int(x), y=int(y),
                                 button=getattr(button, "name", str(button)), cursor=cursor, element=element))

    def _on_move(self, x: int, y: int, injected: bool = False) -> None:
        self.hover.moved(int(x), int(y))

    def _on_scroll(self, x: int, y: int, dx: int, dy: int) -> None:
        self.events.put(RawEvent(t=time.monotonic(), kind="scroll", x=int(x), y=int(y), dx=int(dx), dy=int(dy)))

    def _on_press(self, key: Any, injected: bool = False) -> None:
        name, char = describe_key(key)
        self.events.put(RawEvent(t=time.monotonic(), kind="key_down", key=name, char=char))

    def _on_release(self, key: Any, injected: bool = False) -> None:
        name, char = describe_key(key)
        self.events.put(RawEvent(t=time.monotonic(), kind="key_up", key=name, char=char))


def _fresh_keymap_listener(keyboard: Any) -> Any:
    """pynput's keyboard listener, reading keys it cannot name from the X server's current keymap.

    Input methods and tools that type any Unicode character (xdotool, our own player)
    bind it to a spare keycode for a moment. pynput translates keycodes with a keymap
    cached when it started, so such characters arrive as nothing; asking the server
    again recovers them ("张", "ü").
    """

    class Listener(keyboard.Listener):  # type: ignore[misc]
        _conn: Any = None

        def _event_to_key(self, display: Any, event: Any) -> Any:
            key = super()._event_to_key(display, event)
            if getattr(key, "char", None) is None and getattr(key, "name", None) is None:
                ch = self._current_char(event.detail, event.state)
                if ch is not None:
                    return keyboard.KeyCode.from_char(ch)
            return key

        def _current_char(self, keycode: int, state: int) -> str | None:
            if self._conn is None:
                from Xlib import display as xdisplay

                self._conn = xdisplay.Display()
            syms = self._conn.get_keyboard_mapping(keycode, 1)[0]
            sym = (syms[1] if state & 1 and len(syms) > 1 and syms[1] else syms[0]) if syms else 0
            return keysym_char(sym)

    return Listener


def keysym_char(sym: int) -> str | None:
    """The character an X keysym types: Latin-1 keysyms are their code point, Unicode ones carry it."""
    if sym & 0xFF000000 == 0x01000000:
        return chr(sym & 0x00FFFFFF)
    if 0x20 <= sym <= 0x7E or 0xA0 <= sym <= 0xFF:
        return chr(sym)
    return None


def describe_key(key: Any) -> tuple[str | None, str | None]:
    """pynput's Key or KeyCode as a normalised key name and the character it produced."""
    name = getattr(key, "name", None)
    if name is not None:  # a special key: Key.tab, Key.ctrl_l ...
        return KEY_NAMES.get(name, name), (" " if name == "space" else None)
    char = getattr(key, "char", None)
    if char is None:
        vk = getattr(key, "vk", None)
        return (f"vk{vk}" if vk is not None else None), None
    base = char.lower() if len(char) == 1 and char.isascii() and char.isalpha() else None
    return base, char


def stop_listener(listener: Any) -> None:
    """Stop a pynput listener so that its thread ends now, before the display can go away.

    On X, ``Listener.stop()`` queues the RECORD "disable" on the connection its own thread is blocked
    reading, unflushed; the thread then wakes only at the next key or click -- or, once the display is
    gone, dies with Xlib's ConnectionClosedError on stderr. Sending the same request on the listener's
    idle second connection (what pynput itself does as the thread ends) and flushing it wakes the thread.
    """
    listener.stop()
    conn, context = getattr(listener, "_display_stop", None), getattr(listener, "_context", None)
    if conn is None or context is None:
        return  # not the X backend, or never started
    try:
        conn.record_disable_context(context)
        conn.flush()
    except Exception as exc:  # the display already gone: the thread ends with it
        log.debug("could not wake the listener: %s", exc)

