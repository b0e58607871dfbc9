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

# "entered": every step ran, the application confirmed nothing. "committing": the row's saving step began
# (written before it). "uncertain": the row failed or stopped during or after saving: the application may hold it.
STATUSES = ("ok", "entered", "failed", "skipped", "committing", "uncertain")
FINISHED = frozenset({"ok", "entered", "skipped"})  # failed rows play again on resume
HELD = frozenset({"committing", "uncertain"})  # may be saved already: played again only when a person names them
LEAD_COLUMNS = ("row", "status", "error", "seconds", "finished")
ROUTINE_COLUMNS = ("routine", "routine_id")
FINGERPRINT = "fingerprint"  # of the row's values: resuming on changed data is refused (older files lack it)


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
    fingerprint: str = ""  # of the data row's values, so a resume knows it is the same row

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
                 latest: dict[int, RowResult], lock: RunLock | None = None) -> None:
        self.path = path
        self.columns = header
        self.routine_name = routine_name
        self.routine_id = routine_id
        self._store = store
        self._latest = latest
        self._lock = lock

    def close(self) -> None:
        """Let another run play these rows."""
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    @classmethod
    def open(cls, path: Path, *, routine_name: str, routine_id: str, read_names: Sequence[str]) -> ResultsFile:
        """Create the file, or check an existing one belongs to this routine; a refused file is left untouched."""
        store = store_for(path)
        read_names = _distinct_reads(path, read_names)
        lock = RunLock.take(path)
        try:
            loaded = store.load()
            if loaded is None:
                header = [*LEAD_COLUMNS, *read_names, *ROUTINE_COLUMNS, FINGERPRINT]
                store.create(header)
                return cls(path, store, header, routine_name=routine_name, routine_id=routine_id, latest={}, lock=lock)
            latest = _check(path, loaded, routine_id=routine_id, read_names=read_names)
            if loaded.cut_tail:
                log.warning("%s: its last line was cut short (a crash while writing?); it is left out", path.name)
                store.drop_cut_tail()
        except BaseException:
            lock.release()
            raise
        return cls(path, store, loaded.header, routine_name=routine_name, routine_id=routine_id, latest=latest,
                   lock=lock)

    @classmethod
    def peek(cls, path: Path, *, routine_id: str, read_names: Sequence[str]) -> dict[int, RowResult]:
        """What an existing results file says, without creating or locking it: for checks before a run."""
        loaded = store_for(path).load()
        return {} if loaded is None else _check(path, loaded, routine_id=routine_id,
                                                read_names=_distinct_reads(path, read_names))

    def latest(self) -> dict[int, RowResult]:
        """The most recent result of every row played so far, by row number."""
        return dict(self._latest)

    def finished_rows(self) -> set[int]:
        """Rows whose latest result is ok or skipped: what a resumed run leaves out."""
        return {n for n, r in self._latest.items() if r.status in FINISHED}

    def held_rows(self) -> set[int]:
        """Rows that may be saved in the application already (stopped while or after saving): never replayed
        by a resume; a person checks the application and names them with --rows to play them again."""
        return {n for n, r in self._latest.items() if r.status in HELD}

    def check_rows(self, fingerprints: dict[int, str]) -> None:
        """Refuse to resume on data that is not what was played: row N must still be the row played as N."""
        for number, result in sorted(self._latest.items()):
            if not result.fingerprint:
                continue  # written before rows had fingerprints
            now = fingerprints.get(number)
            if now != result.fingerprint:
                what = "is gone" if now is None else "has other values now"
                raise DataError(f"{self.path.name}: row {number} was played with other data (the data file's row "
                                f"{number} {what}); move {self.path.name} away to play this data from the start")

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
            FINGERPRINT: result.fingerprint,
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
    absent = [c for c in (*LEAD_COLUMNS, *ROUTINE_COLUMNS) if c not in loaded.header]  # the fingerprint may be
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
    reads = [c for c in loaded.header if c not in LEAD_COLUMNS and c not in ROUTINE_COLUMNS and c != FINGERPRINT]
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
                     values={n: record[n] for n in reads}, finished=record["finished"],
                     fingerprint=record.get(FINGERPRINT, ""))


def row_fingerprint(values: dict[str, str]) -> str:
    """A short hash of a data row's values (names and text), to know a row again."""
    import hashlib
    import json

    return hashlib.sha256(json.dumps(values, sort_keys=True, ensure_ascii=False).encode("utf-8")).hexdigest()[:16]


class RunLock:
    """One run at a time on a results file (the command line and the window alike): an exclusive lock on
    a file beside it, released when the run ends or its process dies."""

    def __init__(self, path: Path, handle: object) -> None:
        self.path, self._handle = path, handle

    @staticmethod
    def take(results: Path) -> RunLock:
        import fcntl
        import os

        path = results.with_name(results.name + ".lock")
        handle = open(path, "a+", encoding="utf-8")  # noqa: SIM115 - held for the run
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            handle.seek(0)
            holder = handle.read().strip() or "another run"
            handle.close()
            raise DataError(f"{results.name} is being played by {holder}; wait for it to finish, or stop it") from None
        handle.seek(0)
        handle.truncate()
        handle.write(f"process {os.getpid()} since {finished_now()}")
        handle.flush()
        return RunLock(path, handle)

    def release(self) -> None:
        handle = self._handle
        self._handle = None
        if handle is not None:
            self.path.unlink(missing_ok=True)
            handle.close()  # type: ignore[attr-defined]
