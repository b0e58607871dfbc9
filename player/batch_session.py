"""A data-driven run, checked before it starts: the data, its columns, the results file and the recovery routine.

Nothing is played until all of them have been checked: a mistake in any of them
is one line and exit 2, with every file as it was. The rows are then played by
the one run path, ``deskpilot.player.run.play_rows``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from deskpilot.batch import DataRow, ResultsFile, check_columns, pick_rows, read_table, results_path
from deskpilot.batch.results import row_fingerprint
from deskpilot.format import LoadedRoutine
from deskpilot.variables import variables_used
from deskpilot.player.batch import FailurePolicy, read_names, routine_id


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

