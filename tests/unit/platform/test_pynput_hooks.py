"""The hooks' callbacks: what a press carries, read on the listener's own thread."""

from __future__ import annotations

from deskpilot.platform.pynput_hooks import PynputHooks


class ShapeSequence:
    """A pointer whose shape changes once read: the menu under it closes right after the press."""

    def __init__(self, *shapes: str) -> None:
        self.shapes = list(shapes)
        self.reads = 0

    def shape(self) -> str:
        self.reads += 1
        return self.shapes.pop(0)


def test_a_press_carries_the_pointer_shape_read_at_the_press_and_a_release_reads_none() -> None:
    pointer = ShapeSequence("arrow", "text")
    hooks = PynputHooks(pointer=pointer)
    hooks._on_click(10, 20, "left", True)
    hooks._on_click(10, 20, "left", False)
    press, release = hooks.events.get_nowait(), hooks.events.get_nowait()
    assert (press.kind, press.cursor) == ("press", "arrow")
    assert (release.kind, release.cursor) == ("release", None)
    assert pointer.reads == 1


def test_without_a_pointer_a_press_leaves_the_shape_to_the_consumer() -> None:
    hooks = PynputHooks()
    hooks._on_click(1, 2, "left", True)
    assert hooks.events.get_nowait().cursor is None
