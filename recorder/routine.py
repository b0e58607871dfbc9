"""Assembling the routine: anchors for pointer steps, waits seen on screen, secrets, the final folder."""

from __future__ import annotations

import dataclasses
import logging
import re
import shutil
from collections.abc import Callable
from pathlib import Path

from deskpilot.compliance import events
from deskpilot import model as m
from deskpilot.atomic import write_atomic
from deskpilot.format import dump_new_routine
from deskpilot.format.loader import ROUTINE_FILE
from deskpilot.geometry import Point, Rect
from deskpilot.ports import Accessibility, Element, Frame, Ocr, WindowList, Word
from deskpilot.images import write_png
from deskpilot.vision.blackout import only_window
from deskpilot.vision.resolve import Resolver
from deskpilot.vision.text import fold
from deskpilot.variables import free_name, value_name
from deskpilot.recorder.anchors import Built, Clicked, build_target, element_anchor_at, text_present
from deskpilot.recorder.appeared import CONFIRMING, ScreenChange, appeared, closed_windows, title_changes, wait_step
from deskpilot.recorder.secret_typing import is_secret_label
from deskpilot.recorder.labels import label_of_change
from deskpilot.recorder.steps import RecordedStep

__all__ = ["RoutineAssembler", "ScreenChange", "finish_folder"]

log = logging.getLogger(__name__)
SCREENS = "screens"  # frames kept with the recording ("frames/" is the crash-recovery buffer, dropped at the end)


