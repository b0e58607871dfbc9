"""What a ``call`` reads: the variables code, the registry and the player agree, nested calls and table counts included.

A call runs the callee and then copies back every variable the callee read. Before the step
registry, three copies of "what a step reads" disagreed here: the variables code forgot a
called table's ``_count`` (so a run asked for a value it would read itself) and the player
dropped what a call inside the callee read.
"""

from __future__ import annotations

from pathlib import Path

from deskpilot import model as m
from deskpilot.format.registry import kind_of, reads
from deskpilot.geometry import Rect
from deskpilot.player.runner import Player
from deskpilot.ports import Word
from deskpilot.variables import missing_values, variables_used
from tests.unit.fakes import FakeClock, FakeDriver, FakeResolver, FakeScreen, found_at, text_target

GREETING = m.Routine(name="greeting", folder=Path("greeting"), steps=(
    m.ReadText(target=text_target("Welcome"), region=(0, 0, 100, 20), into="greeting"),
))
LOGIN = m.Routine(name="login", folder=Path("login"), steps=(
    m.ReadTable(target=text_target("Invoice"), region=(-50, -10, 600, 200), into="rows", columns=("Invoice",)),
    m.Call(routine="../greeting", callee=GREETING),
))
CALL = m.Call(routine="../login", callee=LOGIN)
AFTER = m.Type(text="{{ rows_count }} {{ greeting }}", verify=False)
ROUTINE = m.Routine(name="claims", folder=Path("claims"), steps=(CALL, AFTER))


def test_a_call_reads_what_its_callee_reads_a_nested_call_and_a_tables_count_included() -> None:
    assert kind_of(CALL).reads(CALL) == ("rows", "rows_count", "greeting")
    assert reads(ROUTINE.steps) == ["rows", "rows_count", "greeting"]


def test_what_a_call_reads_is_no_value_the_run_must_be_given() -> None:
    assert variables_used(ROUTINE) == []
    assert missing_values(ROUTINE, {}) == []


def test_the_player_brings_back_exactly_what_the_registry_says_the_call_reads() -> None:
    clock = FakeClock()
    resolver = FakeResolver({"Invoice": lambda n: found_at(60, 20), "Welcome": lambda n: found_at(5, 5)},
                            read="Hello Ann")
    resolver.table_words = [Word("Invoice", Rect(20, 15, 60, 12), 0.9), Word("INV-1", Rect(20, 45, 50, 12), 0.9)]
    driver = FakeDriver()
    report = Player(ROUTINE, driver=driver, resolver=resolver, screen=FakeScreen(clock), clock=clock).run()
    assert report.status == "passed", report.error
    assert list(report.steps[0].read) == list(kind_of(CALL).reads(CALL))
    assert driver.calls == [("type", "1 Hello Ann")]


def test_a_data_run_gives_what_a_call_reads_its_results_columns() -> None:
    from deskpilot.player.batch import read_names

    assert read_names(ROUTINE.steps) == ["rows", "rows_count", "greeting"]
