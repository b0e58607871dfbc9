"""A data-driven run on the real machine: check everything first, then one player per row on one session.

Nothing is played until the data, the columns, the results file and the recovery
routine have all been checked: a mistake in any of them is one line and exit 2,
with every file as it was.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from deskpilot.batch import DataRow, ResultsFile, check_columns, pick_rows, read_table, results_path
from deskpilot.batch.results import row_fingerprint
from deskpilot.format import LoadedRoutine
from deskpilot.ports import Backend
from deskpilot.result import RunReport
from deskpilot.variables import variables_used
from deskpilot.player.batch import BatchListener, BatchSummary, FailurePolicy, read_names, routine_id, run_batch
from deskpilot.player.report import write_report
from deskpilot.player.runner import PlayOptions


@dataclass(frozen=True)
class BatchRequest:
    data: Path
    sheet: str | None = None
    results: Path | None = None
    from_row: int | None = None
    rows: str | None = None
    policy: FailurePolicy = FailurePolicy()
    recovery: LoadedRoutine | None = None


@dataclass(frozen=True)
class Prepared:
    rows: list[DataRow]
    results: ResultsFile
    unused: tuple[str, ...]
    already_done: int
    held: tuple[int, ...] = ()  # rows an earlier run stopped while saving: a person checks them first
    encoding: str | None = None  # the data file's encoding, when it was not UTF-8


def prepare(loaded: LoadedRoutine, given: dict[str, str], request: BatchRequest) -> Prepared:
    """Everything that can be wrong before the first row: raises DataError, changes no file."""
    routine = loaded.routine
    table = read_table(request.data, request.sheet)
    check = check_columns(table, variables_used(routine), defaults=routine.variables, given=given,
                          secrets=routine.secrets)
    results = ResultsFile.open(request.results or results_path(request.data), routine_name=routine.name,
                               routine_id=routine_id(routine), read_names=read_names(routine.steps))
    try:
        results.check_rows({row.number: row_fingerprint(row.values) for row in table.rows})
        done, held = results.finished_rows(), results.held_rows()
        rows = pick_rows(table, from_row=request.from_row, rows=request.rows, done=done | held)
    except BaseException:
        results.close()
        raise
    chosen = request.rows is not None or request.from_row is not None
    return Prepared(rows, results, tuple(check.unused), len(done),
                    held=() if chosen else tuple(sorted(held)), encoding=table.encoding)


def play_batch(loaded: LoadedRoutine, given: dict[str, str], options: PlayOptions, request: BatchRequest,
               prepared: Prepared, listener: BatchListener, stop: threading.Event | None = None,
               platform: Backend | None = None) -> BatchSummary:
    """Open the session once, then play the prepared rows; ``stop`` (or the abort hotkey) ends the current row."""
    from deskpilot.player.session import open_session

    routine = loaded.routine
    session = open_session(routine, options, platform)
    stop = stop or threading.Event()
    session.player.stop = stop
    base = options.report_dir

    def play_row(values: dict[str, str], name: str, committing: Callable[[], None]) -> RunReport:
        row_options = replace(options, report_dir=base / name if base else None)
        player = session.player_for(routine, row_options)
        player.on_commit = committing
        report = player.run(values)
        if row_options.report_dir is not None:
            write_report(report, row_options.report_dir)
        return report

    def recover() -> RunReport:
        assert request.recovery is not None
        rec_options = replace(options, report_dir=base / "recovery" if base else None)
        return session.player_for(request.recovery.routine, rec_options).run({})

    try:
        with session.abort_hotkey(stop):
            return run_batch(routine, prepared.rows, given=given, results=prepared.results, play_row=play_row,
                             policy=request.policy, recover=recover if request.recovery else None, listener=listener)
    finally:
        prepared.results.close()