class RoutineAssembler:
    """Collects finished steps in order; each pointer step gets its anchors from the frame before its press."""

    def __init__(self, name: str, folder: Path, resolver: Resolver, windows: WindowList | None,
                 screen: tuple[int, int], *, lang: str = "eng", second: Ocr | None = None,
                 hidden: Callable[[], list[Rect]] = lambda: [], access: Accessibility | None = None) -> None:
        self.name, self.folder, self.resolver, self.windows = name, folder, resolver, windows
        self.access = access  # the tree, for telling an element from its twins
        self.screen, self.lang, self.second = screen, lang, second
        self.hidden = hidden  # areas kept out of every saved picture: DeskPilot's own recording bar
        self.steps: list[m.Step] = []
        self.secrets: list[str] = []
        self.variables: dict[str, str] = {}
        self.confirmation: m.Step | None = None  # the application's own confirmation, seen after the last action
        self._images = 0
        self._screens = 0
        self._last_words: tuple[Word, ...] | None = None
        self._secret_var: str | None = None
        self._clicked: Built | None = None  # the field the last step clicked, while typing may follow
        self._then: WindowList | None = windows  # the windows as they were for the step in hand
        self._typed: set[str] = set()  # every text typed so far, folded: values on screen are no labels

    def save_frame(self, path: Path, frame: Frame, window: Rect | None = None) -> None:
        """Keep the frame for recovery after a crash (the clicked window only); deleted when the recording ends."""
        write_png(path, only_window(frame, window, self.hidden()), compression=1)

    def add(self, recorded: RecordedStep, frame: Frame | None, *, secret: bool, cursor: str | None = None,
            typed: tuple[Frame, Frame] | None = None, windows: WindowList | None = None,
            secret_name: str | None = None, element: Element | None = None) -> list[tuple[int, m.Step]]:
        """A finished step, anchored on ``frame`` (pointer steps); typing with ``typed``, the screen before and
        after it, to find the field it went into. ``windows``: the windows as they were then."""
        self._then = windows or self.windows
        step = recorded.step
        added: list[m.Step] = []
        if isinstance(step, m.Type) and secret_name and not self._secret_var:
            self._secret_var = secret_name  # found secret when the typing ended: reached by Tab, or an IBAN
            if secret_name not in self.secrets:
                self.secrets.append(secret_name)
        if isinstance(step, m.Type) and not self._secret_var:
            self._typed.add(fold(step.text))  # a secret is kept nowhere, not even here
        clicked, self._clicked = self._clicked, None
        if clicked is not None and _keeps_focus(step):  # Ctrl+A, End, Backspace in the field: still in it
            self._clicked = dataclasses.replace(clicked, held=clicked.held and not _clears(step))
        if isinstance(step, m.Type) and self._secret_var:
            step = dataclasses.replace(step, text="{{ " + self._secret_var + " }}")
        elif isinstance(step, m.Type) and clicked is not None:
            step = self._typed_into(step, clicked)
        elif isinstance(step, m.Type) and typed is not None:
            step = self._named_by_change(step, *typed)
        elif not isinstance(step, m.Type):
            self._secret_var = None  # Tab, Enter or a click leave the secret field
        if recorded.at is not None and frame is not None:
            step, wait = self._anchored(recorded, frame, secret, cursor, element)
            if wait is not None:
                added.append(wait)
        return self._append(added + [step])

    def _append(self, added: list[m.Step]) -> list[tuple[int, m.Step]]:
        self.steps += added
        start = len(self.steps) - len(added) + 1
        return list(enumerate(added, start=start))

    def _typed_into(self, step: m.Type, clicked: Built) -> m.Type:
        """Typing right after a click into a field: after what it held, or in place of it; a labelled value
        becomes a variable named after its label, so a spreadsheet's columns can fill it."""
        if clicked.held:
            step = dataclasses.replace(step, mode="append")
        if clicked.label and not clicked.own and is_secret_label(clicked.label):
            return self._as_secret(step, clicked.label)
        if clicked.label and not clicked.own:
            name = free_name(value_name(clicked.label), self.variables)
            self.variables[name] = step.text
            step = dataclasses.replace(step, text="{{ " + name + " }}")
        return step

    def _named_by_change(self, step: m.Type, before: Frame, after: Frame) -> m.Type:
        """Typing reached by Tab or a key: the field is where the text appeared; its label names the variable."""
        phrase = label_of_change(before, after, self.resolver, self._then, second=self.second, typed=self._typed)
        if phrase is None:
            return step
        if is_secret_label(phrase.text):
            return self._as_secret(step, phrase.text)
        name = free_name(value_name(phrase.text), self.variables)
        self.variables[name] = step.text
        return dataclasses.replace(step, text="{{ " + name + " }}")

    def _as_secret(self, step: m.Type, label: str) -> m.Type:
        """A value typed next to a password label is a secret, whatever the typing looked like: the last
        net under the judgement of the run (a field that showed its text, a frame without the dots)."""
        name = _variable_name(label)
        if name not in self.secrets:
            self.secrets.append(name)
        self._typed.discard(fold(step.text))
        log.warning("typing next to %r kept as the secret %s, not as a value", label, name)
        return dataclasses.replace(step, text="{{ " + name + " }}")

    def wait_for_change(self, change: ScreenChange) -> m.WaitFor | None:
        """What the person waited for before a key: a window that opened, one that closed, or a text that
        appeared (a terminal's message box redrawn in place). The caller adds it after the step before.

        Keys go to whatever window has the focus; pressed while a dialog is still opening or closing
        they land in the wrong one, so the replay waits as the person did.
        """
        new, closed = change.new_windows(), change.closed()
        title = next((w.title for w in new if w.title), None)
        if title is not None:
            return m.WaitFor(target=_window_target(title), note="opened after the action before")
        if closed and not new:
            title = next((w.title for w in closed if w.title), None)
            if title is None:
                return None
            return m.WaitFor(target=_window_target(title), gone=True, note="closed after the action before")
        for seen in appeared(change, self.resolver, self.second, self.lang):
            wait = wait_step(seen, "appeared after the action before", self.variables)
            if wait is not None:
                return wait
        return None

    def add_wait(self, wait: m.WaitFor) -> list[tuple[int, m.Step]]:
        self._clicked = None  # a window opened or closed since the last click: the focus is not where it was
        return self._append([wait])

    def confirm(self, change: ScreenChange) -> None:
        """The application's confirmation after the last action, offered as the routine's final check."""
        seen = appeared(change, self.resolver, self.second, self.lang)
        waits = [w for w in (wait_step(one, "the application's confirmation, seen after the last action",
                                       self.variables) for one in seen) if w is not None]
        if waits and CONFIRMING.search(waits[0].target.anchors[0].text):  # type: ignore[union-attr]
            self.confirmation = waits[0]
            return
        titles = title_changes(change)
        if titles:
            self.confirmation = m.WaitFor(target=_window_target(titles[0], self.variables),
                                          note="the window's title after the last action: the application's "
                                               "confirmation")
            return
        closed = closed_windows(change)
        if closed:
            self.confirmation = m.WaitFor(target=_window_target(closed[0]), gone=True,
                                          note="the dialog closed after the last action")

    def _anchored(self, recorded: RecordedStep, frame: Frame, secret: bool, cursor: str | None,
                  element: Element | None = None) -> tuple[m.Step, m.Step | None]:
        """Replace the placeholder point target(s) with real anchors, and see whether the target had to appear."""
        assert recorded.at is not None
        built = self._build(frame, Point(*recorded.at), cursor, element)
        step = recorded.step
        if isinstance(step, m.Drag) and recorded.at_end is not None:
            end = self._build(frame, Point(*recorded.at_end))
            step = dataclasses.replace(step, source=built.target, dest=end.target, weak=built.weak or end.weak)
        else:
            step = dataclasses.replace(step, target=built.target, weak=built.weak)  # type: ignore[call-arg]
        if isinstance(step, m.Click) and built.text_field:
            step = dataclasses.replace(step, cursor="text")
        if isinstance(step, m.Click) and step.button == "left" and not step.modifiers and (
                built.text_field or cursor is None or built.spreadsheet):
            self._clicked = built  # typing that follows goes into this field (not after a button or a menu item)
        step = dataclasses.replace(step, frame=self._keep_screen(frame, Point(*recorded.at)))
        self._secret_var = _variable_name(built.label) if secret and isinstance(step, m.Click) else None
        if self._secret_var and self._secret_var not in self.secrets:
            self.secrets.append(self._secret_var)
        wait = None
        if (self._last_words is not None and built.label and isinstance(step, m.Click)
                and text_present(built.words, built.label) and not text_present(self._last_words, built.label)):
            wait = m.WaitFor(target=_label_target(built.target), note="appeared only after the previous action")
        self._last_words = built.words
        return step, wait

    def _keep_screen(self, frame: Frame, point: Point) -> str:
        """The frame the anchors came from, kept in the recording so the editor can show it and re-pick on it."""
        self._screens += 1
        name = f"{SCREENS}/{self._screens:03d}.png"
        window = self._then.at(point) if self._then is not None else None
        write_png(self.folder / name, only_window(frame, window.rect if window else None, self.hidden()))
        return name

    def _build(self, frame: Frame, point: Point, cursor: str | None = None, element: Element | None = None) -> Built:
        self._images += 1
        windows = self._then
        resolver = self.resolver.with_windows(windows) if windows is not self.windows else self.resolver
        return build_target(frame, point, resolver=resolver, windows=windows, folder=self.folder,
                            image_name=f"anchors/{self._images:03d}.png", screen=self.screen,
                            clicked=Clicked(cursor=cursor, second=self.second, typed=frozenset(self._typed),
                                            element=element_anchor_at(element, point, windows, self.access)))

    def routine(self, *, manual_seconds: float) -> m.Routine:
        steps = tuple(self.steps) + ((self.confirmation,) if self.confirmation is not None else ())
        routine = m.Routine(name=self.name, steps=steps or (m.Press(key="esc", note="nothing was recorded"),),
                            manual_seconds=round(manual_seconds, 1), lang=self.lang, secrets=tuple(self.secrets),
                            variables=dict(self.variables))
        saves = routine.commit_index() if self.confirmation is not None else None
        if saves is None:
            return routine
        marked = list(routine.steps)
        marked[saves] = dataclasses.replace(marked[saves], commits=True)  # the step that makes it save: visible, editable
        return dataclasses.replace(routine, steps=tuple(marked))


