"""The look at the resting pointer: what the person aimed at, never what the press already changed."""

from __future__ import annotations

import threading
import time

from deskpilot.geometry import Point, Rect
from deskpilot.platform.hover import NOT_AFTER, Hover, shape_and_element
from deskpilot.ports import Element

ITEM = Element("menu item", "Copy Display Value", Rect(80, 100, 300, 25))


class SlowTree:
    """A tree whose popup walk takes a while, like GTK's."""

    def __init__(self, seconds: float) -> None:
        self.seconds, self.calls = seconds, 0
        self.started = threading.Event()

    def element_at(self, point: Point) -> Element | None:
        self.calls += 1
        self.started.set()
        time.sleep(self.seconds)
        return ITEM

    def elements(self, window: object) -> list[Element]:
        return []

    def refresh(self, element: Element) -> Element | None:
        return element


class Arrow:
    def shape(self) -> str:
        return "arrow"


def test_a_press_waits_for_the_look_begun_while_the_pointer_rested_there() -> None:
    tree = SlowTree(0.2)
    hover = Hover(Arrow(), tree, interval=0.005)
    hover.start()
    try:
        hover.moved(173, 114)
        assert tree.started.wait(2)
        time.sleep(NOT_AFTER + 0.02)  # the press is heard while the walk still runs
        look = hover.before(173, 114, time.monotonic())
    finally:
        hover.stop()
    assert look is not None and (look.shape, look.element) == ("arrow", ITEM)


def test_a_look_at_another_place_or_none_gives_the_shape_now_and_no_element() -> None:
    hover = Hover(Arrow(), SlowTree(0.0), interval=0.005)
    hover.start()
    try:
        hover.moved(10, 10)
        time.sleep(0.1)
        assert hover.before(173, 114, time.monotonic()) is None
    finally:
        hover.stop()
    assert shape_and_element(None, Arrow()) == ("arrow", None)


def test_a_look_taken_right_before_the_press_was_heard_is_not_trusted() -> None:
    hover = Hover(Arrow(), SlowTree(0.0), interval=0.005)
    hover.start()
    try:
        hover.moved(5, 5)
        time.sleep(0.1)
        looks = list(hover._looks)
    finally:
        hover.stop()
    assert looks
    assert hover.before(5, 5, looks[-1].t + NOT_AFTER / 2) in (None, *looks[:-1])
