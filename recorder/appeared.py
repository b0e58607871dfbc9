"""What the screen showed that it did not show before: the wait between two key presses, the final check.

A person who presses Enter, sees a message box and presses Enter again waited for the
box; a replay must wait for it too. A person who saves and sees "Saved C-1001" (or the
title turn from "*Untitled" into the file's name) saw the application confirm the work;
a replay must see that too before a data row counts as done. Both come from comparing
the screen before an action with the screen after it, kept to text a person would read.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from deskpilot import model as m
from deskpilot.geometry import Rect
from deskpilot.ports import Frame, Ocr, Window, Word
from deskpilot.vision.field import changed_regions
from deskpilot.vision.resolve import Resolver
from deskpilot.vision.text import find_phrases, fold, group_lines, phrase_text, union
from deskpilot.recorder.labels import read_twice, readable

SIGNIFICANT_SHARE = 0.01  # of the window: worth reading what appeared (a message box redrawn in place)
CONFIRMING = re.compile(r"sav|added|creat|stored|posted|record|done|success|complete|updated|written|exported"
                        r"|保存|成功|完成|已|添加|登记|gespeichert|enregistr|guardad", re.IGNORECASE)


@dataclass(frozen=True)
class ScreenChange:
    """The screen and its windows before and after something happened (the windows as they were then)."""

    before: Frame
    after: Frame
    windows_before: tuple[Window, ...]
    windows_after: tuple[Window, ...]

    def new_windows(self) -> list[Window]:
        old = {w.id for w in self.windows_before}
        return [w for w in self.windows_after if w.id not in old]

    def closed(self) -> list[Window]:
        now = {w.id for w in self.windows_after}
        return [w for w in self.windows_before if w.id not in now]

    def significant(self) -> bool:
        """A window opened, or a good part of a window changed (a terminal's dialog redrawn in place)."""
        if self.new_windows():
            return True
        regions = changed_regions(self.before, self.after, join=12)
        changed = sum(r.w * r.h for r in regions)
        touched = [w.rect for w in self.windows_after if any(w.rect.intersect(r) for r in regions)]
        area = max((r.w * r.h for r in touched), default=self.after.rect.w * self.after.rect.h)
        return changed >= SIGNIFICANT_SHARE * area


@dataclass(frozen=True)
class Seen:
    """A phrase that appeared, where, and in which window."""

    text: str
    box: Rect
    window: Window | None


def appeared(change: ScreenChange, resolver: Resolver, second: Ocr | None, lang: str) -> list[Seen]:
    """Readable phrases on the screen after that were not on it before, in the regions that changed.

    Phrases are lines of close words; each must survive the second reading. The most
    telling come first: a confirmation's words ("Saved", "added", "保存"), then the lowest
    on screen (a status line).
    """
    regions = changed_regions(change.before, change.after, join=12)
    if not regions:
        return []
    out: list[Seen] = []
    for window in _windows_touched(regions, change.windows_after, change.after):
        area = change.after.rect.intersect(window.rect) if window is not None else change.after.rect
        if area is None:
            continue
        after = readable(resolver.words(change.after, area))
        before = readable(resolver.words(change.before, area))
        for phrase in _phrases(after):
            text = phrase_text(phrase)
            box = union([w.box for w in phrase])
            if not any(r.intersect(box) for r in regions) or _was_there(text, before):
                continue
            if read_twice(change.after, phrase, second, lang):
                out.append(Seen(text, box, window))
    return sorted(out, key=lambda s: (not CONFIRMING.search(s.text), -s.box.y))


def title_changes(change: ScreenChange) -> list[str]:
    """Titles of windows that are new, or whose title changed (a saved document's name, a '*' gone)."""
    before = {w.id: w.title for w in change.windows_before}
    return [w.title for w in change.windows_after if w.title and before.get(w.id) != w.title]


def closed_windows(change: ScreenChange) -> list[str]:
    return [w.title for w in change.closed() if w.title]


def templated(text: str, values: Mapping[str, str]) -> str:
    """The text with each variable's recorded value replaced by its placeholder: "Saved {{ customer_id }}".

    Other numbers are the application's own (a counter, a date, a time: "Saved entry 4") and differ on the
    next run; they are left out, and the rest of the text is what is waited for.
    """
    for name, value in sorted(values.items(), key=lambda kv: -len(kv[1])):
        if len(value) >= 3 and value in text:
            text = text.replace(value, "{{ " + name + " }}")
    parts = re.split(r"(\{\{[^}]*\}\})", text)
    kept = [p if p.startswith("{{") else re.sub(r"[^\s{}]*\d[^\s{}]*", " ", p) for p in parts]
    return re.sub(r"\s+", " ", "".join(kept)).strip()


def _windows_touched(regions: list[Rect], windows: Sequence[Window], frame: Frame) -> list[Window | None]:
    touched = [w for w in windows if any(w.rect.intersect(r) for r in regions)]
    return list(reversed(touched)) or [None]  # the top window first: a dialog over its form


def _phrases(words: list[Word]) -> list[list[Word]]:
    """Each OCR line split where the gap between words is wider than two text heights."""
    out: list[list[Word]] = []
    for line in group_lines(words):
        current = [line[0]]
        for a, b in zip(line, line[1:]):
            if b.box.x - a.box.right > 2 * max(a.box.h, b.box.h):
                out.append(current)
                current = []
            current.append(b)
        out.append(current)
    return [p for p in out if len(fold(phrase_text(p))) >= 2]


def _was_there(text: str, before: list[Word]) -> bool:
    return any(p.similarity >= 0.9 for p in find_phrases(before, text))


def wait_step(seen: Seen, note: str, values: Mapping[str, str] | None = None) -> m.WaitFor | None:
    """A wait for a phrase that appeared: the text, and its place in its window when there is one."""
    from deskpilot.recorder.anchors import title_pattern

    text = templated(seen.text, values or {})
    if len(fold(text)) < 3:
        return None  # nothing steady left to wait for: a bare number
    anchors: list[m.Anchor] = [m.TextAnchor(text=text, height=seen.box.h)]
    if seen.window is not None:
        centre = seen.box.center
        anchors.append(m.WindowAnchor(window=title_pattern(seen.window.title),
                                      point=(centre.x - seen.window.rect.x, centre.y - seen.window.rect.y),
                                      size=(seen.window.rect.w, seen.window.rect.h)))
    anchors.append(m.PointAnchor(at=(seen.box.center.x, seen.box.center.y)))
    return m.WaitFor(target=m.Target(anchors=tuple(anchors)), note=note)
