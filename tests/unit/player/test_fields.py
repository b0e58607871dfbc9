"""Typing that is right or stops, against a fake form that draws its fields and keeps its values.

The fake application draws bordered fields with one ink block per character, so the
typist finds boxes and emptiness from real pixels; its "OCR" reads the text each field
held when the frame was taken.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pytest

from deskpilot import model as m
from deskpilot.errors import ExpectationFailed
from deskpilot.geometry import Point, Rect
from deskpilot.ports import Frame, Window
from deskpilot.player.evidence import Evidence
from deskpilot.player.fields import FieldTypist, FocusedField
from deskpilot.player.focus import landing_problem
from deskpilot.result import Candidate, Resolution
from tests.unit.fakes import FakeClock

ROWS = (40, 80, 120)  # the fields' top edges; each is 200 x 24 at x = 100


@dataclass
class FakeForm:
    """An application window with three fields; ``app`` is its class, ``keeps_selection`` how Ctrl+A behaves."""

    texts: dict[int, str] = field(default_factory=lambda: {y: "" for y in ROWS})
    app: str = "demo"
    select_all_works: bool = True
    focus: int | None = None
    selected: bool = False
    shots: dict[int, dict[int, str]] = field(default_factory=dict)
    calls: list[tuple[object, ...]] = field(default_factory=list)

    # --- ports.Screen ---
    def grab(self, region: Rect | None = None) -> Frame:
        px = np.full((200, 400, 3), 238, np.uint8)
        for y, text in self.texts.items():
            px[y - 1:y + 25, 99:301] = 150
            px[y:y + 24, 100:300] = 255
            for i, ch in enumerate(text[:20]):  # a glyph per character, its height after the character
                px[y + 6 + ord(ch) % 5:y + 18, 104 + 9 * i:110 + 9 * i] = 30
        frame = Frame(px)
        self.shots[frame.id] = dict(self.texts)
        return frame

    def bounds(self) -> Rect:
        return Rect(0, 0, 400, 200)

    # --- the reader (OCR) ---
    def read_region(self, frame: Frame, rect: Rect, lang: str | None = None, *, line: bool = False) -> str:
        held = self.shots[frame.id]
        return next((t for y, t in held.items() if y <= rect.center.y < y + 24), "")

    # --- ports.WindowList ---
    def at(self, point: Point) -> Window | None:
        return Window(1, "Form", Rect(0, 0, 400, 200), app=self.app)

    # --- ports.Input ---
    def click_into(self, y: int) -> None:
        self.focus, self.selected = y, False

    def type_text(self, text: str) -> None:
        self.calls.append(("type", text))
        assert self.focus is not None
        self.texts[self.focus] = ("" if self.selected else self.texts[self.focus]) + text
        self.selected = False

    def hotkey(self, keys: tuple[str, ...]) -> None:
        self.calls.append(("hotkey", keys))
        if keys == ("ctrl", "a") and self.select_all_works:
            self.selected = True

    def press(self, key: str, count: int = 1) -> None:
        self.calls.append(("press", key, count))
        assert self.focus is not None
        if key == "backspace":
            if self.selected:
                self.texts[self.focus], self.selected = "", False
            else:
                self.texts[self.focus] = self.texts[self.focus][:-count] if count else self.texts[self.focus]
        elif key == "delete" and self.app == "gnumeric":
            self.texts[self.focus] = ""


def typist(form: FakeForm) -> FieldTypist:
    return FieldTypist(form, form, form, form, FakeClock(), Evidence(None), "eng")  # type: ignore[arg-type]


def field_at(y: int, *, text_cursor: bool = True) -> FocusedField:
    return FocusedField(point=Point(200, y + 12), label=Rect(20, y + 5, 60, 14), height=14, text_cursor=text_cursor)


def test_a_field_that_kept_the_previous_rows_value_is_emptied_then_holds_exactly_what_was_typed() -> None:
    form = FakeForm()
    form.texts[80] = "C-1001"  # the form kept the previous row's value after Save
    form.click_into(80)
    done = typist(form).type(3, "type", m.Type(text="C-1002"), field_at(80), secret=False)
    assert form.texts[80] == "C-1002" and done.emptied == "C-1001" and "Ctrl+A" in done.how
    assert form.calls[:2] == [("hotkey", ("ctrl", "a")), ("press", "backspace", 1)]


@dataclass
class LossyForm(FakeForm):
    """The first typing loses its last key, as a loaded machine sometimes does; ``lose`` how many times."""

    lose: int = 1

    def type_text(self, text: str) -> None:
        if self.lose:
            self.lose -= 1
            text = text[:-1]
        super().type_text(text)


def test_a_lost_key_is_typed_again_into_the_emptied_field_and_read_back_whole() -> None:
    form = LossyForm()
    form.click_into(80)
    done = typist(form).type(3, "type", m.Type(text="Quinn Walsh"), field_at(80), secret=False)
    assert form.texts[80] == "Quinn Walsh" and "typed twice" in done.how
    assert [c for c in form.calls if c[0] == "type"] == [("type", "Quinn Wals"), ("type", "Quinn Walsh")]


def test_a_field_that_twice_misses_what_was_typed_fails_and_an_appended_one_is_never_retyped() -> None:
    form = LossyForm(lose=2)
    form.click_into(80)
    with pytest.raises(ExpectationFailed, match="Quinn Walsh"):
        typist(form).type(3, "type", m.Type(text="Quinn Walsh"), field_at(80), secret=False)
    appended = LossyForm()
    appended.texts[80] = "Ref "
    appended.click_into(80)
    with pytest.raises(ExpectationFailed):
        typist(appended).type(3, "type", m.Type(text="42", mode="append"), field_at(80), secret=False)
    assert [c for c in appended.calls if c[0] == "type"] == [("type", "4")]


def test_a_field_that_cannot_be_emptied_fails_the_step_before_anything_is_typed() -> None:
    form = FakeForm(select_all_works=False)
    form.texts[80] = "C-1001"
    form.click_into(80)
    form.press = lambda key, count=1: form.calls.append(("press", key, count))  # type: ignore[method-assign]
    with pytest.raises(ExpectationFailed, match="held 'C-1001' and still holds 'C-1001'"):
        typist(form).type(3, "type", m.Type(text="C-1002"), field_at(80), secret=False)
    assert not any(c[0] == "type" for c in form.calls) and form.texts[80] == "C-1001"


def test_a_terminal_field_is_emptied_with_end_and_backspaces_not_ctrl_a() -> None:
    form = FakeForm(app="xterm", select_all_works=False)
    form.texts[40] = "Acme Tools"
    form.click_into(40)
    typist(form).type(1, "type", m.Type(text="Bäcker"), field_at(40, text_cursor=True), secret=False)
    assert ("hotkey", ("ctrl", "a")) not in form.calls and ("press", "end", 1) in form.calls
    assert form.texts[40] == "Bäcker"


def test_a_spreadsheet_cell_is_emptied_with_delete() -> None:
    form = FakeForm(app="gnumeric")
    form.texts[120] = "12.5"
    form.click_into(120)
    typist(form).type(1, "type", m.Type(text="7"), field_at(120, text_cursor=False), secret=False)
    assert ("press", "delete", 1) in form.calls and form.texts[120] == "7"


def test_a_place_that_is_no_text_field_is_not_emptied_blindly() -> None:
    form = FakeForm(app="files")
    form.texts[40] = "report.pdf"
    form.click_into(40)
    with pytest.raises(ExpectationFailed, match="no text field DeskPilot knows how to empty"):
        typist(form).type(1, "type", m.Type(text="x"), field_at(40, text_cursor=False), secret=False)
    assert form.calls == []


def test_append_types_after_what_the_field_holds_and_checks_that_it_ends_with_it() -> None:
    form = FakeForm()
    form.texts[80] = "/home/clerk/"
    form.click_into(80)
    typist(form).type(1, "type", m.Type(text="note.txt", mode="append"), field_at(80), secret=False)
    assert form.calls[0] == ("press", "end", 1) and form.texts[80] == "/home/clerk/note.txt"


def test_typing_reached_by_tab_is_read_back_where_the_screen_changed_and_an_appended_value_fails() -> None:
    form = FakeForm()
    form.texts[120] = "20457"
    form.focus = 120  # Tab put the focus here, and this toolkit does not select the field's text on Tab
    with pytest.raises(ExpectationFailed, match="no field that changed holds it"):
        typist(form).type(1, "type", m.Type(text="28195"), None, secret=False)
    form.texts[120], form.selected = "20457", True  # a toolkit that selects the field on Tab: typing replaces it
    typist(form).type(1, "type", m.Type(text="28195"), None, secret=False)
    assert form.texts[120] == "28195"


def test_a_secret_is_typed_but_never_read_back() -> None:
    form = FakeForm()
    form.click_into(40)
    form.read_region = lambda *a, **k: pytest.fail("a secret field was read")  # type: ignore[method-assign]
    done = typist(form).type(1, "type", m.Type(text="{{ password }}"), field_at(40), secret=True)
    assert "not read back" in done.how and form.texts[40] == "{{ password }}"


def test_a_click_named_after_a_label_must_land_in_a_box_on_the_labels_row() -> None:
    form = FakeForm()
    frame = form.grab()
    target = m.Target(anchors=(m.TextAnchor(text="City:", offset=(150, 0)),))
    label = Rect(20, 85, 50, 14)  # the label of the middle field, at rows 85-99
    on_row = Resolution(status="found", best=Candidate(point=Point(200, 92), score=0.97, anchor_index=0, how="text",
                                                        box=label))
    above = Resolution(status="found", best=Candidate(point=Point(200, 52), score=0.97, anchor_index=0, how="text",
                                                       box=label))
    assert landing_problem(frame, Point(200, 92), on_row, target) is None
    problem = landing_problem(frame, Point(200, 52), above, target)
    assert problem is not None and "not on the label's row" in problem
