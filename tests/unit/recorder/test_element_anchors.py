"""Recording with an accessibility tree: the control under the press becomes the target's first anchor, and its
names (a field's label, a button's name) name the step and the variable typed into it."""

from __future__ import annotations

from pathlib import Path

from deskpilot import model as m
from deskpilot.geometry import Point, Rect
from deskpilot.ports import Element, Window
from deskpilot.vision.resolve import Resolver
from deskpilot.recorder.anchors import element_anchor_at
from deskpilot.recorder.routine import RoutineAssembler
from deskpilot.recorder.steps import RecordedStep, point_target
from tests.unit.fakes import FakeAccessibility
from tests.unit.recorder.test_routine import FORM, InkOcr, frame
from tests.unit.vision.test_elements import Windows

FIELD = Element("text", "", Rect(120, 36, 160, 22), label="Customer ID:", path=("panel", "filler"), window=FORM.title,
                states=frozenset({"showing", "editable"}), index=1)
SAVE = Element("push button", "Save", Rect(300, 250, 80, 28), path=("panel",), window=FORM.title,
               states=frozenset({"showing"}), index=2)


def recorded(tmp_path: Path, element: Element | None, at: tuple[int, int], typed: str | None = None) -> m.Routine:
    windows = Windows(FORM)
    access = FakeAccessibility({FORM.title: [FIELD, SAVE]})
    resolver = Resolver(None, InkOcr(), windows, tmp_path, access=access)  # type: ignore[arg-type]
    a = RoutineAssembler("t", tmp_path, resolver, windows, (400, 300), second=InkOcr(), access=access)
    a.add(RecordedStep(step=m.Click(target=point_target(*at)), t_start=1, t_end=1.1, at=at), frame(False),
          secret=False, cursor="text" if element is FIELD else "arrow", element=element)
    if typed is not None:
        a.add(RecordedStep(step=m.Type(text=typed), t_start=2, t_end=3), None, secret=False)
    return a.routine(manual_seconds=3)


def test_a_click_on_a_field_anchors_it_by_its_element_first_and_names_the_typed_value_by_its_label(
        tmp_path: Path) -> None:
    routine = recorded(tmp_path, FIELD, (200, 47), typed="C-1001")
    click, typed = routine.steps[:2]
    assert isinstance(click, m.Click) and isinstance(typed, m.Type)
    first = click.target.anchors[0]
    assert first == m.ElementAnchor(role="text", label="Customer ID:", path=("panel", "filler"),
                                    window="^Customers\\ \\-\\ ACME$")
    assert isinstance(click.target.anchors[1], m.TextAnchor)  # the visual anchors stay behind it
    assert click.describe() == "click 'Customer ID' (text field)"
    assert typed.text == "{{ customer_id }}" and routine.variables == {"customer_id": "C-1001"}


def test_a_button_is_named_by_its_own_name(tmp_path: Path) -> None:
    click = recorded(tmp_path, SAVE, (340, 264)).steps[0]
    assert click.describe() == "click 'Save' (button)"  # type: ignore[attr-defined]


def test_no_tree_or_a_tree_that_lags_the_screen_records_visually(tmp_path: Path) -> None:
    click = recorded(tmp_path, None, (200, 47)).steps[0]
    assert not any(isinstance(a, m.ElementAnchor) for a in click.target.anchors)  # type: ignore[attr-defined]
    stale = Element("push button", "Save", Rect(0, 0, 10, 10), states=frozenset({"showing"}))  # not under the press
    assert element_anchor_at(stale, Point(200, 47), Windows(FORM), FakeAccessibility({})) is None


def test_a_menu_item_is_anchored_in_its_application_window_not_in_the_popup(tmp_path: Path) -> None:
    popup = Window(9, "", Rect(30, 20, 200, 120))
    item = Element("menu item", "Copy Display Value", Rect(40, 60, 180, 22), path=("menu bar", "menu:Edit"),
                   window=FORM.title, states=frozenset({"showing"}))
    anchor = element_anchor_at(item, Point(80, 70), Windows(FORM, popup), FakeAccessibility({FORM.title: [item]}))
    assert anchor is not None and anchor.window == "^Customers\\ \\-\\ ACME$"


def test_an_element_the_tree_named_after_the_menu_closed_is_refused() -> None:
    """Asked late, the tree answers with the display under a menu that has gone: the press was on the menu."""
    popup = Window(9, "", Rect(60, 80, 200, 120))
    display = Element("text", "", Rect(40, 60, 400, 60), path=("scroll pane",), window=FORM.title,
                      states=frozenset({"showing"}))
    assert element_anchor_at(display, Point(120, 100), Windows(FORM, popup),
                             FakeAccessibility({FORM.title: [display]})) is None
