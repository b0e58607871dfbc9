"""The results file of a data-driven run: one line per row played, read back to resume.

It sits next to the data (``claims.csv`` -> ``claims.results.csv``) and holds only what
happened, not the data again, so it stays small. Every line names the routine that wrote
it, so resuming with another routine is refused rather than skipping rows it never ran.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from deskpilot.batch.result_stores import Loaded, Record, ResultsStore, store_for
from deskpilot.errors import DataError

log = logging.getLogger(__name__)

STATUSES = ("ok", "entered", "failed", "skipped")  # "entered": every step ran, the application confirmed nothing
FINISHED = frozenset({"ok", "entered", "skipped"})  # failed rows play again on resume
LEAD_COLUMNS = ("row", "status", "error", "seconds", "finished")
ROUTINE_COLUMNS = ("routine", "routine_id")


def finished_now() -> str:
    """Local time with its UTC offset, to the second: sortable, and unambiguous across a DST change."""
    return datetime.now().astimezone().isoformat(timespec="seconds")


@dataclass(frozen=True, slots=True, kw_only=True)
class RowResult:
    """What happened to one data row; ``values`` holds what read_text steps read from the screen."""

    row: int
    status: str
    error: str = ""
    seconds: float = 0.0
    values: dict[str, str] = field(default_factory=dict)
    finished: str = field(default_factory=finished_now)

    def __post_init__(self) -> None:
        if self.status not in STATUSES:
            raise ValueError(f"status must be one of {', '.join(STATUSES)}, not {self.status!r}")


def results_path(data_path: Path) -> Path:
    """``claims.csv`` -> ``claims.results.csv``, ``claims.xlsx`` -> ``claims.results.xlsx``."""
    if data_path.suffix.lower() not in (".csv", ".xlsx"):
        raise DataError(f"{data_path.name}: data must be a .csv or .xlsx file; save it as CSV or .xlsx")
    return data_path.with_name(f"{data_path.stem}.results{data_path.suffix}")


class ResultsFile:
    """An open results file; ``write`` returns only once the row is on disk."""

    def __init__(self, path: Path, store: ResultsStore, header: list[str], *, routine_name: str, routine_id: str,
                 latest: dict[int, RowResult]) -> None:
        self.path = path
        self.columns = header
        self.routine_name = routine_name
        self.routine_id = routine_id
        self._store = store
        self._latest = latest

    @classmethod
    def open(cls, path: Path, *, routine_name: str, routine_id: str, read_names: Sequence[str]) -> ResultsFile:
        """Create the file, or check an existing one belongs to this routine; a refused file is left untouched."""
        store = store_for(path)
        read_names = _distinct_reads(path, read_names)
        loaded = store.load()
        if loaded is None:
            header = [*LEAD_COLUMNS, *read_names, *ROUTINE_COLUMNS]
            store.create(header)
            return cls(path, store, header, routine_name=routine_name, routine_id=routine_id, latest={})
        latest = _check(path, loaded, routine_id=routine_id, read_names=read_names)
        if loaded.cut_tail:
            log.warning("%s: its last line was cut short (a crash while writing?); it is left out", path.name)
            store.drop_cut_tail()
        return cls(path, store, loaded.header, routine_name=routine_name, routine_id=routine_id, latest=latest)

    def latest(self) -> dict[int, RowResult]:
        """The most recent result of every row played so far, by row number."""
        return dict(self._latest)

    def finished_rows(self) -> set[int]:
        """Rows whose latest result is ok or skipped: what a resumed run leaves out."""
        return {n for n, r in self._latest.items() if r.status in FINISHED}

    def write(self, result: RowResult) -> None:
        extra = sorted(set(result.values) - set(self.columns))
        if extra:
            log.warning("%s has no column for %s; those values are not saved", self.path.name, ", ".join(extra))
        record: Record = {
            **{name: result.values.get(name, "") for name in self.columns},
            "row": str(result.row),
            "status": result.status,
            "error": result.error,
            "seconds": f"{result.seconds:.2f}",
            "finished": result.finished,
            "routine": self.routine_name,
            "routine_id": self.routine_id,
        }
        self._store.append(self.columns, record)
        self._latest[result.row] = result


def _distinct_reads(path: Path, read_names: Sequence[str]) -> list[str]:
    clash = [n for n in read_names if n in LEAD_COLUMNS or n in ROUTINE_COLUMNS]
    if clash:
        raise DataError(f"{path.name}: the routine reads text into '{clash[0]}', a name the results file uses "
                        "for its own column; rename that read_text variable")
    return list(dict.fromkeys(read_names))


def _check(path: Path, loaded: Loaded, *, routine_id: str, read_names: Sequence[str]) -> dict[int, RowResult]:
    """The latest result per row, once the file is known to be ours, from this routine, with its columns."""
    fix = f"move it away or pass --results NEW{path.suffix.lower()}"
    absent = [c for c in (*LEAD_COLUMNS, *ROUTINE_COLUMNS) if c not in loaded.header]
    if absent:
        raise DataError(f"{path.name} is not a DeskPilot results file (no column '{absent[0]}'); {fix}")
    for _, record in loaded.records:
        if record["routine_id"] != routine_id:
            name = record["routine"] or "unnamed"
            raise DataError(f"{path.name} was written by another routine ({name}); {fix}")
    lacking = [n for n in read_names if n not in loaded.header]
    if lacking:
        names = ", ".join(f"'{n}'" for n in lacking)
        raise DataError(f"{path.name} has no column for the read value(s) {names}, which the routine now reads; {fix}")
    reads = [c for c in loaded.header if c not in LEAD_COLUMNS and c not in ROUTINE_COLUMNS]
    latest: dict[int, RowResult] = {}
    for line, record in loaded.records:
        result = _parse(record, reads, where=f"{path.name}:{line}")
        latest[result.row] = result
    return latest


def _parse(record: Record, reads: list[str], *, where: str) -> RowResult:
    def at(what: str) -> str:
        return f"{where}: {what}; fix or delete that line"

    row, status, seconds = record["row"].strip(), record["status"].strip(), record["seconds"].strip() or "0"
    if not (row.isascii() and row.isdigit()) or int(row) == 0:
        raise DataError(at(f"row '{row}' is not a row number"))
    if status not in STATUSES:
        raise DataError(at(f"status '{status}' is not one of {', '.join(STATUSES)}"))
    try:
        secs = float(seconds)
    except ValueError:
        secs = math.nan
    if not math.isfinite(secs):
        raise DataError(at(f"seconds '{seconds}' is not a number"))
    return RowResult(row=int(row), status=status, error=record["error"], seconds=secs,
                     values={n: record[n] for n in reads}, finished=record["finished"])
