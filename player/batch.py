"""A data-driven run: the routine once per data row, each row's outcome on disk before the next starts.

The playing itself is injected (``play_row``), so this module is the policy only:
which values a row gets, what a failure does (stop, skip the row, or retry it
after a recovery routine), and that an aborted row is never written as finished,
so the next run resumes with it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Protocol

from deskpilot import model as m
from deskpilot.format.registry import reads
from deskpilot.batch import DataRow, ResultsFile, RowResult, row_values
from deskpilot.batch.results import row_fingerprint
from deskpilot.errors import DataError
from deskpilot.ports import Clock, SystemClock
from deskpilot.result import RunReport

# (values, a name for this attempt's report, what to call just before the saving step) -> report
PlayRow = Callable[[dict[str, str], str, Callable[[], None]], RunReport]
POLICIES = ("stop", "skip", "retry")


@dataclass(frozen=True)
class FailurePolicy:
    """What a failed row does to the run: ``stop`` it, ``skip`` to the next row, or ``retry`` it ``retries`` times."""

    mode: str = "stop"
    retries: int = 0

    @staticmethod
    def parse(text: str) -> FailurePolicy:
        """``stop``, ``skip``, ``retry`` (once) or ``retry:N``."""
        mode, _, count = text.strip().lower().partition(":")
        if mode not in POLICIES or (count and (mode != "retry" or not count.isdigit() or int(count) < 1)):
            raise DataError(f"failure policy {text!r}: use stop, skip, retry or retry:N (N = 1, 2, ...)")
        return FailurePolicy(mode, int(count or 1) if mode == "retry" else 0)


@dataclass
class BatchSummary:
    total: int  # rows picked for this run
    ok: int = 0  # done, and the application confirmed it
    entered: int = 0  # every step ran, but the routine has no check of the application's confirmation
    failed: int = 0
    attempts: int = 0
    stopped_at: int | None = None  # the row a "stop" policy ended the run on
    aborted_at: int | None = None  # the row the person aborted (not written: it runs again on resume)
    seconds: float = 0.0


class BatchListener(Protocol):
    def row_started(self, row: DataRow, attempt: int) -> None: ...

    def row_finished(self, result: RowResult, summary: BatchSummary) -> None: ...


def routine_id(routine: m.Routine) -> str:
    """A short fingerprint of what the routine types and presses, in order: results written by another routine
    are refused, while a harmless edit (a note, a timeout, an anchor picked again) keeps its results valid."""
    return hashlib.sha256(json.dumps(_inputs(routine.steps), ensure_ascii=False).encode("utf-8")).hexdigest()[:12]


def _inputs(steps: Iterable[m.Step]) -> list[object]:
    out: list[object] = []
    for step in steps:
        if isinstance(step, m.Type):
            out.append(["type", step.text, step.mode])
        elif isinstance(step, m.Press):
            out.append(["press", step.key, step.count])
        elif isinstance(step, m.Hotkey):
            out.append(["hotkey", list(step.keys)])
        elif isinstance(step, m.Click):
            out.append(["click", step.button, step.clicks, list(step.modifiers)])
        elif isinstance(step, (m.Drag, m.Scroll)):
            out.append([step.kind])
        elif isinstance(step, m.Call):
            out.append(["call", step.routine, sorted(step.with_values.items()),
                        _inputs(step.callee.steps) if step.callee else []])
        nested = getattr(step, "steps", None)
        if nested:
            out.append([step.kind, _inputs(nested)])
    return out


def read_names(steps: Iterable[m.Step]) -> list[str]:
    """Variables the routine reads off the screen, in order; each becomes a results column. The registry's
    answer, so what a called recording reads gets its column too."""
    return reads(steps)


def attempt_name(row: int, attempt: int) -> str:
    """``row-0007``, then ``row-0007-try2``: the name of one attempt at a row (its report folder)."""
    return f"row-{row:04d}" + (f"-try{attempt}" if attempt > 1 else "")


def row_of(name: str) -> int | None:
    """The row an ``attempt_name`` belongs to; None for any other name."""
    number, _, rest = name.removeprefix("row-").partition("-")
    if not name.startswith("row-") or not number.isdigit() or (rest and not rest.startswith("try")):
        return None
    return int(number)


def read_values(report: RunReport) -> dict[str, str]:
    return {name: value for step in report.steps for name, value in step.read.items()}


def run_batch(routine: m.Routine, rows: list[DataRow], *, given: dict[str, str], results: ResultsFile,
              play_row: PlayRow, policy: FailurePolicy, recover: Callable[[], RunReport] | None = None,
              listener: BatchListener | None = None, clock: Clock | None = None) -> BatchSummary:
    clock = clock or SystemClock()
    summary = BatchSummary(total=len(rows))
    t0 = clock.now()
    for row in rows:
        values = row_values(row, routine.variables, given)
        fingerprint = row_fingerprint(row.values)
        attempts = 1 + (policy.retries if policy.mode == "retry" else 0)
        started = clock.now()
        report: RunReport | None = None

        def committing(number: int = row.number, mark: str = fingerprint) -> None:
            results.write(RowResult(row=number, status="committing", fingerprint=mark))

        for attempt in range(1, attempts + 1):
            if listener:
                listener.row_started(row, attempt)
            summary.attempts += 1
            report = play_row(values, attempt_name(row.number, attempt), committing)
            if report.status in ("passed", "aborted") or report.committed or attempt == attempts:
                break  # a row that reached its saving step is never tried again: it may be saved already
            if recover is not None and recover().status == "aborted":
                report.status = "aborted"
                break
        assert report is not None
        passed = report.status == "passed"
        if report.status == "aborted" and not report.committed:
            summary.aborted_at = row.number  # not written: the same command plays it again
            break
        error = "" if passed else (report.error or report.status)
        if not passed and attempts > 1 and not report.committed:
            error = f"{error} (after {attempts} tries)"
        if passed:
            status = "ok" if report.confirmed is not False else "entered"
        elif report.committed:
            status = "uncertain"
            error = (f"{error}; it stopped during or after the step that saves, so the application may hold this "
                     f"row: check it, then play the row again with --rows {row.number} if it is not there")
        else:
            status = "failed"
        result = RowResult(row=row.number, status=status, error=error, seconds=round(clock.now() - started, 2),
                           values=read_values(report), fingerprint=fingerprint)
        results.write(result)  # on disk before the next row starts
        summary.ok += status == "ok"
        summary.entered += status == "entered"
        summary.failed += not passed
        if report.status == "aborted":
            summary.aborted_at = row.number
            break
        if listener:
            listener.row_finished(result, summary)
        if not passed and policy.mode == "stop":
            summary.stopped_at = row.number
            break
    summary.seconds = round(clock.now() - t0, 2)
    return summary
