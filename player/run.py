"""The one run path of the command line and the GUI: values once, play once or per data row, report and history once.

Every way of playing a recording comes through here, so they cannot drift apart:

1. ``resolve_values``: the values given (``--var``), then each secret from the
   environment or the keyring, then whatever is still missing from a person
   through ``ask`` (the command line prompts, the GUI shows one form). A data
   run asks only for secrets: its other values come from the data's columns.
2. ``play_once`` or ``play_rows``: the session is opened once (failing with the
   fix before the first step), then the routine plays once, or once per row.
3. ``finish``: the one place a report and its history line are written; a data
   run writes one per row, so its rows count in the time-saved figures.
"""

from __future__ import annotations

import logging
import threading
import time
import uuid
from collections.abc import Callable, Mapping
from contextlib import nullcontext
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from deskpilot.compliance import events
from deskpilot.compliance.policy import enforce_policy
from deskpilot.compliance.sealing import require_key
from deskpilot.errors import DataError
from deskpilot.format import LoadedRoutine
from deskpilot.model import Routine
from deskpilot.ports import Backend
from deskpilot.result import RunReport
from deskpilot.secrets import env_name, secret_value
from deskpilot.variables import missing_values
from deskpilot.player.batch import BatchListener, BatchSummary, row_of, run_batch
from deskpilot.player.batch_session import BatchRequest, Prepared
from deskpilot.player.history import RunEntry, history_file, record_run
from deskpilot.player.report import write_report
from deskpilot.player.runner import PlayerListener, PlayOptions

if TYPE_CHECKING:
    from deskpilot.player.session import Session

log = logging.getLogger(__name__)

Ask = Callable[[str, bool], str | None]  # (name, is it a secret) -> the value, or None: nobody answered
Lookup = Callable[[str, Path | None], str | None]  # a secret's stored value: deskpilot.secrets.secret_value
Opener = Callable[[Routine, PlayOptions, Backend | None], "Session"]  # player.session.open_session, or a fake


class ValueMissing(DataError):
    """A value the run needs that nobody gave: the message says how to give it."""

    def __init__(self, name: str, secret: bool, message: str) -> None:
        super().__init__(message)
        self.name, self.secret = name, secret


@dataclass(frozen=True)
class Question:
    name: str
    secret: bool  # typed without being shown, never written anywhere


@dataclass(frozen=True)
class Pending:
    """The values found without asking anyone, and what is still to be asked, in the order it will be."""

    known: dict[str, str]
    questions: tuple[Question, ...]
    where: str  # the routine file, for "variable 'x' has no value"

    def answered(self, ask: Ask) -> dict[str, str]:
        """Every value, asking ``ask`` once per question; the first unanswered one raises ``ValueMissing``."""
        values = dict(self.known)
        for q in self.questions:
            value = ask(q.name, q.secret)
            if value is None:
                raise ValueMissing(q.name, q.secret, _missing(q, self.where))
            values[q.name] = value
        return values


def look_up(routine: Routine, given: Mapping[str, str], *, rows: bool = False, where: Path | str | None = None,
            lookup: Lookup = secret_value) -> Pending:
    """What can be known without a person: given values, then each secret's stored value (looked up once).

    Secrets are asked first, as the command line always has; ``rows`` (a data run) asks for nothing else."""
    known = dict(given)
    questions: list[Question] = []
    for name in routine.secrets:
        if name in known:
            continue
        value = lookup(name, routine.folder)
        if value is None:
            questions.append(Question(name, True))
        else:
            known[name] = value
    if not rows:
        questions += [Question(n, False) for n in missing_values(routine, known) if n not in routine.secrets]
    file = where if where is not None else (routine.folder / "routine.yaml" if routine.folder else routine.name)
    return Pending(known, tuple(questions), str(file))


def resolve_values(routine: Routine, given: Mapping[str, str], ask: Ask, *, rows: bool = False,
                   where: Path | str | None = None, lookup: Lookup = secret_value) -> dict[str, str]:
    """Every value the run needs, or ``ValueMissing`` (a ``DataError``) for the first one nobody gave."""
    return look_up(routine, given, rows=rows, where=where, lookup=lookup).answered(ask)


def _missing(q: Question, where: str) -> str:
    if q.secret:
        return (f"secret '{q.name}' has no value: set {env_name(q.name)}, store it in the keyring for this "
                "recording (deskpilot secret set), or run in a terminal to be asked")
    return f"{where}: variable '{q.name}' has no value; give it with --var {q.name}=VALUE"


@dataclass(frozen=True, kw_only=True)
class Controls:
    """What another thread (the GUI's) may do to a run under way: plain Events the player checks."""

    stop: threading.Event = field(default_factory=threading.Event)
    pause_requested: threading.Event = field(default_factory=threading.Event)
    resume: threading.Event = field(default_factory=threading.Event)


@dataclass(frozen=True, kw_only=True)
class Finished:
    report: RunReport
    html: Path | None  # report.html, when the run had a report folder
    entry: RunEntry | None  # its history line; None without a recording folder, or when the history was unwritable


