"""Typing into a field the tree reads: emptied and read back exactly, through the application, with no OCR."""

from __future__ import annotations

import dataclasses

import pytest

from deskpilot import model as m
from deskpilot.errors import ExpectationFailed
from deskpilot.geometry import Point, Rect
from deskpilot.ports import Element
from deskpilot.player.evidence import Evidence
from deskpilot.player.fields import FocusedField
from deskpilot.player.tree_typing import TreeTypist
from tests.unit.fakes import FakeClock, FakeDriver, FakeScreen

FIELD = Element("text", "", Rect(100, 40, 200, 24), value="", label="Amount:", states=frozenset({"showing", "editable"}))


class LiveField(FakeDriver):
    """A text field and the keyboard that types into it; the tree reads what it holds, keys may be lost."""

    def __init__(self, held: str = "", lose: int = 0, sticky: bool = False) -> None:
        super().__init__()
        self.value, self.lose, self.sticky, self.selected = held, lose, sticky, False

    def type_text(self, text: str) -> None:
        super().type_text(text)
        if self.lose:
            text, self.lose = text[:-1], self.lose - 1  # the last key lost, once per ``lose``
        self.value = text if self.selected else self.value + text
        self.selected = False

    def hotkey(self, keys: tuple[str, ...]) -> None:
        super().hotkey(keys)
        self.selected = keys == ("ctrl", "a") and not self.sticky

    def press(self, key: str, count: int = 1) -> None:
        super().press(key, count)
        if key == "backspace" and not self.sticky:
            self.value = "" if self.selected else self.value[:-count]
            self.selected = False

    # the accessibility port, over the same field
    def element_at(self, point: Point) -> Element | None:
        return self.refresh(FIELD)

    def elements(self, window: object) -> list[Element]:
        return [FIELD]

    def refresh(self, element: Element) -> Element | None:
        return dataclasses.replace(FIELD, value=self.value)


def typist(field: LiveField) -> TreeTypist:
    clock = FakeClock()
    return TreeTypist(field, field, FakeScreen(clock), clock, Evidence(None))


def typed(field: LiveField, step: m.Type, *, secret: bool = False) -> str:
    focus = FocusedField(point=Point(150, 52), text_cursor=True, element=FIELD)
    t = typist(field)
    now = t.holds(focus)
    assert now is not None
    return t.type(3, "type", step, focus, now, "", secret=secret).how


def test_a_field_that_held_a_value_is_emptied_then_holds_exactly_what_was_typed() -> None:
    field = LiveField(held="99.00")
    how = typed(field, m.Type(text="12.50"))
    assert field.value == "12.50" and how == "Ctrl+A, Backspace; read back from the application"


def test_a_lost_key_is_typed_again_once_and_a_second_loss_fails_the_step() -> None:
    once = LiveField(lose=1)
    assert "typed twice" in typed(once, m.Type(text="4711")) and once.value == "4711"
    with pytest.raises(ExpectationFailed, match="the application says the field holds '471'"):
        typed(LiveField(lose=2), m.Type(text="4711"))


def test_a_field_that_cannot_be_emptied_fails_before_anything_is_typed() -> None:
    field = LiveField(held="old", sticky=True)
    with pytest.raises(ExpectationFailed, match="still holds 'old'"):
        typed(field, m.Type(text="new"))
    assert ("type", "new") not in field.calls


def test_append_keeps_what_the_field_held_and_a_secret_is_neither_read_back_nor_named() -> None:
    field = LiveField(held="Invoice ")
    typed(field, m.Type(text="4711", mode="append"))
    assert field.value == "Invoice 4711"
    hidden = LiveField(held="hunter2", sticky=True)
    with pytest.raises(ExpectationFailed) as info:
        typed(hidden, m.Type(text="{{ pw }}"), secret=True)
    assert "hunter2" not in str(info.value)


def test_a_field_without_text_in_the_tree_is_left_to_the_screen() -> None:
    field = LiveField()
    t = typist(field)
    assert t.holds(FocusedField(point=Point(1, 1))) is None  # not focused by an element
    field.refresh = lambda element: dataclasses.replace(FIELD, value=None)  # type: ignore[method-assign]
    assert t.holds(FocusedField(point=Point(1, 1), element=FIELD)) is None
