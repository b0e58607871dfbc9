"""Fakes for the ports: a scripted resolver, a recording input driver, a clock that never sleeps."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import numpy as np

from deskpilot import model as m
from deskpilot.geometry import Point, Rect
from deskpilot.ports import Element, Frame, Window, Word
from deskpilot.result import Candidate, Resolution


class FakeClock:
    def __init__(self) -> None:
        self.t = 0.0

    def now(self) -> float:
        return self.t

    def sleep(self, seconds: float) -> None:
        self.t += seconds


class FakeScreen:
    def __init__(self, clock: FakeClock | None = None) -> None:
        self.grabs = 0
        self.clock = clock

    def grab(self, region: Rect | None = None) -> Frame:
        self.grabs += 1
        if self.clock:
            self.clock.t += 0.05  # a grab plus OCR takes time: polling must account for it
        return Frame(np.zeros((80, 120, 3), np.uint8))

    def bounds(self) -> Rect:
        return Rect(0, 0, 120, 80)


class FakeDriver:
    def __init__(self) -> None:
        self.calls: list[tuple[object, ...]] = []

    def move(self, p: Point) -> None:
        self.calls.append(("move", p))

    def click(self, p: Point, *, button: str = "left", clicks: int = 1, modifiers: tuple[str, ...] = ()) -> None:
        self.calls.append(("click", p, button, clicks, modifiers))

    def drag(self, start: Point, end: Point, *, button: str = "left") -> None:
        self.calls.append(("drag", start, end, button))

    def scroll(self, clicks: int, at: Point | None = None) -> None:
        self.calls.append(("scroll", clicks, at))

    def type_text(self, text: str) -> None:
        self.calls.append(("type", text))

    def press(self, key: str, count: int = 1) -> None:
        self.calls.append(("press", key, count))

    def hotkey(self, keys: tuple[str, ...]) -> None:
        self.calls.append(("hotkey", keys))

    def pointer(self) -> Point:
        return Point(0, 0)


def found_at(x: int, y: int, score: float = 0.95, how: str = "text") -> Resolution:
    best = Candidate(point=Point(x, y), score=score, anchor_index=0, how=how, box=Rect(x - 20, y - 7, 40, 14))
    return Resolution(status="found", best=best, candidates=(best,))


NOT_FOUND = Resolution(status="not_found", best=None, reason='best match "Custom" (0.41 < 0.80) at (3, 4)')


class FakeResolver:
    """Answers by the first anchor's text: a dict of text -> callable(poll number) -> Resolution."""

    def __init__(self, script: dict[str, Callable[[int], Resolution]], read: str = "") -> None:
        self.script = script
        self.polls: dict[str, int] = {}
        self.read = read
        self.read_rects: list[Rect] = []
        self.table_words: list[Word] = []  # what words() reads, for read_table

    def resolve(self, target: m.Target, frame: Frame | None = None, *, allow_point: bool = False,
                thorough: bool = False) -> Resolution:
        key = getattr(target.anchors[0], "text", "")
        self.polls[key] = self.polls.get(key, 0) + 1
        return self.script.get(key, lambda n: NOT_FOUND)(self.polls[key])

    def read_region(self, frame: Frame, rect: Rect, lang: str | None = None) -> str:
        self.read_rects.append(rect)
        return self.read

    def words(self, frame: Frame, region: Rect) -> list[Word]:
        self.read_rects.append(region)
        return list(self.table_words)


def text_target(text: str, **kw: object) -> m.Target:
    return m.Target(anchors=(m.TextAnchor(text=text, **kw),))  # type: ignore[arg-type]


class FakeAccessibility:
    """An accessibility tree given as a list of elements per window title; ``refresh`` answers ``values``."""

    def __init__(self, tree: dict[str, list[Element]], values: dict[str, str] | None = None) -> None:
        self.tree = tree
        self.values = values if values is not None else {}
        self.walks = 0

    def element_at(self, point: Point) -> Element | None:
        inside = [e for es in self.tree.values() for e in es if e.rect.contains(point)]
        return min(inside, key=lambda e: e.rect.w * e.rect.h, default=None)

    def elements(self, window: Window) -> list[Element]:
        self.walks += 1
        return list(self.tree.get(window.title, []))

    def refresh(self, element: Element) -> Element | None:
        if element.name in self.values:
            return dataclasses.replace(element, value=self.values[element.name])
        return element
