"""The player's step logic with fakes: waiting, acting, failing with evidence, aborting, dry runs."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest

from deskpilot import model as m
from deskpilot.geometry import Point, Rect
from deskpilot.player.report import write_report
from deskpilot.player.runner import Player, PlayOptions
from tests.unit.fakes import NOT_FOUND, FakeClock, FakeDriver, FakeResolver, FakeScreen, found_at, text_target


def make_player(steps: list[m.Step], script, *, options: PlayOptions | None = None, read: str = "",
                variables: dict[str, str] | None = None):
    clock = FakeClock()
    routine = m.Routine(name="t", steps=tuple(steps), variables=variables or {}, folder=Path("."))
    resolver = FakeResolver(script, read=read)
    driver = FakeDriver()
    player = Player(routine, driver=driver, resolver=resolver, screen=FakeScreen(clock), clock=clock,
                    options=options or PlayOptions())
    return player, driver, resolver, clock


def test_click_waits_until_the_target_appears_then_clicks_it() -> None:
    steps = [m.Click(target=text_target("Save"))]
    player, driver, resolver, clock = make_player(steps, {"Save": lambda n: found_at(50, 60) if n >= 4 else NOT_FOUND})
    report = player.run()
    assert report.status == "passed"
    assert driver.calls == [("click", Point(50, 60), "left", 1, ())]
    assert resolver.polls["Save"] == 4
    assert report.steps[0].waited_seconds > 0


def test_a_target_that_never_appears_fails_after_its_timeout_with_the_reason(tmp_path: Path) -> None:
    steps = [m.Click(target=text_target("Customer ID:", offset=(90, 0)), timeout=2.0), m.Press(key="tab")]
    player, driver, _, clock = make_player(steps, {}, options=PlayOptions(report_dir=tmp_path))
    report = player.run()
    assert report.status == "failed"
    assert driver.calls == []  # never clicks a guess, and stops at the failed step
    assert 2.0 <= clock.t < 3.0
    error = report.steps[0].error or ""
    assert error.startswith('step 1 (click right of "Customer ID:"): not found after 2.0 s; best match "Custom"')
    assert report.steps[0].screenshot == "step-001.png" and (tmp_path / "step-001.png").exists()
    assert report.steps[1].status == "not run"


def test_ambiguous_targets_fail_as_ambiguous() -> None:
    amb = found_at(10, 10)
    tie = type(amb)(status="ambiguous", best=amb.best, candidates=amb.candidates, reason="2 places tie")
    player, driver, _, _ = make_player([m.Click(target=text_target("OK"), timeout=1)], {"OK": lambda n: tie})
    report = player.run()
    assert report.status == "failed" and "ambiguous" in (report.error or "")
    assert driver.calls == []


def test_typing_fills_variables_and_keys_are_pressed() -> None:
    steps = [m.Type(text="{{ who }} & co", verify=False), m.Press(key="tab", count=3), m.Hotkey(keys=("ctrl", "s"))]
    player, driver, _, _ = make_player(steps, {}, variables={"who": "Müller"})
    report = player.run({"who": "张三"})
    assert report.status == "passed"
    assert driver.calls == [("type", "张三 & co"), ("press", "tab", 3), ("hotkey", ("ctrl", "s"))]


def test_wait_for_gone_waits_until_the_target_disappears() -> None:
    steps = [m.WaitFor(target=text_target("Saving..."), gone=True)]
    player, _, resolver, _ = make_player(steps, {"Saving...": lambda n: found_at(1, 1) if n < 3 else NOT_FOUND})
    assert player.run().status == "passed"
    assert resolver.polls["Saving..."] == 3


def test_expect_fails_the_run_with_an_expectation_error() -> None:
    steps = [m.Expect(target=text_target("Saved C-1001"))]
    player, _, _, clock = make_player(steps, {})
    report = player.run()
    assert report.status == "failed"
    assert "expected on screen but not found after 3.0 s" in (report.error or "")


def test_read_text_reads_the_region_right_of_the_anchor_scaled_with_the_font() -> None:
    steps = [m.ReadText(target=text_target("Total:", height=14), region=(40, -10, 100, 20), into="total"),
             m.Type(text="{{ total }}", verify=False)]
    # found text box is 28 px high: twice the recorded height, so the region doubles
    player, driver, resolver, _ = make_player(steps, {"Total:": lambda n: found_at(100, 100)}, read=" 1,234.50 \n")
    bigger = found_at(100, 100)
    assert bigger.best is not None
    resolver.script["Total:"] = lambda n: type(bigger)(status="found", best=type(bigger.best)(
        point=Point(100, 100), score=0.9, anchor_index=0, how="text", box=Rect(80, 86, 40, 28)), candidates=())
    report = player.run()
    assert report.status == "passed"
    assert resolver.read_rects == [Rect(180, 80, 200, 40)]
    assert driver.calls == [("type", "1,234.50")]
    assert report.steps[0].read == {"total": "1,234.50"}


def test_dry_run_resolves_everything_and_touches_nothing(tmp_path: Path) -> None:
    steps = [m.Click(target=text_target("Save")), m.Type(text="x"), m.Click(target=text_target("Nowhere"))]
    player, driver, _, clock = make_player(steps, {"Save": lambda n: found_at(5, 5)},
                                           options=PlayOptions(dry_run=True, report_dir=tmp_path))
    report = player.run()
    assert driver.calls == []
    assert [s.status for s in report.steps] == ["dry-run", "dry-run", "failed"]
    assert report.status == "failed"
    assert report.steps[0].screenshot == "step-001.png"
    assert clock.t < 3.0  # a dry run looks briefly, it does not wait the full timeout


def test_the_stop_event_aborts_between_polls_and_the_report_says_where() -> None:
    steps = [m.Press(key="a"), m.WaitFor(target=text_target("never"), timeout=60)]
    player, driver, _, clock = make_player(steps, {})
    stop = threading.Event()
    player.stop = stop
    original_sleep = clock.sleep

    def sleep_then_stop(seconds: float) -> None:
        original_sleep(seconds)
        if clock.t > 1.0:
            stop.set()

    clock.sleep = sleep_then_stop  # type: ignore[method-assign]
    report = player.run()
    assert report.status == "aborted"
    assert [s.status for s in report.steps] == ["ok", "aborted"]
    assert clock.t < 2.0
    assert "step 2 (wait for \"never\")" in (report.error or "")


def test_the_recorded_point_is_used_only_when_allowed_and_only_after_the_whole_wait() -> None:
    class Spy(FakeResolver):
        def resolve(self, target, frame=None, *, allow_point=False, thorough=False):  # type: ignore[no-untyped-def]
            return found_at(3, 3, how="point") if allow_point else NOT_FOUND

    for allow in (False, True):
        routine = m.Routine(name="t", steps=(m.Click(target=text_target("x"), timeout=2),), folder=Path("."))
        clock = FakeClock()
        driver = FakeDriver()
        report = Player(routine, driver=driver, resolver=Spy({}), screen=FakeScreen(clock), clock=clock,
                        options=PlayOptions(allow_fallback=allow)).run()
        assert clock.t >= 2.0  # it waited the whole timeout for the real target either way
        if allow:
            assert report.status == "passed" and driver.calls == [("click", Point(3, 3), "left", 1, ())]
            assert report.steps[0].found_by == "point (fallback: recorded absolute position)"
        else:
            assert report.status == "failed" and driver.calls == []



def test_a_target_only_the_second_readings_find_is_still_found_by_the_last_look() -> None:
    """A poll skips the costly second readings on a screen still drawing; the look before giving up reads all."""
    class Spy(FakeResolver):
        looks: list[bool] = []

        def resolve(self, target, frame=None, *, allow_point=False, thorough=False):  # type: ignore[no-untyped-def]
            self.looks.append(thorough)
            return found_at(5, 5) if thorough else NOT_FOUND

    routine = m.Routine(name="t", steps=(m.Click(target=text_target("Yes"), timeout=1),), folder=Path("."))
    clock = FakeClock()
    driver = FakeDriver()
    spy = Spy({})
    report = Player(routine, driver=driver, resolver=spy, screen=FakeScreen(clock), clock=clock).run()
    assert report.status == "passed" and driver.calls == [("click", Point(5, 5), "left", 1, ())]
    assert spy.looks[-1] is True and spy.looks.count(True) == 1 and clock.t >= 1.0

def test_the_report_is_written_as_json_and_self_contained_html(tmp_path: Path) -> None:
    steps = [m.Click(target=text_target("Save"), timeout=1)]
    player, _, _, _ = make_player(steps, {}, options=PlayOptions(report_dir=tmp_path))
    report = player.run()
    json_path, html_path = write_report(report, tmp_path)
    data = json.loads(json_path.read_text(encoding="utf-8"))
    assert data["status"] == "failed" and data["steps"][0]["screenshot"] == "step-001.png"
    page = html_path.read_text(encoding="utf-8")
    assert "data:image/png;base64," in page and "not found after 1.0 s" in page


@pytest.mark.parametrize("start_at, expected", [(1, ["ok", "ok"]), (2, ["skipped", "ok"])])
def test_start_at_skips_earlier_steps(start_at: int, expected: list[str]) -> None:
    player, driver, _, _ = make_player([m.Press(key="a"), m.Press(key="b")], {}, options=PlayOptions(start_at=start_at))
    assert [s.status for s in player.run().steps] == expected


def test_run_one_step_runs_only_that_step() -> None:
    steps = [m.Press(key="a"), m.Press(key="b"), m.Press(key="c")]
    player, driver, _, _ = make_player(steps, {}, options=PlayOptions(start_at=2, stop_after=2))
    assert [s.status for s in player.run().steps] == ["skipped", "ok", "skipped"]
    assert driver.calls == [("press", "b", 1)]


def test_a_breakpoint_holds_the_run_until_resumed() -> None:
    steps = [m.Press(key="a"), m.Press(key="b")]
    player, driver, _, _ = make_player(steps, {}, options=PlayOptions(breakpoints=frozenset({2})))
    seen: list[tuple[int, list[object]]] = []

    class Listener:
        def step_started(self, index, step): ...  # type: ignore[no-untyped-def]
        def step_finished(self, result): ...  # type: ignore[no-untyped-def]
        def run_finished(self, report): ...  # type: ignore[no-untyped-def]

        def paused(self, index: int) -> None:
            seen.append((index, list(driver.calls)))
            threading.Timer(0.05, player.resume.set).start()

    player.listener = Listener()
    report = player.run()
    assert report.status == "passed"
    assert seen == [(2, [("press", "a", 1)])]  # held before step 2, after step 1 ran
    assert driver.calls == [("press", "a", 1), ("press", "b", 1)]


def test_stopping_while_paused_aborts_at_that_step() -> None:
    player, driver, _, _ = make_player([m.Press(key="a")], {}, options=PlayOptions(breakpoints=frozenset({1})))
    threading.Timer(0.05, player.stop.set).start()
    report = player.run()
    assert report.status == "aborted" and driver.calls == []


class ChangingScreen(FakeScreen):
    """A screen that draws a status text at (40-80, 40-50) from grab ``shows_at`` on."""

    def __init__(self, clock: FakeClock, shows_at: int) -> None:
        super().__init__(clock)
        self.shows_at = shows_at

    def grab(self, region: Rect | None = None):  # type: ignore[no-untyped-def]
        frame = super().grab(region)
        if self.grabs >= self.shows_at:
            frame.pixels[40:50, 40:80] = 255
        return frame


@pytest.mark.parametrize("shows_at, passes", [(1, False), (3, True)], ids=["stale-from-before", "new-after-save"])
def test_the_final_check_counts_only_what_appeared_after_the_last_action(shows_at: int, passes: bool) -> None:
    """The previous row's "Saved" still on the screen must not confirm this row."""
    clock = FakeClock()
    saved = lambda n: found_at(60, 45)  # noqa: E731 - the text is found every time it is looked for
    routine = m.Routine(name="t", folder=Path("."), steps=(
        m.Click(target=text_target("Save")), m.WaitFor(target=text_target("Saved"), timeout=2.0)))
    player = Player(routine, driver=FakeDriver(), resolver=FakeResolver({"Save": lambda n: found_at(5, 5),
                                                                          "Saved": saved}),
                    screen=ChangingScreen(clock, shows_at), clock=clock)
    report = player.run()
    assert (report.status == "passed") is passes
    if not passes:
        assert "was on the screen already before the last action" in (report.error or "")
    else:
        assert report.confirmed is True