def _window_target(title: str, values: dict[str, str] | None = None) -> m.Target:
    """A window known by its whole title, a recorded value in it as its variable, the folders of a path in it
    left open ("/home/anna/note.txt" is "note.txt" in whatever folder), a "(modified)" mark optional."""
    pattern = "^" + re.escape(title) + "$"
    for name, value in sorted((values or {}).items(), key=lambda kv: -len(kv[1])):
        if len(value) >= 3 and re.escape(value) in pattern:
            pattern = pattern.replace(re.escape(value), "{{ " + name + " }}")
    pattern = re.sub(r"(?:/[^/\s]+)*/", ".*/", pattern.replace(re.escape("/"), "/"))
    pattern = pattern.replace(re.escape(" (modified)"), "(" + re.escape(" (modified)") + ")?")
    return m.Target(anchors=(m.WindowAnchor(window=pattern, point=(10, 10)),))


def _label_target(target: m.Target) -> m.Target:
    """The target's label as a thing to wait for: the text itself, where it was in its window; the element
    it names first, where the tree named one."""
    element: list[m.Anchor] = [e for e in target.anchors[:1] if isinstance(e, m.ElementAnchor)]
    a = next((t for t in target.anchors if isinstance(t, m.TextAnchor)), None)
    if a is None:
        return m.Target(anchors=tuple(element) + tuple(w for w in target.anchors if isinstance(w, m.WindowAnchor)))
    at = next((p.at for p in target.anchors if isinstance(p, m.PointAnchor)), None)
    if at is None:
        return m.Target(anchors=(*element, m.TextAnchor(text=a.text, height=a.height, near=a.near)))
    centre = (round(at[0] - a.offset[0]), round(at[1] - a.offset[1]))
    out: list[m.Anchor] = [*element, m.TextAnchor(text=a.text, height=a.height, near=centre)]
    for w in target.anchors:
        if isinstance(w, m.WindowAnchor):
            out.append(m.WindowAnchor(window=w.window, point=(w.point[0] - round(a.offset[0]),
                                                              w.point[1] - round(a.offset[1]))))
    out.append(m.PointAnchor(at=centre))
    return m.Target(anchors=tuple(out))


