"""expect comparisons, read_text parsing, if_visible and call, played with fakes."""

from __future__ import annotations

from pathlib import Path

from deskpilot import model as m
from deskpilot.geometry import Point
from deskpilot.player.runner import Player, PlayOptions
from tests.unit.fakes import NOT_FOUND, FakeClock, FakeDriver, FakeResolver, FakeScreen, found_at, text_target


def play(steps: list[m.Step], script: dict, read: str = "", variables: dict[str, str] | None = None):  # type: ignore[no-untyped-def, type-arg]
    clock = FakeClock()
    routine = m.Routine(name="t", steps=tuple(steps), folder=Path("."), variables=variables or {})
    resolver = FakeResolver(script, read=read)
    driver = FakeDriver()
    player = Player(routine, driver=driver, resolver=resolver, screen=FakeScreen(clock), clock=clock,
                    options=PlayOptions())
    return player.run(), driver, clock


TOTAL = {"Total:": lambda n: found_at(100, 200)}


def test_read_text_parses_a_number_into_its_plain_form() -> None:
    step = m.ReadText(target=text_target("Total:"), region=(40, -8, 120, 20), into="total", parse="number")
    report, _, _ = play([step], TOTAL, read="EUR 9,280.15")
    assert report.status == "passed" and report.steps[0].read == {"total": "9280.15"}


def test_read_text_that_does_not_parse_fails_saying_what_it_read() -> None:
    step = m.ReadText(target=text_target("Total:"), region=(40, -8, 120, 20), into="total", parse="number")
    report, _, _ = play([step], TOTAL, read="n/a")
    assert report.status == "failed" and "read 'n/a', which is not a number" in (report.error or "")


def test_expect_number_on_screen_fails_with_both_values_after_its_wait() -> None:
    step = m.Expect(target=text_target("Total:"), region=(40, -8, 120, 20), compare="number",
                    expected="{{ expected }}", timeout=1.0)
    report, _, clock = play([step], TOTAL, read="9,280.15", variables={"expected": "9280.15"})
    assert report.status == "passed"
    report, _, clock = play([step], TOTAL, read="9,999.99", variables={"expected": "9280.15"})
    assert report.status == "failed" and 1.0 <= clock.t < 2.0
    assert "expected 9280.15 (number ±0.005), saw '9,999.99'" in (report.error or "")


def test_expect_a_value_needs_no_screen() -> None:
    step = m.Expect(value="{{ total }}", compare="number", expected="{{ csv_total }}", tolerance="0.01")
    report, _, _ = play([step], {}, variables={"total": "100.004", "csv_total": "100"})
    assert report.status == "passed"
    report, _, _ = play([step], {}, variables={"total": "100.5", "csv_total": "100"})
    assert report.status == "failed" and "expected 100 (number ±0.01), saw '100.5'" in (report.error or "")


def test_if_visible_runs_its_steps_only_when_the_target_shows_up_in_its_short_time() -> None:
    dialog = m.IfVisible(target=text_target("Are you sure?"), steps=(m.Click(target=text_target("Yes")),))
    after = m.Press(key="tab")
    report, driver, clock = play([dialog, after], {"Yes": lambda n: found_at(5, 6)})
    assert report.status == "passed" and driver.calls == [("press", "tab", 1)]
    assert 1.0 <= clock.t < 1.5  # a still screen: looked for nesting.AT_LEAST, not its 2 s nor the routine's 10
    assert "not visible" in report.steps[0].description
    report, driver, _ = play([dialog, after], {"Are you sure?": lambda n: found_at(1, 1),
                                               "Yes": lambda n: found_at(5, 6)})
    assert driver.calls == [("click", Point(5, 6), "left", 1, ()), ("press", "tab", 1)]
    assert [(s.index, s.path, s.status) for s in report.steps] == [(1, "", "ok"), (1, "1.1", "ok"), (2, "", "ok")]


def test_a_failing_nested_step_fails_the_run_and_is_named() -> None:
    dialog = m.IfVisible(target=text_target("Are you sure?"), steps=(m.Click(target=text_target("Yes"), timeout=1),))
    report, driver, _ = play([dialog], {"Are you sure?": lambda n: found_at(1, 1), "Yes": lambda n: NOT_FOUND})
    assert report.status == "failed" and driver.calls == []
    assert [s.path for s in report.steps] == ["", "1.1"] and report.steps[1].status == "failed"


def test_call_runs_the_callee_with_its_defaults_and_the_values_passed_and_brings_reads_back() -> None:
    login = m.Routine(name="login", folder=Path("login"), variables={"user": "clerk", "site": "EU"}, steps=(
        m.Type(text="{{ user }}@{{ site }}", verify=False),
        m.ReadText(target=text_target("Welcome"), region=(0, 0, 100, 20), into="greeting"),
    ))
    call = m.Call(routine="../login", with_values={"user": "{{ who }}"}, callee=login)
    after = m.Type(text="{{ greeting }}!", verify=False)
    report, driver, _ = play([call, after], {"Welcome": lambda n: found_at(1, 1)}, read="Hello Ann",
                             variables={"who": "ann"})
    assert report.status == "passed", report.error
    assert driver.calls == [("type", "ann@EU"), ("type", "Hello Ann!")]
    assert [s.path for s in report.steps] == ["", "1.1", "1.2", ""]
    assert report.steps[0].read == {"greeting": "Hello Ann"}


