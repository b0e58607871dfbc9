"""Element anchors: written from the tree at record time, found again by role, name and path; never believed alone."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import numpy as np

from deskpilot import model as m
from deskpilot.geometry import Point, Rect
from deskpilot.images import write_png
from deskpilot.ports import Element, Window, Word
from deskpilot.vision.elements import anchor_of, matches, path_agreement, point_in, usable
from deskpilot.vision.resolve import Resolver
from deskpilot.vision.structural import resolve_by_element
from tests.unit.fakes import FakeAccessibility
from tests.unit.vision.test_resolve import Desktop, SceneOcr, StillScreen

FORM = Window(1, "Add transaction", Rect(100, 100, 600, 400))
SAVE = Element("push button", "Save", Rect(500, 440, 80, 30), path=("panel", "filler"), states=frozenset({"showing"}),
               index=2)
AMOUNT = Element("text", "", Rect(260, 200, 200, 26), value="12.50", label="Amount:", path=("panel", "filler"),
                 states=frozenset({"showing", "editable"}), index=4)
NOTE = Element("text", "", Rect(260, 240, 200, 26), value="", label="Note:", path=("panel", "filler"),
               states=frozenset({"showing", "editable"}), index=6)


class Windows(Desktop):
    def find(self, pattern: str) -> list[Window]:
        return [w for w in self.windows if re.search(pattern, w.title)]


def target(anchor: m.ElementAnchor, *more: m.Anchor) -> m.Target:
    return m.Target(anchors=(anchor, *more, m.WindowAnchor(window="^Add transaction$", point=(10, 10))))


def resolver(tree: dict[str, list[Element]], folder: Path = Path("."), screen: StillScreen | None = None) -> Resolver:
    return Resolver(screen or StillScreen(), SceneOcr([]), Windows(FORM), folder,
                    access=FakeAccessibility(tree))  # type: ignore[arg-type]


def test_a_field_is_anchored_by_its_label_not_by_the_value_it_holds() -> None:
    held = Element("text", "12.50", AMOUNT.rect, value="12.50", label="Amount:", path=AMOUNT.path,
                   states=AMOUNT.states)
    anchor = anchor_of(held, Point(300, 213), "^Add transaction$", [held, NOTE, SAVE])
    assert anchor == m.ElementAnchor(role="text", name="", label="Amount:", path=("panel", "filler"),
                                     window="^Add transaction$")


def test_twins_are_told_apart_by_their_index_and_a_nameless_control_without_one_is_no_anchor() -> None:
    one = Element("push button", "OK", Rect(10, 10, 60, 24), path=("panel",), index=1)
    two = Element("push button", "OK", Rect(90, 10, 60, 24), path=("panel",), index=3)
    assert anchor_of(two, Point(120, 20), None, [one, two]) == m.ElementAnchor(role="push button", name="OK",
                                                                                path=("panel",), index=3)
    bare = Element("push button", "", Rect(10, 10, 60, 24))
    assert anchor_of(bare, Point(20, 20), None, [bare]) is None


def test_a_click_is_named_by_a_control_not_by_the_panel_around_it() -> None:
    assert usable(SAVE, Point(520, 450))
    assert not usable(Element("filler", "", Rect(0, 0, 900, 900), states=frozenset({"showing"})), Point(5, 5))
    assert not usable(SAVE, Point(10, 10))  # the box does not hold the click: the tree lags the screen
    assert not usable(Element("push button", "Save", SAVE.rect, states=frozenset({"visible"})), Point(520, 450))


def test_the_nearest_ancestors_count_most_in_a_path() -> None:
    assert path_agreement(("frame", "panel", "filler"), ("frame", "panel", "filler")) == 1.0
    moved = path_agreement(("panel", "tool bar", "filler"), ("panel", "filler"))  # a toolbar hidden
    other = path_agreement(("panel", "tool bar", "filler"), ("panel", "tool bar", "scroll pane"))
    assert moved > other


def test_the_click_goes_to_the_middle_of_a_small_element_and_keeps_its_place_in_a_large_one() -> None:
    assert point_in(m.ElementAnchor(role="push button", name="Save"), SAVE) == Point(540, 455)
    area = Element("text", "", Rect(0, 0, 800, 600))
    assert point_in(m.ElementAnchor(role="text", at=(0.1, 0.2)), area) == Point(80, 120)


def test_matching_needs_the_role_and_the_name_and_prefers_the_recorded_path() -> None:
    deep = Element("push button", "Save", Rect(10, 10, 60, 24), path=("dialog", "panel"), states=frozenset({"showing"}))
    anchor = m.ElementAnchor(role="push button", name="save", path=("panel", "filler"))
    assert matches(anchor, [deep, SAVE, NOTE]) == [SAVE]
    assert matches(m.ElementAnchor(role="check box", name="Save"), [SAVE]) == []


def test_a_target_is_found_by_its_element_inside_its_window_without_reading_the_screen() -> None:
    res = resolver({"Add transaction": [SAVE, AMOUNT, NOTE]})
    found = res.resolve(target(m.ElementAnchor(role="text", label="Amount:", path=("panel", "filler"))))
    assert found.found and found.best is not None
    assert (found.best.how, found.best.point, found.best.element) == ("element", Point(360, 213), AMOUNT)
    assert res.ocr.calls == []  # type: ignore[attr-defined]


def test_an_element_outside_its_window_or_hidden_is_not_found_and_the_picture_decides() -> None:
    away = Element("push button", "Save", Rect(900, 700, 80, 30), states=frozenset({"showing"}))
    hidden = Element("push button", "Save", SAVE.rect, states=frozenset({"visible"}))
    access = FakeAccessibility({"Add transaction": [away, hidden]})
    found = resolve_by_element(target(m.ElementAnchor(role="push button", name="Save")), Windows(FORM), access,
                               lambda p: [])
    assert found is not None and found.status == "not_found"
    assert found.reason == "no showing push button 'Save' in the window /^Add transaction$/"
    res = resolver({"Add transaction": [away, hidden]})
    assert res.resolve(target(m.ElementAnchor(role="push button", name="Save"))).best.how == "window"  # type: ignore[union-attr]


def test_two_equal_elements_leave_the_choice_to_the_picture_never_a_guess() -> None:
    twin = Element("push button", "Save", Rect(150, 440, 80, 30), path=SAVE.path, states=SAVE.states, index=7)
    tree = FakeAccessibility({"Add transaction": [SAVE, twin]})
    anchor = m.ElementAnchor(role="push button", name="Save", path=SAVE.path)
    res = resolve_by_element(target(anchor), Windows(FORM), tree, lambda p: [])
    assert res is not None and res.status == "unconfirmed" and "nothing in the tree tells them apart" in res.reason
    visual = Resolver(StillScreen(), SceneOcr([]), Windows(FORM), Path("."), access=tree)  # type: ignore[arg-type]
    on_twin = m.Target(anchors=(anchor, m.WindowAnchor(window="^Add transaction$", point=(90, 355))))
    found = visual.resolve(on_twin)
    assert found.found and found.best is not None and found.best.how == "window" and found.best.element == twin


def test_a_clear_picture_elsewhere_contradicts_the_tree(tmp_path: Path) -> None:
    pixels = np.full((800, 1280, 3), 240, np.uint8)
    rng = np.random.default_rng(7)
    patch = rng.integers(0, 255, (30, 60, 3), dtype=np.uint8)
    pixels[400:430, 380:440] = patch  # the recorded picture shows here, far from where the tree says
    write_png(tmp_path / "save.png", patch)
    res = resolver({"Add transaction": [SAVE]}, tmp_path, StillScreen(pixels))
    image = m.ImageAnchor(image="save.png", point=(30, 15), near=(540, 455))
    found = res.resolve(target(m.ElementAnchor(role="push button", name="Save"), image))
    assert found.status == "ambiguous" and "its picture matches at (410, 415)" in found.reason


def test_a_nameless_element_is_believed_only_where_its_label_lands_inside_it() -> None:
    """Known by its place among its neighbours, a field is another field once a field is added above it."""
    bare = Element("text", "", Rect(260, 200, 200, 26), path=("panel",), states=frozenset({"showing"}), index=4)
    label = Word("Amount:", Rect(180, 206, 56, 14), 0.95, (1, 1, 1))
    anchors = m.Target(anchors=(m.ElementAnchor(role="text", path=("panel",), index=4),
                                m.TextAnchor(text="Amount:", offset=(152, 0), height=14),
                                m.WindowAnchor(window="^Add transaction$", point=(260, 113))))
    res = Resolver(StillScreen(), SceneOcr([label]), Windows(FORM), Path("."),
                   access=FakeAccessibility({"Add transaction": [bare]}))  # type: ignore[arg-type]
    found = res.resolve(anchors)
    assert found.found and found.best is not None
    assert (found.best.how, found.best.point, found.best.element) == ("text", Point(360, 213), bare)
    moved = Element("text", "", Rect(260, 300, 200, 26), path=("panel",), states=frozenset({"showing"}), index=4)
    res.access = FakeAccessibility({"Add transaction": [moved]})  # type: ignore[assignment]
    other = res.resolve(anchors)
    assert other.found and other.best is not None and other.best.element is None  # the label's field, not index 4


def test_a_clear_picture_lets_the_tree_be_asked_about_one_point_instead_of_walked(tmp_path: Path) -> None:
    pixels = np.full((800, 1280, 3), 240, np.uint8)
    patch = np.random.default_rng(5).integers(0, 255, (30, 60, 3), dtype=np.uint8)
    pixels[440:470, 510:570] = patch  # the Save button, where it was recorded
    write_png(tmp_path / "save.png", patch)
    named = dataclasses.replace(SAVE, window="Add transaction")
    access = FakeAccessibility({"Add transaction": [named]})
    res = Resolver(StillScreen(pixels), SceneOcr([]), Windows(FORM), tmp_path, access=access)  # type: ignore[arg-type]
    image = m.ImageAnchor(image="save.png", point=(30, 15), near=(540, 455))
    found = res.resolve(target(m.ElementAnchor(role="push button", name="Save", window="^Add transaction$"), image))
    assert found.found and found.best is not None and found.best.element == named
    assert access.walks == 0
    elsewhere = FakeAccessibility({"Add transaction": [dataclasses.replace(SAVE, window="Register")]})
    res.access = elsewhere  # type: ignore[assignment]
    res.resolve(target(m.ElementAnchor(role="push button", name="Save", window="^Add transaction$"), image))
    assert elsewhere.walks == 1  # another window's "Save" under the picture: the window is walked instead
