"""Which spare keycode holds which character while the X11 driver types what the keyboard lacks."""

from __future__ import annotations

from deskpilot.platform.x11.keysyms import LEFT_FOR_OTHERS, KeycodePool, keysym_for, spare_keycodes


def test_unicode_characters_get_their_unicode_keysym_and_latin1_its_code_point() -> None:
    assert keysym_for("张") == 0x01000000 | ord("张")
    assert keysym_for("ü") == ord("ü")
    assert keysym_for("\n") == 0xFF0D


def test_spare_keycodes_are_the_unbound_ones_less_a_few_left_for_other_programs() -> None:
    mapping = [[0x61, 0x41]] * 3 + [[0, 0]] * (LEFT_FOR_OTHERS + 2) + [[0x62, 0x42]]
    assert spare_keycodes(8, mapping) == [8 + 3 + LEFT_FOR_OTHERS + 1, 8 + 3 + LEFT_FOR_OTHERS]


def test_a_full_keyboard_lends_its_highest_keycode() -> None:
    assert spare_keycodes(8, [[0x61]] * 5) == [12]


def test_a_character_keeps_its_keycode_and_is_not_bound_again() -> None:
    pool = KeycodePool([20, 21, 22])
    first = pool.get("张")
    assert first[1] == ""  # bound now, the keycode held nothing
    assert pool.get("三") != first
    assert pool.get("张") == (first[0], None)


def test_with_the_keycodes_used_up_the_one_used_longest_ago_is_rebound() -> None:
    pool = KeycodePool([20, 21])
    a, _ = pool.get("甲")
    b, _ = pool.get("乙")
    pool.get("甲")  # used again: 乙 is now the oldest
    assert pool.get("丙") == (b, "乙")
    assert pool.get("甲") == (a, None)
