"""Event sequences to steps: what a person did, as the editable script they expect to read."""

from __future__ import annotations

from deskpilot import model as m
from deskpilot.input_events import RawEvent
from deskpilot.recorder.steps import StepBuilder, point_target


class Person:
    """Builds event sequences with a running clock."""

    def __init__(self) -> None:
        self.t = 0.0
        self.events: list[RawEvent] = []

    def wait(self, s: float) -> Person:
        self.t += s
        return self

    def key(self, key: str | None, char: str | None = None) -> Person:
        self.t += 0.05
        self.events += [RawEvent(t=self.t, kind="key_down", key=key, char=char),
                        RawEvent(t=self.t + 0.01, kind="key_up", key=key, char=char)]
        return self

    def down(self, key: str) -> Person:
        self.t += 0.05
        self.events.append(RawEvent(t=self.t, kind="key_down", key=key))
        return self

    def up(self, key: str) -> Person:
        self.t += 0.05
        self.events.append(RawEvent(t=self.t, kind="key_up", key=key))
        return self

    def type(self, text: str) -> Person:
        for ch in text:
            self.key(None, ch)
        return self

    def click(self, x: int, y: int, button: str = "left", to: tuple[int, int] | None = None) -> Person:
        self.t += 0.05
        self.events.append(RawEvent(t=self.t, kind="press", x=x, y=y, button=button))
        self.t += 0.08
        ex, ey = to or (x, y)
        self.events.append(RawEvent(t=self.t, kind="release", x=ex, y=ey, button=button))
        return self

    def scroll(self, x: int, y: int, dy: int) -> Person:
        self.t += 0.1
        self.events.append(RawEvent(t=self.t, kind="scroll", x=x, y=y, dy=dy))
        return self


def steps_of(person: Person, ignore: set[frozenset[str]] | None = None) -> list[m.Step]:
    builder = StepBuilder(ignore)
    out = []
    for e in person.events:
        out += builder.feed(e)
    out += builder.flush()
    return [r.step for r in out]


def test_backspace_edits_the_pending_text() -> None:
    assert steps_of(Person().type("Jonh").key("backspace").key("backspace").type("hn")) == [m.Type(text="John")]


def test_backspace_with_nothing_typed_is_a_press() -> None:
    assert steps_of(Person().key("backspace").key("backspace")) == [m.Press(key="backspace", count=2)]


def test_repeated_tabs_coalesce_and_end_the_text() -> None:
    assert steps_of(Person().type("ab").key("tab").key("tab").key("tab").type("c")) == [
        m.Type(text="ab"), m.Press(key="tab", count=3), m.Type(text="c")]


def test_shift_gives_capitals_as_typing_not_a_hotkey() -> None:
    p = Person().down("shift_l").key("a", "A").up("shift_l").key("b", "b")
    assert steps_of(p) == [m.Type(text="Ab")]


def test_control_characters_become_hotkeys() -> None:
    p = Person().down("ctrl_l").key("a", "\x01").up("ctrl_l")
    assert steps_of(p) == [m.Hotkey(keys=("ctrl", "a"))]
    p = Person().down("ctrl_l").down("shift_r").key("s", "\x13").up("shift_r").up("ctrl_l")
    assert steps_of(p) == [m.Hotkey(keys=("ctrl", "shift", "s"))]
    assert steps_of(Person().down("alt_l").key("f4").up("alt_l")) == [m.Hotkey(keys=("alt", "f4"))]


def test_altgr_and_dead_keys_type_what_they_produced() -> None:
    p = Person().down("alt_gr").key("q", "@").up("alt_gr").key("dead_acute").key("e", "é")
    assert steps_of(p) == [m.Type(text="@é")]


def test_chinese_from_an_input_method_is_typed_text() -> None:
    assert steps_of(Person().type("张三")) == [m.Type(text="张三")]


def test_a_click_ends_pending_text_and_keeps_order() -> None:
    p = Person().click(10, 10).type("C-1").click(10, 40).type("ACME")
    assert steps_of(p) == [m.Click(target=point_target(10, 10)), m.Type(text="C-1"),
                           m.Click(target=point_target(10, 40)), m.Type(text="ACME")]


def test_double_click_versus_two_slow_clicks() -> None:
    fast = steps_of(Person().click(50, 50).wait(0.1).click(51, 50))
    assert fast == [m.Click(target=point_target(50, 50), clicks=2)]
    slow = steps_of(Person().click(50, 50).wait(1.0).click(50, 50))
    assert slow == [m.Click(target=point_target(50, 50))] * 2


def test_right_click_and_modifier_click() -> None:
    p = Person().click(5, 5, "right").wait(1).down("ctrl_l").click(9, 9).up("ctrl_l")
    assert steps_of(p) == [m.Click(target=point_target(5, 5), button="right"),
                           m.Click(target=point_target(9, 9), modifiers=("ctrl",))]


def test_press_move_release_is_a_drag() -> None:
    assert steps_of(Person().click(10, 10, to=(200, 120))) == [
        m.Drag(source=point_target(10, 10), dest=point_target(200, 120))]
    assert steps_of(Person().click(10, 10, to=(13, 12))) == [m.Click(target=point_target(10, 10))]


def test_scrolls_at_one_place_coalesce() -> None:
    p = Person().scroll(100, 100, -1).scroll(101, 100, -1).scroll(100, 102, -1).wait(2).scroll(100, 100, 2)
    assert steps_of(p) == [m.Scroll(clicks=-3, target=point_target(100, 100)),
                           m.Scroll(clicks=2, target=point_target(100, 100))]


def test_the_recorders_own_hotkeys_never_appear() -> None:
    stop = frozenset({"ctrl", "alt", "shift", "r"})
    p = Person().type("ok").down("ctrl_l").down("alt_l").down("shift_l").key("r", "R").up("shift_l").up("alt_l").up("ctrl_l")
    assert steps_of(p, {stop}) == [m.Type(text="ok")]


def test_manual_duration_spans_first_to_last_action() -> None:
    builder = StepBuilder()
    for e in Person().wait(3).type("ab").wait(5).click(1, 1).events:
        builder.feed(e)
    assert 5.0 < builder.duration() < 5.5


def test_a_key_pressed_again_after_the_screen_changed_is_two_steps_not_one_with_a_count() -> None:
    """Enter, a message box appears, Enter closes it: replayed as "press enter x2" the box got no time to come."""
    p = Person().key("enter")
    p.t += 0.3
    p.events.append(RawEvent(t=p.t, kind="screen"))
    p.key("enter").key("tab").key("tab")
    assert steps_of(p) == [m.Press(key="enter"), m.Press(key="enter"), m.Press(key="tab", count=2)]
