"""Data-driven runs: each row's outcome on disk before the next, failure policies, resume after an abort."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from deskpilot import model as m
from deskpilot.batch import ResultsFile, pick_rows, read_table
from deskpilot.errors import DataError
from deskpilot.result import RunReport, StepResult
from deskpilot.player.batch import FailurePolicy, read_names, run_batch

ROUTINE = m.Routine(name="claims", variables={"category": "Travel"}, steps=(
    m.Type(text="{{ claimant }}"), m.Type(text="{{ amount }}"), m.Type(text="{{ category }}"),
    m.ReadText(target=m.Target(anchors=(m.TextAnchor(text="Status:"),)), region=(10, -5, 200, 20), into="status_line"),
))


class App:
    """Plays a row the way the application would take it: some rows fail, some abort, in order."""

    def __init__(self, outcomes: dict[str, list[str]] | None = None) -> None:
        self.outcomes = outcomes or {}
        self.played: list[tuple[dict[str, str], str]] = []

    def __call__(self, values: dict[str, str], name: str, committing: object = None) -> RunReport:
        """An outcome "failed-after-save" (or "aborted-after-save") reaches the saving step first."""
        self.played.append((values, name))
        outcome = (self.outcomes.get(values["claimant"]) or ["passed"]).pop(0)
        status, _, after = outcome.partition("-after-")
        committed = bool(after) or status == "passed"
        if committed and callable(committing):
            committing()
        read = StepResult(index=4, kind="read_text", description="read", read={"status_line": f"Saved {values['claimant']}"})
        return RunReport(routine="claims", started="now", status=status, steps=[read], committed=committed,
                         error=None if status == "passed" else f"step 2 failed for {values['claimant']}")


@pytest.fixture
def data(tmp_path: Path) -> Path:
    path = tmp_path / "claims.csv"
    path.write_text("claimant,amount\nAnna,12.50\nBen,7.00\nCara,99.90\n", encoding="utf-8")
    return path


def open_results(data: Path) -> ResultsFile:
    results = ResultsFile.open(data.with_name("claims.results.csv"), routine_name="claims", routine_id="abc123",
                               read_names=read_names(ROUTINE.steps))
    results.close()  # these tests reopen it as a later run would
    return results


def run(data: Path, app: App, policy: str = "stop", recover: object = None) -> object:
    table = read_table(data)
    results = open_results(data)
    rows = pick_rows(table, from_row=None, rows=None, done=results.finished_rows() | results.held_rows())
    return run_batch(ROUTINE, rows, given={}, results=results, play_row=app, policy=FailurePolicy.parse(policy),
                     recover=recover)  # type: ignore[arg-type]


def test_every_row_plays_with_its_values_and_what_it_read_is_kept(data: Path) -> None:
    app = App()
    summary = run(data, app)
    assert [v for v, _ in app.played] == [{"category": "Travel", "claimant": "Anna", "amount": "12.50"},
                                          {"category": "Travel", "claimant": "Ben", "amount": "7.00"},
                                          {"category": "Travel", "claimant": "Cara", "amount": "99.90"}]
    assert summary.ok == 3 and summary.failed == 0  # type: ignore[attr-defined]
    latest = open_results(data).latest()
    assert [(r.row, r.status, r.values) for r in latest.values()] == [
        (1, "ok", {"status_line": "Saved Anna"}), (2, "ok", {"status_line": "Saved Ben"}),
        (3, "ok", {"status_line": "Saved Cara"})]


def test_stop_ends_the_run_at_the_failed_row_and_the_next_run_resumes_there(data: Path) -> None:
    first = App({"Ben": ["failed"]})
    summary = run(data, first, "stop")
    assert summary.stopped_at == 2 and [v["claimant"] for v, _ in first.played] == ["Anna", "Ben"]  # type: ignore[attr-defined]
    assert open_results(data).latest()[2].error == "step 2 failed for Ben"
    again = App()
    run(data, again)
    assert [v["claimant"] for v, _ in again.played] == ["Ben", "Cara"]  # Anna is never redone
    assert {r.row: r.status for r in open_results(data).latest().values()} == {1: "ok", 2: "ok", 3: "ok"}


def test_skip_goes_on_after_a_failed_row(data: Path) -> None:
    app = App({"Ben": ["failed"]})
    summary = run(data, app, "skip")
    assert [v["claimant"] for v, _ in app.played] == ["Anna", "Ben", "Cara"]
    assert summary.ok == 2 and summary.failed == 1 and summary.stopped_at is None  # type: ignore[attr-defined]


def test_retry_plays_the_recovery_before_each_new_try(data: Path) -> None:
    app = App({"Ben": ["failed", "failed", "passed"]})
    recoveries: list[int] = []

    def recover() -> RunReport:
        recoveries.append(len(app.played))
        return RunReport(routine="back to start", started="now", status="passed")

    summary = run(data, app, "retry:2", recover)
    assert [name for _, name in app.played] == ["row-0001", "row-0002", "row-0002-try2", "row-0002-try3", "row-0003"]
    assert recoveries == [2, 3] and summary.ok == 3 and summary.attempts == 5  # type: ignore[attr-defined]


def test_a_row_that_fails_every_try_says_so_and_the_run_goes_on(data: Path) -> None:
    app = App({"Anna": ["failed", "failed"]})
    run(data, app, "retry:1")
    assert open_results(data).latest()[1].error == "step 2 failed for Anna (after 2 tries)"
    assert [v["claimant"] for v, _ in app.played] == ["Anna", "Anna", "Ben", "Cara"]


def test_an_aborted_row_is_not_written_so_the_same_command_resumes_with_it(data: Path) -> None:
    app = App({"Ben": ["aborted"]})
    summary = run(data, app)
    assert summary.aborted_at == 2 and sorted(open_results(data).latest()) == [1]  # type: ignore[attr-defined]
    again = App()
    run(data, again)
    assert [v["claimant"] for v, _ in again.played] == ["Ben", "Cara"]


@pytest.mark.parametrize("text", ["halt", "retry:0", "skip:2", "retry:x"])
def test_a_bad_failure_policy_names_the_choices(text: str) -> None:
    with pytest.raises(DataError, match="use stop, skip, retry or retry:N"):
        FailurePolicy.parse(text)


def test_a_row_the_application_did_not_confirm_is_entered_not_ok_and_is_not_played_again(data: Path) -> None:
    class Unconfirmed(App):
        def __call__(self, values: dict[str, str], name: str, committing: object = None) -> RunReport:
            report = super().__call__(values, name, committing)
            report.confirmed = False  # every step ran; the routine has no check of a "saved" message
            return report

    summary = run(data, Unconfirmed())
    assert summary.ok == 0 and summary.entered == 3 and summary.failed == 0  # type: ignore[attr-defined]
    assert {r.status for r in open_results(data).latest().values()} == {"entered"}
    again = App()
    run(data, again)
    assert again.played == []  # entered rows may be saved in the application: never typed twice by a resume


def test_a_routine_confirms_only_with_a_check_after_its_last_input() -> None:
    save = m.Click(target=m.Target(anchors=(m.TextAnchor(text="Save"),)))
    saved = m.WaitFor(target=m.Target(anchors=(m.TextAnchor(text="Saved"),)))
    assert m.Routine(name="r", steps=(save, saved)).final_check() is saved
    assert m.Routine(name="r", steps=(saved, save)).final_check() is None
    assert m.Routine(name="r", steps=(saved,)).final_check() is None


def test_a_row_that_fails_after_its_saving_step_is_never_tried_again_nor_resumed(data: Path) -> None:
    """The application may have saved it: a retry or a resume would enter it twice."""
    app = App({"Ben": ["failed-after-save", "passed"]})
    summary = run(data, app, policy="retry:2")
    assert [v["claimant"] for v, _ in app.played] == ["Anna", "Ben", "Cara"]  # Ben once: no retry
    ben = open_results(data).latest()[2]
    assert ben.status == "uncertain" and "may hold this row" in ben.error and "--rows 2" in ben.error
    assert summary.failed == 1  # type: ignore[attr-defined]
    again = App()
    run(data, again)
    assert again.played == []  # Anna and Cara done, Ben held for a person to check


def test_a_run_killed_while_saving_leaves_the_row_marked_committing(data: Path) -> None:
    """Written before the saving step: a kill right after the application saved still leaves a trace."""
    results = open_results(data)
    rows = pick_rows(read_table(data), from_row=None, rows=None, done=set())

    def killed(values: dict[str, str], name: str, committing: object) -> RunReport:
        committing()  # type: ignore[operator]
        raise KeyboardInterrupt  # the process dies while the application saves

    with pytest.raises(KeyboardInterrupt):
        run_batch(ROUTINE, rows, given={}, results=results, play_row=killed, policy=FailurePolicy.parse("stop"))
    reopened = open_results(data)
    assert reopened.held_rows() == {1} and reopened.finished_rows() == set()


def test_the_routine_id_ignores_harmless_edits_and_changes_with_what_is_typed() -> None:
    from deskpilot.player.batch import routine_id

    base = routine_id(ROUTINE)
    noted = m.Routine(name="claims", variables={"category": "Travel"}, steps=tuple(
        dataclasses.replace(s, note="checked", timeout=30) for s in ROUTINE.steps))
    assert routine_id(noted) == base
    other = m.Routine(name="claims", steps=(m.Type(text="{{ amount }}"),) + ROUTINE.steps[1:])
    assert routine_id(other) != base


def test_an_attempts_name_names_its_row() -> None:
    from deskpilot.player.batch import attempt_name, row_of

    assert [attempt_name(7, 1), attempt_name(7, 2)] == ["row-0007", "row-0007-try2"]
    assert [row_of("row-0007"), row_of("row-0123-try3"), row_of("recovery"), row_of("row-x"), row_of("row-1-z")] == [
        7, 123, None, None, None]
