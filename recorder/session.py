"""A recording session: hooks in, journal to disk, steps with anchors out, a routine folder at the end.

Three threads keep the person's input lag-free: the pynput listeners only enqueue;
the journal thread writes each event to disk (and decides, at each press, whether
the field is a secret one, so its keys are never written in clear); the steps
thread builds steps and their anchors, which is where the OCR time goes.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import queue
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from deskpilot import model as m
from deskpilot.errors import DataError, DisplayUnavailable
from deskpilot.geometry import Point, Rect
from deskpilot.ports import Accessibility, Backend, Element, Frame, Ocr, Pointer, Screen, Window, WindowList
from deskpilot.vision.elements import SECRET_ROLES
from deskpilot.vision.resolve import Resolver
from deskpilot.vision.text import find_phrases
from deskpilot.input_events import RawEvent, modifier_of
from deskpilot.recorder.frames import FrameBuffer, WindowsThen
from deskpilot.recorder.journal import SUFFIX, Journal, JournalHeader
from deskpilot.recorder.labels import label_for, readable
from deskpilot.recorder.routine import RoutineAssembler, ScreenChange, finish_folder
from deskpilot.recorder.secret_typing import TypingRun, Verdict, is_secret_label, judge, redacted
from deskpilot.recorder.steps import PRESS_KEYS, RecordedStep, StepBuilder

log = logging.getLogger(__name__)
STOP_KEYS = frozenset({"ctrl", "alt", "shift", "s"})
PAUSE_KEYS = frozenset({"ctrl", "alt", "shift", "p"})

LATE_FRAME = 0.3  # seconds after a run's end a frame may be taken and still show that run's field
QUIET_RUN = 0.6  # seconds without a key inside a run of typing before what it holds may be journaled


class RecorderListener(Protocol):
    def step_recorded(self, index: int, step: m.Step) -> None: ...

    def state_changed(self, state: str) -> None: ...


@dataclass
class RecordOptions:
    name: str
    out: Path
    lang: str = "eng"
    stop_keys: frozenset[str] = STOP_KEYS
    pause_keys: frozenset[str] = PAUSE_KEYS
    # screen areas whose clicks are not the routine's: the GUI's own recording bar
    ignore_areas: Callable[[], list[Rect]] = field(default=lambda: [])

    def __post_init__(self) -> None:
        check_name(self.name)


NAME = re.compile(r"[\w.-]+")


def check_name(name: str) -> None:
    """A recording's name is a folder name inside the library: never a path ("../x"), never hidden."""
    if not NAME.fullmatch(name) or name.startswith(".") or name in (".", ".."):
        raise DataError(f"recording name {name!r}: use letters, digits, '-', '_' and '.' only (not starting with '.')")


@dataclass
class _Press:
    index: int
    frame: Frame | None
    secret: bool
    cursor: str | None = None
    windows: WindowsThen | None = None  # the windows when the frame was taken
    element: Element | None = None  # the control the accessibility tree names under the press


@dataclass
class _Moment:
    """The screen and the windows just before an action: what the next action, or the end, is compared with."""

    t: float
    frame: Frame | None
    windows: tuple[Window, ...]
    key: str | None = None  # the key pressed, for a key press