def allowed_to_run(routine: Routine) -> None:
    """Before the first key goes to the application: the operator role and any approval the policy requires
    (the GUI's runs come here too), and the data key when what the run writes must be sealed."""
    enforce_policy(routine.folder)
    require_key(f"the run of {routine.name}")


def finish(routine: Routine, report: RunReport, folder: Path | None, *, partial: bool = False,
           data_run: str | None = None, row: int | None = None) -> Finished:
    """The one place a run ends: its report on disk, then its line in the run history.

    The history is bookkeeping: when it cannot be written (a full disk, a read-only home) the run still counts
    and a data run goes on with its next row; the report, the evidence of what happened, is not optional."""
    html = write_report(report, folder)[1] if folder is not None else None
    entry = None
    if routine.folder is not None:
        try:
            entry = record_run(routine.folder, report, folder, partial=partial, data_run=data_run, row=row)
        except OSError as exc:
            log.warning("the run history %s could not be written: %s", history_file(), exc)
    return Finished(report=report, html=html, entry=entry)


def play_once(routine: Routine, values: Mapping[str, str], options: PlayOptions, *,
              listener: PlayerListener | None = None, controls: Controls | None = None,
              platform: Backend | None = None, opener: Opener | None = None, hotkey: bool = True) -> Finished:
    """Open the session (a ``DeskPilotError`` with the fix when the machine is not ready), play, finish.

    ``hotkey``: hold the global abort key for the run. The GUI's single runs are stopped through ``controls``
    (Esc in the window) or the fail-safe corner and have never held a global key; a data run always holds it."""
    allowed_to_run(routine)
    session = (opener or _open_session)(routine, options, platform)
    controls = controls or Controls()
    player = session.player
    player.listener, player.stop = listener, controls.stop
    player.pause_requested, player.resume = controls.pause_requested, controls.resume
    version = events.run_started(routine.folder, routine.name, secrets=routine.secrets)
    with session.abort_hotkey(controls.stop) if hotkey else nullcontext():
        report = player.run(dict(values))
    partial = options.start_at > 1 or options.stop_after is not None  # the person did the rest: no time saved
    finished = finish(routine, report, player.options.report_dir, partial=partial)
    events.run_ended(routine.folder, routine.name, version, outcome=report.outcome, seconds=report.seconds,
                     report=finished.html)
    return finished


def play_rows(loaded: LoadedRoutine, values: Mapping[str, str], options: PlayOptions, request: BatchRequest,
              prepared: Prepared, listener: BatchListener, *, stop: threading.Event | None = None,
              platform: Backend | None = None, opener: Opener | None = None,
              steps: PlayerListener | None = None) -> BatchSummary:
    """Open the session once, then play the prepared rows, each finished (report and history) as it ends.

    ``stop`` (or the abort hotkey) ends the current row; ``steps`` hears each row's steps start and finish (the
    GUI's run bar). Each attempt at a row is a run with its own report and
    history line, tagged with the row; only an attempt that did the whole job saves time. The results file is
    closed however this ends, so another run may play these rows."""
    routine = loaded.routine
    given = dict(values)
    try:
        allowed_to_run(routine)
        session = (opener or _open_session)(routine, options, platform)
        stop = stop or threading.Event()
        session.player.stop = stop
        base = options.report_dir
        data_run = uuid.uuid4().hex[:12]  # what the rows of this run share in the history and the audit trail
        version = events.run_started(routine.folder, routine.name, secrets=routine.secrets, data_run=data_run,
                                     data=request.data, rows=len(prepared.rows))
        started = time.monotonic()

        def play_row(row_values: dict[str, str], name: str, committing: Callable[[], None]) -> RunReport:
            row_options = replace(options, report_dir=base / name if base else None)
            player = session.player_for(routine, row_options)
            player.on_commit, player.listener = committing, steps
            report = player.run(row_values)
            finish(routine, report, row_options.report_dir, data_run=data_run, row=row_of(name))
            data = {k: v for k, v in row_values.items() if k not in routine.secrets and k not in given}
            events.row_done(routine.folder, routine.name, version, row=row_of(name), values=data,
                            outcome=report.outcome, data_run=data_run)
            return report

        def recover() -> RunReport:
            assert request.recovery is not None
            rec_options = replace(options, report_dir=base / "recovery" if base else None)
            return session.player_for(request.recovery.routine, rec_options).run({})

        outcome = "stopped"
        try:
            with session.abort_hotkey(stop):
                summary = run_batch(routine, prepared.rows, given=given, results=prepared.results, play_row=play_row,
                                    policy=request.policy, recover=recover if request.recovery else None,
                                    listener=listener)
            outcome = f"{summary.ok} ok, {summary.entered} entered, {summary.failed} failed of {summary.total}"
            return summary
        finally:
            events.run_ended(routine.folder, routine.name, version, outcome=outcome,
                             seconds=time.monotonic() - started, data_run=data_run)
    finally:
        prepared.results.close()


def _open_session(routine: Routine, options: PlayOptions, platform: Backend | None) -> Session:
    """The real machine's session, imported when a run starts: OCR and the platform stay unloaded until then."""
    from deskpilot.player.session import open_session

    return open_session(routine, options, platform)
