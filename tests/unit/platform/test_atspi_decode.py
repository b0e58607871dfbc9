"""What AT-SPI's raw answers mean: state bits, boxes a toolkit does not know, relations, path entries."""

from __future__ import annotations

import pytest

from deskpilot.geometry import Rect
from deskpilot.platform.atspi.decode import (
    INT_MIN,
    NULL_PATH,
    RELATION_LABEL_FOR,
    RELATION_LABELLED_BY,
    STATE_NAMES,
    box_of,
    decode_states,
    has_state,
    is_anonymous,
    overlap,
    path_entry,
    targets_of,
)


def bits(*names: str) -> list[int]:
    words = [0, 0]
    for name in names:
        n = STATE_NAMES.index(name)
        words[n // 32] |= 1 << (n % 32)
    return words


def test_the_state_enum_is_at_spi2_cores() -> None:  # atspi-constants.h: the numbers the bus sends
    assert [STATE_NAMES.index(s) for s in ("editable", "enabled", "focusable", "focused", "sensitive",
                                           "showing", "visible", "checked", "selected", "read-only")] == \
        [7, 8, 11, 12, 24, 25, 30, 4, 23, 43]


def test_states_come_from_both_words_of_the_bitfield() -> None:
    words = bits("showing", "focused", "editable", "read-only")
    assert words[1] == 1 << (43 - 32)
    assert decode_states(words) == {"showing", "focused", "editable", "read-only"}
    assert has_state(words, 25) and not has_state(words, 30) and not has_state([words[0]], 43)
    assert decode_states([0, 1 << 30]) == {"state-62"}  # a state newer than this table is kept, by number


@pytest.mark.parametrize("extents, box", [
    ((10, 20, 30, 40), Rect(10, 20, 30, 40)),
    ((INT_MIN, INT_MIN, 1, 1), None),  # GTK: a closed menu's item
    ((-1, -1, -1, -1), None),  # GTK: a notebook's page tab
    ((0, 0, 0, 0), None),  # Qt: a hidden widget
    ((-5, 12, 30, 20), Rect(-5, 12, 30, 20)),  # partly off the screen's left edge is still a place
    (None, None), ((1, 2, 3), None),
])
def test_a_box_is_none_where_the_toolkit_does_not_know_it(extents: tuple[int, ...] | None,
                                                          box: Rect | None) -> None:
    assert box_of(extents) == box


def test_relations_give_the_targets_of_one_type_only() -> None:
    relations = [(RELATION_LABEL_FOR, [(":1.5", "/a/1")]),
                 (RELATION_LABELLED_BY, [(":1.5", "/a/2"), (":1.5", NULL_PATH)]),
                 (RELATION_LABELLED_BY, [(":1.5", "/a/3")])]
    assert targets_of(relations, RELATION_LABELLED_BY) == [(":1.5", "/a/2"), (":1.5", "/a/3")]
    assert targets_of(None, RELATION_LABELLED_BY) == []


def test_a_path_entry_is_role_and_name_or_the_bare_role() -> None:
    assert path_entry("panel", "Payee") == "panel:Payee"
    assert path_entry("filler", "") == "filler"
    assert path_entry("page tab", "  Notes \n 2 ") == "page tab:Notes 2"


def test_only_nameless_structure_is_anonymous() -> None:
    assert is_anonymous("filler", "") and is_anonymous("panel", " ")
    assert not is_anonymous("filler", "Customer") and not is_anonymous("text", "")
    assert not is_anonymous("push button", "") and not is_anonymous("scroll pane", "", has_text=True)


def test_overlap_is_intersection_over_union() -> None:
    a = Rect(0, 0, 100, 100)
    assert overlap(a, a) == 1.0 and overlap(a, Rect(200, 0, 10, 10)) == 0.0
    assert overlap(a, Rect(50, 0, 100, 100)) == pytest.approx(5000 / 15000)