@dataclass
class Recorder:
    """Owns one recording from start to the written routine folder."""

    options: RecordOptions
    hooks: object  # deskpilot.platform.pynput_hooks.PynputHooks or a fake with .events, start(), stop()
    screen_factory: Callable[[], Screen]
    ocr: Ocr
    windows: WindowList | None
    listener: RecorderListener | None = None
    stopped: threading.Event = field(default_factory=threading.Event)
    paused: bool = False
    pointer: Pointer | None = None  # the pointer's shape at each press: a text cursor marks a field
    second_ocr: Ocr | None = None  # a second, different reading: labels are kept only when both agree
    access: Accessibility | None = None  # the accessibility tree, where the applications expose one

    def __post_init__(self) -> None:
        self.folder = self.options.out / (self.options.name + SUFFIX)
        self.frames = FrameBuffer(self.screen_factory, windows=self.windows)
        self._to_steps: queue.Queue[tuple[RawEvent, _Press | Verdict | ScreenChange | None] | None] = queue.Queue()
        self._held: set[str] = set()
        self._presses = 0
        self._secret_field = False
        self._last: _Moment | None = None  # just before the last action
        self._stop_t: float | None = None
        self._typing = False  # inside a run of typed characters
        self._run: TypingRun | None = None  # the run's key events, held until it is known whether it is a secret

    # --- life cycle ---------------------------------------------------------------------------

    def start(self) -> None:
        screen = self.screen_factory()
        bounds = screen.bounds()
        header = JournalHeader(name=self.options.name, started=dt.datetime.now().astimezone().isoformat(),
                               screen=(bounds.w, bounds.h), lang=self.options.lang)
        self.journal = Journal(self.folder, header)
        self.resolver = Resolver(screen, self.ocr, self.windows, self.folder, lang=self.options.lang,
                                 access=self.access)
        self.assembler = RoutineAssembler(self.options.name, self.folder, self.resolver, self.windows,
                                          (bounds.w, bounds.h), lang=self.options.lang, second=self.second_ocr,
                                          hidden=self.options.ignore_areas, access=self.access)
        self.builder = StepBuilder({self.options.stop_keys, self.options.pause_keys})
        self.frames.start()
        time.sleep(0.15)  # one frame in the buffer before the first press
        self._threads = [threading.Thread(target=self._journal_loop, name="deskpilot-journal", daemon=True),
                         threading.Thread(target=self._steps_loop, name="deskpilot-steps", daemon=True)]
        for t in self._threads:
            t.start()
        self.hooks.start()  # type: ignore[attr-defined]
        self._state("recording")

    def stop(self) -> Path:
        """Stop listening, finish every pending step, write the routine folder atomically."""
        self.hooks.stop()  # type: ignore[attr-defined]
        self.stopped.set()
        for t in self._threads:
            t.join(timeout=120)
        end = self._moment(self._stop_t or time.monotonic())
        self.frames.stop()
        self.journal.close()
        if self._last is not None and end.frame is not None and self._last.frame is not None:
            self.assembler.confirm(ScreenChange(self._last.frame, end.frame, self._last.windows, end.windows))
        routine = self.assembler.routine(manual_seconds=self.builder.duration())
        final = finish_folder(self.folder, self.options.out / self.options.name, routine)
        self._state("stopped")
        return final

    def wait(self) -> None:
        """Block until the stop hotkey (or ``stopped.set()`` from a signal handler)."""
        while not self.stopped.wait(0.2):
            pass

    def _state(self, state: str) -> None:
        if self.listener is not None:
            self.listener.state_changed(state)

    # --- the journal thread: in order, fast, nothing in clear that should not be ----------------

    def _journal_loop(self) -> None:
        events: queue.Queue[RawEvent] = self.hooks.events  # type: ignore[attr-defined]
        while True:
            try:
                e = events.get(timeout=0.1)
            except queue.Empty:
                self._journal_quiet_run()
                self.journal.tick()
                if self.stopped.is_set():
                    break
                continue
            if self._control(e):
                continue
            if self.paused or self._on_own_controls(e):
                continue
            if e.kind == "press" and e.cursor is None and self.pointer is not None:  # hooks that could not tell
                e = dataclasses.replace(e, cursor=self.pointer.shape())
            element = e.element if e.kind == "press" else None  # looked at by the hooks as the person aimed
            change = self._between_keys(e) if e.kind == "key_down" and not modifier_of(e.key) else None
            if change is not None:
                marker = RawEvent(t=e.t - 1e-6, kind="screen")
                self.journal.append(marker)
                self._to_steps.put((marker, change))
            if e.kind in ("key_down", "press", "scroll") and self._run is not None and not self._is_typing(e):
                self._end_run(e.t)  # decided, and written, before whatever ends it
            press: _Press | Verdict | None = self._on_press(e, element) if e.kind == "press" else None
            if e.kind in ("key_down", "press"):
                typing = self._is_typing(e)
                if typing and not self._typing:
                    press = Verdict(self.frames.before(e.t))
                    self._run = TypingRun(press, secret_field=self._secret_field)
                self._typing = typing
            if self._run is not None and e.kind in ("key_down", "key_up"):
                self._run.events.append(e)  # held back: journaled once the run's nature is known
            else:
                self.journal.append(e)
            self._tell_seen(e, typing_started=isinstance(press, Verdict))
            self._to_steps.put((e, press))
        if self._run is not None:
            self._end_run(self._stop_t or time.monotonic())  # judged on the screen before Stop was pressed
        self._to_steps.put(None)

    def _end_run(self, t: float) -> None:
        """A run of typing ended: decide whether it was a secret, then journal it -- redacted if it was."""
        run, self._run = self._run, None
        assert run is not None
        run.verdict.secret = judge(run, self._after_typing(run, t), self.resolver, self.windows,
                                   self.options.ignore_areas())
        rest = run.events[run.journaled:]
        for event in (redacted(rest) if run.verdict.secret else rest):
            self.journal.append(event)

    def _after_typing(self, run: TypingRun, t: float) -> Frame | None:
        """The screen to judge a run on: the last frame before what ended it, if it was taken after the last
        key; else a later one taken soon after (the toolkit may draw the last dots late). Never a frame from
        well after the end: after Stop, DeskPilot's own window is back on the screen."""
        before = self.frames.before(t)
        last_key = run.events[-1].t if run.events else t
        if before is not None and before.taken_at >= last_key:
            return before
        latest = self.frames.latest()
        return latest if latest is not None and latest.taken_at <= t + LATE_FRAME else before

    def _journal_quiet_run(self) -> None:
        """The person paused inside a run of typing: journal what it holds when it cannot be a secret, so a
        recorder killed now loses nothing of it. A run with a digit stays held (the first half of an account
        or card number), and so does one the screen or its field shows to be a password."""
        run = self._run
        if run is None or not run.events or run.looked_at == len(run.events) \
                or time.monotonic() - run.events[-1].t < QUIET_RUN:
            return
        run.looked_at = len(run.events)
        if any(ch.isdigit() for ch in run.text()):
            return
        if judge(run, self._after_typing(run, time.monotonic()), self.resolver, self.windows,
                 self.options.ignore_areas()) is not None:
            return
        for event in run.events[run.journaled:]:
            self.journal.append(event)
        run.journaled = len(run.events)

    def _tell_seen(self, e: RawEvent, *, typing_started: bool) -> None:
        """Tell a listener that has ``action_seen`` what the person just did, at once: a click becomes a step only
        when the next action shows it was no double click, typing only when it ends (the GUI shows it pending)."""
        notify = getattr(self.listener, "action_seen", None)
        if notify is None:
            return
        if e.kind == "press":
            notify("click", f"{e.x}, {e.y}")
        elif typing_started:
            notify("type", "")  # never the characters: they may be a secret's
        elif e.kind == "key_down" and (e.key or "").lower() in PRESS_KEYS and not self._is_typing(e) \
                and not self._held & {"ctrl", "alt", "super"}:
            notify("key", (e.key or "").lower())

    def _is_typing(self, e: RawEvent) -> bool:
        """A key that types a character: not a named key, not a shortcut (Ctrl+U arrives as "u" on X11)."""
        return (e.kind == "key_down" and e.char is not None and e.char.isprintable()
                and (e.key or "").lower() not in PRESS_KEYS - {"space"} and not self._held & {"ctrl", "alt", "super"})

    def _moment(self, t: float, key: str | None = None) -> _Moment:
        frame = self.frames.before(t)
        then = self.frames.windows_then(frame)
        return _Moment(t, frame, tuple(then.all()) if then is not None else (), key)

    def _between_keys(self, e: RawEvent) -> ScreenChange | None:
        """What changed before a key that the person waited for: a window opened or closed since the last
        action, or a good part of a window changed after a key like Enter (a terminal form redrawn in place).
        Typing inside a run is not looked at.
        """
        key = (e.key or "").lower()
        typing = self._is_typing(e)
        now = self._moment(e.t, key if key in PRESS_KEYS else None)
        last, self._last = self._last, now
        if last is None or last.frame is None or now.frame is None or (typing and self._typing):
            return None
        change = ScreenChange(last.frame, now.frame, last.windows, now.windows)
        if change.new_windows() or change.closed():
            return change
        if last.key is not None and change.significant():  # Enter, then a form or a message drawn in place
            return change
        return None

    def _on_own_controls(self, e: RawEvent) -> bool:
        if e.kind not in ("press", "release", "scroll"):
            return False
        return any(area.contains(Point(e.x, e.y)) for area in self.options.ignore_areas())

    def set_paused(self, paused: bool) -> None:
        self.paused = paused
        self.frames.pause(paused)
        self._state("paused" if paused else "recording")

    def _control(self, e: RawEvent) -> bool:
        """Stop and pause hotkeys act here and are never journaled or recorded."""
        mod = modifier_of(e.key)
        if mod:
            (self._held.add if e.kind == "key_down" else self._held.discard)(mod)
            return False
        if e.kind != "key_down":
            return False
        combo = frozenset(self._held | {(e.key or e.char or "").lower()})
        if combo == self.options.stop_keys:
            self._stop_t = e.t
            self.stopped.set()
            return True
        if combo == self.options.pause_keys:
            self.set_paused(not self.paused)
            return True
        return False

    def _on_press(self, e: RawEvent, element: Element | None = None) -> _Press:
        self._presses += 1
        self._last = self._moment(e.t)
        frame = self._last.frame
        if frame is not None:
            then = self.frames.windows_then(frame)
            window = then.at(Point(e.x, e.y)) if then is not None else None
            self.assembler.save_frame(self.journal.frame_path(self._presses), frame, window.rect if window else None)
        self._secret_field = (element is not None and element.role in SECRET_ROLES) or (
            frame is not None and _looks_secret(frame, Point(e.x, e.y), self.resolver))
        return _Press(self._presses, frame, self._secret_field, e.cursor, self.frames.windows_then(frame), element)

    # --- the steps thread: events to steps to anchors -------------------------------------------------

    def _steps_loop(self) -> None:
        presses: dict[float, _Press | Verdict] = {}
        while True:
            item = self._to_steps.get()
            if item is None:
                break
            e, press = item
            if isinstance(press, (_Press, Verdict)):
                presses[e.t] = press
            if isinstance(press, ScreenChange):  # split the key run only for what the person waited for
                wait = self.assembler.wait_for_change(press)
                if wait is None:
                    continue
                for recorded in self.builder.feed(e):
                    self._emit(recorded, presses, self.frames.before(e.t))
                self._announce(self.assembler.add_wait(wait))
                continue
            for recorded in self.builder.feed(e):
                self._emit(recorded, presses, self.frames.before(e.t))
        for recorded in self.builder.flush():
            self._emit(recorded, presses, self.frames.latest())

    def _emit(self, recorded: RecordedStep, presses: dict[float, _Press | Verdict], now: Frame | None) -> None:
        """A finished step to the assembler: a pointer step with the frame before its press, typing with the
        frames before and after it."""
        press = presses.get(recorded.t_start)
        if isinstance(press, Verdict):
            typed = (press.frame, now) if press.frame is not None and now is not None else None
            self._announce(self.assembler.add(recorded, None, secret=False, typed=typed, secret_name=press.secret,
                                              windows=self.frames.windows_then(now)))
            return
        self._announce(self.assembler.add(recorded, press.frame if press else None, secret=bool(press and press.secret),
                                          cursor=press.cursor if press else None,
                                          windows=press.windows if press else None,
                                          element=press.element if press else None))

    def _announce(self, added: list[tuple[int, m.Step]]) -> None:
        for index, step in added:
            if self.listener is not None:
                self.listener.step_recorded(index, step)