def test_read_table_puts_rows_as_json_and_their_count_into_variables() -> None:
    import json

    from deskpilot.geometry import Rect
    from deskpilot.ports import Word

    step = m.ReadTable(target=text_target("Invoice"), region=(-50, -10, 600, 200), into="rows",
                       columns=("Invoice", "Amount"))
    clock = FakeClock()
    resolver = FakeResolver({"Invoice": lambda n: found_at(60, 20)})
    resolver.table_words = [Word("Invoice", Rect(20, 15, 60, 12), 0.9), Word("Amount", Rect(300, 15, 60, 12), 0.9),
                            Word("INV-1", Rect(20, 45, 50, 12), 0.9), Word("12.50", Rect(300, 45, 40, 12), 0.9)]
    routine = m.Routine(name="t", steps=(step, m.Type(text="{{ rows_count }}", verify=False)), folder=Path("."))
    driver = FakeDriver()
    report = Player(routine, driver=driver, resolver=resolver, screen=FakeScreen(clock), clock=clock).run()
    assert report.status == "passed"
    assert json.loads(report.steps[0].read["rows"]) == [{"Invoice": "INV-1", "Amount": "12.50"}]
    assert driver.calls == [("type", "1")] and resolver.read_rects == [Rect(10, 10, 600, 200)]


def test_read_text_takes_the_one_element_the_region_covers_from_the_application_not_from_ocr() -> None:
    from deskpilot.geometry import Rect
    from deskpilot.ports import Element, Window
    from deskpilot.result import Candidate, Resolution
    from tests.unit.fakes import FakeAccessibility

    label = Element("label", "Total:", Rect(80, 192, 40, 16), states=frozenset({"showing"}))
    value = Element("text", "", Rect(150, 190, 100, 20), value="9,280.15", states=frozenset({"showing"}))
    found = Candidate(point=Point(100, 200), score=1.0, anchor_index=0, how="element", box=label.rect, element=label)
    script = {"Total:": lambda n: Resolution(status="found", best=found, candidates=(found,))}
    clock = FakeClock()
    routine = m.Routine(name="t", steps=(m.ReadText(target=text_target("Total:"), region=(40, -8, 120, 20),
                                                    into="total", parse="number"),), folder=Path("."))

    class OneWindow:
        def all(self) -> list[Window]:
            return [Window(1, "Invoice", Rect(0, 0, 400, 300))]

    player = Player(routine, driver=FakeDriver(), resolver=FakeResolver(script, read="misread 92B0.1S"),
                    screen=FakeScreen(clock), clock=clock, options=PlayOptions(), windows=OneWindow(),  # type: ignore[arg-type]
                    access=FakeAccessibility({"Invoice": [label, value]}))
    report = player.run()
    assert report.status == "passed" and report.steps[0].read == {"total": "9280.15"}


def test_wait_for_a_state_polls_the_element_until_the_application_enables_it() -> None:
    import dataclasses

    from deskpilot.geometry import Rect
    from deskpilot.ports import Element
    from deskpilot.result import Candidate, Resolution
    from tests.unit.fakes import FakeAccessibility

    save = Element("push button", "Save", Rect(80, 192, 60, 24), states=frozenset({"showing"}))
    found = Candidate(point=Point(110, 204), score=1.0, anchor_index=0, how="element", box=save.rect, element=save)
    script = {"": lambda n: Resolution(status="found", best=found, candidates=(found,))}  # keyed by the first anchor's text
    access = FakeAccessibility({})
    polls: list[int] = []

    def refresh(element: Element) -> Element:
        polls.append(1)
        return dataclasses.replace(element, states=frozenset({"showing", "enabled"}) if len(polls) >= 3
                                   else element.states)

    access.refresh = refresh  # type: ignore[method-assign]
    clock = FakeClock()
    target = m.Target(anchors=(m.ElementAnchor(role="push button", name="Save"), m.TextAnchor(text="Save")))
    routine = m.Routine(name="t", steps=(m.WaitFor(target=target, state="enabled"),), folder=Path("."))
    player = Player(routine, driver=FakeDriver(), resolver=FakeResolver(script), screen=FakeScreen(clock),
                    clock=clock, options=PlayOptions(), access=access)
    report = player.run()
    assert report.status == "passed" and len(polls) == 3
    never = Player(routine, driver=FakeDriver(), resolver=FakeResolver(script), screen=FakeScreen(clock),
                   clock=clock, options=PlayOptions(timeout=1.0), access=FakeAccessibility({}))
    failed = never.run()
    assert failed.status == "failed" and "push button 'Save' is not enabled yet" in (failed.error or "")