KEEP_FOCUS_KEYS = frozenset({"end", "home", "left", "right", "backspace", "delete"})


def _keeps_focus(step: m.Step) -> bool:
    """A key the person pressed in the field they clicked into, before typing: the typing still goes there."""
    if isinstance(step, m.Press):
        return step.key in KEEP_FOCUS_KEYS
    return isinstance(step, m.Hotkey) and step.keys in (("ctrl", "a"), ("shift", "home"), ("shift", "end"))


def _clears(step: m.Step) -> bool:
    """Select all (or the person deleting): what follows replaces the field's content, it is not typed after it."""
    return (isinstance(step, m.Hotkey) and step.keys == ("ctrl", "a")) or (
        isinstance(step, m.Press) and step.key in ("backspace", "delete"))


def _variable_name(label: str | None) -> str:
    slug = re.sub(r"[^a-z0-9]+", "_", (label or "secret").lower()).strip("_")
    if not slug or slug[0].isdigit() or not slug.isascii():
        return "secret"
    return slug


def finish_folder(work: Path, final: Path, routine: m.Routine) -> Path:
    """Write routine.yaml, drop the journal and frames, and move the folder into place as one rename."""
    write_atomic(work / ROUTINE_FILE, dump_new_routine(routine))
    (work / "journal.jsonl").unlink(missing_ok=True)
    shutil.rmtree(work / "frames", ignore_errors=True)
    if final.exists():
        final = _free_name(final)
    work.rename(final)
    events.recorded(final)  # who recorded which version: the first entry of a recording's story
    return final


def _free_name(path: Path) -> Path:
    n = 2
    while path.with_name(f"{path.name}-{n}").exists():
        n += 1
    return path.with_name(f"{path.name}-{n}")