def _looks_secret(frame: Frame, point: Point, resolver: Resolver) -> bool:
    """Is the clicked field labelled like a password (its label left of it or above it)?"""
    strip = frame.rect.intersect(Rect(point.x - 420, point.y - 60, 440, 80))  # its row and the line above
    if strip is None:
        return False
    words = readable(resolver.words(frame, strip))
    phrase = label_for(frame, words, point, text_field=True, second=None, lang=resolver.lang)
    return is_secret_label(phrase.text if phrase else None) or any(
        p.similarity >= 0.9 for p in find_phrases(words, "Password"))



def open_recorder(options: RecordOptions, listener: RecorderListener | None = None,
                  platform: Backend | None = None) -> Recorder:
    """A recorder on this machine's backend, with Tesseract reading twice (labels kept when both agree)."""
    from deskpilot.platform import backend
    from deskpilot.vision.second_reading import recorder_second
    from deskpilot.vision.tesseract import SECOND_READING, TesseractOcr

    platform = platform or backend()
    if platform.hooks is None:
        raise DisplayUnavailable(f"the {platform.name} backend cannot record (it sees no keys or clicks): "
                                 "record on the machine itself, then replay here")
    access = platform.accessibility()  # None: old toolkits, terminals, remote desktops: recorded visually
    return Recorder(options, platform.hooks(), platform.screen, TesseractOcr(), platform.windows(),
                    listener=listener, pointer=platform.pointer(),
                    second_ocr=recorder_second(TesseractOcr(**SECOND_READING)), access=access)  # type: ignore[arg-type]
